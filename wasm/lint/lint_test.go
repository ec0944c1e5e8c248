package lint_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/lint"
)

var now = time.Unix(1700000000, 0)

// tok makes an HS256-shaped token from raw header and payload text; the
// signature does not matter to the lints.
func tok(header, payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc([]byte(payload)) + "." + enc([]byte("sig"))
}

const (
	hs256   = `{"alg":"HS256","typ":"JWT"}`
	good    = `{"sub":"1","iat":1699999000,"exp":1700003600}`
	strong  = "0123456789abcdef0123456789abcdef-a-random-enough-secret"
	noCheck = ""
)

func publicPEM(t *testing.T) string {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, err := x509.MarshalPKIXPublicKey(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// rsaPEM is the PKIX PEM of k's public key.
func rsaPEM(t *testing.T, k *rsa.PrivateKey) string {
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// TestLints checks each code with a token that triggers it and one that
// does not.
func TestLints(t *testing.T) {
	pub := publicPEM(t)
	rsa512, rsa1024 := rsaPEM(t, testkeys.SmallRSA(t, 512)), rsaPEM(t, testkeys.SmallRSA(t, 1024))
	rsa2048 := rsaPEM(t, testkeys.Get(t).RSA)
	small := testkeys.SmallRSA(t, 1024)
	rsa1024JWK := fmt.Sprintf(`{"kty":"RSA","n":%q,"e":"AQAB"}`, base64.RawURLEncoding.EncodeToString(small.N.Bytes()))
	tests := []struct {
		code            string
		header, payload string
		key             string
		want            bool
		severity        lint.Severity
	}{
		{"alg_none", `{"alg":"none"}`, good, noCheck, true, lint.High},
		{"alg_none", `{"alg":"nOnE"}`, good, noCheck, true, lint.High},
		{"alg_none", hs256, good, strong, false, ""},
		{"weak_secret", hs256, good, "secret", true, lint.High},
		{"weak_secret", hs256, good, "your-256-bit-secret", true, lint.High},
		{"weak_secret", hs256, good, "a-playground-secret-of-at-least-32-bytes", true, lint.High},
		{"weak_secret", hs256, good, "short-but-not-famous", true, lint.Medium},
		{"weak_secret", hs256, good, strong, false, ""},
		{"weak_secret", `{"alg":"HS512"}`, good, strong, true, lint.Medium},
		{"key_confusion", hs256, good, pub, true, lint.High},
		{"key_confusion", `{"alg":"ES256"}`, good, pub, false, ""},
		{"weak_key", `{"alg":"RS256"}`, good, rsa1024, true, lint.Medium},
		{"weak_key", `{"alg":"PS512"}`, good, rsa512, true, lint.High},
		{"weak_key", `{"alg":"RS256"}`, good, rsa2048, false, ""},
		{"weak_key", `{"alg":"RS256","kid":"b"}`, good, `{"keys":[{"kid":"a",` + rsa1024JWK[1:] + `]}`, false, ""},
		{"weak_key", `{"alg":"RS256","kid":"a"}`, good, `{"keys":[{"kid":"a",` + rsa1024JWK[1:] + `]}`, true, lint.Medium},
		{"no_exp", hs256, `{"sub":"1"}`, strong, true, lint.Medium},
		{"no_exp", hs256, good, strong, false, ""},
		{"long_lifetime", hs256, `{"iat":1700000000,"exp":1700090000}`, strong, true, lint.Low},
		{"long_lifetime", hs256, good, strong, false, ""},
		{"exp_before_iat", hs256, `{"iat":1700000000,"exp":1699990000}`, strong, true, lint.Medium},
		{"exp_before_iat", hs256, good, strong, false, ""},
		{"iat_in_future", hs256, `{"iat":1700003600,"exp":1700007200}`, strong, true, lint.Medium},
		{"iat_in_future", hs256, `{"iat":1700000030,"exp":1700003600}`, strong, false, ""},
		{"nbf_after_exp", hs256, `{"nbf":1700003600,"exp":1700003600}`, strong, true, lint.Medium},
		{"nbf_after_exp", hs256, `{"nbf":1700000000,"exp":1700003600}`, strong, false, ""},
		{"exp_in_milliseconds", hs256, `{"exp":1700003600000}`, strong, true, lint.Medium},
		{"exp_in_milliseconds", hs256, good, strong, false, ""},
		{"sensitive_claim", hs256, `{"exp":1700003600,"user":{"Password":"hunter2"}}`, strong, true, lint.High},
		{"sensitive_claim", hs256, `{"exp":1700003600,"card":"4111 1111 1111 1111"}`, strong, true, lint.High},
		{"sensitive_claim", hs256, `{"exp":1700003600,"id":"078-05-1120"}`, strong, true, lint.High},
		{"sensitive_claim", hs256, `{"exp":1700003600,"k":"-----BEGIN PRIVATE KEY-----\nAAAA"}`, strong, true, lint.High},
		{"sensitive_claim", hs256, `{"exp":1700003600,"phone":"4111 1111 1111 1112","amr":["pwd"]}`, strong, false, ""},
		{"header_key_url", `{"alg":"HS256","jku":"https://evil.example/keys"}`, good, strong, true, lint.Medium},
		{"header_key_url", `{"alg":"HS256","x5u":"https://evil.example/cert"}`, good, strong, true, lint.Medium},
		{"header_key_url", hs256, good, strong, false, ""},
		{"embedded_jwk", `{"alg":"ES256","jwk":{"kty":"EC"}}`, good, noCheck, true, lint.Medium},
		{"embedded_jwk", `{"alg":"ES256"}`, good, noCheck, false, ""},
		{"embedded_x5c", `{"alg":"RS256","x5c":["MIIBszCCAVmgAwIBAgIUY"]}`, good, noCheck, true, lint.Medium},
		{"embedded_x5c", `{"alg":"RS256","x5c":"MIIBszCCAVmgAwIBAgIUY"}`, good, noCheck, true, lint.Medium},
		{"embedded_x5c", `{"alg":"RS256","x5c":[]}`, good, noCheck, true, lint.Medium},
		{"embedded_x5c", `{"alg":"RS256","x5t":"abc"}`, good, noCheck, false, ""},
		{"suspicious_kid", `{"alg":"HS256","kid":"../../dev/null"}`, good, strong, true, lint.High},
		{"suspicious_kid", `{"alg":"HS256","kid":"x' UNION SELECT 'key"}`, good, strong, true, lint.High},
		{"suspicious_kid", `{"alg":"HS256","kid":"2024-01-key_1.a"}`, good, strong, false, ""},
		{"unknown_crit", `{"alg":"HS256","crit":["exp"],"exp":1}`, good, strong, true, lint.Medium},
		{"unknown_crit", `{"alg":"HS256","crit":["alg"]}`, good, strong, true, lint.Medium},
		{"unknown_crit", `{"alg":"HS256","crit":[]}`, good, strong, true, lint.Medium},
		{"unknown_crit", `{"alg":"HS256","crit":["urn:x"],"urn:x":1}`, good, strong, true, lint.Medium},
		{"unknown_crit", `{"alg":"HS256","crit":["b64","b64"],"b64":true}`, good, strong, true, lint.Medium},
		{"unknown_crit", `{"alg":"HS256","b64":false}`, good, strong, true, lint.Medium},
		{"unknown_crit", hs256, good, strong, false, ""},
		// b64 is the one extension the playground implements (RFC 7797).
		{"unknown_crit", `{"alg":"HS256","b64":true,"crit":["b64"]}`, good, strong, false, ""},
		{"duplicate_member", hs256, `{"admin":false,"exp":1700003600,"admin":true}`, strong, true, lint.High},
		{"duplicate_member", hs256, `{"exp":1600000000,"exp":4102444800}`, strong, true, lint.High},
		{"duplicate_member", `{"alg":"HS256","alg":"none"}`, good, strong, true, lint.High},
		{"duplicate_member", hs256, `{"a":{"x":1},"b":{"x":1},"exp":1700003600}`, strong, false, ""},
		{"unexpected_typ", `{"alg":"HS256","typ":"JWS"}`, good, strong, true, lint.Low},
		{"unexpected_typ", `{"alg":"HS256","typ":"at+jwt"}`, good, strong, false, ""},
		{"unexpected_typ", `{"alg":"HS256","typ":"application/secevent+jwt"}`, good, strong, false, ""},
	}
	for _, tt := range tests {
		name := tt.code + "/" + map[bool]string{true: "fires", false: "quiet"}[tt.want] + "/" + tt.header + tt.payload + tt.key
		t.Run(name, func(t *testing.T) {
			fs, err := lint.Lint(tok(tt.header, tt.payload), lint.Options{Key: tt.key, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			var hit *lint.Finding
			for i := range fs {
				if fs[i].Code == tt.code {
					hit = &fs[i]
				}
			}
			if (hit != nil) != tt.want {
				t.Fatalf("finding %s present = %v, want %v; findings %+v", tt.code, hit != nil, tt.want, fs)
			}
			if hit == nil {
				return
			}
			if hit.Severity != tt.severity || hit.Message == "" || hit.Fix == "" || !strings.HasPrefix(hit.Ref, "RFC ") {
				t.Errorf("finding = %+v, want severity %s and a message, fix and RFC ref", *hit, tt.severity)
			}
		})
	}
}

func TestLintNoncanonicalBase64(t *testing.T) {
	padded := strings.Replace(tok(hs256, `{"exp":1700003600,"n":1}`), ".", "=.", 1)
	for _, tc := range []struct {
		token string
		want  bool
	}{{padded, true}, {tok(hs256, good), false}} {
		fs, err := lint.Lint(tc.token, lint.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if got := hasCode(fs, "noncanonical_base64"); got != tc.want {
			t.Errorf("noncanonical_base64 on %s = %v, want %v", tc.token, got, tc.want)
		}
	}
}

func hasCode(fs []lint.Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

func TestLintOrdersBySeverity(t *testing.T) {
	fs, err := lint.Lint(tok(`{"alg":"none","typ":"JWS"}`, `{"sub":"1"}`), lint.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, string(f.Severity))
	}
	if strings.Join(got, ",") != "high,medium,low" {
		t.Errorf("severities = %v, want high, medium, low in that order", got)
	}
}

func TestLintMalformed(t *testing.T) {
	if _, err := lint.Lint("not a token", lint.Options{}); err == nil {
		t.Fatal("Lint of a malformed token: want the decode error")
	}
}

func ExampleLint() {
	token := tok(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"42","admin":true}`)
	findings, _ := lint.Lint(token, lint.Options{Key: "secret"})
	for _, f := range findings {
		fmt.Println(f.Severity, f.Code, f.Ref)
	}
	// Output:
	// high weak_secret RFC 8725 §3.5
	// medium no_exp RFC 7519 §4.1.4
}

// TestLintDuplicateMember checks that the finding names the member and says
// which one counts: the last, as for Verify and every view.
func TestLintDuplicateMember(t *testing.T) {
	fs, err := lint.Lint(tok(`{"alg":"none","alg":"HS256"}`, `{"exp":1600000000,"exp":4102444800}`), lint.Options{Key: strong, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range fs {
		if f.Code == "duplicate_member" {
			msgs = append(msgs, f.Message)
		}
	}
	want := []string{`the header has the member "alg" more than once: the playground uses the last one`, `the payload has the member "exp" more than once: the playground uses the last one`}
	if len(msgs) != 2 || !strings.HasPrefix(msgs[0], want[0]) || !strings.HasPrefix(msgs[1], want[1]) {
		t.Errorf("duplicate_member messages = %q, want prefixes %q", msgs, want)
	}
	// The last alg is HS256, so the token is not judged unsecured.
	if hasCode(fs, "alg_none") {
		t.Errorf("alg_none found, but the alg that counts is the last, HS256")
	}
}
