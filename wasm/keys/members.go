package keys

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

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
// unknown members are kept but ignored, as RFC 7517 section 4 asks.
func readObject(data []byte, base int, what string, known []string) (*object, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		if err == nil {
			err = errors.New("not one JSON value")
		}
		return nil, jwterr.JSON(err, what, jwterr.PartKey)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, _ := dec.Token(); t != json.Delim('{') {
		return nil, invalid(base, "%s is not a JSON object", what)
	}
	o := &object{what: what, members: map[string]value{}}
	for dec.More() {
		nameAt := base + int(dec.InputOffset())
		t, err := dec.Token()
		if err != nil {
			return nil, jwterr.JSON(err, what, jwterr.PartKey)
		}
		name := t.(string) // data is valid JSON: an object's member starts with its name
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jwterr.JSON(err, what, jwterr.PartKey)
		}
		// InputOffset is now just past the value; the name's offset is
		// before the comma and white space that precede it.
		nameAt += bytes.IndexByte(data[nameAt-base:], '"')
		if _, dup := o.members[name]; dup {
			return nil, invalid(nameAt, "%s has the member %s twice: refused, as readers differ on which one counts", what, quote(name))
		}
		if v, ok := caseVariant(name, known); ok {
			return nil, invalid(nameAt, "%s has a member %s: member names are case-sensitive, so it is not %q; refused, as a reader that ignores case would take it for %q", what, quote(name), v, v)
		}
		o.members[name] = value{raw, base + int(dec.InputOffset()) - len(raw)}
	}
	return o, nil // json.Valid saw the closing brace and nothing after it
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
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
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
// pointing at the value.
func (o *object) wrongType(name, want string, raw json.RawMessage, at int) error {
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
