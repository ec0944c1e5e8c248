package keys

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// reading is how parse reads key text: the form, the text its reader
// gets, and what was set aside to get there, which the key's Source
// reports ("PKIX public key (PEM, inside a JSON string)").
type reading struct {
	format Format
	// text is what the form's reader gets.
	text string
	// quoted marks text that is a JSON string's decoded contents, into
	// which error offsets do not point at the key text as typed.
	quoted bool
	notes  []string
	// array marks a JSON array of JWKs.
	array bool
	// der is the key FormatDER text holds, read while detecting it.
	der *Key
}

// read decides how text is read. Anything that is not a secret is read as
// a key, with invisible characters and a label or quotes around it set
// aside: a key that slipped through as a secret would let anyone who has
// it forge HS256 tokens (algorithm confusion).
func read(text string) reading {
	t := strings.TrimFunc(text, isBlank)
	r := readTrimmed(t, true)
	if r.format == FormatSecret {
		return r
	}
	if (r.format == FormatJWK || r.format == FormatJWKS) && !r.quoted {
		// Spaces for the invisible characters around JSON, byte for byte,
		// keep the offsets of JSON errors right.
		at := len(text) - len(strings.TrimLeftFunc(text, isBlank))
		// (r.text is t, or t with a label blanked: as long.)
		r.text = strings.Repeat(" ", at) + r.text + strings.Repeat(" ", len(text)-at-len(t))
	}
	if gone := removed(text, r.text); gone != "" {
		r.notes = append(r.notes, "after removing "+gone)
	}
	return r
}

// readTrimmed reads text without blanks around it; with unquote, a JSON
// string's contents are read too.
func readTrimmed(t string, unquote bool) reading {
	switch {
	case unquote && len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"':
		inner, how := unquoteString(t)
		if r := readTrimmed(strings.TrimFunc(inner, isBlank), false); r.format != FormatSecret {
			r.notes = append([]string{how}, r.notes...)
			r.quoted = true
			return r
		}
	case isJWKJSON(t):
		return jsonReading(t)
	case jwkArray(t):
		var elems []json.RawMessage
		if json.Unmarshal([]byte(t), &elems) == nil && len(elems) > 1 {
			return reading{format: FormatJWKS, text: t, array: true}
		}
		return reading{format: FormatJWK, text: t, array: true}
	}
	if i := strings.IndexByte(t, '{'); i > 0 && json.Valid([]byte(t[i:])) && (hasMember(t[i:], "kty") || hasMember(t[i:], "keys")) {
		// A label before the JWK is blanked, byte for byte, which keeps
		// the offsets of errors in the JWK.
		r := jsonReading(strings.Repeat(" ", i) + t[i:])
		r.notes = append(r.notes, "after the text "+quote(strings.TrimSpace(t[:i])))
		return r
	}
	p := visible(t)
	if i := strings.Index(p, "-----BEGIN"); i >= 0 {
		r := reading{format: FormatPEM, text: p}
		if lead := strings.TrimSpace(p[:i]); lead != "" {
			r.notes = append(r.notes, "after the text "+quote(lead))
		}
		return r
	}
	if ls := sshLines(p); len(ls) > 0 {
		r := reading{format: FormatSSH, text: p}
		if ls[0].lead != "" {
			r.notes = append(r.notes, "after the text "+quote(ls[0].lead))
		}
		return r
	}
	if k, lead, ok := readLabelledDER(p); ok {
		r := reading{format: FormatDER, text: p, der: k}
		if lead != "" {
			r.notes = append(r.notes, "after the text "+quote(lead))
		}
		return r
	}
	return reading{format: FormatSecret}
}

func jsonReading(t string) reading {
	if hasMember(t, "keys") {
		return reading{format: FormatJWKS, text: t}
	}
	return reading{format: FormatJWK, text: t}
}

// maxLabelWords bounds how many words before base64 DER are tried as a
// label ("Public key:", "x5c"), keeping the search linear.
const maxLabelWords = 4

// readLabelledDER reads p as DER in base64 or hex, whole or after a label:
// the words before the base64 run that ends the text.
func readLabelledDER(p string) (k *Key, lead string, ok bool) {
	if k, ok := readDER(p); ok {
		return k, "", true
	}
	words := strings.Fields(p)
	for i := 1; i <= maxLabelWords && i < len(words); i++ {
		at := wordStart(p, words, i)
		if k, ok := readDER(p[at:]); ok {
			return k, strings.TrimSpace(p[:at]), true
		}
	}
	return nil, "", false
}

// wordStart returns where the i-th of words, the fields of p, starts in p.
func wordStart(p string, words []string, i int) int {
	at := 0
	for j := 0; j < i; j++ {
		at += strings.Index(p[at:], words[j]) + len(words[j])
	}
	return at + strings.Index(p[at:], words[i])
}

