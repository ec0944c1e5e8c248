package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// RSASizes are the RSA modulus sizes Generate offers; the first is the default.
var RSASizes = []int{2048, 3072, 4096}

// Generated is a new key for one algorithm. HMAC fills Secret and
// SecretHex; the others fill the PEM and JWK forms and Kid.
type Generated struct {
	Alg string `json:"alg"`
	// Secret is an HMAC secret in base64url; SecretHex the same bytes in hex.
	Secret    string `json:"secret,omitempty"`
	SecretHex string `json:"secretHex,omitempty"`
	// PrivateKeyPEM is PKCS #8, PublicKeyPEM is PKIX.
	PrivateKeyPEM string          `json:"privateKeyPem,omitempty"`
	PublicKeyPEM  string          `json:"publicKeyPem,omitempty"`
	PrivateJWK    json.RawMessage `json:"privateJwk,omitempty"`
	PublicJWK     json.RawMessage `json:"publicJwk,omitempty"`
	// Kid is the RFC 7638 thumbprint, also set as "kid" in both JWKs.
	Kid string `json:"kid,omitempty"`
}

// Generate makes a random key for algName, a JWS alg or a JWE kind (see
// JWEKinds), from crypto/rand (in the browser, crypto.getRandomValues).
// bits picks the RSA size; 0 means 2048.
func Generate(algName string, bits int) (*Generated, error) {
	if g, isJWE, err := generateJWE(algName, bits); isJWE {
		return g, err
	}
	alg, ok := Lookup(algName)
	if !ok {
		return nil, jwterr.New(jwterr.UnsupportedAlg, "cannot generate a key for alg %s; the playground knows %s", jwterr.Clip(algName), strings.Join(Algorithms(), ", "))
	}
	if alg.Family == HMAC {
		secret := make([]byte, alg.HashBits/8)
		rand.Read(secret)
		return &Generated{Alg: alg.Name, Secret: b64(secret), SecretHex: hex.EncodeToString(secret)}, nil
	}
	k, err := newKeyPair(alg, bits)
	if err != nil {
		return nil, err
	}
	k.Alg, k.Use = alg.Name, "sig"
	if k.Kid, err = k.Thumbprint(); err != nil {
		return nil, err
	}
	// A key made here always converts; an error would be a bug.
	g := &Generated{Alg: alg.Name, Kid: k.Kid}
	var errs [4]error
	g.PrivateKeyPEM, errs[0] = k.PrivatePEM()
	g.PublicKeyPEM, errs[1] = k.PublicPEM()
	g.PrivateJWK, errs[2] = k.JWK(true)
	g.PublicJWK, errs[3] = k.JWK(false)
	if err := errors.Join(errs[:]...); err != nil {
		return nil, jwterr.New(jwterr.Internal, "writing the new key failed: %v", err)
	}
	return g, nil
}

func newKeyPair(alg Algorithm, bits int) (*Key, error) {
	switch alg.Family {
	case RSA, RSAPSS:
		if bits == 0 {
			bits = RSASizes[0]
		}
		if !slices.Contains(RSASizes, bits) {
			return nil, jwterr.New(jwterr.BadInput, "RSA keys are generated with 2048, 3072 or 4096 bits, not %d", bits)
		}
		priv, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			return nil, jwterr.New(jwterr.Internal, "generating an RSA key failed: %v", err)
		}
		return keyFromGo(priv, "generated")
	case ECDSA:
		priv, err := ecdsa.GenerateKey(curves()[alg.Curve].curve, rand.Reader)
		if err != nil {
			return nil, jwterr.New(jwterr.Internal, "generating an EC key failed: %v", err)
		}
		return keyFromGo(priv, "generated")
	case MLDSA:
		return newMLDSAKey(alg)
	default:
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, jwterr.New(jwterr.Internal, "generating an Ed25519 key failed: %v", err)
		}
		return keyFromGo(priv, "generated")
	}
}
