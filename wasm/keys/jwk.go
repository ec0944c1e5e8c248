package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// jwk holds the members of a JSON Web Key (RFC 7517, RFC 7518 section 6, RFC 8037).
type jwk struct {
	Kty string `json:"kty,omitempty"`
	Kid string `json:"kid,omitempty"`
	Alg string `json:"alg,omitempty"`
	Use string `json:"use,omitempty"`
	Crv string `json:"crv,omitempty"`
	K   string `json:"k,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	D   string `json:"d,omitempty"`
	P   string `json:"p,omitempty"`
	Q   string `json:"q,omitempty"`
	DP  string `json:"dp,omitempty"`
	DQ  string `json:"dq,omitempty"`
	QI  string `json:"qi,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
}

// jwks is a JWK Set document.
type jwks struct {
	Keys []json.RawMessage `json:"keys"`
}

// isJWKJSON reports whether text should be read as a JWK or JWKS: any text
// that opens a JSON object. A secret that looks like JSON can still be
// given in base64 or hex.
func isJWKJSON(text string) bool { return strings.HasPrefix(text, "{") }

// hasMember reports whether text is a JSON object with a member called name.
func hasMember(text, name string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(text), &m) != nil {
		return strings.Contains(text, `"`+name+`"`)
	}
	_, ok := m[name]
	return ok
}

func parseJWKText(text string) (*Key, error) {
	if err := limits.Depth([]byte(text), "the JWK", jwterr.PartKey); err != nil {
		return nil, err
	}
	var j jwk
	if err := json.Unmarshal([]byte(text), &j); err != nil {
		return nil, jwterr.JSON(err, "the JWK", jwterr.PartKey)
	}
	k, err := j.key()
	if err != nil {
		return nil, jwterr.From(err, jwterr.KeyInvalid).In(jwterr.PartKey)
	}
	return k, nil
}

// parseJWKS reads a JWK Set. Keys that cannot be used are skipped and noted,
// as real key sets often mix in encryption keys of other types.
func parseJWKS(text string) (*Set, error) {
	if err := limits.Depth([]byte(text), "the JWKS", jwterr.PartKey); err != nil {
		return nil, err
	}
	var doc jwks
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return nil, jwterr.JSON(err, "the JWKS", jwterr.PartKey)
	}
	set := &Set{Format: FormatJWKS}
	for i, raw := range doc.Keys {
		var j jwk
		if err := json.Unmarshal(raw, &j); err != nil {
			set.Skipped = append(set.Skipped, fmt.Sprintf("key %d: %v", i, jwterr.JSON(err, "the JWK", jwterr.PartKey)))
			continue
		}
		k, err := j.key()
		if err != nil {
			set.Skipped = append(set.Skipped, fmt.Sprintf("key %d%s: %v", i, kidNote(j.Kid), err))
			continue
		}
		set.Keys = append(set.Keys, k)
	}
	if len(set.Keys) == 0 {
		msg := "the JWKS has no keys"
		if len(set.Skipped) > 0 {
			msg = "the JWKS has no usable key: " + strings.Join(set.Skipped, "; ")
		}
		return nil, jwterr.New(jwterr.KeyInvalid, "%s", msg).In(jwterr.PartKey)
	}
	return set, nil
}

func kidNote(kid string) string {
	if kid == "" {
		return ""
	}
	return " (kid " + quote(kid) + ")"
}

// key turns the JWK members into a Key.
func (j *jwk) key() (*Key, error) {
	var (
		k   *Key
		err error
	)
	switch j.Kty {
	case "oct":
		k, err = j.octKey()
	case "RSA":
		k, err = j.rsaKey()
	case "EC":
		k, err = j.ecKey()
	case "OKP":
		k, err = j.okpKey()
	case "":
		return nil, errors.New(`the JWK has no "kty" member: it must say "RSA", "EC", "OKP" or "oct"`)
	default:
		return nil, fmt.Errorf(`the JWK's "kty" is %s: only "RSA", "EC", "OKP" and "oct" keys are supported`, jwterr.Clip(j.Kty))
	}
	if err != nil {
		return nil, err
	}
	k.Kid, k.Alg, k.Use, k.Source = j.Kid, j.Alg, j.Use, "JWK"
	return k, nil
}

// member decodes a base64url member; required members must be present.
func (j *jwk) member(name, value string, required bool) ([]byte, error) {
	if value == "" {
		if required {
			return nil, fmt.Errorf("the %s JWK has no %q member", j.Kty, name)
		}
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(value, "="))
	if err != nil {
		return nil, fmt.Errorf("the JWK member %q is not base64url: %v", name, err)
	}
	return b, nil
}

func (j *jwk) octKey() (*Key, error) {
	k, err := j.member("k", j.K, true)
	if err != nil {
		return nil, err
	}
	if len(k) == 0 {
		return nil, errors.New(`the oct JWK's "k" is empty`)
	}
	return &Key{Type: "oct", Secret: k}, nil
}

