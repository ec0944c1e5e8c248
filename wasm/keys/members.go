package keys

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

// object is a JSON object read exactly: each member name as written, seen
// once. encoding/json's struct decoding matches names without regard to
// case and lets the last duplicate win, so {"n":"<real>","N":"<attacker>"}
// would verify with the attacker's modulus; RFC 7517 member names are
// case-sensitive, and a duplicate is refused rather than resolved.
type object struct {
	what    string // names the object in messages: "the JWK", "key 2 of the JWKS"
	members map[string]value
}

// value is a member's value as written, and its byte offset in the key text.
type value struct {
	raw json.RawMessage
	at  int
}

// readObject reads data, which starts at byte base of the key text, as
// exactly one JSON object. Any member named like one of known but not
// exactly (a case variant) is refused, as is any name given twice; other
// unknown members are kept but ignored, as RFC 7517 section 4 asks. When
// valid is set, data is known to be valid JSON already (a key of a JWKS
// that was checked whole).
func readObject(data []byte, base int, what string, known []string, valid bool) (*object, error) {
	if !valid && !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("not one JSON value")
		}
		return nil, jwterr.JSON(err, what, jwterr.PartKey)
	}
	i := skipSpace(data, 0)
	if data[i] != '{' {
		return nil, invalid(base+i, "%s is not a JSON object", what)
	}
	o := &object{what: what, members: map[string]value{}}
	err := eachMember(data, i, func(name string, nameAt int, raw []byte, at int) error {
		if _, dup := o.members[name]; dup {
			return invalid(base+nameAt, "%s has the member %s twice: refused, as readers differ on which one counts", what, quote(name))
		}
		if v, ok := caseVariant(name, known); ok {
			return invalid(base+nameAt, "%s has a member %s: member names are case-sensitive, so it is not %q; refused, as a reader that ignores case would take it for %q", what, quote(name), v, v)
		}
		o.members[name] = value{raw, base + at}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// errNotJSON is eachMember's and eachItem's answer to text that is not
// JSON, which they walk only as far as they can.
var errNotJSON = errors.New("not JSON")

// eachMember calls fn with each member of the object whose '{' is at
// data[i], in order: its name, decoded, where the name starts, and its
// value as written and where it starts. This walk sees every member name
// once, as written, which encoding/json's decoding into a map or struct
// does not let a caller see. Only valid JSON is walked to its end; other
// text may stop it with errNotJSON.
func eachMember(data []byte, i int, fn func(name string, nameAt int, raw []byte, at int) error) error {
	for i = skipSpace(data, i+1); i < len(data) && data[i] != '}'; {
		if data[i] != '"' {
			return errNotJSON
		}
		nameAt, end := i, skipString(data, i)
		name := string(data[i+1 : max(end-1, i+1)])
		// Escapes and invalid UTF-8 (which becomes U+FFFD) are read as
		// encoding/json and jose's JSON.parse read them.
		if (strings.IndexByte(name, '\\') >= 0 || !utf8.ValidString(name)) && json.Unmarshal(data[i:end], &name) != nil {
			return errNotJSON
		}
		if i = skipSpace(data, end); i >= len(data) || data[i] != ':' {
			return errNotJSON
		}
		at := skipSpace(data, i+1)
		i = skipValue(data, at)
		if err := fn(name, nameAt, data[at:i], at); err != nil {
			return err
		}
		if i = skipSpace(data, i); i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	if i >= len(data) {
		return errNotJSON
	}
	return nil
}

// eachItem calls fn with each item of the array whose '[' is at data[i],
// as written, and where it starts. data must be valid JSON.
func eachItem(data []byte, i int, fn func(raw []byte, at int) error) error {
	for i = skipSpace(data, i+1); i < len(data) && data[i] != ']'; {
		at := i
		i = skipValue(data, i)
		if err := fn(data[at:i], at); err != nil {
			return err
		}
		if i = skipSpace(data, i); i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return nil
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string whose quote is at i.
func skipString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(data) // unterminated, perhaps by a final backslash
}

// skipValue returns the index just past the value starting at i: a
// string, an object or array (brackets counted outside strings), or a
// literal or number, which ends at the first byte that cannot be in one.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for ; i < len(data); i++ {
			switch data[i] {
			case '"':
				i = skipString(data, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(data) && strings.IndexByte(",}] \t\n\r", data[i]) < 0 {
		i++
	}
	return i
}

// invalid is a key_invalid error pointing at byte at of the key text.
func invalid(at int, format string, args ...any) *jwterr.Error {
	return jwterr.New(jwterr.KeyInvalid, format, args...).In(jwterr.PartKey).At(at)
}

// caseVariant returns the known name that name is a case variant of.
// strings.EqualFold folds as encoding/json does, Kelvin sign and long s
// included.
func caseVariant(name string, known []string) (string, bool) {
	for _, k := range known {
		if name != k && strings.EqualFold(name, k) {
			return k, true
		}
	}
	return "", false
}

// has reports whether the object has the member name.
func (o *object) has(name string) bool {
	_, ok := o.members[name]
	return ok
}

// get returns the member name as written, and its offset.
func (o *object) get(name string) (json.RawMessage, int, bool) {
	v, ok := o.members[name]
	return v.raw, v.at, ok
}

// str returns the string member name, or "" when it is absent. Any other
// JSON type, null included, is refused: skipping it would let a key verify
// with a member the key panel cannot show.
func (o *object) str(name string) (string, error) {
	raw, at, ok := o.get(name)
	if !ok {
		return "", nil
	}
	if raw[0] != '"' {
		return "", o.wrongType(name, "a string", raw, at)
	}
	if s := raw[1 : len(raw)-1]; bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) {
		return string(s), nil // as written: a modulus needs no decoding
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", o.wrongType(name, "a string", raw, at)
	}
	return s, nil
}

// strings returns the member name, which must be an array of strings; when
// unique is set no string may appear twice (RFC 7517 section 4.3 for
// key_ops).
func (o *object) strings(name string, unique bool) ([]string, error) {
	raw, at, ok := o.get(name)
	if !ok {
		return nil, nil
	}
	var ss []string
	if raw[0] != '[' || json.Unmarshal(raw, &ss) != nil || containsNull(raw) {
		return nil, o.wrongType(name, "an array of strings", raw, at)
	}
	if unique {
		for i, s := range ss {
			for _, t := range ss[:i] {
				if s == t {
					return nil, invalid(at, "%s's %q lists %s twice", o.what, name, quote(s))
				}
			}
		}
	}
	return ss, nil
}

// containsNull reports whether an array of strings, valid JSON, holds a
// null, which encoding/json would quietly read as "".
func containsNull(raw json.RawMessage) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		if t == nil {
			return true
		}
	}
}

// boolean refuses the member name unless it is absent, true or false.
func (o *object) boolean(name string) error {
	raw, at, ok := o.get(name)
	if ok && string(raw) != "true" && string(raw) != "false" {
		return o.wrongType(name, "true or false", raw, at)
	}
	return nil
}

// wrongType is a bad_json error, as encoding/json's own type errors are,
// with their offset: just after a literal, or after the bracket that opens
// an array or object, as every other JSON type error of the core says.
func (o *object) wrongType(name, want string, raw json.RawMessage, at int) error {
	if raw[0] == '[' || raw[0] == '{' {
		at++
	} else {
		at += len(raw)
	}
	return jwterr.New(jwterr.BadJSON, "%s's %q must be %s, not %s", o.what, name, want, jsonKind(raw)).In(jwterr.PartKey).At(at)
}

// jsonKind names the JSON type of a valid value.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
