package e2e

// Provenance: the badge says where the key came from, and never calls a
// signature "verified" when the key came with the link, the token or an
// embedding page; the Share panel's consent to include a secret covers
// only the key it was given for; a #key= read from a link leaves the
// address bar and the history.
//
// The contract:
//
//   - A key from a link (#key=) or an embedding page (key attribute,
//     embed.html's #key=) makes a matching signature read "Signature
//     matches the key from the link — not proof of who signed", and the
//     badge's detail says "Key from the link…" and why it proves nothing.
//     Editing the key by hand makes it the reader's own: "Signature
//     verified".
//   - A key read from a certificate is labelled "not validated: no chain
//     or expiry is checked".
//   - After the page reads #key=, location.hash holds no key, in the entry
//     the link made too.
//   - share-secret unticks whenever the key (or its encoding) changes.

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// badge is the verify-status badge's title and detail.
type badge struct {
	State  string `json:"state"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

func readBadge(p *Page) badge {
	p.t.Helper()
	return mustEval[badge](p, `(() => {
		const s = document.getElementById("verify-status");
		return { state: s.dataset.state ?? "", title: s.querySelector(".status-title").textContent,
			detail: s.querySelector(".status-detail").textContent };
	})()`)
}

// waitBadge polls the badge until cond holds.
func waitBadge(p *Page, desc string, cond func(badge) bool) badge {
	p.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		b := readBadge(p)
		if cond(b) {
			return b
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for the badge to show %s; it shows %+v", desc, b)
		}
		p.sleep(pollInterval)
	}
}

// selfSignedCert makes what anyone can make in a moment: a certificate
// naming cn, signed by its own key.
func selfSignedCert(t *testing.T, priv *ecdsa.PrivateKey, cn string) string {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(12), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, priv.Public(), priv)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// TestLinkCertificateIsNotTrusted opens the attack of issue 12: a link
// carrying a token and a self-signed certificate for accounts.google.com.
func TestLinkCertificateIsNotTrusted(t *testing.T) {
	t.Parallel()
	priv, ok := testKey(t, "ES256").private.(*ecdsa.PrivateKey)
	if !ok {
		t.Fatal("the ES256 test key is not an *ecdsa.PrivateKey")
	}
	cert := selfSignedCert(t, priv, "accounts.google.com")
	token := sign(t, jwt.SigningMethodES256, freshClaims(jwt.MapClaims{"iss": "https://accounts.google.com", "sub": "e2e-link-cert"}), priv)
	link := baseURL + "#" + url.Values{"token": {token}, "key": {cert}}.Encode()

	p := openAt(t, link, atOptions{})
	p.WaitStatus(token, stateVerified)
	b := waitBadge(p, "the link key's words", func(b badge) bool { return b.Title != "" })
	if strings.HasPrefix(b.Title, "Signature verified") || !strings.Contains(b.Title, "not proof of who signed") {
		t.Errorf("the badge's title is %q for a key from the link, want \"Signature matches the key from the link — not proof of who signed\"", b.Title)
	}
	for _, want := range []string{"Key from the link", "proves nothing about who signed", `"accounts.google.com"`, "not validated: no chain or expiry is checked"} {
		if !strings.Contains(b.Detail, want) {
			t.Errorf("the badge's detail is %q, want it to say %q", b.Detail, want)
		}
	}
	checkNoKeyInAddress(t, p, token)
	if k := mustKeyPanel(p); !strings.Contains(k.Info.Text, "not validated: no chain or expiry is checked") {
		t.Errorf("key-info says %s for a certificate, want it said to be not validated", k.Info)
	}

	// Editing the key by hand makes it the reader's own.
	p.SetKey(cert + "\n")
	b = waitBadge(p, "a typed key's words", func(b badge) bool { return b.Title == "Signature verified" })
	if !strings.Contains(b.Detail, "not validated: no chain or expiry is checked") || strings.Contains(b.Detail, "Key from the link") {
		t.Errorf("with the certificate typed in, the badge's detail is %q, want the certificate said to be not validated, and nothing about a link", b.Detail)
	}

	// A second link opened in the same tab makes a history entry of its
	// own: neither it nor the first may keep the key.
	second := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-link-second"}), []byte(testSecret))
	mustEval[chromedp.Void](p, fmt.Sprintf(`location.assign(%s)`, jsString(baseURL+"#"+url.Values{"token": {second}, "key": {testSecret}}.Encode())))
	p.WaitStatus(second, stateVerified)
	if b := readBadge(p); b.Title == "Signature verified" {
		t.Errorf("a secret from a link reads %q, want it not called verified", b.Title)
	}
	checkNoKeyInAddress(t, p, second)
	mustEval[chromedp.Void](p, `history.back()`)
	p.WaitFor("the first link's token after Back", func(s State) bool { return s.Token == token })
	checkNoKeyInAddress(t, p, token)
	mustEval[chromedp.Void](p, `history.forward()`)
	p.WaitFor("the second link's token after Forward", func(s State) bool { return s.Token == second })
	checkNoKeyInAddress(t, p, second)
}

// checkNoKeyInAddress checks that the address holds the token but no key.
func checkNoKeyInAddress(t *testing.T, p *Page, token string) {
	t.Helper()
	var hash string
	deadline := time.Now().Add(waitTimeout)
	for {
		hash = mustEval[string](p, `location.hash`)
		params, _ := url.ParseQuery(strings.TrimPrefix(hash, "#"))
		if !params.Has("key") && params.Get("token") == token {
			return
		}
		if time.Now().After(deadline) {
			break
		}
		p.sleep(pollInterval)
	}
	t.Errorf("the address bar's fragment is %q, want the token without the key", truncate(hash, 200))
}

// TestShareConsentFollowsTheKey ticks "include the secret" for one key,
// then changes the key: the tick must not cover the new one.
func TestShareConsentFollowsTheKey(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	p.WaitFor("the sample token to be verified", func(s State) bool { return s.Status == stateVerified })
	userClick(p, "share-open")
	waitShare(p, "the secret offered", func(v shareView) bool { return v.PanelVisible && v.SecretShown })

	tick := func(what string) {
		t.Helper()
		userClick(p, "share-secret")
		waitShare(p, "the secret in the link "+what, func(v shareView) bool {
			_, params := linkParams(t, v.Link)
			return v.SecretChecked && params.Get("key") == v.KeyBox
		})
	}
	const next = "a-second-secret-pasted-after-consent-was-given"
	for _, change := range []struct {
		name string
		do   func()
	}{
		{"a new secret typed", func() { p.SetKey(next) }},
		{"another encoding", func() { p.SetEncoding("base64url") }},
	} {
		tick("before " + change.name)
		change.do()
		v := waitShare(p, "share-secret unticked after "+change.name, func(v shareView) bool { return !v.SecretChecked })
		if _, params := linkParams(t, v.Link); params.Has("key") {
			t.Errorf("after %s, the link still carries a key no one agreed to share:\n  %s", change.name, v)
		}
	}

	// With the panel closed, the key changes, and the panel opens again.
	p.SetEncoding("utf8")
	tick("before closing the panel")
	userClick(p, "share-open")
	p.SetKey(next + "-third")
	userClick(p, "share-open")
	v := waitShare(p, "the panel open again", func(v shareView) bool { return v.PanelVisible })
	if _, params := linkParams(t, v.Link); v.SecretChecked || params.Has("key") {
		t.Errorf("a tick given before the panel closed covers the key pasted while it was closed:\n  %s", v)
	}
}

// TestEmbedKeyFromThePage opens embed.html with a #key=, as a docs page
// frames it: a match is not proof of who signed until the reader types.
func TestEmbedKeyFromThePage(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-embed-key"}), []byte(testSecret))
	p := openAt(t, baseURL+"embed.html#"+url.Values{"token": {token}, "key": {testSecret}}.Encode(), atOptions{other: true})
	read := func() (embedView, error) { return eval[embedView](p, readEmbedJS+`("jwt-playground")`) }
	v := waitEmbed(t, p, "embed.html with a #key=", read, "verified")
	if strings.HasPrefix(v.StatusText, "Signature verified") || !strings.Contains(v.StatusText, "not proof of who signed") || !strings.Contains(v.StatusText, "Key from the link or page") {
		t.Errorf("embed.html says %q for a key the page gave, want it said to be no proof of who signed", v.StatusText)
	}
	mustEval[chromedp.Void](p, `(() => {
		const key = document.querySelector("jwt-playground").shadowRoot.querySelector("[data-testid=embed-key]");
		key.value = key.value.trim();
		key.dispatchEvent(new Event("input", { bubbles: true }));
	})()`)
	deadline := time.Now().Add(embedTimeout)
	for v.StatusText != "Signature verified" && time.Now().Before(deadline) {
		p.sleep(pollInterval)
		v, _ = read()
	}
	if v.StatusText != "Signature verified" {
		t.Errorf("after the reader edits the key, embed.html says %q, want \"Signature verified\"", v.StatusText)
	}
}
