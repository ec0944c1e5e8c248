package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"strings"
)

// keyMaterial is one algorithm's key as both implementations take it: an
// HMAC secret in base64url, or a PKCS #8 private key and a PKIX public key
// in PEM. The bench page imports the same text into jose.
type keyMaterial struct {
	Alg        string `json:"alg"`
	Secret     string `json:"secret,omitempty"`
	PrivatePEM string `json:"privatePem,omitempty"`
	PublicPEM  string `json:"publicPem,omitempty"`
}

// hmacSecretBytes is long enough for HS512, the longest minimum.
const hmacSecretBytes = 64

// rsaBits is the size of the RSA key that signs and verifies.
const rsaBits = 2048

// makeKeys makes a key for each alg, with Go's crypto: fast, and from
// neither implementation under test. The RS and PS algorithms share one RSA
// key, as the ES ones share one key per curve.
func makeKeys(algs []string) (map[string]keyMaterial, error) {
	signers := map[string]crypto.Signer{} // by key type, e.g. "RSA", "P-256"
	keys := make(map[string]keyMaterial, len(algs))
	for _, alg := range algs {
		if strings.HasPrefix(alg, "HS") {
			secret := make([]byte, hmacSecretBytes)
			rand.Read(secret)
			keys[alg] = keyMaterial{Alg: alg, Secret: base64.RawURLEncoding.EncodeToString(secret)}
			continue
		}
		kind, err := keyType(alg)
		if err != nil {
			return nil, err
		}
		if signers[kind] == nil {
			if signers[kind], err = newSigner(kind); err != nil {
				return nil, fmt.Errorf("make a %s key: %w", kind, err)
			}
		}
		k, err := pemPair(alg, signers[kind])
		if err != nil {
			return nil, err
		}
		keys[alg] = k
	}
	return keys, nil
}

// keyType is the type of key an asymmetric alg needs.
func keyType(alg string) (string, error) {
	switch alg {
	case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512":
		return "RSA", nil
	case "ES256":
		return "P-256", nil
	case "ES384":
		return "P-384", nil
	case "ES512":
		return "P-521", nil
	case "EdDSA":
		return "Ed25519", nil
	}
	return "", fmt.Errorf("no key type for alg %q", alg)
}

// newSigner generates a private key of a type keyType returns.
func newSigner(kind string) (crypto.Signer, error) {
	switch kind {
	case "RSA":
		return rsa.GenerateKey(rand.Reader, rsaBits)
	case "P-256":
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "P-384":
		return ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "P-521":
		return ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	return priv, err
}

// pemPair writes the private key as PKCS #8 and its public key as PKIX.
func pemPair(alg string, s crypto.Signer) (keyMaterial, error) {
	priv, err := x509.MarshalPKCS8PrivateKey(s)
	if err != nil {
		return keyMaterial{}, err
	}
	pub, err := x509.MarshalPKIXPublicKey(s.Public())
	if err != nil {
		return keyMaterial{}, err
	}
	return keyMaterial{
		Alg:        alg,
		PrivatePEM: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: priv})),
		PublicPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
	}, nil
}
