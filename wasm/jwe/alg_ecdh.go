package jwe

import (
	"crypto/ecdh"
	"crypto/rand"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// ecdhES is Elliptic Curve Diffie-Hellman Ephemeral Static key agreement
// (RFC 7518 §4.6, RFC 8037 §3.2 for X25519): the sender's ephemeral key
// ("epk") and the recipient's static key agree on a secret, and the Concat
// KDF turns it into the CEK itself (ECDH-ES, wrap 0) or into a key that
// wraps the CEK with AES key wrap (ECDH-ES+A128KW and the others).
type ecdhES struct {
	name string
	wrap int
}

func (e ecdhES) method() string {
	if e.wrap == 0 {
		return "derive"
	}
	return "derive+unwrap"
}

func (e ecdhES) kind() keyKind { return keyKind{kty: "ECDH"} }

// derived returns the algorithm ID and key size the KDF uses: enc's for
// direct agreement, the key wrap's otherwise (RFC 7518 §4.6.2).
func (e ecdhES) derived(encName string, enc contentCipher) (string, int) {
	if e.wrap == 0 {
		return encName, enc.keySize()
	}
	return e.name, e.wrap
}

func (e ecdhES) decryptKey(t *Token, k *Key, enc contentCipher) ([]byte, error) {
	epk, err := readEPK(t, k.Curve)
	if err != nil {
		return nil, err
	}
	apu, apv, err := partyInfo(t.header)
	if err != nil {
		return nil, err
	}
	z, err := k.ecdhPriv.ECDH(epk)
	if err != nil {
		// X25519 with a low-order point gives an all-zero secret, which
		// crypto/ecdh refuses.
		return nil, jwterr.New(jwterr.KeyInvalid, `the header's "epk" is a low-order X25519 point: key agreement with it gives no secret, so it is refused`).In(jwterr.PartHeader)
	}
	id, size := e.derived(t.Enc, enc)
	derived := concatKDF(z, id, apu, apv, size)
	if e.wrap == 0 {
		return derived, nil
	}
	return unwrapCEK(derived, t.encryptedKey, enc, e.name+": the private key is not the one the token was encrypted for, or")
}

func (e ecdhES) encryptKey(h map[string]any, k *Key, enc contentCipher) ([]byte, []byte, []member, error) {
	apu, apv, err := partyInfo(h)
	if err != nil {
		return nil, nil, nil, err
	}
	eph, err := k.ecdhPub.Curve().GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, nil, jwterr.New(jwterr.Internal, "making the ephemeral key failed: %v", err)
	}
	z, err := eph.ECDH(k.ecdhPub)
	if err != nil {
		return nil, nil, nil, jwterr.New(jwterr.KeyInvalid, "key agreement with the recipient's key failed: %v", err).In(jwterr.PartKey)
	}
	encName, _ := h["enc"].(string)
	id, size := e.derived(encName, enc)
	derived := concatKDF(z, id, apu, apv, size)
	add := []member{{"epk", epkJSON(k.Curve, eph.PublicKey())}}
	if e.wrap == 0 {
		return derived, nil, add, nil
	}
	cek := randomBytes(enc.keySize())
	ek, err := kwWrap(derived, cek)
	return cek, ek, add, err
}

// epkJSON writes an ephemeral public key as a JWK (RFC 7518 §6.2.1, RFC
// 8037 §2).
func epkJSON(curve string, pub *ecdh.PublicKey) []byte {
	b := pub.Bytes()
	if curve == "X25519" {
		return []byte(`{"kty":"OKP","crv":"X25519","x":"` + b64(b) + `"}`)
	}
	n := (len(b) - 1) / 2
	return []byte(`{"kty":"EC","crv":"` + curve + `","x":"` + b64(b[1:1+n]) + `","y":"` + b64(b[1+n:]) + `"}`)
}

// epkMembers are the JWK members an "epk" may hold, and those a case
// variant of which is refused.
var epkMembers = []string{"kty", "crv", "x", "y", "kid", "alg", "use", "key_ops", "ext"}

// epkPrivate are members of a private key, which an ephemeral public key
// must not carry (jose refuses them too).
var epkPrivate = []string{"d", "k", "p", "q", "dp", "dq", "qi", "oth", "priv"}

