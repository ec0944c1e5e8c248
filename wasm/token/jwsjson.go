package token

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/internal/memo"
	"github.com/jwt-playground/jwt-playground/wasm/internal/utf8text"
	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/limits"
)

// The forms of the JWS JSON serialization (RFC 7515 §7.2).
const (
	// FormGeneral is §7.2.1: a "signatures" array of one or more.
	FormGeneral = "general"
	// FormFlattened is §7.2.2: one signature's members at the top level.
	FormFlattened = "flattened"
)

// JSONDecoded is a JWS in the JSON serialization (RFC 7515 §7.2), read
// without any key: one payload, and each signature with its headers.
type JSONDecoded struct {
	// Form is FormGeneral or FormFlattened.
	Form string `json:"form"`
	// Payload is the payload's JSON, exactly as signed, or nil when it is
	// not JSON; PayloadText is the payload as text either way.
	Payload     json.RawMessage `json:"payload"`
	PayloadText string          `json:"payloadText"`
	// PayloadPart is the "payload" member's string: base64url, or the
	// payload itself when the headers say "b64": false (RFC 7797).
	PayloadPart string           `json:"payloadPart"`
	Signatures  []*JSONSignature `json:"signatures"`
	// Warnings are about the whole: the payload, and the signatures taken
	// together. Each signature has its own too.
	Warnings []Warning `json:"warnings"`

	// payload is the payload as the claims checks read it.
	payload *Decoded
}

// JSONSignature is one signature of a JWS JSON and its two headers.
type JSONSignature struct {
	// Index is the signature's place in "signatures", from 0 (0 when
	// flattened).
	Index int `json:"index"`
	// Protected is the JWS Protected Header's JSON as decoded (key order
	// and numbers as written), nil when absent; ProtectedText its text.
	Protected     json.RawMessage `json:"protected"`
	ProtectedText string          `json:"protectedText"`
	// Header is the JWS Unprotected Header as written, nil when absent.
	// Nothing in it is covered by the signature.
	Header json.RawMessage `json:"header"`
	// Unprotected names Header's members, in order: anyone can change them
	// without breaking the signature.
	Unprotected []string `json:"unprotected"`
	// Alg and Kid are read from either header.
	Alg string `json:"alg"`
	Kid string `json:"kid"`
	// Signature is the signature in hex.
	Signature string         `json:"signature"`
	Parts     JSONParts      `json:"parts"`
	Warnings  []Warning      `json:"warnings"`
	Error     *jwterr.Error  `json:"error,omitempty"`
	protected map[string]any // the protected header's members
	merged    map[string]any // both headers' members
	signed    signed
}

// JSONParts are a signature's base64url members, as written.
type JSONParts struct {
	Protected string `json:"protected"`
	Signature string `json:"signature"`
}

// AlgProtected reports whether the signature covers its alg.
func (s *JSONSignature) AlgProtected() bool { return !slices.Contains(s.Unprotected, "alg") }

// IsJSON reports whether text is meant as a JWS in the JSON serialization:
// a JSON object, where a compact token starts with its base64url header.
func IsJSON(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n")
	return t != "" && t[0] == '{'
}

type decodedJSON struct {
	d   *JSONDecoded
	err error
}

// jsonCache keeps the last results, as decodeCache does for compact tokens.
var jsonCache memo.Cache[string, decodedJSON]

// DecodeJSON reads a JWS in the JSON serialization, general or flattened.
// Every reading is exact: member names are case-sensitive, a member given
// twice or named like a known one in another case is refused, and so is
// anything RFC 7515 §7.2 forbids. The error is about the whole (the
// envelope, the payload, or the one signature of a flattened JWS); a
// signature of a general JWS that cannot be read has its own Error, and
// the others are still read. The result may be shared: do not modify it.
func DecodeJSON(text string) (*JSONDecoded, error) {
	r := jsonCache.Get(text, decodeJSONEntry)
	return r.d, r.err
}

func decodeJSONEntry(text string) decodedJSON {
	d, err := decodeJSON(text)
	return decodedJSON{d, err}
}

// The members RFC 7515 §7.2 defines, at the top and in a signature.
var (
	topMembers       = []string{"payload", "signatures", "protected", "header", "signature"}
	signatureMembers = []string{"protected", "header", "signature"}
)

