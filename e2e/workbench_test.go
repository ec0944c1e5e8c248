package e2e

// What the workbench audit of issue 13 found that a user would notice: a
// JSON error marked in the base64 that holds it, status lines that outlive
// their token or key, a secret typed in the wrong encoding, one rule for
// the key URLs a token names (jku and x5u), and a list of expected
// audiences. The generated JWKs' kid is checked in keys_test.go.

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// markJS reads the mark in token-view: its text and where it starts in the
// view's text, or null when nothing is marked.
const markJS = `(() => {
	const view = document.querySelector('[data-testid="token-view"]');
	const m = view && view.querySelector("mark");
	if (!m) return null;
	const r = document.createRange();
	r.setStart(view, 0);
	r.setEndBefore(m);
	return { text: m.textContent, at: r.toString().length, title: m.title };
})()`

type tokenMark struct {
	Text  string `json:"text"`
	At    int    `json:"at"`
	Title string `json:"title"`
}

// waitMark waits until token-view marks want at offset at of token.
func waitMark(t *testing.T, p *Page, token string, at, n int) tokenMark {
	t.Helper()
	want := tokenMark{Text: token[at : at+n], At: at}
	m, ok, err := poll(p, waitTimeout, func() (*tokenMark, error) { return eval[*tokenMark](p, markJS) }, func(m *tokenMark) bool {
		return m != nil && m.Text == want.Text && m.At == want.At
	})
	if !ok {
		t.Fatalf("token-view marks %+v (err %v), want %q at %d\n%s", m, err, want.Text, want.At, p.State())
	}
	return *m
}

// TestJSONErrorMark: a JSON error is marked where its byte is written, in
// the base64url of the token (byte o of a part's JSON is in its characters
// 4⌊o/3⌋ to 4⌊o/3⌋+3), not at the JSON offset counted into the token; and
// in an editor, on the line and column of the editor's text.
func TestJSONErrorMark(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	enc := func(s string) string { return b64url.EncodeToString([]byte(s)) }

	// The payload's x is byte 20 of {"sub":"1234567890",x}: characters 24
	// to 27 of the payload part hold bytes 18 to 20.
	header := enc(`{"alg":"HS256","typ":"JWT"}`)
	token := header + "." + enc(`{"sub":"1234567890",x}`) + ".c2ln"
	p.SetToken(token)
	m := waitMark(t, p, token, len(header)+1+24, 4)
	if !strings.Contains(m.Title, "byte 20") {
		t.Errorf("the mark's title is %q, want it to name the JSON's byte 20", m.Title)
	}

	// The header's x is byte 15 of {"alg":"HS256",x}: characters 20 to 22,
	// the last of its 23 (the old mark stood at character 15).
	token = enc(`{"alg":"HS256",x}`) + "." + enc(`{"sub":"1"}`) + ".c2ln"
	p.SetToken(token)
	waitMark(t, p, token, 20, 3)
	if s := p.State(); !strings.Contains(s.TokenError.Text, "offset 15") {
		t.Errorf("token-error says %s, want the JSON offset 15", s.TokenError)
	}

	// An editor's error shows the line and column in the editor's text,
	// counting characters where the core counts UTF-8 bytes.
	p.SetToken(signHS256(t, jwt.MapClaims{"sub": "1"}, "a-secret-of-at-least-32-bytes-long!!"))
	p.SetKey("a-secret-of-at-least-32-bytes-long!!")
	p.SetValue("payload-json", "{\n  \"née\": \"é\",\n  x\n}")
	at, ok, err := poll(p, waitTimeout, func() (string, error) {
		return eval[string](p, `(() => { const e = document.querySelector('[data-testid="payload-error-at"]'); return e && !e.hidden ? e.textContent + "|" + e.querySelector("mark").textContent : ""; })()`)
	}, func(s string) bool { return s != "" })
	if !ok {
		t.Fatalf("payload-error shows no line of the editor (err %v)\n%s", err, p.State())
	}
	if want := "Line 3, column 3:   x|x"; at != want {
		t.Errorf("payload-error-at reads %q, want %q", at, want)
	}
	// Fixed, the line goes with the error.
	p.SetValue("payload-json", `{"sub":"2"}`)
	p.WaitFor("payload-error cleared", func(s State) bool { return s.PayloadError.clear() })
	if shown := mustEval[bool](p, `!document.querySelector('[data-testid="payload-error-at"]').hidden`); shown {
		t.Errorf("payload-error-at still shows once the payload is JSON")
	}
}

