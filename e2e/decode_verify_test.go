package e2e

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestSampleTokenVerifies checks the first render: a sample HS256 token with
// its secret, verified, and the page agrees with golang-jwt about it.
func TestSampleTokenVerifies(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	s := p.WaitFor("the sample token to be verified", func(s State) bool {
		return s.Token != "" && s.Status == stateVerified
	})
	if s.Encoding != "utf8" {
		t.Errorf("secret-encoding is %q at start, want utf8", s.Encoding)
	}
	if s.StatusText == "" {
		t.Errorf("verify-status has no text for state verified")
	}
	for name, box := range map[string]errorBox{"token-error": s.TokenError, "header-error": s.HeaderError,
		"payload-error": s.PayloadError, "key-error": s.KeyError} {
		if !box.clear() {
			t.Errorf("%s should be empty and hidden at start, is %s", name, box)
		}
	}
	if alg := segment(t, s.Token, 0)["alg"]; alg != "HS256" {
		t.Errorf("the sample token has alg %v, want HS256", alg)
	}
	verify(t, s.Token, "HS256", []byte(s.Key))
}

// TestDecodeShowsHeaderAndPayload pastes a token and reads the decoded parts
// back: the same JSON values, pretty-printed with two spaces in the key
// order of the token, and the token split into coloured segments.
func TestDecodeShowsHeaderAndPayload(t *testing.T) {
	t.Parallel()
	// Keys out of alphabetical order, nesting, unicode and escapes, so that a
	// re-encoding that sorts keys or mangles text shows.
	header := `{"typ":"JWT","alg":"HS256","kid":"e2e-key-1"}`
	payload := `{"sub":"e2e-decode","name":"Ada Lovelace","admin":true,"iat":1700000000,` +
		`"roles":["admin","ops"],"profile":{"city":"Zürich","lang":"fr"},"motto":"🔑 \"quoted\" \\ back"}`
	token := hs256(header, payload, []byte(testSecret))

	p := openPlayground(t)
	p.SetToken(token)
	s := p.WaitFor("payload-json to show the pasted token", func(s State) bool {
		return s.Token == token && strings.Contains(s.Payload, "e2e-decode")
	})

	t.Run("same JSON values", func(t *testing.T) {
		for _, part := range []struct{ name, shown, signed string }{
			{"header-json", s.Header, header},
			{"payload-json", s.Payload, payload},
		} {
			got, err := jsonObject(part.shown)
			if err != nil {
				t.Errorf("%s is not a JSON object: %v\n%s", part.name, err, part.shown)
				continue
			}
			want, _ := jsonObject(part.signed)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s does not match the signed JSON\n got: %v\nwant: %v", part.name, got, want)
			}
		}
	})

	t.Run("pretty-printed in token order", func(t *testing.T) {
		for _, part := range []struct{ name, shown, signed string }{
			{"header-json", s.Header, header},
			{"payload-json", s.Payload, payload},
		} {
			var want bytes.Buffer
			json.Indent(&want, []byte(part.signed), "", "  ")
			if strings.TrimSpace(part.shown) != want.String() {
				t.Errorf("%s is not the token's JSON with a 2-space indent in token order\n got:\n%s\nwant:\n%s",
					part.name, part.shown, want.String())
			}
		}
	})

	t.Run("token view", func(t *testing.T) {
		parts := strings.Split(token, ".")
		for _, seg := range []struct {
			class string
			got   *string
			want  string
		}{
			{"seg-header", s.View.Header, parts[0]},
			{"seg-payload", s.View.Payload, parts[1]},
			{"seg-signature", s.View.Signature, parts[2]},
		} {
			switch {
			case seg.got == nil:
				t.Errorf("token-view has no .%s span", seg.class)
			case *seg.got != seg.want:
				t.Errorf("token-view .%s shows %q, want %q", seg.class, *seg.got, seg.want)
			}
		}
		if got := strings.Join(strings.Fields(s.View.Text), ""); got != token {
			t.Errorf("token-view reads %q, want the token with dots between the segments", got)
		}
	})

	t.Run("no errors shown", func(t *testing.T) {
		for name, box := range map[string]errorBox{"token-error": s.TokenError,
			"header-error": s.HeaderError, "payload-error": s.PayloadError} {
			if !box.clear() {
				t.Errorf("%s should be empty and hidden for a good token, is %s", name, box)
			}
		}
	})
}

