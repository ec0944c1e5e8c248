package jwe

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// TestRoundTrip encrypts with every alg and enc (and every ECDH curve) and
// decrypts the token again, checking what each step reports.
func TestRoundTrip(t *testing.T) {
	payload := `{"sub":"42","name":"Ada"}`
	for _, alg := range Algorithms() {
		if DecryptOnly(alg) {
			continue
		}
		curves := []string{""}
		if managers[alg].kind().kty == "ECDH" {
			curves = []string{"P-256", "P-384", "P-521", "X25519"}
		}
		for _, enc := range Encryptions() {
			for _, curve := range curves {
				t.Run(fmt.Sprintf("%s/%s/%s", alg, enc, curve), func(t *testing.T) {
					p := pairFor(t, alg, enc, curve)
					header := fmt.Sprintf(`{"alg":%q,"enc":%q,"zip":"DEF","cty":"json"}`, alg, enc)
					tok, err := Encrypt(EncryptInput{Header: header, Payload: payload, Key: p.pub, SecretEncoding: p.enc})
					if err != nil {
						t.Fatalf("Encrypt: %v", err)
					}
					d, err := Decrypt(tok, p.priv, p.enc)
					if err != nil {
						t.Fatalf("Decrypt: %v (steps %+v)", err, d.Steps)
					}
					if d.Plaintext != payload || string(d.Payload) != payload || d.Alg != alg || d.Enc != enc || d.Zip != "DEF" {
						t.Errorf("got %q %s %s %s", d.Plaintext, d.Alg, d.Enc, d.Zip)
					}
					var names []string
					for _, s := range d.Steps {
						names = append(names, s.Step)
					}
					if got := strings.Join(names, ","); got != "key_management,tag_check,content_decryption,decompression" || d.Steps[0].Method != managers[alg].method() {
						t.Errorf("steps = %s %+v", got, d.Steps)
					}
				})
			}
		}
	}
}

// TestWrongKey: every family says which step failed with another key of
// the right kind, and the same tag message for RSA1_5's padding as for a
// tag (no Bleichenbacher oracle).
func TestWrongKey(t *testing.T) {
	for _, tc := range []struct {
		alg, enc, wrongPriv, step string
	}{
		{"A128KW", "A128GCM", b64([]byte(strings.Repeat("x", 16))), jwterr.StepKeyManagement},
		{"A256GCMKW", "A256GCM", b64([]byte(strings.Repeat("x", 32))), jwterr.StepKeyManagement},
		{"dir", "A128CBC-HS256", b64([]byte(strings.Repeat("x", 32))), jwterr.StepTag},
		{"PBES2-HS256+A128KW", "A128GCM", "wrong password", jwterr.StepKeyManagement},
	} {
		t.Run(tc.alg, func(t *testing.T) {
			p := pairFor(t, tc.alg, tc.enc, "")
			tok, err := Encrypt(EncryptInput{Header: fmt.Sprintf(`{"alg":%q,"enc":%q}`, tc.alg, tc.enc), Payload: "hi", Key: p.pub, SecretEncoding: p.enc})
			if err != nil {
				t.Fatal(err)
			}
			enc := p.enc
			_, err = Decrypt(tok, tc.wrongPriv, enc)
			e, ok := err.(*jwterr.Error)
			if !ok || e.Code != jwterr.DecryptFailed || e.Step != tc.step {
				t.Errorf("err = %#v, want decrypt_failed at %s", err, tc.step)
			}
		})
	}
}