// readEPK reads the header's "epk" exactly, as keys reads a JWK: each
// member once, names case-sensitive, and the point on the recipient's
// curve. Refusing a point off the curve is what stops the invalid-curve
// attack, where points of small order on a weaker curve leak the static
// private key a few bits at a time.
func readEPK(t *Token, curve string) (*ecdh.PublicKey, error) {
	v, ok := t.header["epk"]
	if !ok {
		return nil, headerErr(`the header has no "epk": ECDH-ES needs the sender's ephemeral public key (RFC 7518 §4.6.1.1)`)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, headerErr(`the header's "epk" must be a JWK object, not %s`, describe(v))
	}
	if err := exactEPK(t.Header); err != nil {
		return nil, err
	}
	for _, name := range epkPrivate {
		if _, has := m[name]; has {
			return nil, epkErr(`the header's "epk" has %q, a private key member: an ephemeral public key must not carry one`, name)
		}
	}
	kty, _ := m["kty"].(string)
	crv, _ := m["crv"].(string)
	if crv != curve {
		return nil, epkErr(`the header's "epk" is on curve %s, but the key is on %s: both sides of the agreement must use one curve`, jwterr.Clip(crv), curve)
	}
	c := ecdhCurves[crv]
	if want := map[bool]string{true: "OKP", false: "EC"}[crv == "X25519"]; kty != want {
		return nil, epkErr(`the header's "epk" on %s must have "kty" %q, not %s`, crv, want, describe(m["kty"]))
	}
	x, err := epkCoordinate(m, "x", c.size)
	if err != nil {
		return nil, err
	}
	raw := x
	if crv != "X25519" {
		if _, has := m["y"]; !has {
			return nil, epkErr(`the header's "epk" has no "y"`)
		}
		y, err := epkCoordinate(m, "y", c.size)
		if err != nil {
			return nil, err
		}
		raw = append(append([]byte{4}, x...), y...)
	} else if _, has := m["y"]; has {
		return nil, epkErr(`the header's "epk" is an X25519 key, which has no "y"`)
	}
	pub, err := c.curve.NewPublicKey(raw)
	if err != nil {
		return nil, epkErr(`the header's "epk" is not a point on %s: refused, because agreeing on a point off the curve is the invalid-curve attack, which leaks the private key`, crv)
	}
	return pub, nil
}

func epkCoordinate(m map[string]any, name string, size int) ([]byte, error) {
	s, ok := m[name].(string)
	if !ok {
		return nil, epkErr(`the header's "epk" must have %q as a base64url string, not %s`, name, describe(m[name]))
	}
	b, err := strict.DecodeString(s)
	if err != nil {
		return nil, epkErr(`the header's "epk" member %q is not base64url without padding`, name)
	}
	if len(b) != size {
		return nil, epkErr(`the header's "epk" member %q is %d bytes, but on this curve it is %d`, name, len(b), size)
	}
	return b, nil
}

// exactEPK refuses an "epk" (the last one, the one read) with a member
// written twice or a case variant of a JWK member ("X" beside or instead
// of "x"), as the core refuses such JWKs: one key is read one way only.
func exactEPK(header []byte) error {
	var raw []byte
	for name, v := range jsonv.All(header) {
		if name == "epk" {
			raw = v
		}
	}
	seen := map[string]bool{}
	for name := range jsonv.All(raw) {
		if seen[name] {
			return epkErr(`the header's "epk" has the member %q twice: a key is read one way only`, name)
		}
		seen[name] = true
		for _, known := range append(epkMembers, epkPrivate...) {
			if name != known && strings.EqualFold(name, known) {
				return epkErr(`the header's "epk" has %q, a case variant of %q: JWK member names are case-sensitive (RFC 7517 §4), so it is refused`, name, known)
			}
		}
	}
	return nil
}

func epkErr(format string, args ...any) error {
	return jwterr.New(jwterr.KeyInvalid, format, args...).In(jwterr.PartHeader)
}

// partyInfo reads "apu" and "apv", base64url strings when present. Like
// jose, it refuses them equal: they name two different parties.
func partyInfo(h map[string]any) (apu, apv []byte, err error) {
	for _, p := range []struct {
		name string
		to   *[]byte
	}{{"apu", &apu}, {"apv", &apv}} {
		if _, has := h[p.name]; !has {
			continue
		}
		if *p.to, err = headerBytes(h, p.name, "agreement party info (RFC 7518 §4.6.1)", 0); err != nil {
			return nil, nil, err
		}
	}
	if apu != nil && apv != nil && string(apu) == string(apv) {
		return nil, nil, headerErr(`the header's "apu" and "apv" are equal, but they describe two different parties (jose refuses this too)`)
	}
	return apu, apv, nil
}

// ecdhCurves are the curves of ECDH-ES, by JWK "crv", with the size of a
// coordinate.
var ecdhCurves = map[string]struct {
	curve ecdh.Curve
	size  int
}{
	"P-256":  {ecdh.P256(), 32},
	"P-384":  {ecdh.P384(), 48},
	"P-521":  {ecdh.P521(), 66},
	"X25519": {ecdh.X25519(), 32},
}

// CheckEPK says why the header's "epk" would be refused whatever the key
// (a point off its curve, a private member, a curve ECDH-ES does not use),
// or returns nil; also nil when the alg is not ECDH-ES or there is no
// "epk" (Decrypt says so then). Lint reports it without a key.
func (t *Token) CheckEPK() error {
	if _, ok := managers[t.Alg].(ecdhES); !ok {
		return nil
	}
	m, ok := t.header["epk"].(map[string]any)
	if !ok {
		return nil
	}
	crv, _ := m["crv"].(string)
	if _, known := ecdhCurves[crv]; !known {
		return epkErr(`the header's "epk" has "crv" %s: ECDH-ES uses P-256, P-384, P-521 or X25519`, describe(m["crv"]))
	}
	_, err := readEPK(t, crv)
	return err
}
