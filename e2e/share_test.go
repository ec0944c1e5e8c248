package e2e

// Sharing: the Share panel writes links that carry the state after the #,
// and a link (ours or one in jwt.io's formats) restores it.
//
// The contract:
//
//   - [data-testid=share-open] toggles [data-testid=share-panel], which holds
//     the checkbox share-key (include the public key or the JWKS URL), the
//     checkbox share-secret (shown only when the key box holds a secret or a
//     private key; unticked by default, and again whenever the key
//     changes), the input share-link and the
//     button share-copy.
//   - The link is <origin><path>#token=…[&key=…][&enc=…][&jwks=…]: never a
//     query string, which would reach the server and its logs.
//   - Opening a link restores the token, key and encoding. #id_token= and
//     #access_token= are read too, and ?token=, which also shows
//     [data-testid=link-warning] and moves the token into the fragment.

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// shareView is what the Share panel shows.
type shareView struct {
	Found        bool   `json:"found"`
	PanelVisible bool   `json:"panelVisible"`
	Link         string `json:"link"`
	KeyChecked   bool   `json:"keyChecked"`
	KeyDisabled  bool   `json:"keyDisabled"`
	KeyLabel     string `json:"keyLabel"`
	// SecretShown is whether the share-secret checkbox is rendered.
	SecretShown   bool   `json:"secretShown"`
	SecretChecked bool   `json:"secretChecked"`
	CopyText      string `json:"copyText"`
	KeyBox        string `json:"keyBox"` // the value of key-input, for messages
	// Pending is how many calls to the token engine await an answer.
	Pending int `json:"pending"`
}

func (v shareView) String() string {
	return fmt.Sprintf("panel visible=%v\n  link: %s\n  share-key: checked=%v disabled=%v label=%q\n  share-secret: shown=%v checked=%v\n  share-copy: %q\n  key-input: %q",
		v.PanelVisible, v.Link, v.KeyChecked, v.KeyDisabled, v.KeyLabel, v.SecretShown, v.SecretChecked, v.CopyText, truncate(v.KeyBox, 80))
}

const readShareJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const panel = q("share-panel"), key = q("share-key"), secret = q("share-secret"),
		link = q("share-link"), copy = q("share-copy");
	if (!panel || !key || !secret || !link || !copy) return { found: false };
	const shown = (e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
	const label = document.getElementById("share-key-label");
	return {
		found: true,
		panelVisible: shown(panel),
		link: link.value,
		keyChecked: key.checked,
		keyDisabled: key.disabled,
		keyLabel: label ? label.textContent : "",
		secretShown: shown(secret),
		secretChecked: secret.checked,
		copyText: copy.textContent.trim(),
		keyBox: (q("key-input") || {}).value ?? "",
		pending: globalThis.jwtPlaygroundPending ?? 0,
	};
})()`

// readShare returns what the Share panel shows now.
func readShare(p *Page) shareView {
	p.t.Helper()
	v := mustEval[shareView](p, readShareJS)
	if !v.Found {
		p.t.Fatalf("the page lacks one of [data-testid=share-panel], share-key, share-secret, share-link, share-copy")
	}
	return v
}

// waitShare polls the Share panel until cond holds.
func waitShare(p *Page, desc string, cond func(shareView) bool) shareView {
	p.t.Helper()
	// The panel reads the key through the engine, asynchronously: it is
	// done only when no call is pending.
	v, ok, _ := poll(p, waitTimeout, func() (shareView, error) { return readShare(p), nil }, func(v shareView) bool { return v.Pending == 0 && cond(v) })
	if !ok {
		p.t.Fatal(p.timedOut(waitTimeout, "the Share panel to show "+desc, "the Share panel", v, nil))
	}
	return v
}

// userClick clicks the element with the data-testid as a user would, with the
// mouse, after scrolling it into view.
func userClick(p *Page, testID string) {
	p.t.Helper()
	sel := chromedp.CSS(fmt.Sprintf(`[data-testid=%q]`, testID))
	if err := p.do(waitTimeout, chromedp.ScrollIntoView(sel), chromedp.Click(sel, chromedp.NodeVisible)); err != nil {
		p.t.Fatalf("click [data-testid=%s]: %v", testID, err)
	}
}

// linkParams splits a share link into the part before the # and the
// parameters after it, decoded as URLSearchParams does.
func linkParams(t testing.TB, link string) (string, url.Values) {
	t.Helper()
	before, frag, ok := strings.Cut(link, "#")
	if !ok {
		t.Fatalf("the share link has no fragment: %s", link)
	}
	v, err := url.ParseQuery(frag)
	if err != nil {
		t.Fatalf("the fragment of the share link does not parse: %v\n%s", err, link)
	}
	return before, v
}

// checkLinkBase checks the part of the link before the #: the page's own
// address, with no query string.
func checkLinkBase(t testing.TB, link, want string) {
	t.Helper()
	before, _, _ := strings.Cut(link, "#")
	if strings.Contains(link, "?") {
		t.Errorf("the share link has a '?': a query string reaches the server and its log: %s", link)
	}
	if before != want {
		t.Errorf("the share link points to %q, want the page %q: %s", before, want, link)
	}
}

// grantClipboard lets the origin of pageURL use the clipboard in the
// browser context of ctx, so that Copy link can write it and the test can
// read it back.
func grantClipboard(t testing.TB, ctx context.Context, pageURL string) {
	t.Helper()
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	origin := u.Scheme + "://" + u.Host
	id := chromedp.FromContext(ctx).BrowserContextID
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission:       &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:          browser.PermissionSettingGranted,
			Origin:           origin,
			BrowserContextID: id,
		})
		if err != nil {
			t.Fatalf("grant %s to %s: %v", name, origin, err)
		}
	}
}

// TestShareLink builds links in the Share panel and opens them: the token
// goes in the fragment, a secret only when asked for, a public key when
// asked for without asking for secrets, and a link opens to the same token,
// key and result.
func TestShareLink(t *testing.T) {
	t.Parallel()
	bctx := newBrowserContext(t) // for the clipboard permission
	grantClipboard(t, bctx, baseURL)
	p := openAt(t, baseURL, atOptions{parent: bctx})

	// The sample: an HS256 token with its secret in the key box.
	sample := p.WaitFor("the sample token to verify", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	sampleSecret := sample.Key
	if sampleSecret == "" {
		t.Fatalf("the sample has no secret in key-input:\n%s", sample)
	}

	if v := readShare(p); v.PanelVisible {
		t.Errorf("share-panel is visible before share-open was clicked")
	}
	userClick(p, "share-open")
	v := waitShare(p, "the panel with a link", func(v shareView) bool { return v.PanelVisible && v.Link != "" })
	checkLinkBase(t, v.Link, baseURL)
	_, params := linkParams(t, v.Link)
	if got := params.Get("token"); got != sample.Token {
		t.Errorf("the link carries token %q, want the token in the box %q\nlink: %s", got, sample.Token, v.Link)
	}
	if !v.SecretShown {
		t.Errorf("share-secret is not shown although the key box holds a secret:\n  %s", v)
	}
	if v.SecretChecked {
		t.Errorf("share-secret is ticked by default: secrets must be shared only on request")
	}
	if params.Has("key") || strings.Contains(v.Link, sampleSecret) || strings.Contains(v.Link, url.QueryEscape(sampleSecret)) {
		t.Errorf("the link carries the secret although share-secret is not ticked: %s", v.Link)
	}

	// Ticking share-secret adds it.
	userClick(p, "share-secret")
	v = waitShare(p, "a link with the secret", func(v shareView) bool { return v.SecretChecked && strings.Contains(v.Link, "key=") })
	checkLinkBase(t, v.Link, baseURL)
	if _, params := linkParams(t, v.Link); params.Get("key") != sampleSecret || params.Get("token") != sample.Token || params.Has("enc") {
		t.Errorf("with share-secret ticked the link carries token=%q key=%q enc=%q, want the sample's token, its secret %q and no enc (UTF-8 is the default)\nlink: %s",
			params.Get("token"), params.Get("key"), params.Get("enc"), sampleSecret, v.Link)
	}

	// A secret in base64 adds its encoding.
	hsToken := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-share-base64", "name": "Grace Hopper"}, []byte(testSecret))
	b64Secret := base64.StdEncoding.EncodeToString([]byte(testSecret))
	p.SetToken(hsToken)
	p.SetEncoding("base64")
	p.SetKey(b64Secret)
	p.WaitStatus(hsToken, stateVerified)
	// The tick was consent to share the sample's secret, not this one.
	waitShare(p, "share-secret unticked for the new key", func(v shareView) bool { return !v.SecretChecked })
	userClick(p, "share-secret")
	v = waitShare(p, "a link with the base64 secret", func(v shareView) bool {
		_, params := linkParams(t, v.Link)
		return params.Get("token") == hsToken && params.Get("key") == b64Secret
	})
	secretLink := v.Link
	if _, params := linkParams(t, secretLink); params.Get("enc") != "base64" {
		t.Errorf("the link with a base64 secret carries enc=%q, want base64: %s", params.Get("enc"), secretLink)
	}

	// Unticking removes the secret and its encoding again.
	userClick(p, "share-secret")
	v = waitShare(p, "a link without the secret", func(v shareView) bool { return !v.SecretChecked })
	if _, params := linkParams(t, v.Link); params.Has("key") || params.Has("enc") || strings.Contains(v.Link, url.QueryEscape(b64Secret)) {
		t.Errorf("the link still carries the secret after share-secret was unticked: %s", v.Link)
	}

	// An RSA public key: share-secret goes away, share-key adds the key.
	rsaKey := testKey(t, "RS256")
	rsToken := sign(t, jwt.SigningMethodRS256, jwt.MapClaims{"sub": "e2e-share-rsa", "name": "Ada Lovelace"}, rsaKey.private)
	p.SetToken(rsToken)
	p.SetEncoding("utf8")
	p.SetKey(rsaKey.publicPEM)
	p.WaitStatus(rsToken, stateVerified)
	v = waitShare(p, "the panel for a public key", func(v shareView) bool {
		_, params := linkParams(t, v.Link)
		return params.Get("token") == rsToken
	})
	if v.SecretShown {
		t.Errorf("share-secret is shown although the key box holds a public key:\n  %s", v)
	}
	if v.KeyDisabled {
		t.Errorf("share-key is disabled although the key box holds a public key:\n  %s", v)
	}
	if _, params := linkParams(t, v.Link); params.Has("key") {
		t.Errorf("the link carries the public key before share-key was ticked: %s", v.Link)
	}
	userClick(p, "share-key")
	v = waitShare(p, "a link with the public key", func(v shareView) bool { return v.KeyChecked && strings.Contains(v.Link, "key=") })
	checkLinkBase(t, v.Link, baseURL)
	if _, params := linkParams(t, v.Link); params.Get("key") != rsaKey.publicPEM || params.Get("token") != rsToken {
		t.Errorf("with share-key ticked the link carries token=%q key=%q, want the RS256 token and the public key PEM %q\nlink: %s",
			params.Get("token"), params.Get("key"), rsaKey.publicPEM, v.Link)
	}
	if v.SecretChecked {
		t.Errorf("share-secret got ticked by ticking share-key")
	}
	publicLink := v.Link

	// Copy link puts the link on the clipboard.
	userClick(p, "share-copy")
	v = waitShare(p, "share-copy to report the copy", func(v shareView) bool { return v.CopyText != "Copy link" })
	copied := publicLink
	if v.CopyText != "Copied" {
		t.Errorf("share-copy says %q, want \"Copied\": the clipboard write failed although the test granted clipboard access", v.CopyText)
	} else {
		text, err := eval[string](p, `navigator.clipboard.readText()`)
		switch {
		case err != nil:
			t.Logf("the test cannot read the clipboard back (%v); it opens the link of share-link", err)
		case text != publicLink:
			t.Errorf("Copy link copied %q, want the link of share-link %q", text, publicLink)
		default:
			copied = text
		}
	}

	// The copied link opens to the same token and key, verified.
	q := openAt(t, copied, atOptions{parent: bctx})
	s := q.WaitStatus(rsToken, stateVerified)
	if s.Key != rsaKey.publicPEM {
		t.Errorf("the opened link has key-input %q, want the shared public key %q", s.Key, rsaKey.publicPEM)
	}
	checkNoLinkWarning(t, q)

	// So does the link with the base64 secret, with its encoding.
	r := openAt(t, secretLink, atOptions{parent: bctx})
	s = r.WaitStatus(hsToken, stateVerified)
	if s.Key != b64Secret || s.Encoding != "base64" {
		t.Errorf("the link with the secret opened with key-input %q (encoding %q), want %q (base64)", s.Key, s.Encoding, b64Secret)
	}
}

// checkNoLinkWarning checks that link-warning is hidden, as it must be for a
// token that came in the fragment.
func checkNoLinkWarning(t testing.TB, p *Page) {
	t.Helper()
	w := mustEval[errorBox](p, linkWarningJS)
	if !w.Found {
		t.Errorf("the page has no [data-testid=link-warning]")
	} else if w.Visible {
		t.Errorf("link-warning shows %q for a token in the fragment, which never reached the server", w.Text)
	}
}

const linkWarningJS = `(() => {
	const e = document.querySelector('[data-testid="link-warning"]');
	if (!e) return { found: false, text: "", hidden: false, visible: false };
	return { found: true, text: e.textContent.replace(/\s+/g, " ").trim(), hidden: e.hidden,
		visible: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
})()`

// pageLocation is where the page is, in parts.
type pageLocation struct {
	Href   string `json:"href"`
	Search string `json:"search"`
	Hash   string `json:"hash"`
}

// TestLinkFormats opens links in the formats of jwt.io and OAuth redirects:
// #id_token= and #access_token= load the token quietly; ?token= loads it
// too but warns, and moves it from the query string into the fragment.
func TestLinkFormats(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-link-formats", "name": "Katherine Johnson"}, []byte(testSecret))

	for _, name := range []string{"id_token", "access_token"} {
		t.Run("#"+name, func(t *testing.T) {
			t.Parallel()
			p := openAt(t, baseURL+"#"+name+"="+token, atOptions{})
			p.WaitFor("the token of the link in token-input", func(s State) bool { return s.Token == token && s.Status != stateEmpty })
			checkNoLinkWarning(t, p)
		})
	}

	t.Run("#token with jwks", func(t *testing.T) {
		t.Parallel()
		// Nothing listens on port 1: a fetch would fail, and the test
		// checks that none was made.
		jwksURL := "http://127.0.0.1:1/e2e/jwks.json"
		p := openAt(t, baseURL+"#"+url.Values{"token": {token}, "jwks": {jwksURL}}.Encode(), atOptions{})
		p.WaitFor("the token of the link in token-input", func(s State) bool { return s.Token == token && s.Status != stateEmpty })
		if got := mustEval[string](p, `document.querySelector('[data-testid="jwks-url"]')?.value ?? "(no jwks-url)"`); got != jwksURL {
			t.Errorf("jwks-url holds %q, want the link's %q", got, jwksURL)
		}
		p.Settle()
		if fetched := mustEval[[]string](p, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("127.0.0.1:1/"))`); len(fetched) > 0 {
			t.Errorf("opening a link with jwks= fetched %q; a link must fetch nothing until the user asks", fetched)
		}
		// The Share panel offers the URL back.
		userClick(p, "share-open")
		v := waitShare(p, "share-key for the JWKS URL", func(v shareView) bool { return v.PanelVisible && !v.KeyDisabled })
		if !strings.Contains(v.KeyLabel, "JWKS") {
			t.Errorf("share-key is labelled %q with a JWKS URL in the page, want it to name the JWKS URL", v.KeyLabel)
		}
		userClick(p, "share-key")
		v = waitShare(p, "a link with the JWKS URL", func(v shareView) bool { return v.KeyChecked && strings.Contains(v.Link, "jwks=") })
		if _, params := linkParams(t, v.Link); params.Get("jwks") != jwksURL || params.Get("token") != token {
			t.Errorf("the link carries token=%q jwks=%q, want %q and %q: %s", params.Get("token"), params.Get("jwks"), token, jwksURL, v.Link)
		}
	})

	for _, tc := range []struct {
		name, query string
		keep        string // the part of the query string that must stay
	}{
		{"?token", "?token=" + token, ""},
		{"?token with another parameter", "?lang=en&token=" + token, "?lang=en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := openAt(t, baseURL+tc.query, atOptions{})
			p.WaitFor("the token of the query string in token-input", func(s State) bool { return s.Token == token && s.Status != stateEmpty })
			w := mustEval[errorBox](p, linkWarningJS)
			if !w.shown() {
				t.Errorf("link-warning is %s for a token that came in the query string, want a visible warning", w)
			} else if !strings.Contains(w.Text, "?token=") && !strings.Contains(strings.ToLower(w.Text), "query") {
				t.Errorf("link-warning says %q, which does not name the query string", w.Text)
			}
			loc := mustEval[pageLocation](p, `({ href: location.href, search: location.search, hash: location.hash })`)
			if strings.Contains(loc.Search, token) || strings.Contains(loc.Search, "token=") {
				t.Errorf("location.search is still %q: the token was not moved out of the query string", loc.Search)
			}
			if loc.Search != tc.keep {
				t.Errorf("location.search is %q, want %q: only the token should leave the query string", loc.Search, tc.keep)
			}
			if _, params := linkParams(t, loc.Href); params.Get("token") != token {
				t.Errorf("location.hash is %q, want it to carry token=<the token>", loc.Hash)
			}
		})
	}
}

