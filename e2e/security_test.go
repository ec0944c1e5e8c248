package e2e

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"
)

// TestTamperedPayload changes one character in the middle of the payload of a
// verified token, keeping it valid base64url and valid JSON, so that only the
// signature can catch it.
func TestTamperedPayload(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "e2e-tamper", "name": "Ada Lovelace", "role": "an-ordinary-user-with-a-long-role-name",
	}, []byte(testSecret))
	tampered := tamperPayload(t, token)

	p := openPlayground(t)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)

	p.SetToken(tampered)
	s := p.WaitStatus(tampered, stateInvalidSignature)
	got, err := jsonObject(s.Payload)
	if err != nil {
		t.Fatalf("payload-json of the tampered token is not JSON: %v\n%s", err, s.Payload)
	}
	if want := segment(t, tampered, 1); !jsonEqualValues(got, want) {
		t.Errorf("payload-json shows %v, want the tampered payload %v", got, want)
	}
}

// tamperPayload changes one base64url character near the middle of the
// payload so that it still decodes to a JSON object, and fails the test if
// no such change exists.
func tamperPayload(t testing.TB, token string) string {
	t.Helper()
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	parts := strings.Split(token, ".")
	seg := parts[1]
	mid := len(seg) / 2
	// Stay away from the last character, whose spare bits a strict decoder
	// checks.
	for off := 0; off < mid; off++ {
		for _, i := range []int{mid - off, mid + off} {
			if i <= 0 || i >= len(seg)-1 {
				continue
			}
			for _, c := range []byte(alphabet) {
				if c == seg[i] {
					continue
				}
				cand := seg[:i] + string(c) + seg[i+1:]
				raw, err := b64url.DecodeString(cand)
				if err != nil || !utf8.Valid(raw) {
					continue
				}
				if _, err := jsonObject(string(raw)); err != nil {
					continue
				}
				return parts[0] + "." + cand + "." + parts[2]
			}
		}
	}
	t.Fatalf("found no one-character change of the payload of %s that stays valid JSON", token)
	return ""
}