func (j *jwk) rsaKey() (*Key, error) {
	n, err := j.member("n", j.N, true)
	if err != nil {
		return nil, err
	}
	e, err := j.member("e", j.E, true)
	if err != nil {
		return nil, err
	}
	if len(e) > 4 {
		return nil, errors.New(`the RSA JWK's exponent "e" is too large`)
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	if pub.N.BitLen() < 512 || pub.E < 3 || pub.E%2 == 0 {
		return nil, fmt.Errorf("the RSA JWK is not a valid key: modulus of %d bits, exponent %d", pub.N.BitLen(), pub.E)
	}
	if err := checkRSASize(pub); err != nil {
		return nil, err
	}
	if j.D == "" {
		return &Key{Type: "RSA", Public: pub}, nil
	}
	priv, err := j.rsaPrivate(pub)
	if err != nil {
		return nil, err
	}
	return &Key{Type: "RSA", Public: pub, Private: priv}, nil
}

func (j *jwk) rsaPrivate(pub *rsa.PublicKey) (*rsa.PrivateKey, error) {
	var ints [3]*big.Int
	for i, m := range []struct{ name, value string }{{"d", j.D}, {"p", j.P}, {"q", j.Q}} {
		b, err := j.member(m.name, m.value, true)
		if err != nil {
			return nil, fmt.Errorf("%v (a private RSA JWK needs d, p and q)", err)
		}
		ints[i] = new(big.Int).SetBytes(b)
	}
	priv := &rsa.PrivateKey{PublicKey: *pub, D: ints[0], Primes: []*big.Int{ints[1], ints[2]}}
	if err := priv.Validate(); err != nil {
		return nil, fmt.Errorf("the private RSA JWK is not consistent: %v", strings.TrimPrefix(err.Error(), "crypto/rsa: "))
	}
	priv.Precompute()
	return priv, nil
}

// curves maps JWK "crv" names to curves and their coordinate sizes. It is
// made on first use: elliptic.P256 and the others set up their tables when
// first called, which would otherwise lengthen the wasm's start.
var curves = sync.OnceValue(func() map[string]struct {
	curve elliptic.Curve
	size  int
} {
	return map[string]struct {
		curve elliptic.Curve
		size  int
	}{
		"P-256": {elliptic.P256(), 32},
		"P-384": {elliptic.P384(), 48},
		"P-521": {elliptic.P521(), 66},
	}
})

func (j *jwk) ecKey() (*Key, error) {
	c, ok := curves()[j.Crv]
	if !ok {
		return nil, fmt.Errorf(`the EC JWK's curve "crv" is %s: only P-256, P-384 and P-521 are supported`, jwterr.Clip(j.Crv))
	}
	x, err := j.member("x", j.X, true)
	if err != nil {
		return nil, err
	}
	y, err := j.member("y", j.Y, true)
	if err != nil {
		return nil, err
	}
	if len(x) != c.size || len(y) != c.size {
		return nil, fmt.Errorf("the %s JWK's x and y must be %d bytes each, not %d and %d", j.Crv, c.size, len(x), len(y))
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c.curve, append(append([]byte{4}, x...), y...))
	if err != nil {
		return nil, fmt.Errorf("the %s JWK's point (x, y) is not on the curve", j.Crv)
	}
	if j.D == "" {
		return &Key{Type: "EC", Public: pub}, nil
	}
	d, err := j.member("d", j.D, true)
	if err != nil {
		return nil, err
	}
	priv, err := ecdsa.ParseRawPrivateKey(c.curve, d)
	if err != nil || !priv.PublicKey.Equal(pub) {
		return nil, fmt.Errorf(`the %s JWK's private "d" does not match its public x and y`, j.Crv)
	}
	return &Key{Type: "EC", Public: pub, Private: priv}, nil
}

func (j *jwk) okpKey() (*Key, error) {
	if j.Crv != "Ed25519" {
		return nil, fmt.Errorf(`the OKP JWK's curve "crv" is %s: only Ed25519 signs JWTs here`, jwterr.Clip(j.Crv))
	}
	x, err := j.member("x", j.X, true)
	if err != nil {
		return nil, err
	}
	if len(x) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("the Ed25519 JWK's x must be %d bytes, not %d", ed25519.PublicKeySize, len(x))
	}
	pub := ed25519.PublicKey(x)
	if j.D == "" {
		return &Key{Type: "OKP", Public: pub}, nil
	}
	d, err := j.member("d", j.D, true)
	if err != nil {
		return nil, err
	}
	if len(d) != ed25519.SeedSize {
		return nil, fmt.Errorf("the Ed25519 JWK's d must be %d bytes, not %d", ed25519.SeedSize, len(d))
	}
	priv := ed25519.NewKeyFromSeed(d)
	if !pub.Equal(priv.Public()) {
		return nil, errors.New(`the Ed25519 JWK's private "d" does not match its public "x"`)
	}
	return &Key{Type: "OKP", Public: pub, Private: priv}, nil
}
