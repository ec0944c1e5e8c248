package token_test

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// worstJWKS is the costliest JWKS to verify with that fits the key limit:
// as many RSA public keys of the given size as 1 MiB holds, none with a
// kid, so that every one fits a PS256 token without kid. The moduli are
// random odd numbers, which verify (and fail) like real keys at no cost to
// make; with a signature that matches none, every candidate is checked.
func worstJWKS(b *testing.B, bits int) (jwks, tok string) {
	b.Helper()
	var sb strings.Builder
	sb.WriteString(`{"keys":[`)
	var key string
	for n := 0; ; n++ {
		m, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
		if err != nil {
			b.Fatal(err)
		}
		m.SetBit(m, bits-1, 1).SetBit(m, 0, 1)
		key = `{"kty":"RSA","n":"` + b64(m.Bytes()) + `","e":"AQAB"}`
		// Room for the closing brackets and the white space the cold runs add.
		if sb.Len()+len(key)+100 > limits.MaxKeyBytes {
			break
		}
		if n > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(key)
	}
	sb.WriteString("]}")
	input := b64([]byte(`{"alg":"PS256"}`)) + "." + b64([]byte(`{"sub":"x"}`))
	sig := make([]byte, bits/8)
	rand.Read(sig[1:]) // below any modulus of the size
	return sb.String(), input + "." + b64(sig)
}

// BenchmarkVerifyWorstJWKS times decode and verify of a PS256 token against
// worstJWKS: "cold" reads the key text anew each time (a paste), "warm"
// finds it read (a keystroke in the token). Both stay well under 250 ms
// because at most keys.MaxCandidates keys are checked.
func BenchmarkVerifyWorstJWKS(b *testing.B) {
	for _, bits := range []int{16384, 8192, 2048} {
		jwks, tok := worstJWKS(b, bits)
		for _, cold := range []bool{true, false} {
			name := fmt.Sprintf("%d-bit/%s", bits, map[bool]string{true: "cold", false: "warm"}[cold])
			b.Run(name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					key := jwks
					if cold {
						// White space after the JSON changes the text, not the keys.
						i++
						key += strings.Repeat(" ", i%64+1)
					}
					v, _ := token.Verify(tok, token.VerifyOptions{Key: key, Now: now})
					if v.SignatureValid || !strings.Contains(warnCodes(v.Warnings), "keys_not_tried") {
						b.Fatalf("Verify = %+v", v)
					}
				}
			})
		}
	}
}
