package keys

import (
	"crypto/ecdsa"
	"fmt"
	"slices"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// Purpose says what a key is wanted for: signing needs a private key.
type Purpose int

// The purposes a key is selected for.
const (
	Verify Purpose = iota
	Sign
)

// MaxCandidates bounds the keys a signature is checked against. A JWKS of
// a thousand RSA keys without kid, or with one kid on each, would otherwise
// make every keystroke check them all: seconds of work, on the page's
// thread when WebCrypto cannot help. Real key sets publish a few signing
// keys per algorithm, and jose tries none of them unless told to.
const MaxCandidates = 8

// Choice is the keys of a Set that can serve an algorithm, in the order to
// try them.
type Choice struct {
	// Keys are at most MaxCandidates keys.
	Keys []*Key
	// Fitting counts every key that fits, Keys and the ones left out.
	Fitting int
	// Format is the set's: several fitting keys matter only in a JWKS.
	Format Format
}

// Select returns the keys of s that can serve alg for purpose, as Choose
// does, at most MaxCandidates of them.
func (s *Set) Select(alg Algorithm, kid string, purpose Purpose) ([]*Key, error) {
	c, err := s.Choose(alg, kid, purpose)
	if err != nil {
		return nil, err
	}
	return c.Keys, nil
}

// Choose picks the keys of s that can serve alg for purpose, by jose's
// rules for a JWKS (createLocalJWKSet): a token's kid matches only the keys
// with that very kid, keys without a kid included; no kid, every key. Of
// those, a key fits when its type and curve are the algorithm's and its
// "alg", "use" and "key_ops" allow it (Fits). A lone JWK or PEM key is
// used whatever its kid, as jose's importJWK does.
func (s *Set) Choose(alg Algorithm, kid string, purpose Purpose) (*Choice, error) {
	pool := s.Keys
	if s.Format == FormatJWKS && kid != "" {
		pool = withKid(s.Keys, kid)
		if len(pool) == 0 {
			return nil, s.kidNotFound(kid)
		}
	}
	c := &Choice{Format: s.Format}
	var reasons []string
	var first error
	for _, k := range pool {
		if err := k.Fits(alg, purpose); err != nil {
			if first == nil {
				first = err
			}
			reasons = append(reasons, k.describe())
			continue
		}
		if c.Fitting++; len(c.Keys) < MaxCandidates {
			c.Keys = append(c.Keys, k)
		}
	}
	if c.Fitting > 0 {
		return c, nil
	}
	if len(pool) == 1 {
		return nil, first
	}
	return nil, jwterr.New(jwterr.KeyMismatch, "none of the %d keys fits %s, which needs %s; they are %s", len(pool), alg.Name, alg.needs(), strings.Join(reasons, ", ")).In(jwterr.PartKey)
}

func withKid(ks []*Key, kid string) []*Key {
	var out []*Key
	for _, k := range ks {
		if k.Kid == kid {
			out = append(out, k)
		}
	}
	return out
}

func (s *Set) kidNotFound(kid string) error {
	var kids []string
	for _, k := range s.Keys {
		if k.Kid != "" {
			kids = append(kids, quote(k.Kid))
		}
	}
	msg := fmt.Sprintf("the key set has no key with the token's kid %s", quote(kid))
	if len(kids) == 0 {
		// jose matches a token's kid only to keys with that kid.
		msg += "; none of its keys has a kid, and a kid must match exactly"
	} else {
		msg += "; its kids are " + strings.Join(kids, ", ")
	}
	for _, note := range s.Skipped {
		if strings.Contains(note, quote(kid)) {
			msg += "; " + note
		}
	}
	return jwterr.New(jwterr.KidNotFound, "%s", msg).In(jwterr.PartKey)
}

// MinRSABits is the smallest RSA modulus used at all: Go's crypto/rsa
// refuses smaller keys (and would say only that the signature is wrong),
// as do WebCrypto and jose. Keys of up to WeakRSABits verify, with a
// warning.
const MinRSABits = 1024

// WeakRSABits is the size under which an RSA key is weak: RFC 7518
// section 3.3 asks for 2048 bits or more, and jose refuses smaller keys.
const WeakRSABits = 2048

// Fits reports why k cannot serve alg for purpose, or nil when it can. The
// JWK members that restrict a key are obeyed as jose obeys them: "alg" must
// be alg, "use" must be "sig", "key_ops" must hold "verify" or "sign".
func (k *Key) Fits(alg Algorithm, purpose Purpose) error {
	mismatch := func(format string, args ...any) error {
		return jwterr.New(jwterr.KeyMismatch, format, args...).In(jwterr.PartKey)
	}
	op := map[Purpose]string{Verify: "verify", Sign: "sign"}[purpose]
	switch {
	case k.Type != alg.keyType() && alg.Family == HMAC:
		return mismatch("%s needs a shared secret, but the key is %s: refused, because using a public key as an HMAC secret is the algorithm-confusion attack", alg.Name, k.describe())
	case k.Type != alg.keyType():
		return mismatch("%s needs %s, but the key is %s", alg.Name, alg.needs(), k.describe())
	case alg.Family == ECDSA && k.curve() != alg.Curve:
		return mismatch("%s needs an EC key on curve %s, but the key is on %s", alg.Name, alg.Curve, k.curve())
	case alg.Family == MLDSA && k.paramSet() != alg.Name:
		return mismatch("%s needs %s, but the key is %s", alg.Name, alg.needs(), k.describe())
	case k.Type == "RSA" && k.bits() < MinRSABits:
		return jwterr.New(jwterr.KeyInvalid, "the RSA key%s has %d bits, too few to %s with: keys under %d bits are refused (by Go, WebCrypto and jose too), and RFC 7518 section 3.3 asks for %d or more", kidNote(k.Kid), k.bits(), op, MinRSABits, WeakRSABits).In(jwterr.PartKey)
	case k.Alg != "" && k.Alg != alg.Name:
		return mismatch("the key is for %s (its \"alg\" member), not %s", jwterr.Clip(k.Alg), alg.Name)
	case k.Use != "" && k.Use != "sig":
		return mismatch("the key's \"use\" is %s, so it is not for signatures", jwterr.Clip(k.Use))
	case k.KeyOps != nil && !slices.Contains(k.KeyOps, op):
		return mismatch("the key's \"key_ops\" is [%s], which does not allow %q", clipList(k.KeyOps), op)
	case purpose == Sign && alg.Family != HMAC && k.Private == nil:
		return mismatch("signing with %s needs a private key, but the key is %s, which can only verify", alg.Name, k.describe())
	}
	return nil
}

// clipList quotes each string of ss, for messages.
func clipList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

// VerifyingKey returns the value golang-jwt's method for alg verifies with.
func (k *Key) VerifyingKey(alg Algorithm) any {
	if alg.Family == HMAC {
		return k.Secret
	}
	return k.Public
}

// SigningKey returns the value golang-jwt's method for alg signs with.
func (k *Key) SigningKey(alg Algorithm) any {
	if alg.Family == HMAC {
		return k.Secret
	}
	return k.Private
}

// curve names an EC key's curve as a JWK "crv" value.
func (k *Key) curve() string {
	if pub, ok := k.Public.(*ecdsa.PublicKey); ok {
		return pub.Curve.Params().Name
	}
	return ""
}
