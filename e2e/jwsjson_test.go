package e2e

// The JWS JSON serialization (RFC 7515 §7.2, issue 15).
//
// The contract:
//
//   - A JWS JSON pasted in the token box (general or flattened) is read by
//     the core's decode and verify; [data-testid=jwsjson-panel] shows the
//     payload once ([data-testid=jwsjson-payload]) and each signature
//     ([data-testid=jwsjson-signature]) with its protected header and its
//     unprotected header, marked as not signed, and its own verdict
//     ([data-testid=jwsjson-verdict], data-status the core's status:
//     verified, invalid, no_key, key_mismatch, refused).
//   - The badge says "Signature verified" only when the signature the key
//     fits verifies, and names it; a changed payload verifies none.
//   - A raw HTTP request with a JWS JSON body (ACME) is cut down to the JWS.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// jwsJSONView is what the JWS JSON panel shows.
type jwsJSONView struct {
	Visible     bool     `json:"visible"`
	Form        string   `json:"form"`
	Payload     string   `json:"payload"`
	Titles      []string `json:"titles"`
	Statuses    []string `json:"statuses"`
	Verdicts    []string `json:"verdicts"`
	Unprotected []string `json:"unprotected"`
	Images      int      `json:"images"`
}

func (v jwsJSONView) String() string {
	return fmt.Sprintf("visible=%v form=%q payload=%q\n  titles %q\n  statuses %q\n  verdicts %q\n  unprotected %q", v.Visible, v.Form, v.Payload, v.Titles, v.Statuses, v.Verdicts, v.Unprotected)
}

const readJWSJSONJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const text = (e) => e ? e.textContent.replace(/\s+/g, " ").trim() : "";
	const sigs = [...document.querySelectorAll('[data-testid="jwsjson-signature"]')];
	const panel = q("jwsjson-panel");
	return {
		visible: !!panel && panel.checkVisibility({ visibilityProperty: true }),
		form: text(q("jwsjson-form")),
		payload: text(q("jwsjson-payload")),
		titles: sigs.map((s) => text(s.querySelector("h3"))),
		statuses: sigs.map((s) => s.querySelector('[data-testid="jwsjson-verdict"]').dataset.status),
		verdicts: sigs.map((s) => text(s.querySelector('[data-testid="jwsjson-verdict"]'))),
		unprotected: sigs.map((s) => text(s.querySelector('[data-kind="unprotected"]'))),
		images: panel ? panel.querySelectorAll("img").length : -1,
	};
})()`

func waitJWSJSON(t *testing.T, p *Page, desc string, cond func(jwsJSONView) bool) jwsJSONView {
	t.Helper()
	v, ok, err := poll(p, waitTimeout, func() (jwsJSONView, error) { return eval[jwsJSONView](p, readJWSJSONJS) }, cond)
	if !ok {
		t.Fatal(p.timedOut(waitTimeout, desc, "the JWS JSON panel", v, err))
	}
	return v
}

// jwsJSONSignature signs the payload segment under protected (raw JSON)
// and returns the signature's object, with unprotected as its header.
func jwsJSONSignature(t testing.TB, k keyPair, protected, unprotected, payload string) map[string]any {
	t.Helper()
	prot := b64url.EncodeToString([]byte(protected))
	sig, err := k.method.Sign(prot+"."+payload, k.private)
	if err != nil {
		t.Fatalf("sign %s: %v", k.alg, err)
	}
	s := map[string]any{"protected": prot, "signature": b64url.EncodeToString(sig)}
	if unprotected != "" {
		s["header"] = json.RawMessage(unprotected)
	}
	return s
}

// twoSignatureJWS is a general JWS JSON of claims signed with RS256 (kid
// in the unprotected header) and ES256 (kid protected).
func twoSignatureJWS(t testing.TB, claims string) string {
	t.Helper()
	payload := b64url.EncodeToString([]byte(claims))
	b, err := json.Marshal(map[string]any{
		"payload": payload,
		"signatures": []any{
			jwsJSONSignature(t, testKey(t, "RS256"), `{"alg":"RS256"}`, `{"kid":"rsa-1"}`, payload),
			jwsJSONSignature(t, testKey(t, "ES256"), `{"alg":"ES256","kid":"ec-1"}`, "", payload),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// jwksOf is a JWKS of one public JWK, given a kid.
func jwksOf(jwk, kid string) string {
	return `{"keys":[` + strings.TrimSuffix(jwk, "}") + `,"kid":"` + kid + `"}]}`
}

// TestJWSJSONTwoSignatures: RS256 and ES256 over one payload. The RSA key
// verifies the RS256 signature only; the ES256 one has no key (a JWKS
// without its kid) or does not fit (a PEM); a changed payload verifies
// neither, and the badge never says verified.
func TestJWSJSONTwoSignatures(t *testing.T) {
	claims := fmt.Sprintf(`{"sub":"two-signatures","name":"<img src=x onerror=alert(1)>","exp":%d}`, time.Now().Unix()+600)
	jws := twoSignatureJWS(t, claims)
	rs := testKey(t, "RS256")

	p := openPlayground(t)
	p.SetKey(jwksOf(rs.jwk, "rsa-1"))
	p.SetToken(jws)
	s := p.WaitStatus(jws, stateVerified)
	if !strings.Contains(s.StatusText, "Verified by signatures[0] (RS256), 1 of 2 signatures; signatures[1] was not verified with this key") {
		t.Errorf("badge = %q; want it to name signatures[0] and say the other is not verified", s.StatusText)
	}
	if !strings.Contains(s.Payload, `"sub": "two-signatures"`) || !strings.Contains(s.Header, `"alg": "RS256"`) {
		t.Errorf("editors: header %q, payload %q", s.Header, s.Payload)
	}
	v := waitJWSJSON(t, p, "signature 0 verified, signature 1 without a key", func(v jwsJSONView) bool {
		return v.Visible && len(v.Statuses) == 2 && v.Statuses[0] == "verified" && v.Statuses[1] == "no_key"
	})
	if !strings.Contains(v.Form, "general form, 2 signatures") || !strings.Contains(v.Payload, `"sub": "two-signatures"`) ||
		!strings.Contains(v.Titles[0], "signatures[0]: RS256") || !strings.Contains(v.Titles[1], `kid "ec-1"`) {
		t.Errorf("panel = %s", v)
	}
	if !strings.Contains(v.Unprotected[0], "not signed") || !strings.Contains(v.Unprotected[0], `"kid": "rsa-1"`) || v.Unprotected[1] != "" {
		t.Errorf("unprotected headers = %q; want signature 0's marked as not signed, none for signature 1", v.Unprotected)
	}
	if !strings.Contains(v.Verdicts[1], `kid "ec-1"`) {
		t.Errorf("signature 1's verdict = %q; want it to say no key has its kid", v.Verdicts[1])
	}
	if v.Images != 0 {
		t.Errorf("the payload's markup became %d elements", v.Images)
	}

	// The PEM alone: the ES256 signature is not checked, the key cannot serve it.
	p.SetKey(rs.publicPEM)
	waitJWSJSON(t, p, "signature 1 refused for the RSA key", func(v jwsJSONView) bool {
		return len(v.Statuses) == 2 && v.Statuses[0] == "verified" && v.Statuses[1] == "key_mismatch"
	})

	// A changed payload: the RS256 signature is checked and fails; nothing verifies.
	tampered := strings.Replace(jws, b64url.EncodeToString([]byte(claims)), b64url.EncodeToString([]byte(strings.Replace(claims, "two-signatures", "admin", 1))), 1)
	p.SetToken(tampered)
	s = p.WaitStatus(tampered, "invalid-signature")
	if !strings.Contains(s.StatusText, "signature 0 (RS256) did not match") {
		t.Errorf("badge = %q; want it to say which signature did not match", s.StatusText)
	}
	waitJWSJSON(t, p, "the changed payload verified by none", func(v jwsJSONView) bool {
		return len(v.Statuses) == 2 && v.Statuses[0] == "invalid" && v.Statuses[1] == "key_mismatch" && strings.Contains(v.Payload, "admin")
	})

	// A plain token hides the panel.
	plain := signWithHeader(t, jwt.SigningMethodRS256, nil, freshClaims(nil), rs.private)
	p.SetToken(plain)
	p.WaitStatus(plain, stateVerified)
	waitJWSJSON(t, p, "no panel for a compact token", func(v jwsJSONView) bool { return !v.Visible })
}

// TestJWSJSONFromHTTPRequest: an ACME request pasted whole leaves the JWS
// JSON in the box, and a JWS JSON that breaks RFC 7515 §7.2 says why.
func TestJWSJSONFromHTTPRequest(t *testing.T) {
	es := testKey(t, "ES256")
	payload := b64url.EncodeToString([]byte(`{"identifiers":[{"type":"dns","value":"example.org"}]}`))
	sig := jwsJSONSignature(t, es, `{"alg":"ES256","nonce":"n-1","url":"https://acme.example/new-order","kid":"https://acme.example/acct/1"}`, "", payload)
	sig["payload"] = payload
	body, err := json.Marshal(sig)
	if err != nil {
		t.Fatal(err)
	}
	request := "POST /acme/new-order HTTP/1.1\r\nHost: acme.example\r\nContent-Type: application/jose+json\r\n\r\n" + string(body)

	p := openPlayground(t)
	p.SetKey(es.publicPEM)
	p.SetToken(request)
	p.WaitStatus(string(body), stateVerified)
	v := waitJWSJSON(t, p, "the flattened JWS verified", func(v jwsJSONView) bool {
		return v.Visible && len(v.Statuses) == 1 && v.Statuses[0] == "verified"
	})
	if !strings.Contains(v.Form, "flattened") || !strings.Contains(v.Titles[0], "The signature: ES256") {
		t.Errorf("panel = %s", v)
	}

	// Both forms at once: refused, with the rule it breaks.
	both := strings.TrimSuffix(twoSignatureJWS(t, `{"sub":"x"}`), "}") + `,"signature":"AA"}`
	p.SetToken(both)
	s := p.WaitFor("the token error for signatures beside signature", func(s State) bool {
		return s.Token == both && s.TokenError.shown() && s.Status == "malformed"
	})
	if !strings.Contains(s.TokenError.Text, `both "signatures" and a top-level "signature"`) {
		t.Errorf("token error = %q", s.TokenError.Text)
	}
}

// TestJWSJSONScreenshots saves the panel at laptop and phone sizes, light
// and dark, to e2e/out/ for a person to look at.
func TestJWSJSONScreenshots(t *testing.T) {
	outDir := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	jws := twoSignatureJWS(t, fmt.Sprintf(`{"sub":"two-signatures","iss":"https://issuer.example","exp":%d}`, time.Now().Unix()+600))
	key := jwksOf(testKey(t, "RS256").jwk, "rsa-1")
	for _, d := range []device{laptop, phone} {
		for _, scheme := range []string{"light", "dark"} {
			shoot(t, outDir, d.name+"-"+scheme+"-jwsjson", d, scheme, func(p *Page) {
				p.SetKey(key)
				p.SetToken(jws)
				p.WaitStatus(jws, stateVerified)
			})
		}
	}
}

// TestJWSJSONAlgNoneBesideAGoodSignature: an unsecured signature beside a
// good one is marked as such and never counted; the good one verifies.
func TestJWSJSONAlgNoneBesideAGoodSignature(t *testing.T) {
	hs := keyPair{alg: "HS256", method: jwt.SigningMethodHS256}
	const secret = "a-playground-secret-of-at-least-32-bytes"
	payload := b64url.EncodeToString([]byte(fmt.Sprintf(`{"sub":"x","exp":%d}`, time.Now().Unix()+600)))
	prot := b64url.EncodeToString([]byte(`{"alg":"HS256"}`))
	sig, err := hs.method.Sign(prot+"."+payload, []byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	jws := `{"payload":"` + payload + `","signatures":[{"header":{"alg":"none"},"signature":""},{"protected":"` + prot + `","signature":"` + b64url.EncodeToString(sig) + `"}]}`
	p := openPlayground(t)
	p.SetKey(secret)
	p.SetToken(jws)
	p.WaitStatus(jws, stateVerified)
	v := waitJWSJSON(t, p, "the unsecured signature refused, the HS256 one verified", func(v jwsJSONView) bool {
		return len(v.Statuses) == 2 && v.Statuses[0] == "refused" && v.Statuses[1] == "verified"
	})
	if !strings.Contains(v.Verdicts[0], "alg none") {
		t.Errorf("signature 0's verdict = %q; want it to say alg none", v.Verdicts[0])
	}
}
