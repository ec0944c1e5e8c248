package jwe

import "github.com/jwt-playground/jwt-playground/wasm/jwterr"

// gcmKW wraps the CEK with AES-GCM under a shared key of size bytes (RFC
// 7518 §4.7); the wrapping's IV and tag travel in the header's "iv" and
// "tag" members.
type gcmKW struct{ size int }

func (g gcmKW) method() string { return "unwrap" }
func (g gcmKW) kind() keyKind  { return keyKind{kty: "oct", size: g.size} }

func (g gcmKW) decryptKey(t *Token, k *Key, enc contentCipher) ([]byte, error) {
	iv, err := headerBytes(t.header, "iv", "the AES-GCM key wrapping's initialization vector (RFC 7518 §4.7.1.1)", 12)
	if err != nil {
		return nil, err
	}
	tag, err := headerBytes(t.header, "tag", "the AES-GCM key wrapping's authentication tag (RFC 7518 §4.7.1.2)", 16)
	if err != nil {
		return nil, err
	}
	cek, err := gcmOpen(k.Secret, iv, nil, t.encryptedKey, tag)
	if err != nil {
		return nil, stepErr(jwterr.StepKeyManagement, "unwrapping the content key (A%dGCMKW) failed: its tag (the header's \"tag\") does not match, so the key is not the one the token was encrypted for, or the encrypted key or header was changed", g.size*8)
	}
	if len(cek) != enc.keySize() {
		return nil, stepErr(jwterr.StepKeyManagement, "the unwrapped content key is %d bytes, but the token's enc needs %d", len(cek), enc.keySize())
	}
	return cek, nil
}

func (g gcmKW) encryptKey(_ map[string]any, k *Key, enc contentCipher) ([]byte, []byte, []member, error) {
	cek := randomBytes(enc.keySize())
	iv := randomBytes(12)
	ek, tag, err := gcmSeal(k.Secret, iv, nil, cek)
	if err != nil {
		return nil, nil, nil, err
	}
	return cek, ek, []member{{"iv", jsonString(b64(iv))}, {"tag", jsonString(b64(tag))}}, nil
}

// headerBytes reads a header member that is base64url bytes of size n (any
// size when n is 0, at least -n when n is negative).
func headerBytes(h map[string]any, name, what string, n int) ([]byte, error) {
	v, ok := h[name]
	if !ok {
		return nil, headerErr("the header has no %q: %s", name, what)
	}
	s, ok := v.(string)
	if !ok {
		return nil, headerErr("the header's %q must be a base64url string (%s), not %s", name, what, describe(v))
	}
	b, err := strict.DecodeString(s)
	if err != nil {
		return nil, headerErr("the header's %q is not base64url without padding (%s)", name, what)
	}
	switch {
	case n > 0 && len(b) != n:
		return nil, headerErr("the header's %q is %d bytes, but %s is %d", name, len(b), what, n)
	case n < 0 && len(b) < -n:
		return nil, headerErr("the header's %q is %d bytes, but %s must be at least %d", name, len(b), what, -n)
	}
	return b, nil
}

// jsonString is s as a JSON string; s is base64url or an algorithm name,
// which need no escaping.
func jsonString(s string) []byte { return []byte(`"` + s + `"`) }

func b64(b []byte) string { return strict.EncodeToString(b) }
