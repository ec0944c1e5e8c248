package keys

import (
	"crypto/ecdsa"
	"fmt"
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

// Select returns the keys of s that can serve alg for purpose. In a JWKS the
// token's kid picks the key; without a kid, or when no key in the set has
// one, every key that fits is returned and the caller tries each.
func (s *Set) Select(alg Algorithm, kid string, purpose Purpose) ([]*Key, error) {
	pool := s.Keys
	if s.Format == FormatJWKS && kid != "" && s.hasKids() {
		pool = withKid(s.Keys, kid)
		if len(pool) == 0 {
			return nil, s.kidNotFound(kid)
		}
	}
	var fit []*Key
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
		fit = append(fit, k)
	}
	if len(fit) > 0 {
		return fit, nil
	}
	if len(pool) == 1 {
		return nil, first
	}
	return nil, jwterr.New(jwterr.KeyMismatch, "none of the %d keys fits %s, which needs %s; they are %s", len(pool), alg.Name, alg.needs(), strings.Join(reasons, ", ")).In(jwterr.PartKey)
}

func (s *Set) hasKids() bool {
	for _, k := range s.Keys {
		if k.Kid != "" {
			return true
		}
	}
	return false
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
	msg += "; its kids are " + strings.Join(kids, ", ")
	for _, note := range s.Skipped {
		if strings.Contains(note, quote(kid)) {
			msg += "; " + note
		}
	}
	return jwterr.New(jwterr.KidNotFound, "%s", msg).In(jwterr.PartKey)
}

// Fits reports why k cannot serve alg for purpose, or nil when it can.
func (k *Key) Fits(alg Algorithm, purpose Purpose) error {
	mismatch := func(format string, args ...any) error {
		return jwterr.New(jwterr.KeyMismatch, format, args...).In(jwterr.PartKey)
	}
	switch {
	case k.Type != alg.keyType() && alg.Family == HMAC:
		return mismatch("%s needs a shared secret, but the key is %s: refused, because using a public key as an HMAC secret is the algorithm-confusion attack", alg.Name, k.describe())
	case k.Type != alg.keyType():
		return mismatch("%s needs %s, but the key is %s", alg.Name, alg.needs(), k.describe())
	case alg.Family == ECDSA && k.curve() != alg.Curve:
		return mismatch("%s needs an EC key on curve %s, but the key is on %s", alg.Name, alg.Curve, k.curve())
	case k.Alg != "" && k.Alg != alg.Name:
		return mismatch("the key is for %s (its \"alg\" member), not %s", jwterr.Clip(k.Alg), alg.Name)
	case k.Use != "" && k.Use != "sig":
		return mismatch("the key's \"use\" is %s, so it is not for signatures", jwterr.Clip(k.Use))
	case purpose == Sign && alg.Family != HMAC && k.Private == nil:
		return mismatch("signing with %s needs a private key, but the key is %s, which can only verify", alg.Name, k.describe())
	}
	return nil
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
