package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/internal/secp256k1"
)

// ES256K (RFC 8812 section 3.2) is ECDSA with SHA-256 on secp256k1, the
// curve of Bitcoin and of decentralised identifiers. golang-jwt's ECDSA
// method serves it unchanged: crypto/ecdsa signs and verifies on any
// elliptic.Curve, and the signature is r and s of 32 bytes each. As jose
// and RFC 8812 do, a high s is accepted.
func init() {
	jwt.RegisterSigningMethod("ES256K", func() jwt.SigningMethod { return signingMethodES256K })
}

var signingMethodES256K = &jwt.SigningMethodECDSA{Name: "ES256K", Hash: crypto.SHA256, KeySize: 32, CurveBits: 256}

// crvSecp256k1 is the JWK "crv" of RFC 8812 section 3.1.
const crvSecp256k1 = "secp256k1"

// The OIDs of an EC key on secp256k1 in DER (RFC 5480, SEC 2).
var (
	oidECPublicKey = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidSecp256k1   = asn1.ObjectIdentifier{1, 3, 132, 0, 10}
)

// errNotK1 says DER is not a secp256k1 key, so that the error of Go's own
// parser, which tried first, is the one reported.
var errNotK1 = errors.New("not a secp256k1 key")

func isK1(c elliptic.Curve) bool { return c == secp256k1.Curve() }

// k1Point reads an uncompressed (04 ‖ x ‖ y) or compressed (02 or 03 ‖ x)
// point on secp256k1 (SEC 1 section 2.3.4), refusing points off the curve.
func k1Point(b []byte) (*ecdsa.PublicKey, error) {
	c := secp256k1.Curve()
	p := c.Params().P
	var x, y *big.Int
	switch {
	case len(b) == 65 && b[0] == 4:
		x, y = new(big.Int).SetBytes(b[1:33]), new(big.Int).SetBytes(b[33:])
	case len(b) == 33 && (b[0] == 2 || b[0] == 3):
		x = new(big.Int).SetBytes(b[1:])
		if x.Cmp(p) >= 0 {
			return nil, errors.New("the secp256k1 point's x is not below the field's prime")
		}
		// y² = x³ + 7; P ≡ 3 (mod 4), so a root is (y²)^((P+1)/4).
		y2 := new(big.Int).Exp(x, big.NewInt(3), p)
		y2.Add(y2, big.NewInt(7)).Mod(y2, p)
		if y = new(big.Int).ModSqrt(y2, p); y == nil {
			return nil, errors.New("the compressed secp256k1 point is not on the curve")
		}
		if y.Bit(0) != uint(b[0]&1) {
			y.Sub(p, y)
		}
	default:
		return nil, fmt.Errorf("a secp256k1 point is 65 bytes starting 04, or 33 starting 02 or 03, not %d bytes", len(b))
	}
	if !c.IsOnCurve(x, y) {
		return nil, errors.New("the point is not on the curve secp256k1")
	}
	return &ecdsa.PublicKey{Curve: c, X: x, Y: y}, nil
}

// k1Private makes the private key d (big-endian, at most 32 bytes) on
// secp256k1, refusing 0 and values not below the order.
func k1Private(d []byte) (*ecdsa.PrivateKey, error) {
	c := secp256k1.Curve()
	k := new(big.Int).SetBytes(d)
	if len(d) > 32 || k.Sign() == 0 || k.Cmp(c.Params().N) >= 0 {
		return nil, errors.New("the secp256k1 private key is not between 1 and the curve's order")
	}
	x, y := c.ScalarBaseMult(d)
	return &ecdsa.PrivateKey{PublicKey: ecdsa.PublicKey{Curve: c, X: x, Y: y}, D: k}, nil
}

// k1PointBytes is pub's uncompressed point, 04 ‖ x ‖ y.
func k1PointBytes(pub *ecdsa.PublicKey) []byte {
	out := make([]byte, 65)
	out[0] = 4
	pub.X.FillBytes(out[1:33])
	pub.Y.FillBytes(out[33:])
	return out
}

// spki is a SubjectPublicKeyInfo (RFC 5280 section 4.1).
type spki struct {
	Algo pkix.AlgorithmIdentifier
	Key  asn1.BitString
}

// pkcs8 is a PKCS #8 PrivateKeyInfo (RFC 5208); attributes are ignored.
type pkcs8 struct {
	Version int
	Algo    pkix.AlgorithmIdentifier
	Key     []byte
}

