// Package sdjwt reads, checks, verifies, issues and presents Selective
// Disclosure JWTs (SD-JWT, RFC 9901): an issuer-signed JWT, the disclosures
// that reveal its hidden claims one by one, and an optional key-binding JWT,
// joined by "~":
//
//	<issuer-signed JWT>~<disclosure>~<disclosure>~…~<key-binding JWT or nothing>
//
// Every check of RFC 9901 section 7 has its own error code (jwterr's sd_*
// and kb_* codes), pointing at the disclosure or part at fault.
package sdjwt

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash"
	"strconv"
	"strings"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// DefaultAlg is the digest algorithm of an SD-JWT without "_sd_alg".
const DefaultAlg = "sha-256"

// hashes are the "_sd_alg" values understood, by their names in IANA's
// Named Information Hash Algorithm registry, as RFC 9901 §4.1.1 requires.
var hashes = map[string]func() hash.Hash{
	"sha-256": sha256.New,
	"sha-384": sha512.New384,
	"sha-512": sha512.New,
}

// Disclosure is one disclosure of an SD-JWT, decoded.
type Disclosure struct {
	// Index counts the disclosures from 0, in the order written.
	Index int `json:"index"`
	// Text is the disclosure as written (base64url), Offset where it
	// starts in the SD-JWT.
	Text   string `json:"text"`
	Offset int    `json:"offset"`
	// Salt, Name and Value are its members: [salt, name, value] for an
	// object member, [salt, value] for an array element (Name is nil).
	Salt  string          `json:"salt"`
	Name  *string         `json:"name,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
	// Digest is its digest under the SD-JWT's "_sd_alg", base64url.
	Digest string `json:"digest"`
	// Path is where it lands in the processed payload, as a JSON Pointer
	// (RFC 6901), or "" when no digest refers to it.
	Path string `json:"path"`
	// Error is why it is refused, if it is.
	Error *jwterr.Error `json:"error,omitempty"`

	value  any
	parent int // the disclosure whose value refers to this one, or -1
}

// Undisclosed counts the digests of one object or array that no
// disclosure reveals: hidden claims and decoys, which look the same.
type Undisclosed struct {
	// Path is the object or array, as a JSON Pointer ("" for the payload).
	Path  string `json:"path"`
	Count int    `json:"count"`
}

// Decoded is an SD-JWT taken apart and processed as RFC 9901 §7.1 says,
// read without any key.
type Decoded struct {
	// JWT is the issuer-signed JWT, decoded as token.Decode does.
	JWT *token.Decoded `json:"jwt"`
	// IssuerJWT is its text.
	IssuerJWT   string        `json:"issuerJwt"`
	Disclosures []*Disclosure `json:"disclosures"`
	// KeyBinding is the key-binding JWT, when there is one, and
	// KeyBindingJWT its text.
	KeyBinding    *token.Decoded `json:"keyBinding,omitempty"`
	KeyBindingJWT string         `json:"keyBindingJwt,omitempty"`
	// SDAlg is the digest algorithm ("_sd_alg", or DefaultAlg).
	SDAlg string `json:"sdAlg"`
	// Processed is the payload as a verifier sees it: the disclosures
	// applied, "_sd", "_sd_alg" and undisclosed "..." elements removed;
	// nil when the payload could not be processed.
	Processed json.RawMessage `json:"processed"`
	// Undisclosed says where digests were left undisclosed.
	Undisclosed []Undisclosed `json:"undisclosed"`
	// Errors are RFC 9901 §7's failures; a verifier refuses the SD-JWT
	// when there is any.
	Errors []*jwterr.Error `json:"errors"`

	processed map[string]any
	// presented is the text the key-binding JWT's sd_hash covers.
	presented string
}

// Is reports whether text has the form of an SD-JWT (a "~" after the
// issuer-signed JWT), so that callers can pick Decode over token.Decode. A
// JWS JSON (token.IsJSON) is never one, whatever its members hold: every
// path must read a "~" in its payload or a kid the same way.
func Is(text string) bool {
	return strings.IndexByte(text, '~') >= 0 && !token.IsJSON(text)
}

// Decode splits an SD-JWT, decodes its parts and processes its payload.
// The error reports what stops it from being read at all: it is not an
// SD-JWT, it is too large, or its issuer-signed JWT cannot be decoded. The
// checks of RFC 9901 §7 land in Decoded.Errors, each with its place.
func Decode(text string) (*Decoded, error) {
	d := &Decoded{Disclosures: []*Disclosure{}, Undisclosed: []Undisclosed{}, Errors: []*jwterr.Error{}}
	if err := limits.Size(len(text), limits.MaxTokenBytes, "the SD-JWT", jwterr.PartToken); err != nil {
		return d, err
	}
	trimmed := strings.TrimSpace(text)
	start := strings.Index(text, trimmed)
	parts := strings.Split(trimmed, "~")
	if len(parts) < 2 {
		return d, jwterr.New(jwterr.Malformed, "this is not an SD-JWT: it has no ~ (an SD-JWT is <issuer-signed JWT>~<disclosure>~…~)").In(jwterr.PartToken)
	}
	if n := len(parts) - 2; n > limits.MaxDisclosures {
		return d, jwterr.New(jwterr.TooLarge, "the SD-JWT has %d disclosures, over the limit of %d", n, limits.MaxDisclosures).In(jwterr.PartToken)
	}
	d.IssuerJWT = parts[0]
	jwt, err := token.Decode(d.IssuerJWT)
	d.JWT = jwt
	if err != nil {
		return d, err
	}
	offset := start + len(parts[0]) + 1
	for i, p := range parts[1 : len(parts)-1] {
		d.Disclosures = append(d.Disclosures, readDisclosure(i, p, offset))
		offset += len(p) + 1
	}
	d.presented = trimmed[:offset-start]
	d.readKeyBinding(parts[len(parts)-1], offset)
	d.process()
	return d, nil
}

// readKeyBinding decodes the part after the last "~": empty, or a
// key-binding JWT.
func (d *Decoded) readKeyBinding(text string, offset int) {
	if text == "" {
		return
	}
	d.KeyBindingJWT = text
	kb, err := token.Decode(text)
	d.KeyBinding = kb
	if err != nil {
		e := jwterr.From(err, jwterr.Malformed)
		d.Errors = append(d.Errors, jwterr.New(e.Code, "the key-binding JWT (after the last ~, at offset %d): %s", offset, e.Message).In(jwterr.PartKeyBinding))
	}
}

// readDisclosure decodes one disclosure; its digest is computed once
// "_sd_alg" is known.
func readDisclosure(i int, text string, offset int) *Disclosure {
	disc := &Disclosure{Index: i, Text: text, Offset: offset, parent: -1}
	if err := disc.read(); err != nil {
		disc.Error = err.Disclosure(i)
	}
	return disc
}

// read checks the disclosure's form (RFC 9901 §4.2.1, §4.2.2 and §7.1
// step 3): base64url of a JSON array of two or three elements, the first a
// string salt, the second (of three) a string name other than "_sd" and
// "...".
func (disc *Disclosure) read() *jwterr.Error {
	where := func(format string, args ...any) string {
		return "disclosure " + itoa(disc.Index) + " (at offset " + itoa(disc.Offset) + ") " + sprintf(format, args...)
	}
	if disc.Text == "" {
		return jwterr.New(jwterr.SDMalformed, "%s", where("is empty: two ~ in a row"))
	}
	raw, err := base64.RawURLEncoding.DecodeString(disc.Text)
	if err != nil || strings.ContainsAny(disc.Text, "\r\n=") {
		return jwterr.New(jwterr.SDMalformed, "%s", where("is not base64url without padding"))
	}
	v, ok := parseJSON(raw)
	arr, isArr := v.([]any)
	if !ok || !isArr {
		return jwterr.New(jwterr.SDMalformed, "%s", where("is not a JSON array (it must be [salt, name, value] or [salt, value])"))
	}
	if len(arr) != 2 && len(arr) != 3 {
		return jwterr.New(jwterr.SDMalformed, "%s", where("has %d elements; it must be [salt, name, value] (an object member) or [salt, value] (an array element)", len(arr)))
	}
	if disc.Salt, ok = arr[0].(string); !ok {
		return jwterr.New(jwterr.SDMalformed, "%s", where("has a salt that is not a string"))
	}
	disc.value = arr[len(arr)-1]
	disc.Value, _ = json.Marshal(disc.value)
	if len(arr) == 2 {
		return nil
	}
	name, ok := arr[1].(string)
	if !ok {
		return jwterr.New(jwterr.SDMalformed, "%s", where("has a claim name that is not a string"))
	}
	disc.Name = &name
	if name == "_sd" || name == "..." {
		return jwterr.New(jwterr.SDReservedName, "%s", where("discloses a claim named %q, which RFC 9901 §7.1 forbids: it would forge the digests", name))
	}
	return nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// parseJSON parses JSON as every reader of the playground does: exact,
// numbers kept as written, the last of duplicate members counting.
func parseJSON(b []byte) (any, bool) {
	return jsonv.Parse(b, limits.MaxJSONDepth)
}

func itoa(i int) string { return strconv.Itoa(i) }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