// bypassServiceWorker sends every request of the tab to the network, past
// any service worker, so that the server sees (and logs) all of them.
var bypassServiceWorker = chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
	_, err := cdp.Call(ctx, tab, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
	return err
})

// TestNoTokenInServerLog opens links with a token and a secret, in the
// fragment and in the query string, on a server that logs its requests, and
// checks that the log has the requests but neither the token, nor any of its
// segments, nor the secret.
func TestNoTokenInServerLog(t *testing.T) {
	t.Parallel()
	inst := startInstance(t, servedDir(t), false)
	bctx := newBrowserContext(t)

	secret := fmt.Sprintf("e2e-log-secret-%d-that-is-long-enough!", time.Now().UnixNano())
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-server-log", "name": "Hedy Lamarr"}, []byte(secret))
	frag := url.Values{"token": {token}, "key": {secret}}.Encode()

	setup := []chromedp.Action[chromedp.Void]{bypassServiceWorker}
	p := openAt(t, inst.url+"#"+frag, atOptions{parent: bctx, setup: setup})
	p.WaitStatus(token, stateVerified)
	q := openAt(t, inst.url+"?token="+token, atOptions{parent: bctx, setup: setup})
	q.WaitFor("the token of the query string in token-input", func(s State) bool { return s.Token == token && s.Status != stateEmpty })

	if err := inst.Stop(); err != nil {
		t.Fatalf("stop the server: %v", err)
	}
	text := inst.Log()
	reqs := parseLog(text)
	t.Logf("the server logged %d request(s) for %q", len(reqs), reqs.paths())

	// The log must be there, or its absence would pass the test.
	if n := reqs.count("/"); n < 2 {
		t.Errorf("the log has %d line(s) for GET /, want one for each of the two links:\n%s", n, text)
	}
	for _, asset := range []string{"/app.js", "/style.css", "/jwt.js", "/wasm_exec.js", "/playground.wasm"} {
		if reqs.count(asset) == 0 {
			t.Errorf("the log has no line for GET %s:\n%s", asset, text)
		}
	}

	leaks := map[string]string{"the token": token, "the secret": secret, "the escaped secret": url.QueryEscape(secret)}
	for i, seg := range strings.Split(token, ".") {
		leaks[fmt.Sprintf("segment %d of the token", i+1)] = seg
	}
	for what, s := range leaks {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("the server log holds %s (%s):\n%s", what, truncate(s, 40), text)
		}
	}
	for _, r := range reqs {
		if strings.ContainsAny(r.Path, "?#") || strings.Contains(r.Path, "token") {
			t.Errorf("the log has a line for %s %q, which holds a query or the word token", r.Method, r.Path)
		}
	}
}

