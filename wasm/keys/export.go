package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"

	"filippo.io/mldsa"
	mldsax509 "filippo.io/mldsa/x509"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// JWK returns k as a JSON Web Key; private adds the private members when
// k has them. kid, alg and use are kept.
func (k *Key) JWK(private bool) (json.RawMessage, error) {
	j, err := k.members(private)
	if err != nil {
		return nil, err
	}
	j.Kid, j.Use = k.Kid, k.Use
	if k.Alg != "" {
		j.Alg = k.Alg // an AKP key's is set already, and the same
	}
	return json.Marshal(j)
}

// BareJWK returns only k's key material as a JWK, without kid, alg (but
// for an AKP key, whose "alg" is part of its material) and use: WebCrypto checks those members against its own parameters, and the
// playground has already decided that k fits the algorithm.
// It is made once per key: a key box keeps its key for many keystrokes.
func (k *Key) BareJWK(private bool) (json.RawMessage, error) {
	i := 0
	if private {
		i = 1
	}
	b := &k.bare[i]
	b.once.Do(func() {
		var j *jwk
		if j, b.err = k.members(private); b.err == nil {
			b.jwk, b.err = json.Marshal(j)
		}
	})
	return b.jwk, b.err
}

// Thumbprint returns the RFC 7638 JWK thumbprint of k: the base64url
// SHA-256 of its required public members, in lexicographic order, with no
// white space. Private members never change it.
func (k *Key) Thumbprint() (string, error) {
	j, err := k.members(false)
	if err != nil {
		return "", err
	}
	var canon string
	switch j.Kty {
	case "RSA":
		canon = `{"e":"` + j.E + `","kty":"RSA","n":"` + j.N + `"}`
	case "EC":
		canon = `{"crv":"` + j.Crv + `","kty":"EC","x":"` + j.X + `","y":"` + j.Y + `"}`
	case "OKP":
		canon = `{"crv":"` + j.Crv + `","kty":"OKP","x":"` + j.X + `"}`
	case "AKP":
		// draft-ietf-cose-dilithium section 6: alg, kty and pub.
		canon = `{"alg":"` + j.Alg + `","kty":"AKP","pub":"` + j.Pub + `"}`
	default:
		canon = `{"k":"` + j.K + `","kty":"oct"}`
	}
	sum := sha256.Sum256([]byte(canon))
	return b64(sum[:]), nil
}

// PublicPEM returns k's public key as a PKIX "PUBLIC KEY" PEM block.
func (k *Key) PublicPEM() (string, error) {
	if k.Public == nil {
		return "", jwterr.New(jwterr.KeyInvalid, "a shared secret has no PEM form").In(jwterr.PartKey)
	}
	der, err := marshalPKIX(k.Public)
	if err != nil {
		return "", jwterr.New(jwterr.KeyInvalid, "cannot write the public key as PEM: %v", err).In(jwterr.PartKey)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}

// PrivatePEM returns k's private key as a PKCS #8 "PRIVATE KEY" PEM block.
func (k *Key) PrivatePEM() (string, error) {
	if k.Private == nil {
		return "", jwterr.New(jwterr.KeyInvalid, "the key has no private part").In(jwterr.PartKey)
	}
	der, err := marshalPKCS8(k.Private)
	if err != nil {
		return "", jwterr.New(jwterr.KeyInvalid, "cannot write the private key as PEM: %v", err).In(jwterr.PartKey)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

// members fills the key-material members of a JWK.
func (k *Key) members(private bool) (*jwk, error) {
	j := &jwk{Kty: k.Type}
	switch pub := k.Public.(type) {
	case nil:
		j.K = b64(k.Secret)
	case *rsa.PublicKey:
		j.N, j.E = b64(pub.N.Bytes()), b64(big.NewInt(int64(pub.E)).Bytes())
	case *ecdsa.PublicKey:
		point, err := ecPointBytes(pub)
		if err != nil {
			return nil, jwterr.New(jwterr.KeyInvalid, "cannot write the EC key: %v", err).In(jwterr.PartKey)
		}
		size := (len(point) - 1) / 2
		j.Crv, j.X, j.Y = k.curve(), b64(point[1:1+size]), b64(point[1+size:])
	case ed25519.PublicKey:
		j.Crv, j.X = "Ed25519", b64(pub)
	case *mldsa.PublicKey:
		j.Alg, j.Pub = pub.Parameters().String(), b64(pub.Bytes())
	}
	if private && k.Private != nil {
		if err := j.setPrivate(k.Private); err != nil {
			return nil, err
		}
	}
	return j, nil
}

func (j *jwk) setPrivate(priv any) error {
	switch p := priv.(type) {
	case *rsa.PrivateKey:
		if len(p.Primes) != 2 {
			return jwterr.New(jwterr.KeyInvalid, "an RSA key with %d primes has no JWK form here", len(p.Primes)).In(jwterr.PartKey)
		}
		p.Precompute()
		j.D, j.P, j.Q = b64(p.D.Bytes()), b64(p.Primes[0].Bytes()), b64(p.Primes[1].Bytes())
		j.DP, j.DQ, j.QI = b64(p.Precomputed.Dp.Bytes()), b64(p.Precomputed.Dq.Bytes()), b64(p.Precomputed.Qinv.Bytes())
	case *ecdsa.PrivateKey:
		d, err := ecScalarBytes(p)
		if err != nil {
			return jwterr.New(jwterr.KeyInvalid, "cannot write the EC private key: %v", err).In(jwterr.PartKey)
		}
		j.D = b64(d)
	case ed25519.PrivateKey:
		j.D = b64(p.Seed())
	case *mldsa.PrivateKey:
		j.Priv = b64(p.Bytes())
	}
	return nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// ecPointBytes is pub's uncompressed point, on any curve we read.
func ecPointBytes(pub *ecdsa.PublicKey) ([]byte, error) {
	if isK1(pub.Curve) {
		return k1PointBytes(pub), nil
	}
	return pub.Bytes()
}

// ecScalarBytes is priv's scalar, as long as the curve's order.
func ecScalarBytes(priv *ecdsa.PrivateKey) ([]byte, error) {
	if isK1(priv.Curve) {
		return priv.D.FillBytes(make([]byte, 32)), nil
	}
	return priv.Bytes()
}

// marshalPKIX writes a public key as a SubjectPublicKeyInfo: crypto/x509
// for most, filippo.io/mldsa/x509 for ML-DSA (RFC 9881), ours for secp256k1.
func marshalPKIX(pub any) ([]byte, error) {
	if ec, ok := pub.(*ecdsa.PublicKey); ok && isK1(ec.Curve) {
		return marshalK1PKIX(ec)
	}
	return mldsax509.MarshalPKIXPublicKey(pub)
}

// marshalPKCS8 writes a private key as PKCS #8, as marshalPKIX does.
func marshalPKCS8(priv any) ([]byte, error) {
	if ec, ok := priv.(*ecdsa.PrivateKey); ok && isK1(ec.Curve) {
		return marshalK1PKCS8(ec)
	}
	return mldsax509.MarshalPKCS8PrivateKey(priv)
}