// unquoteString reads a quoted string as JSON, and says how; a string JSON
// refuses (a raw line break in it) loses only its quotes.
func unquoteString(t string) (inner, how string) {
	if json.Unmarshal([]byte(t), &inner) == nil {
		return inner, "inside a JSON string"
	}
	return t[1 : len(t)-1], "inside quotes"
}

// jwkArray reports whether t opens a JSON array of objects, as JWKs are
// listed in a JWKS.
func jwkArray(t string) bool {
	rest, ok := strings.CutPrefix(t, "[")
	return ok && strings.HasPrefix(strings.TrimLeft(rest, " \t\r\n"), "{")
}

// isBlank reports white space and invisible characters (a byte-order
// mark, a zero-width space), which copying from web pages and editors adds.
func isBlank(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

// visible returns t without invisible characters, its other white space
// made plain spaces and line breaks, for the readers of base64 forms.
func visible(t string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x80:
			return r
		case unicode.Is(unicode.Cf, r):
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, t)
}

// removed names the invisible characters of text that its reading left
// out: "a byte-order mark (U+FEFF)".
func removed(text, kept string) string {
	var names []string
	seen := map[rune]bool{}
	for _, r := range text {
		if !unicode.Is(unicode.Cf, r) || seen[r] || strings.ContainsRune(kept, r) {
			continue
		}
		seen[r] = true
		switch r {
		case '\uFEFF':
			names = append(names, "a byte-order mark (U+FEFF)")
		case '\u200B':
			names = append(names, "a zero-width space (U+200B)")
		default:
			names = append(names, fmt.Sprintf("an invisible character (U+%04X)", r))
		}
	}
	return strings.Join(names, ", ")
}

// annotate adds how the key text was read to each key's Source.
func annotate(ks []*Key, notes []string) {
	if len(notes) == 0 {
		return
	}
	n := strings.Join(notes, ", ")
	for _, k := range ks {
		if s, ok := strings.CutSuffix(k.Source, ")"); ok {
			k.Source = s + ", " + n + ")"
		} else {
			k.Source += " (" + n + ")"
		}
	}
}

// parseJSONKeys reads a JWK, a JWKS, or a JSON array of JWKs.
func parseJSONKeys(r reading) (*Set, error) {
	what := map[Format]string{FormatJWK: "the JWK", FormatJWKS: "the JWKS"}[r.format]
	if r.array {
		what = "the JSON array of JWKs"
	}
	if at, ok := trailingComma(r.text); ok {
		return nil, jwterr.New(jwterr.KeyInvalid, "%s is followed by a comma, as when copied out of a list of keys: JSON allows nothing after the value, so it is not read (and never taken as a secret): remove the comma", what).In(jwterr.PartKey).At(at)
	}
	if r.array {
		return parseJWKArray(r.text)
	}
	if r.format == FormatJWKS {
		return parseJWKS(r.text)
	}
	k, err := parseJWKText(r.text)
	if err != nil {
		return nil, err
	}
	return &Set{Format: FormatJWK, Keys: []*Key{k}}, nil
}

// parseJWKArray reads a JSON array of JWKs: one is that JWK, several a
// JWKS (the array is what a JWKS's "keys" holds).
func parseJWKArray(text string) (*Set, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal([]byte(text), &elems); err != nil {
		return nil, jwterr.JSON(err, "the JSON array of JWKs", jwterr.PartKey)
	}
	if len(elems) == 1 {
		// Blanking the brackets keeps the offsets of errors in the JWK.
		i, j := strings.IndexByte(text, '['), strings.LastIndexByte(text, ']')
		k, err := parseJWKText(text[:i] + " " + text[i+1:j] + " " + text[j+1:])
		if err != nil {
			return nil, err
		}
		annotate([]*Key{k}, []string{"the only element of a JSON array"})
		return &Set{Format: FormatJWK, Keys: []*Key{k}}, nil
	}
	set, err := parseJWKS(`{"keys":` + text + `}`)
	if err != nil {
		return nil, err
	}
	annotate(set.Keys, []string{fmt.Sprintf("in a JSON array of %d JWKs, read as a JWKS", len(elems))})
	return set, nil
}

// unplaced drops the offset of err, which points into a JSON string's
// decoded contents, not into the key text as typed.
func unplaced(err error) error {
	e, ok := err.(*jwterr.Error)
	if !ok || e.Offset == nil {
		return err
	}
	c := *e
	c.Offset = nil
	return &c
}

