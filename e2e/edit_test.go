package e2e

import (
	"reflect"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// TestEditHS256 edits the payload and then the header JSON of a verified
// HS256 token. Each edit must re-sign with the secret in the key box, and
// golang-jwt must accept the new token.
func TestEditHS256(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256,
		jwt.MapClaims{"sub": "e2e-edit", "name": "Ada Lovelace", "iat": 1700000000}, []byte(testSecret))

	p := openPlayground(t)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)

	p.SetValue("payload-json", "{\n  \"sub\": \"e2e-edit\",\n  \"name\": \"Grace Hopper\",\n  \"iat\": 1700000000\n}")
	s := p.WaitFor("token-input to hold a new, verified token after the payload edit", func(s State) bool {
		return s.Token != token && s.Token != "" && s.Status == stateVerified
	})
	_, claims := verify(t, s.Token, "HS256", []byte(testSecret))
	wantClaims := mustJSONObject(t, map[string]any{"sub": "e2e-edit", "name": "Grace Hopper", "iat": 1700000000})
	if got := mustJSONObject(t, claims); !reflect.DeepEqual(got, wantClaims) {
		t.Errorf("the re-signed token has claims %v, want %v", got, wantClaims)
	}
	if !s.PayloadError.clear() {
		t.Errorf("payload-error should be empty and hidden after a valid edit, is %s", s.PayloadError)
	}

	edited := s.Token
	p.SetValue("header-json", `{"alg":"HS256","typ":"JWT","kid":"e2e-kid"}`)
	s = p.WaitFor("token-input to hold a new, verified token after the header edit", func(s State) bool {
		return s.Token != edited && s.Token != "" && s.Status == stateVerified
	})
	header, claims := verify(t, s.Token, "HS256", []byte(testSecret))
	if header["kid"] != "e2e-kid" {
		t.Errorf("the re-signed token has header %v, want kid e2e-kid", header)
	}
	if claims["name"] != "Grace Hopper" {
		t.Errorf("the header edit lost the payload edit: claims %v", claims)
	}
}

// TestEditRS256WithPrivateKey edits the payload of an RS256 token with a
// PKCS#8 private key in the key box: the page signs with it, and the public
// key verifies the result in Go.
func TestEditRS256WithPrivateKey(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	token := sign(t, k.method, jwt.MapClaims{"sub": "e2e-edit-rs256", "name": "Ada Lovelace"}, k.private)

	p := openPlayground(t)
	p.SetKey(k.privatePEM(t))
	p.SetToken(token)
	// A private key verifies too.
	p.WaitStatus(token, stateVerified)

	p.SetValue("payload-json", "{\n  \"sub\": \"e2e-edit-rs256\",\n  \"name\": \"Grace Hopper\"\n}")
	s := p.WaitFor("token-input to hold a new, verified RS256 token after the payload edit", func(s State) bool {
		return s.Token != token && s.Token != "" && s.Status == stateVerified
	})
	header, claims := verify(t, s.Token, "RS256", k.public)
	if header["alg"] != "RS256" {
		t.Errorf("the re-signed token has alg %v, want RS256", header["alg"])
	}
	if claims["name"] != "Grace Hopper" || claims["sub"] != "e2e-edit-rs256" {
		t.Errorf("the re-signed token has claims %v, want name Grace Hopper and sub e2e-edit-rs256", claims)
	}
}

