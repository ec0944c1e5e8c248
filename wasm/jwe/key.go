package jwe

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// Key is one key read from the key text, in the form JWE uses it.
type Key struct {
	// Type is "oct", "RSA", "EC" or "OKP"; Curve the EC or OKP curve.
	Type, Curve string
	// Kid, Alg and Use are the JWK members of those names, when given;
	// KeyOps its "key_ops", nil when it has none.
	Kid, Alg, Use string
	KeyOps        []string
	// Source says how the key was read, for messages and results.
	Source string
	// Secret is an oct key's bytes, or a PBES2 password.
	Secret []byte

	rsaPub   *rsa.PublicKey
	rsaPriv  *rsa.PrivateKey
	ecdhPub  *ecdh.PublicKey
	ecdhPriv *ecdh.PrivateKey
}

// Label says where a key came from, with its kid.
func (k *Key) Label() string {
	if k.Kid != "" {
		return k.Source + " (kid " + jwterr.Clip(k.Kid) + ")"
	}
	return k.Source
}

// private reports whether k holds a private key.
func (k *Key) private() bool { return k.rsaPriv != nil || k.ecdhPriv != nil }

// describe names k for messages.
func (k *Key) describe() string {
	vis := map[bool]string{true: "private", false: "public"}[k.private()]
	switch k.Type {
	case "oct":
		return fmt.Sprintf("a shared secret of %d bytes", len(k.Secret))
	case "RSA":
		return "an RSA " + vis + " key"
	case "Ed25519":
		return "an Ed25519 key (for signatures)"
	}
	return "an " + k.Curve + " " + vis + " key"
}

// fromCore turns a key of the keys package into a JWE key.
func fromCore(c *keys.Key) *Key {
	k := &Key{Type: c.Type, Kid: c.Kid, Alg: c.Alg, Use: c.Use, KeyOps: c.KeyOps, Source: c.Source, Secret: c.Secret}
	switch pub := c.Public.(type) {
	case *rsa.PublicKey:
		k.rsaPub = pub
		k.rsaPriv, _ = c.Private.(*rsa.PrivateKey)
	case *ecdsa.PublicKey:
		k.Curve = pub.Curve.Params().Name
		k.ecdhPub, _ = pub.ECDH()
		if priv, ok := c.Private.(*ecdsa.PrivateKey); ok {
			k.ecdhPriv, _ = priv.ECDH()
		}
	default:
		if c.Type == "OKP" {
			k.Type, k.Curve = "Ed25519", "Ed25519"
		}
	}
	return k
}

// readKeys reads key text as the rest of the core does (keys.Parse: PEM,
// DER, JWK, JWKS, a secret in enc; text that looks like a key is never a
// secret), adding the X25519 keys that package leaves out because they
// cannot sign: in PEM, as a JWK, or in a JWKS.
func readKeys(text string, enc keys.Encoding) ([]*Key, keys.Format, error) {
	set, err := keys.Parse(text, enc)
	x, isSet, xerr := x25519Keys(text)
	if xerr != nil {
		return nil, "", xerr
	}
	if err != nil {
		if len(x) == 0 {
			return nil, "", err
		}
		if isSet {
			return x, keys.FormatJWKS, nil
		}
		return x, keys.FormatJWK, nil
	}
	out := make([]*Key, 0, len(set.Keys)+len(x))
	for _, c := range set.Keys {
		out = append(out, fromCore(c))
	}
	if set.Format == keys.FormatJWKS {
		out = append(out, x...)
	}
	return out, set.Format, nil
}

// x25519Keys returns the X25519 keys in text: a PEM block of one, a JWK
// with "crv": "X25519", or such JWKs in a JWKS (isSet). Other text yields
// none.
func x25519Keys(text string) (out []*Key, isSet bool, err error) {
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "-----BEGIN") {
		if k := x25519PEM(trimmed); k != nil {
			return []*Key{k}, false, nil
		}
		return nil, false, nil
	}
	if !strings.HasPrefix(trimmed, "{") || len(trimmed) > limits.MaxKeyBytes || !jsonv.Valid([]byte(trimmed), limits.MaxJSONDepth) {
		return nil, false, nil
	}
	v, _ := jsonv.Parse([]byte(trimmed), limits.MaxJSONDepth)
	if _, isSet = v.(map[string]any)["keys"].([]any); !isSet {
		k, err := x25519JWK([]byte(trimmed))
		if k == nil || err != nil {
			return nil, false, err
		}
		return []*Key{k}, false, nil
	}
	for _, raw := range jsonItems([]byte(trimmed)) {
		k, err := x25519JWK(raw)
		if err != nil {
			return nil, true, err
		}
		if k != nil {
			out = append(out, k)
		}
	}
	return out, true, nil
}