func decodeJSON(text string) (*JSONDecoded, error) {
	d := &JSONDecoded{Signatures: []*JSONSignature{}, Warnings: []Warning{}, payload: &Decoded{Warnings: []Warning{}}}
	if err := limits.Size(len(text), limits.MaxTokenBytes, "the JWS JSON", jwterr.PartToken); err != nil {
		return d, err
	}
	data := []byte(text)
	if !jsonv.Valid(data, limits.MaxJSONDepth) {
		var v any
		return d, jwterr.JSON(unmarshal(data, &v, "the JWS JSON", jwterr.PartToken), "the JWS JSON", jwterr.PartToken)
	}
	if !jsonv.IsObject(data) {
		return d, malformedJSON("the JWS JSON must be a JSON object")
	}
	top, err := readMembers(data, "the JWS JSON", topMembers)
	if err != nil {
		return d, err
	}
	objs, err := signatureObjects(d, top, data)
	if err != nil {
		return d, err
	}
	for i, obj := range objs {
		d.Signatures = append(d.Signatures, readSignature(i, obj, d.Form))
	}
	if d.Form == FormFlattened && d.Signatures[0].Error != nil {
		return d, d.Signatures[0].Error
	}
	if err := d.readPayload(top["payload"]); err != nil {
		return d, err
	}
	return d, nil
}

// signatureObjects sets the form and returns each signature's object:
// the items of "signatures", or the whole when flattened.
func signatureObjects(d *JSONDecoded, top map[string][]byte, data []byte) ([][]byte, error) {
	raw, general := top["signatures"]
	if !general {
		if _, ok := top["signature"]; !ok {
			return nil, malformedJSON(`the JWS JSON has neither "signatures" (general form, RFC 7515 §7.2.1) nor "signature" (flattened form, §7.2.2)`)
		}
		d.Form = FormFlattened
		return [][]byte{data}, nil
	}
	d.Form = FormGeneral
	for _, name := range signatureMembers {
		if _, ok := top[name]; ok {
			return nil, malformedJSON(`the JWS JSON has both "signatures" and a top-level %q: the general form keeps each signature's members in "signatures", and the flattened form must not have "signatures" (RFC 7515 §7.2.2); refused, as readers differ on which signature counts`, name)
		}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		return nil, wrongType(`"signatures"`, "an array of objects", raw)
	}
	if len(items) == 0 {
		return nil, malformedJSON(`"signatures" is empty: the general form has at least one signature (RFC 7515 §7.2.1)`)
	}
	if len(items) > limits.MaxJSONSignatures {
		return nil, jwterr.New(jwterr.TooLarge, `"signatures" has %d signatures, over the limit of %d`, len(items), limits.MaxJSONSignatures).In(jwterr.PartToken)
	}
	objs := make([][]byte, len(items))
	for i, item := range items {
		if !jsonv.IsObject(item) {
			return nil, wrongType("signatures["+strconv.Itoa(i)+"]", "an object", item)
		}
		objs[i] = item
	}
	return objs, nil
}

// readMembers reads the members of a JSON object (valid JSON) exactly: a
// name given twice, or a case variant of a known name ("Payload"), is
// refused, as readers differ on which one counts. Others are kept; RFC
// 7515 §7.2.1 says members not understood are ignored.
func readMembers(data []byte, what string, known []string) (map[string][]byte, error) {
	m := map[string][]byte{}
	for name, raw := range jsonv.All(data) {
		if _, dup := m[name]; dup {
			return nil, malformedJSON("%s has the member %s twice: refused, as readers differ on which one counts", what, jwterr.Clip(name))
		}
		for _, k := range known {
			if name != k && strings.EqualFold(name, k) {
				return nil, malformedJSON("%s has a member %s: member names are case-sensitive, so it is not %q; refused, as a reader that ignores case would take it for %q", what, jwterr.Clip(name), k, k)
			}
		}
		m[name] = raw
	}
	return m, nil
}

// readSignature reads one signature's members and headers; what cannot
// be read is its Error.
func readSignature(i int, obj []byte, form string) *JSONSignature {
	s := &JSONSignature{Index: i, Unprotected: []string{}, Warnings: []Warning{}}
	where := "the JWS JSON"
	if form == FormGeneral {
		where = "signatures[" + strconv.Itoa(i) + "]"
	}
	if err := s.read(obj, where); err != nil {
		s.Error = jwterr.From(err, jwterr.Malformed)
	}
	return s
}

