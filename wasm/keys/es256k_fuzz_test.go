package keys

import (
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/secp256k1"
)

// FuzzK1DER feeds the secp256k1 DER readers (SPKI, PKCS #8, SEC 1) any
// bytes: none panics, and what one accepts is a point on the curve (and
// for a private key, d·G), which written back reads back the same.
func FuzzK1DER(f *testing.F) {
	priv, err := ecdsa.GenerateKey(secp256k1.Curve(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	spkiDER, _ := marshalK1PKIX(&priv.PublicKey)
	pkcs8DER, _ := marshalK1PKCS8(priv)
	f.Add(spkiDER)
	f.Add(pkcs8DER)
	f.Add(pkcs8DER[26:]) // the SEC 1 key inside
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x01})
	f.Fuzz(func(t *testing.T, der []byte) {
		if pub, err := parseK1PKIX(der); err == nil {
			if !pub.Curve.IsOnCurve(pub.X, pub.Y) {
				t.Fatalf("SPKI point off the curve")
			}
			back, _ := marshalK1PKIX(pub)
			if again, err := parseK1PKIX(back); err != nil || !again.Equal(pub) {
				t.Fatalf("SPKI written back reads as %v, %v", again, err)
			}
		} else if pub != nil {
			t.Fatalf("a key with the error %v", err)
		}
		for _, parse := range []func([]byte) (*ecdsa.PrivateKey, error){
			parseK1PKCS8, func(d []byte) (*ecdsa.PrivateKey, error) { return parseK1SEC1(d, false) },
		} {
			k, err := parse(der)
			if err != nil {
				if k != nil || errors.Is(err, errNotK1) && err != errNotK1 {
					t.Fatalf("a key with the error %v", err)
				}
				continue
			}
			x, y := secp256k1.Curve().ScalarBaseMult(k.D.Bytes())
			if x.Cmp(k.X) != 0 || y.Cmp(k.Y) != 0 {
				t.Fatalf("the private key's public key is not d·G")
			}
			back, _ := marshalK1PKCS8(k)
			if again, err := parseK1PKCS8(back); err != nil || again.D.Cmp(k.D) != 0 {
				t.Fatalf("PKCS #8 written back reads as %v, %v", again, err)
			}
		}
	})
}
