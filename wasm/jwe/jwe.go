// Package jwe reads, decrypts and makes encrypted tokens in the JWE compact
// serialization (RFC 7516) with the algorithms of RFC 7518: every key
// management "alg" and content encryption "enc" registered there, built on
// Go's standard library alone. Each algorithm family is one file behind
// the keyManager or contentCipher interface, and one row of a table.
//
// A token is read exactly as the rest of the core reads JSON: the
// protected header with jsonv (of duplicate members the last counts, as in
// JSON.parse, and member names are case-sensitive), "crit" checked as RFC
// 7515 §4.1.11 asks. Every failure is a *jwterr.Error with a stable code;
// a decryption failure also names the step that failed (Error.Step).
package jwe

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// Parts are a compact JWE's five base64url parts, as written.
type Parts struct {
	Protected    string `json:"protected"`
	EncryptedKey string `json:"encryptedKey"`
	IV           string `json:"iv"`
	Ciphertext   string `json:"ciphertext"`
	Tag          string `json:"tag"`
}

// Warning is a problem that does not stop a token from being read.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Token is a compact JWE read without any key: its protected header is
// readable, the rest is opaque until decrypted.
type Token struct {
	// Header is the protected header's JSON as written (key order and
	// numbers kept); HeaderText the same as text.
	Header     json.RawMessage `json:"header"`
	HeaderText string          `json:"headerText"`
	Parts      Parts           `json:"parts"`
	// Alg is the key management algorithm, Enc the content encryption,
	// Zip the compression ("" or "DEF"), Kid and Cty as in the header.
	Alg      string    `json:"alg"`
	Enc      string    `json:"enc"`
	Zip      string    `json:"zip,omitempty"`
	Kid      string    `json:"kid,omitempty"`
	Cty      string    `json:"cty,omitempty"`
	Warnings []Warning `json:"warnings"`

	header map[string]any
	// refusal is why the token cannot be decrypted although it reads: an
	// unknown alg or enc, a "crit", a "zip" other than DEF.
	refusal      *jwterr.Error
	encryptedKey []byte
	iv           []byte
	ciphertext   []byte
	tag          []byte
	// aad is the Additional Authenticated Data: the protected part as
	// written, in ASCII (RFC 7516 §5.2 step 14).
	aad []byte
}

// IsCompact reports whether text has five parts separated by periods, the
// shape of a compact JWE, once white space around it is dropped. Text with
// a "~" is an SD-JWT, whose key-binding JWT can bring its dots to four.
func IsCompact(text string) bool {
	return strings.Count(text, ".") == 4 && !strings.Contains(text, "~")
}

// Parse reads a compact JWE: exactly five parts, each base64url without
// padding, the first a protected header that is a JSON object with "alg"
// and "enc" strings. The token returned holds what could be read even with
// an error. Unknown algorithms, "crit" and "zip" values do not stop
// parsing: they are warnings here and refusals in Decrypt.
func Parse(text string) (*Token, error) {
	t := &Token{Warnings: []Warning{}}
	if err := limits.Size(len(text), limits.MaxTokenBytes, "the token", jwterr.PartToken); err != nil {
		return t, err
	}
	start := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
	text = strings.TrimSpace(text)
	segs := strings.Split(text, ".")
	if len(segs) != 5 {
		return t, jwterr.New(jwterr.Malformed, "an encrypted token (JWE) has 5 parts separated by periods (protected header, encrypted key, IV, ciphertext, tag), not %d", len(segs)).In(jwterr.PartToken)
	}
	t.Parts = Parts{segs[0], segs[1], segs[2], segs[3], segs[4]}
	offset := start
	var decoded [5][]byte
	for i, seg := range segs {
		b, err := decodePart(seg, offset, partNames[i])
		if err != nil {
			return t, err
		}
		decoded[i] = b
		offset += len(seg) + 1
	}
	t.encryptedKey, t.iv, t.ciphertext, t.tag = decoded[1], decoded[2], decoded[3], decoded[4]
	t.aad = []byte(segs[0])
	if err := t.readHeader(decoded[0]); err != nil {
		return t, err
	}
	return t, nil
}

// partNames name the five parts in messages.
var partNames = [5]string{"protected header", "encrypted key", "initialization vector", "ciphertext", "authentication tag"}

// strict is base64url as RFC 7515 §2 defines it: no padding, no line
// breaks, and zero bits past the last byte, so each part has one spelling.
var strict = base64.RawURLEncoding.Strict()