func (s *JSONSignature) read(obj []byte, where string) error {
	m, err := readMembers(obj, where, signatureMembers)
	if err != nil {
		return err
	}
	prot, hasProt := m["protected"]
	head, hasHead := m["header"]
	sig, hasSig := m["signature"]
	if !hasProt && !hasHead {
		return malformedJSON(`%s has neither "protected" nor "header": its "alg" must be in one of them (RFC 7515 §7.2.1)`, where)
	}
	if !hasSig {
		return malformedJSON(`%s has no "signature" (RFC 7515 §7.2.1)`, where)
	}
	if s.Parts.Signature, err = stringMember(sig, where+`."signature"`); err != nil {
		return err
	}
	if hasProt {
		if err := s.readProtected(prot, where); err != nil {
			return err
		}
	}
	s.merged = map[string]any{}
	for name, v := range s.protected {
		s.merged[name] = v
	}
	if hasHead {
		if err := s.readUnprotected(head, where); err != nil {
			return err
		}
	}
	b, err := s.segment(s.Parts.Signature, where+`."signature"`, jwterr.PartSignature)
	if err != nil {
		return err
	}
	s.Signature, s.signed.signature = hex.EncodeToString(b), b
	return s.readAlg(where)
}

// readProtected decodes the protected header as a compact token's header
// is decoded: one UTF-8 reading, the last of duplicate members counting.
func (s *JSONSignature) readProtected(raw []byte, where string) error {
	what := where + `."protected"`
	seg, err := stringMember(raw, what)
	if err != nil {
		return err
	}
	if seg == "" {
		return malformedJSON(`%s is empty: an empty protected header is left out, not written as "" (RFC 7515 §7.2.1)`, what)
	}
	s.Parts.Protected = seg
	b, err := s.segment(seg, what, jwterr.PartHeader)
	if err != nil {
		return err
	}
	if !utf8.Valid(b) {
		b = []byte(utf8text.Decode(b))
		s.warn("header_not_utf8", "the protected header is not valid UTF-8: each ill-formed sequence is read as �, as browsers and jose read it")
	}
	s.ProtectedText = string(b)
	if err := unmarshal(b, &s.protected, what, jwterr.PartHeader); err != nil || s.protected == nil {
		var v any
		if tooDeep(err) || unmarshal(b, &v, what, jwterr.PartHeader) != nil {
			return jwterr.JSON(err, what, jwterr.PartHeader)
		}
		return jwterr.New(jwterr.HeaderNotObject, `%s is JSON but not an object: it must be {"alg": …}`, what).In(jwterr.PartHeader)
	}
	s.Protected = b
	return nil
}

// readUnprotected reads the unprotected header, refusing what RFC 7515
// and RFC 7797 want integrity-protected and any name the protected header
// has too (§7.2.1: the names "MUST be disjoint").
func (s *JSONSignature) readUnprotected(raw []byte, where string) error {
	what := where + `."header"`
	if !jsonv.IsObject(raw) {
		return wrongType(what, "an object", raw)
	}
	names, err := readMembers(raw, what, nil)
	if err != nil {
		return err
	}
	for name := range jsonv.All(raw) {
		s.Unprotected = append(s.Unprotected, name)
	}
	for _, name := range s.Unprotected {
		switch _, both := s.protected[name]; {
		case both:
			return malformedJSON(`%s and the protected header both have %s: their names must be disjoint (RFC 7515 §7.2.1), or readers differ on which one counts`, what, jwterr.Clip(name))
		case name == "crit":
			return jwterr.New(jwterr.CritInvalid, `%s has "crit", which must be integrity-protected: only the protected header may have it (RFC 7515 §4.1.11)`, what).In(jwterr.PartHeader)
		case name == "b64":
			return jwterr.New(jwterr.CritInvalid, `%s has "b64", which must be integrity-protected: only the protected header may have it (RFC 7797 §3)`, what).In(jwterr.PartHeader)
		}
		v, _ := jsonv.Parse(names[name], limits.MaxJSONDepth)
		s.merged[name] = v
	}
	s.Header = raw
	return nil
}