// TestEditInvalidJSON types broken JSON into header-json and payload-json:
// the error shows in place and the token is left alone, and fixing the JSON
// clears the error.
func TestEditInvalidJSON(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-bad-json"}, []byte(testSecret))

	p := openPlayground(t)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)

	for _, tc := range []struct {
		field, errorBox string
		broken, fixed   string
		box             func(State) errorBox
	}{
		{"payload-json", "payload-error", `{"sub": "e2e-bad-json", "name": `, `{"sub": "e2e-bad-json", "name": "fixed"}`,
			func(s State) errorBox { return s.PayloadError }},
		{"header-json", "header-error", `{"alg": "HS256",`, `{"alg": "HS256", "typ": "JWT", "kid": "fixed"}`,
			func(s State) errorBox { return s.HeaderError }},
	} {
		before := p.State().Token
		p.SetValue(tc.field, tc.broken)
		s := p.WaitFor(tc.errorBox+" to show for broken JSON in "+tc.field, func(s State) bool {
			return tc.box(s).shown()
		})
		if s.Token != before {
			t.Errorf("broken JSON in %s rewrote token-input:\n was %s\n now %s", tc.field, before, s.Token)
		}

		p.SetValue(tc.field, tc.fixed)
		s = p.WaitFor(tc.errorBox+" to clear and a new token to verify after fixing "+tc.field, func(s State) bool {
			return tc.box(s).clear() && s.Token != before && s.Status == stateVerified
		})
		verify(t, s.Token, "HS256", []byte(testSecret))
	}
}

// stateStale is verify-status's data-state while the editors hold edits
// that the key box could not sign into the token.
const stateStale = "stale"

// TestEditWithoutSigningKeyIsStale edits the payload of a verified RS256
// token with only its public key in the box, then with no key: the token
// stays as it was, and the badge says it is not what the editors hold,
// never a green "Signature verified" beside JSON no signature covers. A
// private key then signs the edits, and pasting a token drops them.
func TestEditWithoutSigningKeyIsStale(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	token := sign(t, k.method, jwt.MapClaims{"sub": "e2e-stale", "name": "Ada Lovelace"}, k.private)

	p := openPlayground(t)
	p.SetKey(k.publicPEM)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)

	forged := "{\n  \"sub\": \"e2e-stale\",\n  \"name\": \"Mallory\",\n  \"admin\": true\n}"
	for _, key := range []string{k.publicPEM, ""} {
		if key == "" {
			p.SetKey("")
		}
		p.SetValue("payload-json", forged)
		s := p.WaitFor("the badge to say the token shown is not what the editors hold", func(s State) bool {
			return s.Status == stateStale
		})
		if s.Token != token {
			t.Errorf("with key %.30q, a payload edit that cannot be signed rewrote the token:\n was %s\n now %s", key, token, s.Token)
		}
		if s.Payload != forged {
			t.Errorf("the payload editor holds %q, want the edit %q", s.Payload, forged)
		}
		if !strings.Contains(s.StatusText, "not re-signed") || !strings.Contains(s.StatusText, "private key or secret") || strings.Contains(s.StatusText, "Signature verified") {
			t.Errorf("with key %.30q, the stale badge says %q, want that the token was not re-signed and a private key or secret would sign it", key, s.StatusText)
		}
		signError := mustEval[string](p, `document.querySelector("[data-testid=sign-error]").hidden ? "" : document.querySelector("[data-testid=sign-error]").textContent`)
		if !strings.HasPrefix(signError, "The token was not re-signed: ") {
			t.Errorf("sign-error says %q, want why the token was not re-signed", signError)
		}
		// New checks verify the old token again, and the badge stays stale.
		p.SetValue("check-leeway", "5")
		p.Settle()
		if s := p.State(); s.Status != stateStale {
			t.Errorf("after a change of leeway, the badge is %q (%q), want it still stale", s.Status, s.StatusText)
		}
	}

	// A private key finishes the job: the edits are signed and verify.
	p.SetKey(k.privatePEM(t))
	s := p.WaitFor("the edits to be signed with the private key", func(s State) bool {
		return s.Token != token && s.Status == stateVerified
	})
	if _, claims := verify(t, s.Token, "RS256", k.public); claims["name"] != "Mallory" {
		t.Errorf("the re-signed token has claims %v, want the edited name", claims)
	}

	// Stale edits end with a token pasted over them.
	p.SetKey(k.publicPEM)
	p.SetValue("payload-json", "{\"sub\": \"another edit\"}")
	p.WaitFor("the badge to go stale again", func(s State) bool { return s.Status == stateStale })
	p.SetToken(token)
	s = p.WaitStatus(token, stateVerified)
	if !strings.Contains(s.Payload, "Ada Lovelace") {
		t.Errorf("pasting a token left the payload editor at %q, want the token's payload", s.Payload)
	}
}
