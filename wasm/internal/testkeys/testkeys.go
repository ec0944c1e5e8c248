// Package testkeys makes the keys the core's tests sign and verify with,
// once per test binary, since RSA generation is slow.
package testkeys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"math/big"
	"sync"
	"testing"

	"filippo.io/mldsa"

	"github.com/jwt-playground/jwt-playground/wasm/internal/secp256k1"
)

// Keys are two keys of each kind, where a test needs a wrong one too.
type Keys struct {
	RSA, RSA2         *rsa.PrivateKey
	P256, P256b       *ecdsa.PrivateKey
	P384, P521        *ecdsa.PrivateKey
	Ed25519, Ed25519b ed25519.PrivateKey
	// K1 and K1b are on secp256k1 (ES256K).
	K1, K1b *ecdsa.PrivateKey
	// MLDSA holds two ML-DSA keys of each parameter set, by JOSE "alg".
	MLDSA map[string][2]*mldsa.PrivateKey
}

var generated = sync.OnceValues(func() (*Keys, error) {
	var k Keys
	var err error
	try := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	try(func() (e error) { k.RSA, e = rsa.GenerateKey(rand.Reader, 2048); return })
	try(func() (e error) { k.RSA2, e = rsa.GenerateKey(rand.Reader, 2048); return })
	try(func() (e error) { k.P256, e = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); return })
	try(func() (e error) { k.P256b, e = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); return })
	try(func() (e error) { k.P384, e = ecdsa.GenerateKey(elliptic.P384(), rand.Reader); return })
	try(func() (e error) { k.P521, e = ecdsa.GenerateKey(elliptic.P521(), rand.Reader); return })
	try(func() (e error) { _, k.Ed25519, e = ed25519.GenerateKey(rand.Reader); return })
	try(func() (e error) { _, k.Ed25519b, e = ed25519.GenerateKey(rand.Reader); return })
	try(func() (e error) { k.K1, e = ecdsa.GenerateKey(secp256k1.Curve(), rand.Reader); return })
	try(func() (e error) { k.K1b, e = ecdsa.GenerateKey(secp256k1.Curve(), rand.Reader); return })
	k.MLDSA = map[string][2]*mldsa.PrivateKey{}
	for _, p := range []mldsa.Parameters{mldsa.MLDSA44(), mldsa.MLDSA65(), mldsa.MLDSA87()} {
		var pair [2]*mldsa.PrivateKey
		try(func() (e error) { pair[0], e = mldsa.GenerateKey(p); return })
		try(func() (e error) { pair[1], e = mldsa.GenerateKey(p); return })
		k.MLDSA[p.String()] = pair
	}
	return &k, err
})

// Get returns the keys, made on the first call.
func Get(t testing.TB) *Keys {
	t.Helper()
	k, err := generated()
	if err != nil {
		t.Fatalf("generating test keys: %v", err)
	}
	return k
}

// SmallRSA makes an RSA key of the given size, which rsa.GenerateKey
// refuses under 1024 bits, for tests of keys too small to use.
func SmallRSA(t testing.TB, bits int) *rsa.PrivateKey {
	t.Helper()
	one := big.NewInt(1)
	for {
		p, err := rand.Prime(rand.Reader, bits/2)
		if err != nil {
			t.Fatalf("rand.Prime: %v", err)
		}
		q, err := rand.Prime(rand.Reader, bits-bits/2)
		if err != nil {
			t.Fatalf("rand.Prime: %v", err)
		}
		n := new(big.Int).Mul(p, q)
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(big.NewInt(65537), phi)
		if n.BitLen() != bits || d == nil || p.Cmp(q) == 0 {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: 65537}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		return k
	}
}