// decodePart decodes one part, pointing at the first bad character.
func decodePart(seg string, offset int, what string) ([]byte, error) {
	b, err := strict.DecodeString(seg)
	if err == nil && !strings.ContainsAny(seg, "\r\n") {
		return b, nil
	}
	for i := 0; i < len(seg); i++ {
		if c := seg[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			hint := ""
			switch c {
			case '=':
				hint = " (padding, which compact JWE parts must not have)"
			case '+', '/':
				hint = " (that is standard base64; JWE uses base64url, with - and _)"
			}
			return nil, jwterr.New(jwterr.BadBase64, "the %s is not base64url: bad character %s at offset %d%s", what, jwterr.CharAt(seg, i), offset+i, hint).In(jwterr.PartToken).At(offset + i)
		}
	}
	if len(seg)%4 == 1 {
		return nil, jwterr.New(jwterr.BadBase64, "the %s is not base64url: %d characters cannot be a whole number of bytes (is it cut short?)", what, len(seg)).In(jwterr.PartToken).At(offset + len(seg))
	}
	return nil, jwterr.New(jwterr.BadBase64, "the %s is not base64url: its last character has non-zero trailing bits, another spelling of the same bytes, which strict readers refuse", what).In(jwterr.PartToken).At(offset + len(seg) - 1)
}

// readHeader reads the protected header: a JSON object, read as JSON.parse
// reads it, with "alg" and "enc" strings.
func (t *Token) readHeader(raw []byte) error {
	if len(raw) == 0 {
		return jwterr.New(jwterr.Malformed, "the protected header is empty: a compact JWE keeps its whole header there").In(jwterr.PartHeader)
	}
	if !utf8.Valid(raw) {
		// jose reads the header with a fatal TextDecoder; so do we.
		return jwterr.New(jwterr.BadJSON, "the protected header is not UTF-8 text, so it is not JSON").In(jwterr.PartHeader)
	}
	t.HeaderText = string(raw)
	v, ok := jsonv.Parse(raw, limits.MaxJSONDepth)
	if !ok {
		if err := limits.Depth(raw, "the protected header", jwterr.PartHeader); err != nil {
			return err
		}
		var probe any
		return jwterr.JSON(json.Unmarshal(raw, &probe), "the protected header", jwterr.PartHeader)
	}
	t.Header = raw
	h, isObject := v.(map[string]any)
	if !isObject {
		return jwterr.New(jwterr.HeaderNotObject, "the protected header is JSON but not an object: it must be {\"alg\": …, \"enc\": …}").In(jwterr.PartHeader)
	}
	t.header = h
	alg, ok := h["alg"].(string)
	if !ok {
		return jwterr.New(jwterr.MissingAlg, "the protected header has no \"alg\" string, so the token cannot say how its content key is managed").In(jwterr.PartHeader)
	}
	enc, ok := h["enc"].(string)
	if !ok {
		return jwterr.New(jwterr.MissingEnc, "the protected header has no \"enc\" string, so the token cannot say how its content is encrypted (RFC 7516 §4.1.2)").In(jwterr.PartHeader)
	}
	t.Alg, t.Enc = alg, enc
	t.Kid, _ = h["kid"].(string)
	t.Cty, _ = h["cty"].(string)
	t.refusal = t.check()
	if t.refusal != nil {
		t.Warnings = append(t.Warnings, Warning{string(t.refusal.Code), t.refusal.Message})
	}
	return nil
}

// check says why Decrypt must refuse a token that reads, or returns nil.
func (t *Token) check() *jwterr.Error {
	if _, ok := managers[t.Alg]; !ok {
		return jwterr.New(jwterr.UnsupportedAlg, "alg %s is not a JWE key management algorithm the playground knows (%s)", jwterr.Clip(t.Alg), strings.Join(Algorithms(), ", ")).In(jwterr.PartHeader)
	}
	if _, ok := ciphers[t.Enc]; !ok {
		return jwterr.New(jwterr.UnsupportedAlg, "enc %s is not a JWE content encryption algorithm the playground knows (%s)", jwterr.Clip(t.Enc), strings.Join(Encryptions(), ", ")).In(jwterr.PartHeader)
	}
	if z, present := t.header["zip"]; present {
		if z != "DEF" {
			return jwterr.New(jwterr.UnsupportedAlg, `"zip" must be "DEF" (DEFLATE, RFC 7516 §4.1.3), the only compression registered, not %s`, describe(z)).In(jwterr.PartHeader)
		}
		t.Zip = "DEF"
	}
	return checkCrit(t.header)
}

// describe names a JSON value for messages.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + jwterr.Clip(v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	case nil:
		return "null"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a value"
}
