package jwe

import (
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// TestGeneratedKeys: every JWE kind keys.Generate makes encrypts (public
// PEM, public JWK, or the secret in base64url) and decrypts (private PEM,
// private JWK) a token of its alg.
func TestGeneratedKeys(t *testing.T) {
	kinds := keys.JWEKinds()
	if len(kinds) != 21 {
		t.Errorf("%d kinds: %v", len(kinds), kinds)
	}
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			g, err := keys.Generate(kind, 0)
			if err != nil {
				t.Fatal(err)
			}
			alg, enc := kind, "A128GCM"
			switch {
			case kind == "X25519":
				alg = "ECDH-ES"
			case strings.HasSuffix(kind, "GCM") || strings.Contains(kind, "CBC"):
				alg, enc = "dir", kind
			}
			header := `{"alg":"` + alg + `","enc":"` + enc + `"}`
			type form struct {
				pub, priv string
				enc       keys.Encoding
			}
			forms := []form{{g.PublicKeyPEM, g.PrivateKeyPEM, ""}, {string(g.PublicJWK), string(g.PrivateJWK), ""}}
			if g.Secret != "" {
				forms = []form{{g.Secret, g.Secret, keys.Base64URL}, {g.SecretHex, g.SecretHex, keys.Hex}}
			}
			for _, f := range forms {
				tok, err := Encrypt(EncryptInput{Header: header, Payload: "hi", Key: f.pub, SecretEncoding: f.enc})
				if err != nil {
					t.Fatalf("Encrypt with %.40q: %v", f.pub, err)
				}
				if d, err := Decrypt(tok, f.priv, f.enc); err != nil || d.Plaintext != "hi" {
					t.Fatalf("Decrypt with %.40q: %v", f.priv, err)
				}
			}
		})
	}
}
