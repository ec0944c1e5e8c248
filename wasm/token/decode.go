// Package token decodes, verifies and signs compact JWS tokens (JWTs) for the
// playground, reporting every problem with a stable code and its place.
package token

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/internal/memo"
	"github.com/jwt-playground/jwt-playground/wasm/internal/utf8text"
	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// Warning is a problem that does not stop a token from being decoded.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Parts are a token's three base64url segments, as written.
type Parts struct {
	Header    string `json:"header"`
	Payload   string `json:"payload"`
	Signature string `json:"signature"`
}

// Decoded is what a token holds, read without any key.
type Decoded struct {
	// Header and Payload are the decoded JSON, exactly as in the token
	// (key order and number spelling kept); nil where it is not JSON.
	Header  json.RawMessage `json:"header"`
	Payload json.RawMessage `json:"payload"`
	// HeaderText and PayloadText are the decoded segments as text.
	HeaderText  string `json:"headerText"`
	PayloadText string `json:"payloadText"`
	// Signature is the decoded signature in hex.
	Signature string `json:"signature"`
	Parts     Parts  `json:"parts"`
	Alg       string `json:"alg"`
	Kid       string `json:"kid"`
	// PayloadJSON says whether the payload is JSON (Payload is then set).
	// Iss is the payload's top-level "iss" when it is a string (the last
	// of duplicates, as everywhere). Both let a caller that only needs
	// them skip parsing a payload that can be a megabyte deep.
	PayloadJSON bool      `json:"payloadJSON"`
	Iss         string    `json:"iss,omitempty"`
	Warnings    []Warning `json:"warnings"`
	// JWEParts are an encrypted token's five parts, as written; nil for a
	// signed token. Only its header is decoded (see jwe.Decrypt).
	JWEParts *jwe.Parts `json:"jweParts,omitempty"`

	start  int
	header map[string]any
	// refusal is why a verifier must refuse the token although it
	// decodes: its "crit" or "b64" break their rules.
	refusal *jwterr.Error
	// unencoded marks RFC 7797's unencoded payload: the payload part is
	// the payload as written, not base64url, and it holds no claims.
	unencoded bool
	// nested marks a nested JWT (RFC 7519 §5.2): the header's cty says
	// JWT and the payload is a compact token, not a claims set.
	nested       bool
	signingInput string
	signature    []byte

	// claims are the payload's members, parsed on first use: decoding
	// only checks that the payload is JSON, and the page parses it itself.
	payloadObject bool
	claimsOnce    sync.Once
	claims        map[string]any
	// checked are the claims verify checks, read on first use (see
	// checkedClaims): the token is decoded once and verified many times.
	checkedOnce sync.Once
	checked     map[string]any
}

// claimsMap returns the payload's members, or nil when the payload is not a
// JSON object.
func (d *Decoded) claimsMap() map[string]any {
	d.claimsOnce.Do(func() {
		if d.payloadObject {
			v, _ := jsonv.Parse(d.Payload, limits.MaxJSONDepth)
			d.claims, _ = v.(map[string]any)
		}
	})
	return d.claims
}

// Start is the byte offset in the token, as given, where its header part
// begins: after any white space and "Bearer " prefix.
func (d *Decoded) Start() int { return d.start }

// decoded is one result of decode, as the cache keeps it.
type decoded struct {
	d   *Decoded
	err error
}

// decodeCache keeps the last results: the page decodes the same token for
// the view, verify, explain and lint on every keystroke.
var decodeCache memo.Cache[string, decoded]

// Decode splits a compact JWS and decodes its parts. On error the parts it
// could read are still returned, so they can be shown. The result may be
// shared with other callers: do not modify it.
func Decode(token string) (*Decoded, error) {
	r := decodeCache.Get(token, decodeEntry)
	return r.d, r.err
}

func decodeEntry(token string) decoded {
	d, err := decode(token)
	return decoded{d, err}
}