// sec1 is a SEC 1 ECPrivateKey (RFC 5915).
type sec1 struct {
	Version   int
	D         []byte
	Curve     asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
	PublicKey asn1.BitString        `asn1:"optional,explicit,tag:1"`
}

// isK1Algo reports whether an AlgorithmIdentifier names an EC key on
// secp256k1.
func isK1Algo(a pkix.AlgorithmIdentifier) bool {
	var curve asn1.ObjectIdentifier
	rest, err := asn1.Unmarshal(a.Parameters.FullBytes, &curve)
	return a.Algorithm.Equal(oidECPublicKey) && err == nil && len(rest) == 0 && curve.Equal(oidSecp256k1)
}

// parseK1PKIX reads a SubjectPublicKeyInfo of a secp256k1 key, or returns
// errNotK1 for any other DER.
func parseK1PKIX(der []byte) (*ecdsa.PublicKey, error) {
	var s spki
	if rest, err := asn1.Unmarshal(der, &s); err != nil || len(rest) > 0 || !isK1Algo(s.Algo) {
		return nil, errNotK1
	}
	if s.Key.BitLength%8 != 0 {
		return nil, errors.New("the secp256k1 public key's BIT STRING is not whole bytes")
	}
	return k1Point(s.Key.Bytes)
}

// parseK1PKCS8 reads a PKCS #8 secp256k1 private key, or returns errNotK1
// for any other DER.
func parseK1PKCS8(der []byte) (*ecdsa.PrivateKey, error) {
	var p pkcs8
	if rest, err := asn1.Unmarshal(der, &p); err != nil || len(rest) > 0 || !isK1Algo(p.Algo) {
		return nil, errNotK1
	}
	k, err := parseK1SEC1(p.Key, true)
	if errors.Is(err, errNotK1) {
		return nil, errors.New("the PKCS #8 secp256k1 key does not hold a SEC 1 private key")
	}
	return k, err
}

// parseK1SEC1 reads a SEC 1 secp256k1 private key, or returns errNotK1
// for any other DER. Inside PKCS #8 (inPKCS8) the curve may be left out;
// alone it must be named. A public key given beside it must be its own.
func parseK1SEC1(der []byte, inPKCS8 bool) (*ecdsa.PrivateKey, error) {
	var s sec1
	if rest, err := asn1.Unmarshal(der, &s); err != nil || len(rest) > 0 || s.Version != 1 {
		return nil, errNotK1
	}
	if !s.Curve.Equal(oidSecp256k1) && (len(s.Curve) > 0 || !inPKCS8) {
		return nil, errNotK1
	}
	priv, err := k1Private(s.D)
	if err != nil {
		return nil, err
	}
	if len(s.PublicKey.Bytes) > 0 {
		pub, err := k1Point(s.PublicKey.Bytes)
		if err != nil || !pub.Equal(&priv.PublicKey) {
			return nil, errors.New("the secp256k1 private key's public key is not its own")
		}
	}
	return priv, nil
}

// marshalK1PKIX writes pub as a SubjectPublicKeyInfo.
func marshalK1PKIX(pub *ecdsa.PublicKey) ([]byte, error) {
	params, _ := asn1.Marshal(oidSecp256k1)
	point := k1PointBytes(pub)
	return asn1.Marshal(spki{
		Algo: pkix.AlgorithmIdentifier{Algorithm: oidECPublicKey, Parameters: asn1.RawValue{FullBytes: params}},
		Key:  asn1.BitString{Bytes: point, BitLength: 8 * len(point)},
	})
}

// marshalK1PKCS8 writes priv as PKCS #8, the curve named once, outside,
// as crypto/x509 and OpenSSL write it.
func marshalK1PKCS8(priv *ecdsa.PrivateKey) ([]byte, error) {
	point := k1PointBytes(&priv.PublicKey)
	inner, err := asn1.Marshal(sec1{Version: 1, D: priv.D.FillBytes(make([]byte, 32)), PublicKey: asn1.BitString{Bytes: point, BitLength: 8 * len(point)}})
	if err != nil {
		return nil, err
	}
	params, _ := asn1.Marshal(oidSecp256k1)
	return asn1.Marshal(pkcs8{
		Algo: pkix.AlgorithmIdentifier{Algorithm: oidECPublicKey, Parameters: asn1.RawValue{FullBytes: params}},
		Key:  inner,
	})
}