// signHS256 signs claims with HS256 and secret.
func signHS256(t *testing.T, claims jwt.MapClaims, secret any) string {
	t.Helper()
	if s, ok := secret.(string); ok {
		secret = []byte(s)
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(secret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestStatusLinesGoStale: "Fetched 2 keys…" and a fetch error are about
// the token and key of their moment: another token, or another key, clears
// them.
func TestStatusLinesGoStale(t *testing.T) {
	t.Parallel()
	h := newKeyHost(t)
	token := signWithHeader(t, jwt.SigningMethodES256, map[string]any{"kid": "k1"}, freshClaims(nil), h.k1.private)
	other := signHS256(t, freshClaims(nil), "another-secret-of-at-least-32-bytes!")
	p := openPlayground(t)

	fetched := func() {
		t.Helper()
		p.SetToken(token)
		// The token's decode must be in before the click: a fetch the page
		// starts for an older token is rightly dropped.
		p.Settle()
		p.SetValue("jwks-url", h.base+"/jwks")
		clickTestID(p, "fetch-jwks")
		waitKeyPanel(p, "the JWKS fetched", fetchTimeout, func(k keyPanel) bool {
			return k.State.Token == token && k.State.Status == stateVerified && strings.HasPrefix(k.FetchStatus, "Fetched 2 keys")
		})
	}
	fetched()
	p.SetToken(other)
	waitKeyPanel(p, "fetch-status cleared by another token", waitTimeout, func(k keyPanel) bool {
		return k.State.Token == other && k.FetchStatus == ""
	})

	fetched()
	p.SetKey("a-key-typed-by-hand")
	waitKeyPanel(p, "fetch-status cleared by another key", waitTimeout, func(k keyPanel) bool {
		return k.State.Key == "a-key-typed-by-hand" && k.FetchStatus == ""
	})

	// The same token again (a re-render) keeps the line; another clears
	// an error too.
	fetched()
	p.SetToken(token)
	p.Settle()
	if k := mustKeyPanel(p); !strings.HasPrefix(k.FetchStatus, "Fetched 2 keys") {
		t.Errorf("fetch-status is %q after the same token was set again, want it kept", k.FetchStatus)
	}
	p.SetValue("jwks-url", h.base+"/notjson")
	clickTestID(p, "fetch-jwks")
	waitKeyPanel(p, "fetch-error for a document that is not JSON", fetchTimeout, func(k keyPanel) bool { return k.FetchError.shown() })
	p.SetToken(other)
	waitKeyPanel(p, "fetch-error cleared by another token", waitTimeout, func(k keyPanel) bool {
		return k.State.Token == other && k.FetchError.clear() && k.FetchStatus == ""
	})
}

// TestSecretEncodingHint: a secret typed in another encoding than it was
// written in fails, says which encoding matches, and offers it: a click
// reads the secret that way, and verifies.
func TestSecretEncodingHint(t *testing.T) {
	t.Parallel()
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		t.Fatal(err)
	}
	raw[0], raw[1] = 0xfb, 0xff // + and / in base64, never UTF-8
	token := signHS256(t, freshClaims(nil), raw)
	p := openPlayground(t)
	p.SetToken(token)
	p.SetEncoding("utf8")
	p.SetKey(base64.StdEncoding.EncodeToString(raw))
	s := p.WaitStatus(token, stateInvalidSignature)
	if !strings.Contains(s.StatusText, "read as base64 rather than UTF-8 text") {
		t.Errorf("verify-status says %q, want the hint that the secret matches as base64", s.StatusText)
	}
	offer := waitKeyPanel(p, "the offer of base64", waitTimeout, func(k keyPanel) bool { return k.EncodingOffer.shown() })
	if !strings.Contains(offer.EncodingOffer.Text, "Read the secret as base64") {
		t.Errorf("encoding-offer says %q, want it to offer base64", offer.EncodingOffer.Text)
	}
	clickTestID(p, "encoding-offer")
	s = p.WaitStatus(token, stateVerified)
	if s.Encoding != "base64" {
		t.Errorf("secret-encoding is %q after the offer, want base64", s.Encoding)
	}
	if k := mustKeyPanel(p); k.EncodingOffer.shown() {
		t.Errorf("encoding-offer still shows %q once the token verifies", k.EncodingOffer.Text)
	}
}

// keyURLHost serves, with CORS, a JWKS of one EC key (kid k1) at /jwks and
// a self-signed certificate of it at /cert.pem.
func keyURLHost(t *testing.T, k keyPair) string {
	t.Helper()
	jwk, err := jwkMembers(k.public)
	if err != nil {
		t.Fatal(err)
	}
	jwk["kid"] = "k1"
	jwks := mustMarshalJWKS(t, jwk)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(5),
		Subject:      pkix.Name{CommonName: "e2e x5u"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.public, k.private)
	if err != nil {
		t.Fatal(err)
	}
	cert := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch r.URL.Path {
		case "/jwks":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, jwks)
		case "/cert.pem":
			w.Header().Set("Content-Type", "application/x-pem-file")
			fmt.Fprint(w, cert)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestKeyURLRule: jku and x5u follow one rule, the core's for every key
// URL: https, or http on this machine (localhost, 127.0.0.1). Both fetch
// over http from 127.0.0.1, and both refuse http elsewhere in the same
// words, without fetching.
func TestKeyURLRule(t *testing.T) {
	t.Parallel()
	k := testKey(t, "ES256")
	base := keyURLHost(t, k)
	for _, c := range []struct{ member, path, button string }{{"jku", "/jwks", "fetch-jku"}, {"x5u", "/cert.pem", "fetch-x5u"}} {
		t.Run(c.member, func(t *testing.T) {
			t.Parallel()
			p := openPlayground(t)
			token := signWithHeader(t, jwt.SigningMethodES256, map[string]any{"kid": "k1", c.member: base + c.path}, freshClaims(nil), k.private)
			p.SetToken(token)
			waitCarried(t, p, token, c.button)
			clickTestID(p, c.button)
			waitCarriedVerified(t, p, token)

			remote := "http://keys.example" + c.path
			token = signWithHeader(t, jwt.SigningMethodES256, map[string]any{"kid": "k1", c.member: remote}, freshClaims(nil), k.private)
			p.SetToken(token)
			p.SetKey("")
			waitCarried(t, p, token, c.button)
			clickTestID(p, c.button)
			kp := waitKeyPanel(p, "fetch-error for "+remote, fetchTimeout, func(k keyPanel) bool { return k.FetchError.shown() })
			if want := "must use https (http is allowed only for localhost and 127.0.0.1)"; !strings.Contains(kp.FetchError.Text, want) {
				t.Errorf("fetch-error says %q for the %s %s, want %q", kp.FetchError.Text, c.member, remote, want)
			}
		})
	}
}

// TestAudienceList: the expected audience field takes a list, separated by
// commas or spaces; the token's aud must hold one of them.
func TestAudienceList(t *testing.T) {
	t.Parallel()
	const secret = "a-secret-of-at-least-32-bytes-long!!"
	token := signHS256(t, freshClaims(jwt.MapClaims{"aud": "api"}), secret)
	p := openPlayground(t)
	p.SetToken(token)
	p.SetKey(secret)
	p.WaitStatus(token, stateVerified)
	for _, c := range []struct{ field, want string }{
		{"web, api", stateVerified},
		{"web api", stateVerified},
		{"web, cli", "claims-invalid"},
		{"api", stateVerified},
	} {
		p.SetValue("check-audience", c.field)
		s := p.WaitFor(fmt.Sprintf("data-state %s with the expected audience %q", c.want, c.field), func(s State) bool {
			return s.Token == token && s.Status == c.want
		})
		if c.want != stateVerified && !strings.Contains(s.StatusText, `"web" or "cli"`) {
			t.Errorf("verify-status says %q, want it to name both expected audiences", s.StatusText)
		}
	}
}