func decode(token string) (*Decoded, error) {
	d := &Decoded{Warnings: []Warning{}}
	if err := limits.Size(len(token), limits.MaxTokenBytes, "the token", jwterr.PartToken); err != nil {
		return d, err
	}
	start, text := trimToken(token, d)
	if text == "" {
		return d, jwterr.New(jwterr.Malformed, "the token is empty").In(jwterr.PartToken)
	}
	segs := split(text)
	if i := strings.IndexByte(text, '~'); i >= 0 && len(segs) != 3 {
		// Counting its dots would call an SD-JWT with key binding a JWE.
		fillParts(d, segs)
		return d, jwterr.New(jwterr.Malformed, "this is an SD-JWT (RFC 9901: a JWT, then disclosures after ~, at offset %d): decodeSD reads it, and verify checks it whole", start+i).In(jwterr.PartToken).At(start + i)
	}
	if len(segs) == 5 {
		return d, d.encrypted(text, start)
	}
	if err := checkSegmentCount(segs, start); err != nil {
		fillParts(d, segs)
		return d, err
	}
	d.Parts = Parts{segs[0], segs[1], segs[2]}
	d.start = start
	d.signingInput = segs[0] + "." + segs[1]

	offsets := [3]int{start, start + len(segs[0]) + 1, start + len(segs[0]) + len(segs[1]) + 2}
	errs := [3]error{
		d.decodeHeader(segs[0], offsets[0]),
		d.decodePayload(segs[1], offsets[1]),
		d.decodeSignature(segs[2], offsets[2]),
	}
	for _, err := range errs {
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

// split cuts text at its dots, as strings.Split does, without first
// counting them: under wasm that count costs as much as the cutting.
func split(text string) []string {
	segs := make([]string, 0, 3)
	for {
		i := strings.IndexByte(text, '.')
		if i < 0 {
			return append(segs, text)
		}
		segs = append(segs, text[:i])
		text = text[i+1:]
	}
}

// trimToken drops white space and a "Bearer " prefix, which pasting from
// HTTP headers brings along, and returns where the token starts.
func trimToken(token string, d *Decoded) (int, string) {
	text := strings.TrimLeft(token, " \t\r\n")
	start := len(token) - len(text)
	if len(text) > 7 && strings.EqualFold(text[:7], "bearer ") {
		d.warn("bearer_prefix", `the "Bearer " prefix was ignored: it belongs to the HTTP header, not the token`)
		rest := strings.TrimLeft(text[7:], " ")
		start += len(text) - len(rest)
		text = rest
	}
	return start, strings.TrimRight(text, " \t\r\n")
}

func checkSegmentCount(segs []string, start int) error {
	switch n := len(segs); {
	case n == 3:
		return nil
	case n == 2:
		return jwterr.New(jwterr.Malformed, "the token has 2 parts but a JWT has 3 (header.payload.signature): the signature part is missing (even an unsecured token ends with a dot)").In(jwterr.PartToken).At(start + len(segs[0]) + len(segs[1]) + 1)
	case n == 1:
		return jwterr.New(jwterr.Malformed, "the token has no dots: a JWT has 3 parts separated by dots (header.payload.signature)").In(jwterr.PartToken)
	default:
		return jwterr.New(jwterr.Malformed, "the token has %d parts but a JWT has 3 (header.payload.signature)", n).In(jwterr.PartToken).At(start + len(strings.Join(segs[:3], ".")))
	}
}

// encrypted reads a compact JWE's protected header, which anyone can read,
// into d, and says that the rest needs decrypt: the page shows the header
// at once, before any key is given.
func (d *Decoded) encrypted(text string, start int) error {
	t, err := jwe.Parse(text)
	d.Header, d.HeaderText, d.Alg, d.Kid = t.Header, t.HeaderText, t.Alg, t.Kid
	d.Parts.Header, d.JWEParts, d.start = t.Parts.Protected, &t.Parts, start
	if err != nil {
		if e, ok := err.(*jwterr.Error); ok && e.Offset != nil && e.Part == jwterr.PartToken {
			err = e.At(*e.Offset + start)
		}
		return err
	}
	return jwterr.New(jwterr.EncryptedToken, "this is an encrypted token (JWE: protected header, encrypted key, IV, ciphertext, tag): its header, %s, is readable; decrypt it with the recipient's key to read the rest", jwterr.Clip(t.Alg+" / "+t.Enc)).In(jwterr.PartToken)
}

// fillParts keeps the segments of a token with the wrong number of parts,
// so the page can still colour them.
func fillParts(d *Decoded, segs []string) {
	p := []*string{&d.Parts.Header, &d.Parts.Payload, &d.Parts.Signature}
	for i := 0; i < len(segs) && i < len(p); i++ {
		*p[i] = segs[i]
	}
}

func (d *Decoded) warn(code, message string) {
	d.Warnings = append(d.Warnings, Warning{code, message})
}

// decodeSegment decodes base64url, pointing at the first bad character.
// Padding and non-zero trailing bits are accepted with a warning, as most
// libraries accept them, but they make the token non-canonical.
func (d *Decoded) decodeSegment(seg string, offset int, part jwterr.Part) ([]byte, error) {
	trimmed := strings.TrimRight(seg, "=")
	b, err := base64.RawURLEncoding.DecodeString(trimmed)
	// The decoder skips line breaks, which a token must not hold: those,
	// and whatever the decoder refuses, segmentError finds and names.
	if err != nil || strings.IndexByte(trimmed, '\n') >= 0 || strings.IndexByte(trimmed, '\r') >= 0 {
		return nil, segmentError(trimmed, offset, part, err)
	}
	if len(trimmed) != len(seg) {
		d.warn("noncanonical_base64", "the "+string(part)+" has base64 padding (=), which JWTs must not have")
	} else if !zeroTrailingBits(seg) {
		d.warn("noncanonical_base64", "the "+string(part)+" has non-zero trailing bits: another spelling of the same bytes, which strict libraries refuse")
	}
	return b, nil
}

// segmentError says why trimmed is not base64url, pointing at the first
// bad character.
func segmentError(trimmed string, offset int, part jwterr.Part, err error) error {
	for i := 0; i < len(trimmed); i++ {
		if !isBase64URL(trimmed[i]) {
			return jwterr.New(jwterr.BadBase64, "the %s is not base64url: bad character %s at offset %d%s", part, jwterr.CharAt(trimmed, i), offset+i, base64Hint(trimmed[i])).In(part).At(offset + i)
		}
	}
	if len(trimmed)%4 == 1 {
		return jwterr.New(jwterr.BadBase64, "the %s is not base64url: %d characters cannot be a whole number of bytes (is it cut short?)", part, len(trimmed)).In(part).At(offset + len(trimmed))
	}
	return jwterr.New(jwterr.BadBase64, "the %s is not base64url: %v", part, err).In(part).At(offset)
}

// zeroTrailingBits reports whether the bits of seg's last character that
// fall past the last whole byte are zero, as canonical base64 has them.
// Only that character can differ from a re-encoding of the decoded bytes.
func zeroTrailingBits(seg string) bool {
	var unused uint
	switch len(seg) % 4 {
	case 2:
		unused = 4
	case 3:
		unused = 2
	default:
		return true
	}
	last := strings.IndexByte(base64URLAlphabet, seg[len(seg)-1])
	return last >= 0 && last&(1<<unused-1) == 0
}

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func isBase64URL(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func base64Hint(c byte) string {
	switch c {
	case '+', '/':
		return " (that is standard base64; JWTs use base64url, with - and _)"
	case ' ', '\n', '\r', '\t':
		return " (white space inside the token)"
	case '~':
		return " (~ separates the parts of an SD-JWT, RFC 9901: decodeSD reads it, and verify checks it whole)"
	}
	return ""
}

func (d *Decoded) decodeHeader(seg string, offset int) error {
	if seg == "" {
		return jwterr.New(jwterr.Malformed, "the header part is empty").In(jwterr.PartHeader).At(offset)
	}
	raw, err := d.decodeSegment(seg, offset, jwterr.PartHeader)
	if err != nil {
		return err
	}
	if !utf8.Valid(raw) {
		// One reading of ill-formed UTF-8, here where the header is first
		// read, so the kid that picks a key is the kid shown, in Go and on
		// the page alike (see utf8text).
		raw = []byte(utf8text.Decode(raw))
		d.warn("header_not_utf8", "the header is not valid UTF-8: each ill-formed sequence is read as �, as browsers and jose read it")
	}
	d.HeaderText = string(raw)
	if err := unmarshal(raw, &d.header, "the header", jwterr.PartHeader); err != nil || d.header == nil {
		if tooDeep(err) {
			return err
		}
		var v any
		if unmarshal(raw, &v, "the header", jwterr.PartHeader) == nil {
			d.Header = raw
			return jwterr.New(jwterr.HeaderNotObject, "the header is JSON but not an object: it must be {\"alg\": …}").In(jwterr.PartHeader)
		}
		return jwterr.JSON(err, "the header", jwterr.PartHeader)
	}
	d.Header = raw
	alg, ok := d.header["alg"].(string)
	if !ok {
		return jwterr.New(jwterr.MissingAlg, "the header has no \"alg\" string, so the token cannot say how it is signed").In(jwterr.PartHeader)
	}
	d.Alg = alg
	d.Kid, _ = d.header["kid"].(string)
	switch _, known := keys.Lookup(alg); {
	case alg == "none":
		d.warn("alg_none", "alg is \"none\": the token is unsecured, anyone can have written it")
	case !known:
		d.warn("unsupported_alg", "alg "+quote(alg)+" is not one the playground can verify ("+strings.Join(keys.Algorithms(), ", ")+")")
	}
	if d.refusal = checkCrit(d.header); d.refusal != nil {
		d.warn(string(d.refusal.Code), d.refusal.Message)
	}
	d.unencoded = unencoded(d.header)
	return nil
}

// ctyJWT reports whether a header's cty names a JWT. RFC 7515 §4.1.10 makes
// cty a media type, so case-insensitive and "application/" optional; RFC
// 7519 §5.2 recommends "JWT" for a nested token.
func ctyJWT(header map[string]any) bool {
	cty, _ := header["cty"].(string)
	return strings.EqualFold(cty, "JWT") || strings.EqualFold(cty, "application/jwt")
}

func (d *Decoded) decodePayload(seg string, offset int) error {
	if d.unencoded {
		if err := checkUnencoded(seg, offset); err != nil {
			return err
		}
		d.PayloadText = seg
		d.warn("unencoded_payload", `the header says "b64": false (RFC 7797): the payload is the text between the dots as written, signed as it is, not base64url; it is not a JWT claims set, so no claims are checked`)
		return nil
	}
	raw, err := d.decodeSegment(seg, offset, jwterr.PartPayload)
	if err != nil {
		return err
	}
	if !utf8.Valid(raw) {
		d.PayloadText = utf8text.Decode(raw)
		d.warn("payload_not_json", "the payload is binary, not JSON text; it is shown with � for the bytes that are not UTF-8")
		return nil
	}
	d.PayloadText = string(raw)
	// Only a payload that is a token is nested: a cty "JWT" over a JSON
	// claims set still has its claims checked, so cty cannot switch them off.
	if ctyJWT(d.header) && jwe.IsCompactToken(d.PayloadText) {
		d.nested = true
		d.warn("nested", `the header says "cty": "JWT" (RFC 7519 §5.2): the payload is a nested token, not claims; decode and verify it on its own, its claims are the ones that count`)
		return nil
	}
	if !jsonv.Valid(raw, limits.MaxJSONDepth) {
		var v any
		err := unmarshal(raw, &v, "the payload", jwterr.PartPayload)
		if tooDeep(err) {
			return err
		}
		d.warn("payload_not_json", "the payload is not JSON, so it is shown as text: "+jwterr.JSON(err, "it", jwterr.PartPayload).Message)
		return nil
	}
	d.Payload, d.PayloadJSON = raw, true
	// Valid JSON that begins with a brace is an object.
	if d.payloadObject = bytes.TrimLeft(raw, " \t\r\n")[0] == '{'; !d.payloadObject {
		d.warn("payload_not_object", "the payload is JSON but not an object, so it holds no claims")
		return nil
	}
	d.Iss = issuer(raw)
	return nil
}

// issuer returns the top-level "iss" of a JSON object when it is a string,
// the last of duplicates winning; "" otherwise. Only that member's value is
// parsed: the rest is one scan.
func issuer(object []byte) string {
	var iss any
	for name, value := range jsonv.All(object) {
		if name == "iss" {
			iss, _ = jsonv.Parse(value, limits.MaxJSONDepth)
		}
	}
	s, _ := iss.(string)
	return s
}

func (d *Decoded) decodeSignature(seg string, offset int) error {
	sig, err := d.decodeSegment(seg, offset, jwterr.PartSignature)
	if err != nil {
		return err
	}
	d.signature = sig
	d.Signature = hex.EncodeToString(sig)
	if d.Alg == "none" && len(sig) > 0 {
		d.warn("alg_none", "alg is \"none\" but the token has a signature, which is ignored")
	}
	return nil
}

// unmarshal decodes one JSON value into v (*any or *map[string]any),
// keeping numbers exact and refusing anything after it. jsonv does the
// work; what it refuses is either nested too deep (a too_deep error for
// what, in part) or worded by encoding/json.
func unmarshal(data []byte, v any, what string, part jwterr.Part) error {
	if parsed, ok := jsonv.Parse(data, limits.MaxJSONDepth); ok {
		switch p := v.(type) {
		case *any:
			*p = parsed
			return nil
		case *map[string]any:
			if m, isMap := parsed.(map[string]any); isMap || parsed == nil {
				*p = m
				return nil
			}
		}
	}
	if err := limits.Depth(data, what, part); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return json.Unmarshal(data, v) // for the standard "unexpected end" message, with its offset
		}
		return err
	}
	if dec.More() || dec.InputOffset() < int64(len(bytes.TrimRight(data, " \t\r\n"))) {
		return json.Unmarshal(data, v) // reports the trailing data with its offset
	}
	return nil
}

// tooDeep reports whether err is unmarshal's refusal of JSON nested past
// the limit, which stops decoding where other JSON errors only warn.
func tooDeep(err error) bool {
	e, ok := err.(*jwterr.Error)
	return ok && e.Code == jwterr.TooDeep
}

func quote(s string) string { return jwterr.Clip(s) }
