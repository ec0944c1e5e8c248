package keys_test

import (
	"crypto"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// TestGenerate makes a key for every algorithm and checks that it signs,
// that each public form verifies, and that the forms and kid agree.
func TestGenerate(t *testing.T) {
	for _, alg := range keys.Algorithms() {
		t.Run(alg, func(t *testing.T) {
			g, err := keys.Generate(alg, 0)
			if err != nil {
				t.Fatal(err)
			}
			if g.Alg != alg {
				t.Errorf("Alg = %q", g.Alg)
			}
			if strings.HasPrefix(alg, "HS") {
				checkGeneratedSecret(t, g, lookup(t, alg))
				return
			}
			signer := parseOne(t, g.PrivateKeyPEM)
			method := jwt.GetSigningMethod(alg)
			sig, err := method.Sign("a.b", signer.SigningKey(lookup(t, alg)))
			if err != nil {
				t.Fatal(err)
			}
			for form, text := range map[string]string{"public PEM": g.PublicKeyPEM, "public JWK": string(g.PublicJWK), "private JWK": string(g.PrivateJWK)} {
				k := parseOne(t, text)
				if err := method.Verify("a.b", sig, k.VerifyingKey(lookup(t, alg))); err != nil {
					t.Errorf("%s does not verify: %v", form, err)
				}
				if tp, _ := k.Thumbprint(); tp != g.Kid {
					t.Errorf("%s thumbprint = %q, want the kid %q", form, tp, g.Kid)
				}
			}
			for _, j := range []json.RawMessage{g.PublicJWK, g.PrivateJWK} {
				var m map[string]any
				json.Unmarshal(j, &m)
				if m["kid"] != g.Kid || m["alg"] != alg || m["use"] != "sig" {
					t.Errorf("JWK %s: want kid %q, alg %q, use sig", j, g.Kid, alg)
				}
			}
			if strings.Contains(string(g.PublicJWK), `"d"`) {
				t.Errorf("public JWK %s holds a private member", g.PublicJWK)
			}
			if !strings.HasPrefix(g.PrivateKeyPEM, "-----BEGIN PRIVATE KEY-----") || !strings.HasPrefix(g.PublicKeyPEM, "-----BEGIN PUBLIC KEY-----") {
				t.Errorf("PEM blocks are not PKCS #8 and PKIX:\n%s%s", g.PrivateKeyPEM, g.PublicKeyPEM)
			}
		})
	}
}

func checkGeneratedSecret(t *testing.T, g *keys.Generated, alg keys.Algorithm) {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(g.Secret)
	if err != nil || len(raw) != alg.HashBits/8 {
		t.Fatalf("secret %q: %d bytes, %v; want %d random bytes", g.Secret, len(raw), err, alg.HashBits/8)
	}
	if hex.EncodeToString(raw) != g.SecretHex {
		t.Errorf("secretHex %q is not the secret %q", g.SecretHex, g.Secret)
	}
	if g2, _ := keys.Generate(alg.Name, 0); g2.Secret == g.Secret {
		t.Errorf("two secrets are the same: not random")
	}
}

func TestGenerateRSASizes(t *testing.T) {
	if testing.Short() {
		t.Skip("RSA 3072 generation is slow")
	}
	g, err := keys.Generate("PS256", 3072)
	if err != nil {
		t.Fatal(err)
	}
	if ins, _ := keys.Inspect(g.PublicKeyPEM, ""); ins.Bits != 3072 {
		t.Errorf("bits = %d, want 3072", ins.Bits)
	}
	for _, bits := range []int{1024, 8192, 16384, -1} {
		_, err := keys.Generate("RS256", bits)
		checkError(t, err, jwterr.BadInput, "", noOffset, "2048, 3072 or 4096")
	}
	_, err = keys.Generate("XS256", 0)
	checkError(t, err, jwterr.UnsupportedAlg, "", noOffset, `"XS256"`)
}

// TestThumbprintRFC7638 checks the example of RFC 7638 section 3.1.
func TestThumbprintRFC7638(t *testing.T) {
	const n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
	k := parseOne(t, `{"kty":"RSA","n":"`+n+`","e":"AQAB","alg":"RS256","kid":"2011-04-29"}`)
	got, err := k.Thumbprint()
	if err != nil || got != "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" {
		t.Fatalf("Thumbprint = %q, %v; want RFC 7638's NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", got, err)
	}
}

// TestConvert reads a key as PEM, writes it as a JWK, reads that, and
// gets the same PEM back, for public and private keys.
func TestConvert(t *testing.T) {
	k := newKeys(t)
	for name, priv := range map[string]crypto.Signer{"RSA": k.rsa, "EC P-384": k.p384, "EC P-521": k.p521, "Ed25519": k.ed} {
		t.Run(name, func(t *testing.T) {
			privPEM := pkcs8PEM(t, priv)
			a, err := keys.Inspect(privPEM, "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Kind != "private" || a.PrivateKeyPEM != privPEM {
				t.Fatalf("Inspect(private PEM) = kind %q, PEM %q; want private and the same PEM", a.Kind, a.PrivateKeyPEM)
			}
			b, err := keys.Inspect(string(a.PrivateJWK), "")
			if err != nil {
				t.Fatalf("the private JWK %s does not read back: %v", a.PrivateJWK, err)
			}
			if b.PrivateKeyPEM != privPEM || b.PublicKeyPEM != a.PublicKeyPEM || b.Thumbprint != a.Thumbprint {
				t.Errorf("PEM -> JWK -> PEM changed the key:\n%s\n%s", privPEM, b.PrivateKeyPEM)
			}
			c, err := keys.Inspect(string(a.PublicJWK), "")
			if err != nil || c.Kind != "public" || c.PublicKeyPEM != pkixPEM(t, priv.Public()) || c.PrivateKeyPEM != "" {
				t.Errorf("public JWK -> PEM = %+v, %v; want the PKIX PEM and nothing private", c, err)
			}
		})
	}
}

func TestInspect(t *testing.T) {
	k := newKeys(t)
	tests := []struct {
		name, text       string
		kind, typ, curve string
		bits             int
		algs             string
	}{
		{"secret", "a-string-secret-at-least-256-bits-long", "secret", "oct", "", 304, "HS256,HS384,HS512"},
		{"RSA public", pkixPEM(t, k.rsa.Public()), "public", "RSA", "", 2048, "RS256,RS384,RS512,PS256,PS384,PS512"},
		{"EC P-256 private", sec1PEM(t, k.p256), "private", "EC", "P-256", 256, "ES256"},
		{"EC P-521 public", pkixPEM(t, k.p521.Public()), "public", "EC", "P-521", 521, "ES512"},
		{"Ed25519 public", pkixPEM(t, k.ed.Public()), "public", "OKP", "Ed25519", 256, "EdDSA"},
		{"JWK with alg", jsonText(t, with(jwkOf(t, k.rsa.Public()), "alg", "PS384")), "public", "RSA", "", 2048, "PS384"},
		{"certificate", certPEM(t, k.p384, "example.test"), "public", "EC", "P-384", 384, "ES384"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, err := keys.Inspect(tt.text, "")
			if err != nil {
				t.Fatal(err)
			}
			got := []any{ins.Kind, ins.Type, ins.Curve, ins.Bits, strings.Join(ins.Algs, ",")}
			want := []any{tt.kind, tt.typ, tt.curve, tt.bits, tt.algs}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("Inspect = %v, want %v", got, want)
			}
			if ins.Thumbprint == "" {
				t.Errorf("no thumbprint")
			}
		})
	}
	t.Run("JWKS", func(t *testing.T) {
		ins, err := keys.Inspect(jwksText(t, with(jwkOf(t, k.p256.Public()), "kid", "a"), with(jwkOf(t, k.ed.Public()), "kid", "b"), map[string]any{"kty": "XYZ"}), "")
		if err != nil {
			t.Fatal(err)
		}
		if ins.Kind != "jwks" || len(ins.Keys) != 2 || strings.Join(ins.Algs, ",") != "ES256,EdDSA" || len(ins.Skipped) != 1 {
			t.Errorf("Inspect(JWKS) = kind %q, %d keys, algs %v, skipped %v", ins.Kind, len(ins.Keys), ins.Algs, ins.Skipped)
		}
	})
	t.Run("a secret has no public form", func(t *testing.T) {
		ins, _ := keys.Inspect("s3cret", "")
		if ins.PublicJWK != nil || ins.PublicKeyPEM != "" || !strings.Contains(string(ins.PrivateJWK), `"k":"czNjcmV0"`) {
			t.Errorf("Inspect(secret) = public JWK %s, PEM %q, private JWK %s", ins.PublicJWK, ins.PublicKeyPEM, ins.PrivateJWK)
		}
	})
}