// trailingComma finds a comma after a whole JSON value: a JWK copied out
// of a JWKS with its comma. Commas inside the value are the JSON
// reader's to report.
func trailingComma(t string) (int, bool) {
	v, ok := strings.CutSuffix(strings.TrimRight(t, " \t\r\n"), ",")
	if !ok || !json.Valid([]byte(v)) {
		return 0, false
	}
	return len(v), true
}

// lookalike names the key form that text, which read took for a secret,
// looks like anyway (a PEM block it could not find a key in, a JSON
// array, an SSH key line, DER, or any of them encoded in base64 or hex),
// or returns "".
func lookalike(text string) string {
	if what := looksLikeKeyText(text, true, true); what != "" {
		return what
	}
	p := visible(strings.TrimFunc(text, isBlank))
	var ds []decoded
	words := strings.Fields(p)
	for i := 0; i <= maxLabelWords && i < len(words); i++ {
		ds = append(ds, decodings(stripSpace(p[wordStart(p, words, i):]))...)
	}
	for _, d := range ds {
		if looksLikeDER(d.bytes) {
			return "DER in " + d.enc + ", the form keys are stored in"
		}
		if what := decodedLookalike(d.bytes); what != "" {
			return what + ", written in " + d.enc
		}
	}
	return ""
}

// decodedLookalike is looksLikeKeyText for bytes decoded from base64 or
// hex. Random bytes open with "{" one time in 256, so there an opening
// brace alone proves nothing: the bytes must be a JSON object, or hold a
// "kty" member, to look like a JWK.
func decodedLookalike(b []byte) string { return looksLikeKeyText(string(b), true, false) }

// looksLikeKeyText names the key form text has the shape of, or returns
// "". With unquote, the contents of a JSON string are looked at too (once:
// quotes within quotes would make the work quadratic). typed says text is
// as the person typed it, where an opening brace is enough to look like a
// JWK; in decoded bytes the object or array must be JSON.
func looksLikeKeyText(text string, unquote, typed bool) string {
	t := strings.TrimFunc(text, isBlank)
	if unquote && len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"' {
		inner, _ := unquoteString(t)
		if what := looksLikeKeyText(inner, false, typed); what != "" {
			return what + " inside a JSON string"
		}
	}
	p := visible(t)
	upper := strings.ToUpper(p)
	switch {
	case strings.Contains(upper, "-----BEGIN") || strings.Contains(upper, "-----END"):
		return "a PEM block"
	case strings.Contains(p, "BEGIN SSH2 PUBLIC KEY"):
		return "an SSH2 public key (RFC 4716)"
	case strings.HasPrefix(p, "PuTTY-User-Key-File"):
		return "a PuTTY key file"
	case strings.HasPrefix(t, "{") && (typed || json.Valid([]byte(t))):
		return "a JSON object, as a JWK is"
	case strings.HasPrefix(t, "[") && (json.Valid([]byte(t)) || typed && jwkArray(t)):
		return "a JSON array, as a JWKS's keys are"
	case strings.Contains(upper, "BEGIN ") && (strings.Contains(upper, " KEY") || strings.Contains(upper, "CERTIFICATE")):
		return "a PEM block with its armour mangled"
	case strings.Contains(p, `"kty"`):
		return `JSON with a "kty" member, as a JWK has`
	}
	for line := range strings.Lines(p) {
		if f := strings.Fields(line); len(f) > 1 && sshKeyType(strings.Trim(f[0], `"'`)) {
			return "an OpenSSH public key line"
		}
	}
	return ""
}

// decoded is text decoded from an encoding.
type decoded struct {
	bytes []byte
	enc   string
}

// decodings decodes s as hex, base64 and base64url, padded or not, and
// returns each decoding that works. Text in the characters the two base64
// alphabets share is called base64.
func decodings(s string) []decoded {
	if len(s) < 8 {
		return nil
	}
	var out []decoded
	if len(s)%2 == 0 && isHex(s) {
		if b, err := hex.DecodeString(s); err == nil {
			out = append(out, decoded{b, "hex"})
		}
	}
	raw := strings.TrimRight(s, "=")
	if b, err := base64.RawStdEncoding.Strict().DecodeString(raw); err == nil {
		out = append(out, decoded{b, "base64"})
	}
	if b, err := base64.RawURLEncoding.Strict().DecodeString(raw); err == nil && strings.ContainsAny(raw, "-_") {
		out = append(out, decoded{b, "base64url"})
	}
	return out
}

// confusion refuses text that looks like a key as an HMAC secret.
func confusion(what, how string) error {
	return jwterr.New(jwterr.KeyMismatch, "the key text%s looks like %s, but could not be read as a key: refused as an HMAC secret, because a verifier that HMACs with key text accepts tokens forged by anyone who has that text (algorithm confusion)", how, what).In(jwterr.PartKey)
}
