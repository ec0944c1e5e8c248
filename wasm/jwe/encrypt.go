package jwe

import (
	"bytes"
	"encoding/json"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// EncryptInput is what Encrypt makes a token from.
type EncryptInput struct {
	// Header is the protected header's JSON: "alg" and "enc" at least.
	// Encrypt adds what the algorithm needs ("epk", "iv" and "tag",
	// "p2s" and "p2c"), keeping the rest as written.
	Header string
	// Payload is the plaintext: claims as JSON text, or a signed token to
	// nest (with "cty": "JWT" in the header).
	Payload string
	// Key is the recipient's key: a public key (a private one serves
	// too), a shared secret, or a PBES2 password, in SecretEncoding.
	Key            string
	SecretEncoding keys.Encoding
}

// madeHere says which header members Encrypt makes itself for an alg,
// fresh for each token: a header that brings its own is refused rather
// than reused (a reused "epk" or "iv" breaks the algorithm).
func madeHere(alg string) []string {
	switch managers[alg].(type) {
	case ecdhES:
		return []string{"epk"}
	case gcmKW:
		return []string{"iv", "tag"}
	case pbes2:
		return []string{"p2s"}
	}
	return nil
}

// Encrypt makes a compact JWE.
func Encrypt(in EncryptInput) (string, error) {
	if err := limits.Size(len(in.Header)+len(in.Payload), limits.MaxTokenBytes, "the header and payload", jwterr.PartPayload); err != nil {
		return "", err
	}
	header, h, err := readEncryptHeader(in.Header)
	if err != nil {
		return "", err
	}
	alg, enc := h["alg"].(string), h["enc"].(string)
	m, c, err := lookup(alg, enc)
	if err != nil {
		return "", err
	}
	if m.kind().decryptOnly {
		return "", jwterr.New(jwterr.UnsupportedAlg, "%s is only read here, never used to encrypt: its padding is open to Bleichenbacher's attack (RFC 8725 §3.2); use RSA-OAEP-256", alg).In(jwterr.PartHeader)
	}
	ks, format, err := readKeys(in.Key, in.SecretEncoding)
	if err != nil {
		return "", err
	}
	kid, _ := h["kid"].(string)
	cands, err := choose(ks, format, kid, alg, enc, m, c, forEncrypt)
	if err != nil {
		return "", err
	}
	cek, ek, add, err := m.encryptKey(h, cands[0], c)
	if err != nil {
		return "", jwterr.From(err, jwterr.Internal)
	}
	protected := b64(withMembers(header, add))
	plain := []byte(in.Payload)
	if h["zip"] == "DEF" {
		plain = deflate(plain)
	}
	iv := randomBytes(c.ivSize())
	ct, tag, err := c.seal(cek, iv, []byte(protected), plain)
	if err != nil {
		return "", jwterr.From(err, jwterr.Internal)
	}
	return protected + "." + b64(ek) + "." + b64(iv) + "." + b64(ct) + "." + b64(tag), nil
}

// readEncryptHeader reads the header to encrypt under as Parse reads a
// token's, and returns it compacted (key order kept) with its members.
func readEncryptHeader(text string) ([]byte, map[string]any, error) {
	raw := []byte(text)
	v, ok := jsonv.Parse(raw, limits.MaxJSONDepth)
	if !ok {
		if err := limits.Depth(raw, "the header", jwterr.PartHeader); err != nil {
			return nil, nil, err
		}
		var probe any
		return nil, nil, jwterr.JSON(json.Unmarshal(raw, &probe), "the header", jwterr.PartHeader)
	}
	h, ok := v.(map[string]any)
	if !ok {
		return nil, nil, jwterr.New(jwterr.HeaderNotObject, "the header is JSON but not an object: it must be {\"alg\": …, \"enc\": …}").In(jwterr.PartHeader)
	}
	t := &Token{header: h}
	var isString bool
	if t.Alg, isString = h["alg"].(string); !isString {
		return nil, nil, jwterr.New(jwterr.MissingAlg, "the header has no \"alg\" string: say how the content key reaches the recipient (%s…)", "RSA-OAEP-256, ECDH-ES, A256KW, dir").In(jwterr.PartHeader)
	}
	if t.Enc, isString = h["enc"].(string); !isString {
		return nil, nil, jwterr.New(jwterr.MissingEnc, "the header has no \"enc\" string: say how the content is encrypted (A256GCM, A128CBC-HS256…)").In(jwterr.PartHeader)
	}
	if err := t.check(); err != nil {
		return nil, nil, err
	}
	for _, name := range madeHere(t.Alg) {
		if _, has := h[name]; has {
			return nil, nil, jwterr.New(jwterr.BadInput, "the header has %q, which encrypt makes fresh for %s: leave it out", name, t.Alg).In(jwterr.PartHeader)
		}
	}
	var buf bytes.Buffer
	json.Compact(&buf, raw)
	return buf.Bytes(), h, nil
}

// withMembers appends members to a compact JSON object's text.
func withMembers(obj []byte, add []member) []byte {
	out := append([]byte(nil), obj[:len(obj)-1]...)
	for _, m := range add {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, '"')
		out = append(out, m.name...)
		out = append(out, '"', ':')
		out = append(out, m.value...)
	}
	return append(out, '}')
}