// readAlg reads alg and kid from both headers, and what verify must
// refuse ("crit", "b64"), as for a compact token.
func (s *JSONSignature) readAlg(where string) error {
	alg, ok := s.merged["alg"].(string)
	if !ok || alg == "" {
		return jwterr.New(jwterr.MissingAlg, `%s has no "alg" string in either header, so it cannot say how it is signed`, where).In(jwterr.PartHeader)
	}
	s.Alg = alg
	s.Kid, _ = s.merged["kid"].(string)
	switch _, known := keys.Lookup(alg); {
	case alg == "none":
		s.warn("alg_none", `alg is "none": the signature is unsecured, anyone can have written it`)
	case !known:
		s.warn("unsupported_alg", "alg "+quote(alg)+" is not one the playground can verify ("+strings.Join(keys.Algorithms(), ", ")+")")
	}
	if r := checkCrit(s.merged); r != nil {
		s.signed.refusal = r
		s.warn(string(r.Code), r.Message)
	}
	if len(s.Unprotected) > 0 {
		s.warn("unprotected_header", "the unprotected header ("+strings.Join(quoteAll(s.Unprotected), ", ")+") is not covered by the signature: anyone can change it without breaking the signature, so a kid there is a hint to pick the key, not a signed claim")
	}
	s.signed.alg, s.signed.kid = s.Alg, s.Kid
	return nil
}

func (s *JSONSignature) warn(code, message string) {
	s.Warnings = append(s.Warnings, Warning{code, message})
}

// readable reports whether the signature could be read whole.
func (s *JSONSignature) readable() bool { return s.Error == nil }

// readPayload reads the shared payload: base64url, or as written when
// every readable signature says "b64": false (RFC 7797 §3 lets them not
// disagree), and sets each signature's signing input.
func (d *JSONDecoded) readPayload(raw []byte) error {
	if raw == nil {
		return malformedJSON(`the JWS JSON has no "payload" (RFC 7515 §7.2.1); a detached payload is not supported`)
	}
	seg, err := stringMember(raw, `"payload"`)
	if err != nil {
		return err
	}
	d.PayloadPart = seg
	unenc, err := d.unencoded()
	if err != nil {
		return err
	}
	p := d.payload
	if first := d.firstReadable(); first != nil {
		p.header = first.protected // its cty says whether the payload is a nested token
	}
	if unenc {
		if err := checkUnencodedJSON(raw); err != nil {
			return err
		}
		p.unencoded = true
		p.PayloadText = seg
		p.warn("unencoded_payload", `the headers say "b64": false (RFC 7797): the payload member is the payload as written, signed as it is, not base64url; it is not a JWT claims set, so no claims are checked`)
	} else if err := p.decodePayload(seg, 0); err != nil {
		return clearOffset(jwterr.From(err, jwterr.BadBase64), `"payload"`)
	}
	d.Payload, d.PayloadText = p.Payload, p.PayloadText
	d.Warnings = append(d.Warnings, p.Warnings...)
	for _, s := range d.Signatures {
		s.signed.input = s.Parts.Protected + "." + seg
	}
	return nil
}

// unencoded reports whether the readable signatures say "b64": false;
// they must all say the same (RFC 7797 §3), as jose's generalVerify
// requires too.
func (d *JSONDecoded) unencoded() (bool, error) {
	var first *JSONSignature
	for _, s := range d.Signatures {
		if !s.readable() {
			continue
		}
		if first == nil {
			first = s
			continue
		}
		if unencoded(s.merged) != unencoded(first.merged) {
			return false, jwterr.New(jwterr.CritInvalid, `signatures %d and %d disagree on "b64" (RFC 7797 §3: all signatures of a JWS must use the same): one signs the payload as written, the other its base64url`, first.Index, s.Index).In(jwterr.PartHeader)
		}
	}
	return first != nil && unencoded(first.merged), nil
}

func (d *JSONDecoded) firstReadable() *JSONSignature {
	for _, s := range d.Signatures {
		if s.readable() {
			return s
		}
	}
	return nil
}