// jsonEqualValues compares two decoded JSON objects.
func jsonEqualValues(a, b map[string]any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// xssProbe reports whether markup from a token ran or was inserted. An
// injected <img src=x> fails to load; the probe loads the same URL and waits
// for it to fail too, so that the injected onerror has had its turn.
const xssProbe = `(async () => {
	await new Promise((resolve) => { const img = new Image(); img.onload = img.onerror = resolve; img.src = "x"; });
	await new Promise((resolve) => setTimeout(resolve, 0));
	const html = (e) => e.outerHTML.slice(0, 200);
	return {
		xss: typeof window.__xss === "undefined" ? "" : String(window.__xss),
		injected: [...document.querySelectorAll("img[src=x], script:not([src])")].map(html),
		handlers: [...document.querySelectorAll("*")]
			.filter((e) => [...e.attributes].some((a) => a.name.startsWith("on") && a.value.includes("__xss")))
			.map(html),
		jsURLs: [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]')]
			.map(html),
	};
})()`

// xssResult is what xssProbe returns.
type xssResult struct {
	XSS      string   `json:"xss"`
	Injected []string `json:"injected"`
	Handlers []string `json:"handlers"`
	JSURLs   []string `json:"jsURLs"`
}

// checkNoXSS runs xssProbe after the page settled and fails on any finding.
func checkNoXSS(t *testing.T, p *Page, when string) {
	t.Helper()
	p.Settle()
	r := mustEval[xssResult](p, xssProbe)
	if r.XSS != "" {
		t.Errorf("%s: window.__xss = %s: markup from the token ran", when, r.XSS)
	}
	if len(r.Injected) > 0 {
		t.Errorf("%s: the page has elements from the token: %q", when, r.Injected)
	}
	if len(r.Handlers) > 0 {
		t.Errorf("%s: the page has event handler attributes from the token: %q", when, r.Handlers)
	}
	if len(r.JSURLs) > 0 {
		t.Errorf("%s: the page has javascript: URLs: %q", when, r.JSURLs)
	}
}

// TestXSS puts markup into the header and the claims (values and a key) of a
// verified token, into a malformed token and into a key: none of it may run or
// become elements, and the JSON views show the text as it is.
func TestXSS(t *testing.T) {
	t.Parallel()
	const (
		img    = `<img src=x onerror="window.__xss=1">`
		script = `<script>window.__xss=2</script>`
		jsURL  = `javascript:window.__xss=3`
	)
	header := mustMarshalNoEscape(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": img})
	claims := map[string]any{"sub": "e2e-xss", "name": img, "bio": script, "website": jsURL, "picture": jsURL, script: img}
	payload := mustMarshalNoEscape(t, claims)
	token := hs256(header, payload, []byte(testSecret))

	p := openPlayground(t)
	p.SetKey(testSecret)
	p.SetToken(token)
	s := p.WaitStatus(token, stateVerified)
	checkNoXSS(t, p, "after pasting the token")

	got, err := jsonObject(s.Payload)
	if err != nil {
		t.Fatalf("payload-json is not JSON: %v\n%s", err, s.Payload)
	}
	if want := mustJSONObject(t, claims); !jsonEqualValues(got, want) {
		t.Errorf("payload-json shows %v, want %v", got, want)
	}
	// The text must be there as typed, not HTML-escaped (&lt;) nor
	// JSON-escaped (\u003c); only the quotes of a JSON string are escaped.
	for _, text := range []string{script, jsURL, `<img src=x onerror=\"window.__xss=1\">`} {
		if !strings.Contains(s.Payload, text) {
			t.Errorf("payload-json does not show %s literally:\n%s", text, s.Payload)
		}
	}
	if !strings.Contains(s.Header, `<img src=x onerror=\"window.__xss=1\">`) {
		t.Errorf("header-json does not show the kid literally:\n%s", s.Header)
	}

	garbage := `<script>window.__xss=5</script>.<img src=x onerror="window.__xss=4">.x`
	p.SetToken(garbage)
	p.WaitStatus(garbage, stateMalformed)
	checkNoXSS(t, p, "after pasting a malformed token made of markup")

	k := testKey(t, "ES256")
	es := sign(t, k.method, jwt.MapClaims{"sub": "e2e-xss-key"}, k.private)
	p.SetToken(es)
	p.SetKey(`{"kty":"<img src=x onerror=\"window.__xss=6\">","crv":"<script>window.__xss=7</script>"}`)
	p.WaitStatus(es, stateKeyError)
	checkNoXSS(t, p, "after a JWK made of markup")
}

// mustMarshalNoEscape marshals v without Go's HTML escaping, so that the
// token carries the markup as raw bytes, as an attacker would send it.
func mustMarshalNoEscape(t testing.TB, v any) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestAlgNone pastes unsecured tokens. alg none is shown as unsecured and is
// never verified, whatever the key box holds; look-alikes of none and
// a signature glued onto an alg none token are not verified either.
func TestAlgNone(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)

	// The exact form of the contract: {"alg":"none"}, and an empty signature.
	plain := "eyJhbGciOiJub25lIn0." + b64url.EncodeToString([]byte(`{"sub":"e2e-none","admin":true}`)) + "."
	p.SetToken(plain)
	s := p.WaitStatus(plain, stateUnsecured)
	if !strings.Contains(s.Payload, "e2e-none") {
		t.Errorf("payload-json does not show the claims of the alg none token:\n%s", s.Payload)
	}
	for _, key := range []string{"", testSecret, testKey(t, "ES256").publicPEM} {
		p.SetKey(key)
		p.Settle()
		if s := p.State(); s.Status != stateUnsecured {
			t.Errorf("with key %q, the alg none token has data-state %q, want unsecured\n%s", truncate(key, 40), s.Status, s)
		}
	}

	p.SetKey(testSecret)
	typed := unsigned(`{"alg":"none","typ":"JWT"}`, `{"sub":"e2e-none-typ"}`)
	p.SetToken(typed)
	p.WaitStatus(typed, stateUnsecured)

	// A signature over header.payload with the secret in the key box, glued
	// onto an alg none token: an HS256 fallback would take it.
	input := strings.TrimSuffix(unsigned(`{"alg":"none"}`, `{"sub":"e2e-none-signed"}`), ".")
	mac := hmac.New(sha256.New, []byte(testSecret))
	mac.Write([]byte(input))
	glued := input + "." + b64url.EncodeToString(mac.Sum(nil))

	for _, tc := range []struct{ name, token, sub string }{
		{"alg None", unsigned(`{"alg":"None"}`, `{"sub":"e2e-none-1"}`), "e2e-none-1"},
		{"alg NONE", unsigned(`{"alg":"NONE"}`, `{"sub":"e2e-none-2"}`), "e2e-none-2"},
		{"alg none with an HMAC signature", glued, "e2e-none-signed"},
		{"HS256 with the signature stripped", unsigned(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"e2e-none-3"}`), "e2e-none-3"},
	} {
		p.SetToken(tc.token)
		p.WaitFor(tc.name+": decoded and not verified", func(s State) bool {
			return s.Token == tc.token && (strings.Contains(s.Payload, tc.sub) || s.Status == stateMalformed) &&
				s.Status != "" && s.Status != stateVerified
		})
		p.Settle()
		if s := p.State(); s.Status == stateVerified {
			t.Errorf("%s: the page says verified\n%s", tc.name, s)
		}
	}
}

// TestPublicKeyAsHMACSecret is the algorithm confusion attack: an HS256
// token signed with the text of a public key as the HMAC secret. A public key
// in the key box must not verify it as a secret.
func TestPublicKeyAsHMACSecret(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	for _, alg := range []string{"RS256", "ES256"} {
		k := testKey(t, alg)
		for _, key := range []struct{ form, text string }{{"PEM", k.publicPEM}, {"JWK", k.jwk}} {
			sub := "e2e-confusion-" + alg + "-" + key.form
			token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": sub}, []byte(key.text))
			p.SetKey(key.text)
			p.SetToken(token)
			p.WaitFor("an HS256 token signed with the "+alg+" public "+key.form+" text not to verify", func(s State) bool {
				return s.Token == token && strings.Contains(s.Payload, sub) && s.Status != "" && s.Status != stateVerified
			})
			p.Settle()
			if s := p.State(); s.Status == stateVerified {
				t.Errorf("%s public %s as an HMAC secret: the page says verified\n%s", alg, key.form, s)
			}
		}
	}
}
