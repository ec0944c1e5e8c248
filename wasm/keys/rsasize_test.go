package keys_test

import (
	"crypto/rand"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// bigPrivateRSA returns the parts of a private RSA key whose modulus has
// bits bits. The parts do not agree (making a real one of 16384 bits takes
// minutes): the size must be refused before anything checks them.
func bigPrivateRSA(t *testing.T, bits int) (n, d, p, q *big.Int) {
	t.Helper()
	parts := make([]*big.Int, 4)
	for i, size := range []int{bits, bits, bits / 2, bits / 2} {
		x, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(size)))
		if err != nil {
			t.Fatal(err)
		}
		parts[i] = x.SetBit(x, size-1, 1).SetBit(x, 0, 1)
	}
	return parts[0], parts[1], parts[2], parts[3]
}

// TestPrivateRSAKeysOverTheLimit checks that a private RSA key over
// limits.MaxPrivateRSABits is refused as too_large, in every form, without
// the check of its parts that takes 0.7 s for 16384 bits.
func TestPrivateRSAKeysOverTheLimit(t *testing.T) {
	const bits = limits.MaxPrivateRSABits + 8
	n, d, p, q := bigPrivateRSA(t, bits)
	one := big.NewInt(1)
	pkcs1, err := asn1.Marshal(struct {
		Version             int
		N                   *big.Int
		E                   int
		D, P, Q, Dp, Dq, Qi *big.Int
	}{0, n, 65537, d, p, q, one, one, one})
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := asn1.Marshal(struct {
		Version int
		Algo    pkix.AlgorithmIdentifier
		Key     []byte
	}{0, pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}, Parameters: asn1.NullRawValue}, pkcs1})
	if err != nil {
		t.Fatal(err)
	}
	b64 := func(x *big.Int) string { return base64.RawURLEncoding.EncodeToString(x.Bytes()) }
	jwk, _ := json.Marshal(map[string]string{"kty": "RSA", "n": b64(n), "e": "AQAB", "d": b64(d), "p": b64(p), "q": b64(q)})
	for name, text := range map[string]string{
		"PKCS #1 PEM":              pemText("RSA PRIVATE KEY", pkcs1),
		"PKCS #8 PEM":              pemText("PRIVATE KEY", pkcs8),
		"PKCS #8 labelled PKCS #1": pemText("RSA PRIVATE KEY", pkcs8),
		"JWK":                      string(jwk),
		"PEM of two blocks":        pemText("RSA PRIVATE KEY", pkcs1) + pemText("RSA PRIVATE KEY", pkcs1),
		"PKCS #8 DER in base64":    base64.StdEncoding.EncodeToString(pkcs8),
	} {
		start := time.Now()
		_, err := keys.Parse(text, keys.UTF8)
		if c := jwterr.CodeOf(err); c != jwterr.TooLarge || !strings.Contains(err.Error(), "over the limit of 8192 for private keys") {
			t.Errorf("%s: error %v (%s), want too_large naming the limit", name, err, c)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("%s: took %v", name, d)
		}
	}
}