// checkUnencodedJSON refuses an unencoded payload that is not well-formed
// Unicode: a \u escape of a lone surrogate, which Go reads as U+FFFD and
// jose refuses, would be signed as bytes no one wrote.
func checkUnencodedJSON(raw []byte) error {
	lit := string(raw)
	for i := 0; i+6 <= len(lit); i++ {
		if lit[i] != '\\' {
			continue
		}
		if lit[i+1] != 'u' {
			i++ // skip the escaped character, which may be a backslash
			continue
		}
		u, _ := strconv.ParseUint(lit[i+2:i+6], 16, 16)
		switch {
		case u >= 0xD800 && u < 0xDC00:
			lo := uint64(0)
			if i+12 <= len(lit) && lit[i+6] == '\\' && lit[i+7] == 'u' {
				lo, _ = strconv.ParseUint(lit[i+8:i+12], 16, 16)
			}
			if lo < 0xDC00 || lo > 0xDFFF {
				return malformedJSON(`the unencoded "payload" has a lone surrogate (\%s) at offset %d of it: it is not well-formed Unicode, so the bytes signed are not the text shown (jose refuses it too)`, lit[i+1:i+6], i)
			}
			i += 11
		case u >= 0xDC00 && u <= 0xDFFF:
			return malformedJSON(`the unencoded "payload" has a lone surrogate (\%s) at offset %d of it: it is not well-formed Unicode, so the bytes signed are not the text shown (jose refuses it too)`, lit[i+1:i+6], i)
		default:
			i += 5
		}
	}
	return nil
}

// stringMember reads a member that must be a JSON string.
func stringMember(raw []byte, what string) (string, error) {
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", wrongType(what, "a string", raw)
	}
	return s, nil
}

// wrongType says a member has the wrong type (bad_json, as for a JWK).
func wrongType(what, want string, raw []byte) error {
	v, _ := jsonv.Parse(raw, limits.MaxJSONDepth)
	return jwterr.New(jwterr.BadJSON, "%s must be %s, not %s", what, want, DescribeJSON(v)).In(jwterr.PartToken)
}

func malformedJSON(format string, args ...any) *jwterr.Error {
	return jwterr.New(jwterr.Malformed, format, args...).In(jwterr.PartToken)
}

// segment decodes a base64url member as a compact token's parts are
// decoded: padding and non-zero trailing bits are read, with a warning.
func (s *JSONSignature) segment(seg, what string, part jwterr.Part) ([]byte, error) {
	var d Decoded
	b, err := d.decodeSegment(seg, 0, part)
	if err != nil {
		return nil, clearOffset(jwterr.From(err, jwterr.BadBase64), what)
	}
	for _, w := range d.Warnings {
		s.warn(w.Code, "in "+what+": "+w.Message)
	}
	return b, nil
}

// clearOffset names the member an error about a segment is in, and drops
// its offset, which counts from the member's string, not the text.
func clearOffset(e *jwterr.Error, what string) *jwterr.Error {
	c := *e
	if c.Offset != nil {
		c.Message = "in " + what + ": " + c.Message
	}
	c.Offset = nil
	return &c
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = jwterr.Clip(n)
	}
	return out
}

// ToCompact writes a JWS JSON of one signature without an unprotected
// header as the compact token it is equivalent to (RFC 7515 §7.1): the
// same signing input, so the same signature. Anything else is refused,
// saying what the compact form cannot carry.
func ToCompact(text string) (string, error) {
	d, err := DecodeJSON(text)
	if err != nil {
		return "", err
	}
	if len(d.Signatures) != 1 {
		return "", malformedJSON("the JWS JSON has %d signatures: a compact token carries one", len(d.Signatures))
	}
	s := d.Signatures[0]
	switch {
	case s.Error != nil:
		return "", s.Error
	case s.Header != nil:
		return "", malformedJSON(`the signature has an unprotected header (%s): a compact token has none, and dropping it would change what the token says`, strings.Join(quoteAll(s.Unprotected), ", "))
	case s.Parts.Protected == "":
		return "", malformedJSON(`the signature has no protected header: a compact token's header is its protected header`)
	}
	if d.payload.unencoded {
		if err := checkUnencoded(d.PayloadPart, 0); err != nil {
			return "", err
		}
	}
	return s.Parts.Protected + "." + d.PayloadPart + "." + s.Parts.Signature, nil
}

// flattened is a flattened JWS JSON in RFC 7515 Appendix A.6's order.
type flattened struct {
	Payload   string `json:"payload"`
	Protected string `json:"protected"`
	Signature string `json:"signature"`
}

// ToJSON writes a compact token as the flattened JWS JSON it is
// equivalent to: the same parts, as written, so the same signature.
func ToJSON(token string) (string, error) {
	d, err := Decode(token)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(flattened{d.Parts.Payload, d.Parts.Header, d.Parts.Signature}); err != nil {
		return "", jwterr.New(jwterr.Internal, "writing the JWS JSON: %v", err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