// TestHS256Secret verifies with a UTF-8 secret, fails with a wrong one and
// verifies again, and takes the same bytes base64-encoded. The key box never
// rewrites the token.
func TestHS256Secret(t *testing.T) {
	t.Parallel()
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-hs256", "name": "Ada"}, []byte(testSecret))

	p := openPlayground(t)
	p.SetToken(token)
	// The sample secret in the key box did not sign this token.
	p.WaitStatus(token, stateInvalidSignature)

	p.SetKey(testSecret)
	s := p.WaitStatus(token, stateVerified)
	if s.Encoding != "utf8" {
		t.Errorf("secret-encoding is %q, want the default utf8", s.Encoding)
	}
	if !regexp.MustCompile(`(?i)verified`).MatchString(s.StatusText) {
		t.Errorf("verify-status text %q does not say verified", s.StatusText)
	}

	p.SetKey(testSecret + "-wrong")
	s = p.WaitStatus(token, stateInvalidSignature)
	if !regexp.MustCompile(`(?i)invalid`).MatchString(s.StatusText) {
		t.Errorf("verify-status text %q does not say invalid", s.StatusText)
	}

	p.SetKey(testSecret)
	p.WaitStatus(token, stateVerified)

	// As UTF-8 text, the base64 string is another secret; decoded, it is
	// the right one.
	p.SetKey(base64.StdEncoding.EncodeToString([]byte(testSecret)))
	p.WaitStatus(token, stateInvalidSignature)
	p.SetEncoding("base64")
	p.WaitStatus(token, stateVerified)
}

// TestHS256SecretEncodings gives a binary secret in each encoding of the
// select, and checks that the encoding, not the text, decides.
func TestHS256SecretEncodings(t *testing.T) {
	t.Parallel()
	// 0xfb 0xff 0xfe makes "+//+" in base64 and "-__-" in base64url, so
	// that mixing the two alphabets fails.
	secret := append([]byte{0xfb, 0xff, 0xfe, 0x00, 0x80}, "e2e-binary-hmac-secret-0123456789"...)
	for _, tc := range []struct {
		encoding string
		key      string
	}{
		{"base64", base64.StdEncoding.EncodeToString(secret)},
		{"base64url", base64.RawURLEncoding.EncodeToString(secret)},
		{"hex", hex.EncodeToString(secret)},
	} {
		t.Run(tc.encoding, func(t *testing.T) {
			t.Parallel()
			token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-" + tc.encoding}, secret)
			p := openPlayground(t)
			p.SetToken(token)
			p.SetKey(tc.key)
			// Still read as UTF-8: the text is not the secret.
			p.WaitStatus(token, stateInvalidSignature)
			p.SetEncoding(tc.encoding)
			p.WaitStatus(token, stateVerified)
			p.SetEncoding("utf8")
			p.WaitStatus(token, stateInvalidSignature)
		})
	}
}

// TestPublicKeys verifies RS256, PS256, ES256 and EdDSA tokens that
// golang-jwt signed, with the public key as PEM, as a JWK and as a JWKS.
func TestPublicKeys(t *testing.T) {
	t.Parallel()
	for _, alg := range []string{"RS256", "PS256", "ES256", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			k := testKey(t, alg)
			sub := "e2e-" + strings.ToLower(alg)
			token := sign(t, k.method, jwt.MapClaims{"sub": sub, "iat": time.Now().Unix()}, k.private)

			p := openPlayground(t)
			p.SetToken(token)
			p.WaitFor("the sample HMAC secret not to verify an "+alg+" token", func(s State) bool {
				return s.Token == token && strings.Contains(s.Payload, sub) && s.Status != "" && s.Status != stateVerified
			})

			// Each step changes the state, so that a wait cannot pass on the
			// result of the step before.
			for _, step := range []struct {
				name, key, want string
			}{
				{"PKIX public key PEM", k.publicPEM, stateVerified},
				{"no key", "", stateKeyError},
				{"public JWK", k.jwk, stateVerified},
				{"public key PEM of another key pair", k.otherPublicPEM, stateInvalidSignature},
				{"public JWKS", k.jwks(), stateVerified},
			} {
				p.SetKey(step.key)
				s := p.WaitFor(step.name+" → data-state "+step.want+", token unchanged", func(s State) bool {
					return s.Token == token && s.Status == step.want
				})
				if step.want == stateVerified && !s.KeyError.clear() {
					t.Errorf("%s: key-error should be empty and hidden, is %s", step.name, s.KeyError)
				}
			}
		})
	}
}

// TestTimeClaims checks exp and nbf on tokens whose signature is fine.
func TestTimeClaims(t *testing.T) {
	t.Parallel()
	now := time.Now()
	for _, tc := range []struct {
		name   string
		claims jwt.MapClaims
		want   string
		text   *regexp.Regexp // what the status text must say
	}{
		{"expired", jwt.MapClaims{"sub": "e2e-expired", "iat": now.Add(-2 * time.Hour).Unix(),
			"exp": now.Add(-time.Hour).Unix()}, stateExpired, regexp.MustCompile(`(?i)expired`)},
		{"not yet valid", jwt.MapClaims{"sub": "e2e-nbf", "iat": now.Unix(),
			"nbf": now.Add(time.Hour).Unix()}, stateNotYetValid, regexp.MustCompile(`\S`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			token := sign(t, jwt.SigningMethodHS256, tc.claims, []byte(testSecret))
			p := openPlayground(t)
			p.SetKey(testSecret)
			p.SetToken(token)
			s := p.WaitStatus(token, tc.want)
			if !tc.text.MatchString(s.StatusText) {
				t.Errorf("verify-status text %q should match %s", s.StatusText, tc.text)
			}
		})
	}
}