// jsonItems returns the JSON text of each item of the "keys" array of
// the JWKS data (the last "keys", the one read).
func jsonItems(data []byte) [][]byte {
	var arr []byte
	for name, v := range jsonv.All(data) {
		if name == "keys" {
			arr = v
		}
	}
	var out [][]byte
	for i := jsonv.SkipSpace(arr, 1); i < len(arr) && arr[i] == '{'; {
		end := objectEnd(arr, i)
		out = append(out, arr[i:end])
		i = jsonv.SkipSpace(arr, end)
		if i < len(arr) && arr[i] == ',' {
			i = jsonv.SkipSpace(arr, i+1)
		}
	}
	return out
}

// objectEnd returns the index just past the object starting at data[i].
func objectEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = jsonv.StringEnd(data, i)
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return len(data)
}

// x25519PEM reads a PEM block holding an X25519 public (PKIX) or private
// (PKCS #8) key, or returns nil.
func x25519PEM(text string) *Key {
	b, _ := pem.Decode([]byte(text))
	if b == nil {
		return nil
	}
	if pub, err := x509.ParsePKIXPublicKey(b.Bytes); err == nil {
		if p, ok := pub.(*ecdh.PublicKey); ok && p.Curve() == ecdh.X25519() {
			return &Key{Type: "OKP", Curve: "X25519", ecdhPub: p, Source: "PKIX public key (PEM)"}
		}
	}
	if priv, err := x509.ParsePKCS8PrivateKey(b.Bytes); err == nil {
		if p, ok := priv.(*ecdh.PrivateKey); ok && p.Curve() == ecdh.X25519() {
			return &Key{Type: "OKP", Curve: "X25519", ecdhPub: p.PublicKey(), ecdhPriv: p, Source: "PKCS #8 private key (PEM)"}
		}
	}
	return nil
}

// jwkNames are the JWK members whose case variants are refused.
var jwkNames = []string{"kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "oth", "k", "ext"}

// x25519JWK reads an OKP JWK on X25519 exactly (each member once, names
// case-sensitive, as keys reads every JWK), or returns nil for any other
// JWK.
func x25519JWK(data []byte) (*Key, error) {
	v, _ := jsonv.Parse(data, limits.MaxJSONDepth)
	m, _ := v.(map[string]any)
	if m["kty"] != "OKP" || m["crv"] != "X25519" {
		return nil, nil
	}
	seen := map[string]bool{}
	for name := range jsonv.All(data) {
		if seen[name] {
			return nil, jwkErr("the X25519 JWK has the member %q twice: a key is read one way only", name)
		}
		seen[name] = true
		for _, known := range jwkNames {
			if name != known && strings.EqualFold(name, known) {
				return nil, jwkErr("the X25519 JWK has %q, a case variant of %q: JWK member names are case-sensitive (RFC 7517 §4)", name, known)
			}
		}
	}
	k := &Key{Type: "OKP", Curve: "X25519", Source: "JWK"}
	for name, to := range map[string]*string{"kid": &k.Kid, "alg": &k.Alg, "use": &k.Use} {
		if val, has := m[name]; has {
			s, ok := val.(string)
			if !ok {
				return nil, jwterr.New(jwterr.BadJSON, "the X25519 JWK's %q must be a string, not %s", name, describe(val)).In(jwterr.PartKey)
			}
			*to = s
		}
	}
	if ops, has := m["key_ops"]; has {
		list, _ := ops.([]any)
		for _, op := range list {
			s, ok := op.(string)
			if !ok {
				return nil, jwterr.New(jwterr.BadJSON, "the X25519 JWK's \"key_ops\" must be an array of strings").In(jwterr.PartKey)
			}
			k.KeyOps = append(k.KeyOps, s)
		}
		if list == nil {
			return nil, jwterr.New(jwterr.BadJSON, "the X25519 JWK's \"key_ops\" must be an array of strings, not %s", describe(ops)).In(jwterr.PartKey)
		}
	}
	x, err := jwkBytes(m, "x")
	if err != nil {
		return nil, err
	}
	if k.ecdhPub, err = ecdh.X25519().NewPublicKey(x); err != nil {
		return nil, jwkErr("the X25519 JWK's \"x\" must be 32 bytes, not %d", len(x))
	}
	if _, has := m["d"]; has {
		d, err := jwkBytes(m, "d")
		if err != nil {
			return nil, err
		}
		if k.ecdhPriv, err = ecdh.X25519().NewPrivateKey(d); err != nil {
			return nil, jwkErr("the X25519 JWK's \"d\" must be 32 bytes, not %d", len(d))
		}
		if !k.ecdhPriv.PublicKey().Equal(k.ecdhPub) {
			return nil, jwkErr(`the X25519 JWK's private "d" does not match its public "x"`)
		}
	}
	return k, nil
}

func jwkBytes(m map[string]any, name string) ([]byte, error) {
	s, ok := m[name].(string)
	if !ok {
		return nil, jwkErr("the X25519 JWK needs %q as a base64url string", name)
	}
	b, err := strict.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, jwkErr("the X25519 JWK's %q is not base64url", name)
	}
	return b, nil
}

