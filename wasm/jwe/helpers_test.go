package jwe

import (
	"crypto"
	"crypto/ecdh"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"sync"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/testkeys"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// pair is a key as the recipient and the sender paste it.
type pair struct {
	priv, pub string
	enc       keys.Encoding
}

func pemOf(t testing.TB, typ string, der []byte, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func privPEM(t testing.TB, k crypto.PrivateKey) string {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	return pemOf(t, "PRIVATE KEY", der, err)
}

func pubPEM(t testing.TB, k crypto.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(k)
	return pemOf(t, "PUBLIC KEY", der, err)
}

var x25519Key = sync.OnceValue(func() *ecdh.PrivateKey {
	k, _ := ecdh.X25519().GenerateKey(rand.Reader)
	return k
})

// pairFor returns a key pair (or a secret) that fits alg with enc.
func pairFor(t testing.TB, alg, enc, curve string) pair {
	k := testkeys.Get(t)
	m := managers[alg]
	switch m.kind().kty {
	case "RSA":
		return pair{privPEM(t, k.RSA), pubPEM(t, &k.RSA.PublicKey), ""}
	case "ECDH":
		switch curve {
		case "P-384":
			return pair{privPEM(t, k.P384), pubPEM(t, &k.P384.PublicKey), ""}
		case "P-521":
			return pair{privPEM(t, k.P521), pubPEM(t, &k.P521.PublicKey), ""}
		case "X25519":
			x := x25519Key()
			return pair{privPEM(t, x), pubPEM(t, x.PublicKey()), ""}
		}
		return pair{privPEM(t, k.P256), pubPEM(t, &k.P256.PublicKey), ""}
	}
	size := m.kind().size
	if size == 0 {
		size = ciphers[enc].keySize()
	}
	if size < 0 {
		return pair{"correct horse battery staple", "correct horse battery staple", ""}
	}
	s := b64([]byte(strings.Repeat("k", size)))
	return pair{s, s, keys.Base64URL}
}
