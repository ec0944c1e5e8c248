package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/jwt-playground/jwt-playground/wasm/internal/secp256k1"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// jwk holds the members of a JSON Web Key (RFC 7517, RFC 7518 section 6, RFC 8037).
type jwk struct {
	Kty    string   `json:"kty,omitempty"`
	Kid    string   `json:"kid,omitempty"`
	Alg    string   `json:"alg,omitempty"`
	Use    string   `json:"use,omitempty"`
	KeyOps []string `json:"key_ops,omitempty"`
	Crv    string   `json:"crv,omitempty"`
	K      string   `json:"k,omitempty"`
	N      string   `json:"n,omitempty"`
	E      string   `json:"e,omitempty"`
	D      string   `json:"d,omitempty"`
	P      string   `json:"p,omitempty"`
	Q      string   `json:"q,omitempty"`
	DP     string   `json:"dp,omitempty"`
	DQ     string   `json:"dq,omitempty"`
	QI     string   `json:"qi,omitempty"`
	X      string   `json:"x,omitempty"`
	Y      string   `json:"y,omitempty"`
	Pub    string   `json:"pub,omitempty"`
	Priv   string   `json:"priv,omitempty"`
}

// jwkMembers are the members RFC 7517 section 4, RFC 7518 section 6,
// RFC 8037 and draft-ietf-cose-dilithium (AKP) define: a case variant of
// any of them is refused.
var jwkMembers = []string{"kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "oth", "k", "ext", "pub", "priv"}

// isJWKJSON reports whether text should be read as a JWK or JWKS: any text
// that opens a JSON object. A secret that looks like JSON can still be
// given in base64 or hex.
func isJWKJSON(text string) bool { return strings.HasPrefix(text, "{") }

// hasMember reports whether text is a JSON object with a member called
// name, or a case variant of it, so that {"KEYS": […]} is read, and
// refused, as the key set it pretends to be. Text that is not JSON has the
// member when it holds the name in quotes, so that its error is the one
// for the form it looks like. It looks only at the object's own members,
// in one pass: it runs on every keystroke, on up to a mebibyte.
func hasMember(text, name string) bool {
	data := []byte(text)
	i := skipSpace(data, 0)
	if i < len(data) && data[i] == '{' {
		found := false
		err := eachMember(data, i, func(n string, _ int, _ []byte, _ int) error {
			found = found || strings.EqualFold(n, name)
			return nil
		})
		if err == nil {
			return found
		}
	}
	return strings.Contains(text, `"`+name+`"`)
}

// readJWK reads one JWK exactly: every member name as written and once,
// every member of the type its RFC gives it.
func readJWK(data []byte, base int, what string, valid bool) (*jwk, error) {
	o, err := readObject(data, base, what, jwkMembers, valid)
	if err != nil {
		return nil, err
	}
	j := &jwk{}
	for _, m := range []struct {
		name string
		to   *string
	}{
		{"kty", &j.Kty}, {"kid", &j.Kid}, {"alg", &j.Alg}, {"use", &j.Use}, {"crv", &j.Crv},
		{"k", &j.K}, {"n", &j.N}, {"e", &j.E}, {"d", &j.D}, {"p", &j.P}, {"q", &j.Q},
		{"dp", &j.DP}, {"dq", &j.DQ}, {"qi", &j.QI}, {"x", &j.X}, {"y", &j.Y},
		{"pub", &j.Pub}, {"priv", &j.Priv},
		{"x5u", new(string)}, {"x5t", new(string)}, {"x5t#S256", new(string)},
	} {
		if *m.to, err = o.str(m.name); err != nil {
			return nil, err
		}
	}
	if j.KeyOps, err = o.strings("key_ops", true); err != nil {
		return nil, err
	}
	if _, err := o.strings("x5c", false); err != nil {
		return nil, err
	}
	if err := o.boolean("ext"); err != nil {
		return nil, err
	}
	if _, at, ok := o.get("oth"); ok {
		// Ignoring it would check a different key than the one written.
		return nil, invalid(at, "%s has \"oth\": RSA keys of more than two primes are not supported", what)
	}
	return j, nil
}

func parseJWKText(text string) (*Key, error) {
	if err := limits.Depth([]byte(text), "the JWK", jwterr.PartKey); err != nil {
		return nil, err
	}
	j, err := readJWK([]byte(text), 0, "the JWK", false)
	if err != nil {
		return nil, err
	}
	k, err := j.key()
	if err != nil {
		return nil, jwterr.From(err, jwterr.KeyInvalid).In(jwterr.PartKey)
	}
	return k, nil
}

// parseJWKS reads a JWK Set. Keys of a type or curve the playground does
// not support are skipped and noted, as real key sets often mix in
// encryption keys; a set that is not exactly a JWKS (a duplicate or case
// variant of a member, in the set or in any key, a member of the wrong
// type, a key that is not an object) is refused whole, as jose refuses it.
func parseJWKS(text string) (*Set, error) {
	if err := limits.Depth([]byte(text), "the JWKS", jwterr.PartKey); err != nil {
		return nil, err
	}
	raws, err := readJWKSKeys([]byte(text))
	if err != nil {
		return nil, err
	}
	set := &Set{Format: FormatJWKS}
	work := 0
	for i, raw := range raws {
		j, err := readJWK(raw.raw, raw.at, fmt.Sprintf("key %d of the JWKS", i), true)
		if err != nil {
			return nil, err
		}
		if j.Kty == "RSA" && j.D != "" {
			if work += privateRSAWork(j.N); work > maxPrivateRSAWork {
				return nil, invalid(raw.at, "the JWKS holds more private RSA keys than can be checked quickly (key %d and on): a key set for verifying needs only the public keys, and jose accepts no private key in one", i)
			}
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

// readJWKSKeys returns the items of a JWKS's "keys" array, each an object
// (jose refuses a set with any other item).
func readJWKSKeys(data []byte) ([]value, error) {
	o, err := readObject(data, 0, "the JWKS", []string{"keys"}, false)
	if err != nil {
		return nil, err
	}
	raw, at, ok := o.get("keys")
	if !ok {
		return nil, invalid(0, "the JWKS has no \"keys\" member")
	}
	if raw[0] != '[' {
		return nil, o.wrongType("keys", "an array of JWKs", raw, at)
	}
	var out []value
	err = eachItem(data, at, func(k []byte, kAt int) error {
		if k[0] != '{' {
			return jwterr.New(jwterr.BadJSON, "key %d of the JWKS is %s, not a JSON object", len(out), jsonKind(k)).In(jwterr.PartKey).At(kAt)
		}
		out = append(out, value{k, kAt})
		return nil
	})
	return out, err
}

// maxPrivateRSAWork bounds the checking of a JWKS's private RSA keys, in
// privateRSAWork's units: checking that a private key is consistent costs
// a private-key operation, about 1.4 ms natively for 2048 bits, growing
// with the cube of the size (90 ms for 8192). The bound allows 128 keys of
// 2048 bits, 16 of 4096 or 2 of 8192 (about 180 ms), where a mebibyte
// could hold 650, 300 or 160 of them (1, 3 and 14 s).
const maxPrivateRSAWork = 1024

// privateRSAWork is the cost of checking a private RSA key whose modulus
// is n in base64url: (bits/1024)³.
func privateRSAWork(n string) int {
	k := max(len(n)*6/1024, 1)
	return k * k * k
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
	case "AKP":
		k, err = j.akpKey()
	case "":
		return nil, errors.New(`the JWK has no "kty" member: it must say "RSA", "EC", "OKP", "AKP" or "oct"`)
	default:
		return nil, fmt.Errorf(`the JWK's "kty" is %s: only "RSA", "EC", "OKP", "AKP" and "oct" keys are supported`, jwterr.Clip(j.Kty))
	}
	if err != nil {
		return nil, err
	}
	k.Kid, k.Alg, k.Use, k.KeyOps, k.Source = j.Kid, j.Alg, j.Use, j.KeyOps, "JWK"
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
	if err := checkPrivateRSASize(pub.N); err != nil {
		return nil, err
	}
	priv := &rsa.PrivateKey{PublicKey: *pub, D: ints[0], Primes: []*big.Int{ints[1], ints[2]}}
	// Precompute first: Validate then finds the work done, where the other
	// order does it twice (90 ms each for an 8192-bit key).
	priv.Precompute()
	if err := priv.Validate(); err != nil {
		return nil, fmt.Errorf("the private RSA JWK is not consistent: %v", strings.TrimPrefix(err.Error(), "crypto/rsa: "))
	}
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
		// crypto/ecdsa's own point and scalar readers know only the NIST
		// curves: ecPoint and ecPrivate read this one's.
		crvSecp256k1: {secp256k1.Curve(), 32},
	}
})

func (j *jwk) ecKey() (*Key, error) {
	c, ok := curves()[j.Crv]
	if !ok {
		return nil, fmt.Errorf(`the EC JWK's curve "crv" is %s: only P-256, P-384, P-521 and secp256k1 are supported`, jwterr.Clip(j.Crv))
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
	pub, err := ecPoint(c.curve, append(append([]byte{4}, x...), y...))
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
	if len(d) != c.size {
		return nil, fmt.Errorf(`the %s JWK's "d" must be %d bytes, not %d`, j.Crv, c.size, len(d))
	}
	priv, err := ecPrivate(c.curve, d)
	if err != nil {
		return nil, fmt.Errorf(`the %s JWK's private "d" is not a valid key: %s`, j.Crv, strings.TrimPrefix(err.Error(), "crypto/ecdsa: "))
	}
	if !priv.PublicKey.Equal(pub) {
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

// ecPoint reads an uncompressed point on c: crypto/ecdsa's reader for the
// NIST curves, ours for secp256k1.
func ecPoint(c elliptic.Curve, point []byte) (*ecdsa.PublicKey, error) {
	if isK1(c) {
		return k1Point(point)
	}
	return ecdsa.ParseUncompressedPublicKey(c, point)
}

// ecPrivate reads a private scalar on c, as ecPoint reads points.
func ecPrivate(c elliptic.Curve, d []byte) (*ecdsa.PrivateKey, error) {
	if isK1(c) {
		return k1Private(d)
	}
	return ecdsa.ParseRawPrivateKey(c, d)
}