func jwkErr(format string, args ...any) error {
	return jwterr.New(jwterr.KeyInvalid, format, args...).In(jwterr.PartKey)
}

// Purpose says what a key is wanted for.
type purpose int

const (
	forDecrypt purpose = iota
	forEncrypt
)

// ops are the "key_ops" values that allow each purpose (RFC 7517 §4.3).
var ops = map[purpose][]string{
	forDecrypt: {"decrypt", "unwrapKey", "deriveKey", "deriveBits"},
	forEncrypt: {"encrypt", "wrapKey", "deriveKey", "deriveBits"},
}

// fits says why k cannot serve alg (with enc) for p, or nil. The JWK
// members that restrict a key are obeyed: "alg" must be the token's alg,
// "use" must be "enc" (RFC 7517 §4.2), "key_ops" must allow the purpose.
func fits(k *Key, alg, encName string, m keyManager, enc contentCipher, p purpose) error {
	mismatch := func(format string, args ...any) error {
		return jwterr.New(jwterr.KeyMismatch, format, args...).In(jwterr.PartKey)
	}
	kind := m.kind()
	switch kind.kty {
	case "oct":
		size := kind.size
		if size == 0 {
			size = enc.keySize()
		}
		switch {
		case k.Type != "oct":
			return mismatch("%s needs a shared secret, but the key is %s: a public key is never used as a secret", alg, k.describe())
		case size > 0 && len(k.Secret) != size:
			return mismatch("%s needs a secret of exactly %d bytes (%d bits), but the key is %d bytes: pick the secret's encoding (base64url, hex…) or generate one", alg, size, size*8, len(k.Secret))
		}
	case "RSA":
		switch {
		case k.Type != "RSA":
			return mismatch("%s needs an RSA key, but the key is %s", alg, k.describe())
		case k.rsaPub.N.BitLen() < 2048:
			return jwterr.New(jwterr.KeyInvalid, "the RSA key has %d bits: RFC 7518 §4.2 and §4.3 require 2048 or more for encryption (jose refuses smaller keys too)", k.rsaPub.N.BitLen()).In(jwterr.PartKey)
		case p == forDecrypt && k.rsaPriv == nil:
			return mismatch("decrypting %s needs the RSA private key: the public key only encrypts", alg)
		}
	case "ECDH":
		switch {
		case k.ecdhPub == nil:
			return mismatch("%s needs an EC key on P-256, P-384 or P-521, or an X25519 key, but the key is %s", alg, k.describe())
		case p == forDecrypt && k.ecdhPriv == nil:
			return mismatch("decrypting %s needs the %s private key: the public key only encrypts", alg, k.Curve)
		}
	}
	switch {
	// A dir key's "alg" may name the enc it is the key of, as RFC 7520
	// §5.6's does.
	case k.Alg != "" && k.Alg != alg && !(alg == "dir" && k.Alg == encName):
		return mismatch("the key is for %s (its \"alg\" member), not %s", jwterr.Clip(k.Alg), alg)
	case k.Use != "" && k.Use != "enc":
		return mismatch("the key's \"use\" is %s, so it is not for encryption (that is \"enc\")", jwterr.Clip(k.Use))
	case k.KeyOps != nil && !slices.ContainsFunc(ops[p], func(op string) bool { return slices.Contains(k.KeyOps, op) }):
		return mismatch("the key's \"key_ops\" allow none of %s", strings.Join(ops[p], ", "))
	}
	return nil
}

// choose picks the keys that can serve alg for p, at most
// keys.MaxCandidates, by the core's rules for a JWKS: a token's kid
// matches only the keys with that very kid; no kid, every key.
func choose(ks []*Key, format keys.Format, kid, alg, encName string, m keyManager, enc contentCipher, p purpose) ([]*Key, error) {
	pool := ks
	if format == keys.FormatJWKS && kid != "" {
		pool = nil
		for _, k := range ks {
			if k.Kid == kid {
				pool = append(pool, k)
			}
		}
		if len(pool) == 0 {
			return nil, jwterr.New(jwterr.KidNotFound, "the key set has no key with the token's kid %s", jwterr.Clip(kid)).In(jwterr.PartKey)
		}
	}
	var out []*Key
	var first error
	for _, k := range pool {
		if err := fits(k, alg, encName, m, enc, p); err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		if len(out) < keys.MaxCandidates {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		if len(pool) > 1 {
			return nil, jwterr.New(jwterr.KeyMismatch, "none of the %d keys fits %s; the first: %v", len(pool), alg, first).In(jwterr.PartKey)
		}
		return nil, first
	}
	return out, nil
}
