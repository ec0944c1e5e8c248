package token_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestVerifyMLDSADraftExamples verifies the JWS of each of
// draft-ietf-cose-dilithium's JOSE examples with its public key: the
// signature is valid; its payload is text, so no claims are.
func TestVerifyMLDSADraftExamples(t *testing.T) {
	for _, n := range []int{44, 65, 87} {
		t.Run(fmt.Sprintf("ML-DSA-%d", n), func(t *testing.T) {
			b, err := os.ReadFile(fmt.Sprintf("../keys/testdata/draft-ietf-cose-dilithium-ML_DSA_%d.jose.json", n))
			if err != nil {
				t.Fatal(err)
			}
			var ex struct {
				JWK map[string]any `json:"jwk"`
				JWS string         `json:"jws"`
			}
			if err := json.Unmarshal(b, &ex); err != nil {
				t.Fatal(err)
			}
			delete(ex.JWK, "priv")
			pub := jsonOf(t, ex.JWK)
			v, err := token.Verify(ex.JWS, token.VerifyOptions{Key: pub, Now: now})
			if err != nil || !v.SignatureValid || v.Alg != fmt.Sprintf("ML-DSA-%d", n) {
				t.Fatalf("Verify = %+v, %v; want the signature valid", v, err)
			}
			tampered := ex.JWS[:len(ex.JWS)-8] + strings.Repeat("A", 8)
			if v, _ := token.Verify(tampered, token.VerifyOptions{Key: pub, Now: now}); v.SignatureValid {
				t.Errorf("a changed signature verifies")
			}
			s, err := token.SignatureSteps(ex.JWS, token.VerifyOptions{Key: pub})
			if err != nil || !s.Valid || s.Scheme != "ML-DSA" || s.Hash != "" || !strings.Contains(s.Checked, "FIPS 204") {
				t.Errorf("SignatureSteps = %+v, %v", s, err)
			}
		})
	}
}

// TestNewAlgorithmsKeyMismatch checks that a token's alg picks the key:
// a key of a neighbouring algorithm is refused, never tried.
func TestNewAlgorithmsKeyMismatch(t *testing.T) {
	k := testKeys(t)
	tests := []struct {
		alg  string
		key  string
		want string
	}{
		{"ES256K", publicPEM(t, k.p256.Public()), "needs an EC key on curve secp256k1, but the key is on P-256"},
		{"ES256", publicPEM(t, k.k1.Public()), "needs an EC key on curve P-256, but the key is on secp256k1"},
		{"ML-DSA-65", jsonOf(t, jwk(t, k.mldsa["ML-DSA-44"][0].Public())), "ML-DSA-65 needs an ML-DSA-65 key"},
		{"ML-DSA-44", jsonOf(t, jwk(t, k.mldsa["ML-DSA-44"][0].Public(), "alg", "ML-DSA-65")), `"pub" must be 1952 bytes`},
		{"EdDSA", publicPEM(t, k.mldsa["ML-DSA-87"][0].Public()), "EdDSA needs an Ed25519 key"},
	}
	for _, tt := range tests {
		t.Run(tt.alg, func(t *testing.T) {
			signer, _ := k.signer(tt.alg)
			tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"` + tt.alg + `"}`, Payload: `{}`, Key: privatePEM(t, signer)})
			if err != nil {
				t.Fatal(err)
			}
			v, err := token.Verify(tok, token.VerifyOptions{Key: tt.key, Now: now})
			if v.SignatureValid || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Verify = %+v, %v; want an error containing %q", v, err, tt.want)
			}
			if c := jwterr.CodeOf(err); c != jwterr.KeyMismatch && c != jwterr.KeyInvalid {
				t.Errorf("code %s, want key_mismatch or key_invalid", c)
			}
		})
	}
}