// TestShareKeysWithSecrets puts keys that hold secret material, though
// they are not a lone secret or private key, in the key box: a JWKS with an
// oct key (an HMAC secret), a JWKS with a private EC key, and a PEM file with
// a certificate and its private key. The Share panel must treat them as
// secrets: share-secret offered, and the secret material in the link only
// when share-secret is ticked, never through "Include the public key".
func TestShareKeysWithSecrets(t *testing.T) {
	t.Parallel()
	ec := testKey(t, "ES256")
	priv, ok := ec.private.(*ecdsa.PrivateKey)
	if !ok {
		t.Fatalf("the ES256 test key is a %T", ec.private)
	}
	d, err := priv.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var pubJWK map[string]string
	if err := json.Unmarshal([]byte(ec.jwk), &pubJWK); err != nil {
		t.Fatal(err)
	}
	pubJWK["d"] = b64url.EncodeToString(d)
	privJWK, _ := json.Marshal(pubJWK)
	octSecret := b64url.EncodeToString([]byte(testSecret))
	// A certificate followed by its private key, as many servers keep
	// them in one PEM file.
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "e2e-share"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, priv.Public(), priv)
	if err != nil {
		t.Fatal(err)
	}
	privPEM := ec.privatePEM(t)
	bundle := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})) + privPEM
	privBody := strings.Split(strings.TrimSpace(privPEM), "\n")[1] // a line of the private key's base64

	for _, tc := range []struct {
		name, token, key string
		secret           string // the secret material, as the key box writes it
	}{
		{
			name:   "oct key in a JWKS",
			token:  sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-share-oct-jwks"}, []byte(testSecret)),
			key:    `{"keys":[{"kty":"oct","alg":"HS256","k":"` + octSecret + `"}]}`,
			secret: octSecret,
		},
		{
			name:   "private EC key in a JWKS",
			token:  sign(t, jwt.SigningMethodES256, jwt.MapClaims{"sub": "e2e-share-private-jwks"}, ec.private),
			key:    `{"keys":[` + string(privJWK) + `]}`,
			secret: pubJWK["d"],
		},
		{
			name:   "certificate and private key in one PEM",
			token:  sign(t, jwt.SigningMethodES256, jwt.MapClaims{"sub": "e2e-share-pem-bundle"}, ec.private),
			key:    bundle,
			secret: url.QueryEscape(privBody),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := openPlayground(t)
			p.SetKey(tc.key)
			p.SetToken(tc.token)
			p.WaitStatus(tc.token, stateVerified)
			userClick(p, "share-open")
			v := waitShare(p, "the panel for the token", func(v shareView) bool {
				_, params := linkParams(t, v.Link)
				return v.PanelVisible && params.Get("token") == tc.token
			})
			if !v.SecretShown {
				t.Errorf("share-secret is not offered although the key box holds secret material (%s):\n  %s", tc.name, v)
			}
			if strings.Contains(v.Link, tc.secret) {
				t.Errorf("the link carries the secret with nothing ticked: %s", v.Link)
			}
			if v.KeyDisabled {
				return
			}
			// "Include the public key" must not include secrets.
			userClick(p, "share-key")
			v = waitShare(p, "share-key ticked", func(v shareView) bool { return v.KeyChecked })
			if strings.Contains(v.Link, tc.secret) {
				t.Errorf("with only share-key (%q) ticked, the link carries the secret material of the key box (%s), without share-secret:\n  %s", v.KeyLabel, tc.name, v)
			}
		})
	}
}

// TestShareLinkInOpenTab follows a share link in a tab that already shows
// the playground, as when someone pastes a link into the address bar or
// clicks it on a page of the playground: only the fragment changes, so the
// browser does not load the page again, and the page itself must read the
// new link.
func TestShareLinkInOpenTab(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-share-open-tab", "name": "Barbara Liskov"}, []byte(testSecret))
	link := baseURL + "#" + url.Values{"token": {token}, "key": {testSecret}}.Encode()
	p := openPlayground(t)
	p.WaitFor("the sample token", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	mustEval[chromedp.Void](p, fmt.Sprintf(`window.e2eSameDocument = true; location.assign(%s)`, jsString(link)))
	deadline := time.Now().Add(waitTimeout)
	var s State
	for {
		s = p.State()
		if s.Token == token || time.Now().After(deadline) {
			break
		}
		p.sleep(pollInterval)
	}
	sameDocument, _ := eval[bool](p, `window.e2eSameDocument === true`)
	if s.Token != token {
		t.Fatalf("after following a share link in a tab with the playground open (same document: %v), the page still shows the old token: the page does not read a link whose fragment changes (no hashchange listener)\nthe page shows:\n%s", sameDocument, s)
	}
	p.WaitStatus(token, stateVerified)
}