// TestMalformedTokens pastes garbage, expects a clear error in place, and
// then a good token to verify on the same page: the page kept working.
func TestMalformedTokens(t *testing.T) {
	t.Parallel()
	good := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-good"}, []byte(testSecret))
	parts := strings.Split(good, ".")
	badBase64 := parts[0] + "." + parts[1][:8] + "!" + parts[1][9:] + "." + parts[2]

	p := openPlayground(t)
	p.SetKey(testSecret)
	for _, tc := range []struct {
		name    string
		token   string
		message *regexp.Regexp // what token-error must say
	}{
		{"one segment", "abc", regexp.MustCompile(`(?i)segment|part`)},
		{"not a token", "not.a.token!", regexp.MustCompile(`\S`)},
		{"bad base64 character", badBase64, regexp.MustCompile(`(?i)base64`)},
	} {
		p.SetToken(tc.token)
		s := p.WaitFor(tc.name+": data-state malformed and token-error shown", func(s State) bool {
			return s.Token == tc.token && s.Status == stateMalformed && s.TokenError.shown()
		})
		if !tc.message.MatchString(s.TokenError.Text) {
			t.Errorf("%s: token-error says %q, want it to match %s", tc.name, s.TokenError.Text, tc.message)
		}

		p.SetToken(good)
		p.WaitFor("the good token after "+tc.name+" to verify with token-error cleared", func(s State) bool {
			return s.Token == good && s.Status == stateVerified && s.TokenError.clear()
		})
	}

	p.SetToken("")
	p.WaitFor("an empty token-input to give data-state empty and no token-error", func(s State) bool {
		return s.Token == "" && s.Status == stateEmpty && s.TokenError.clear()
	})
}

// TestKeyErrors checks keys that cannot be used: no key, a broken PEM, a
// key of the wrong type and a secret that is not valid in its encoding.
func TestKeyErrors(t *testing.T) {
	t.Parallel()
	k := testKey(t, "ES256")
	rsaKey := testKey(t, "RS256")
	token := sign(t, k.method, jwt.MapClaims{"sub": "e2e-key-errors"}, k.private)

	p := openPlayground(t)
	p.SetToken(token)
	for _, step := range []struct {
		name, key string
		box       bool // key-error must show a message
	}{
		{"a PEM with a broken body", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", true},
		{"an RSA key for an ES256 token", rsaKey.publicPEM, false},
	} {
		p.SetKey(k.publicPEM)
		p.WaitStatus(token, stateVerified)
		p.SetKey(step.key)
		p.WaitFor(step.name+" → data-state key-error", func(s State) bool {
			return s.Token == token && s.Status == stateKeyError && (!step.box || s.KeyError.shown())
		})
	}
	p.SetKey(k.publicPEM)
	p.WaitFor("a good key to verify and clear key-error", func(s State) bool {
		return s.Token == token && s.Status == stateVerified && s.KeyError.clear()
	})

	hs := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-bad-hex"}, []byte(testSecret))
	p.SetToken(hs)
	p.SetKey("zz-not-hex")
	p.SetEncoding("hex")
	p.WaitFor("a secret that is not hex, with encoding hex → data-state key-error and key-error shown", func(s State) bool {
		return s.Token == hs && s.Status == stateKeyError && s.KeyError.shown()
	})
	p.SetKey(hex.EncodeToString([]byte(testSecret)))
	p.WaitFor("the hex of the secret to verify and clear key-error", func(s State) bool {
		return s.Token == hs && s.Status == stateVerified && s.KeyError.clear()
	})
}

// TestWeakKeyNoted checks that verify's warnings about the key reach the
// badge: a 1024-bit RSA key verifies, as issue 12 has it, but the verdict
// says the key is weaker than RFC 7518 §3.3 asks.
func TestWeakKeyNoted(t *testing.T) {
	t.Parallel()
	priv, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pemText := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	token := sign(t, jwt.SigningMethodRS256, jwt.MapClaims{"sub": "e2e-weak", "iat": time.Now().Unix()}, priv)
	p := openPlayground(t)
	p.SetKey(pemText)
	p.SetToken(token)
	s := p.WaitStatus(token, stateVerified)
	if !strings.Contains(s.StatusText, "1024 bits") || !strings.Contains(s.StatusText, "RFC 7518") {
		t.Errorf("the verdict should say the key has 1024 bits, fewer than RFC 7518 asks; it says %q", s.StatusText)
	}
}
