package keys

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"slices"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// jweSecrets are the JWE kinds that are a random shared key, with its
// size in bytes: AES key wrap and AES-GCM key wrap keys, and the content
// keys "dir" uses, named by their enc.
var jweSecrets = map[string]int{
	"A128KW": 16, "A192KW": 24, "A256KW": 32,
	"A128GCMKW": 16, "A192GCMKW": 24, "A256GCMKW": 32,
	"A128GCM": 16, "A192GCM": 24, "A256GCM": 32,
	"A128CBC-HS256": 32, "A192CBC-HS384": 48, "A256CBC-HS512": 64,
}

// jwePairs are the JWE kinds that are a key pair: RSA for RSA-OAEP, and
// EC P-256 for ECDH-ES (X25519 is its own kind).
var jwePairs = []string{"RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"}

// JWEKinds returns the kinds of JWE key Generate makes, besides the JWS
// algorithms.
func JWEKinds() []string {
	kinds := append([]string{}, jwePairs...)
	kinds = append(kinds, "X25519")
	for k := range jweSecrets {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// generateJWE makes a key for a JWE kind; ok is false for any other name.
// Key pairs carry "use": "enc" and, but for X25519, the kind as "alg".
func generateJWE(kind string, bits int) (g *Generated, ok bool, err error) {
	if size, isSecret := jweSecrets[kind]; isSecret {
		secret := make([]byte, size)
		rand.Read(secret)
		return &Generated{Alg: kind, Secret: b64(secret), SecretHex: hex.EncodeToString(secret)}, true, nil
	}
	if kind == "X25519" {
		g, err := generateX25519()
		return g, true, err
	}
	if !slices.Contains(jwePairs, kind) {
		return nil, false, nil
	}
	var k *Key
	if kind[0] == 'R' {
		k, err = newKeyPair(Algorithm{Family: RSA}, bits)
	} else {
		var priv *ecdsa.PrivateKey
		if priv, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err == nil {
			k, err = keyFromGo(priv, "generated")
		}
	}
	if err != nil {
		return nil, true, err
	}
	k.Alg, k.Use = kind, "enc"
	if k.Kid, err = k.Thumbprint(); err != nil {
		return nil, true, err
	}
	g = &Generated{Alg: kind, Kid: k.Kid}
	var errs [4]error
	g.PrivateKeyPEM, errs[0] = k.PrivatePEM()
	g.PublicKeyPEM, errs[1] = k.PublicPEM()
	g.PrivateJWK, errs[2] = k.JWK(true)
	g.PublicJWK, errs[3] = k.JWK(false)
	if err := errors.Join(errs[:]...); err != nil {
		return nil, true, jwterr.New(jwterr.Internal, "writing the new key failed: %v", err)
	}
	return g, true, nil
}

// generateX25519 makes an X25519 key pair for ECDH-ES, which the Key type
// (made for signatures) does not hold: its PEM and JWK forms are written
// here. Its kid is the RFC 7638 thumbprint of {"crv","kty","x"}.
func generateX25519() (*Generated, error) {
	priv, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		return nil, jwterr.New(jwterr.Internal, "generating an X25519 key failed: %v", err)
	}
	x := b64(priv.PublicKey().Bytes())
	sum := sha256.Sum256([]byte(`{"crv":"X25519","kty":"OKP","x":"` + x + `"}`))
	g := &Generated{Alg: "X25519", Kid: b64(sum[:])}
	privDER, err1 := x509.MarshalPKCS8PrivateKey(priv)
	pubDER, err2 := x509.MarshalPKIXPublicKey(priv.PublicKey())
	if err := errors.Join(err1, err2); err != nil {
		return nil, jwterr.New(jwterr.Internal, "writing the new key failed: %v", err)
	}
	g.PrivateKeyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}))
	g.PublicKeyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))
	pub := map[string]string{"kty": "OKP", "crv": "X25519", "kid": g.Kid, "use": "enc", "x": x}
	g.PublicJWK, _ = json.Marshal(pub)
	pub["d"] = b64(priv.Bytes())
	g.PrivateJWK, _ = json.Marshal(pub)
	return g, nil
}
