// Package wire reads the requests web/core.js writes into the wasm's
// memory: the API's arguments in a small binary form that costs almost
// nothing to read, where JSON would be scanned byte by byte (slowly, in
// wasm) two or three times.
//
// A request is a count of values, then the values. Every count and length
// is a little-endian uint32; a value is a kind byte and its content:
//
//	'u'                 undefined or null
//	's' len bytes       a string, UTF-8
//	'n' float64         a number (IEEE 754, little-endian)
//	'b' 0|1             a boolean
//	'a' count strings   an array of strings, each len bytes
//	'o' count fields    a plain object; a field is len name-bytes, then a value
//
// Objects nest one level only: the API's arguments are flat option objects.
package wire

import (
	"encoding/binary"
	"errors"
	"math"
)

// The kinds of value.
const (
	Undefined = 'u'
	String    = 's'
	Number    = 'n'
	Bool      = 'b'
	Strings   = 'a'
	Object    = 'o'
)

// Value is one argument, or one member of an options object.
type Value struct {
	Kind   byte
	Str    string
	Num    float64
	Bool   bool
	Strs   []string
	Fields []Field
}

// Field is a member of an object.
type Field struct {
	Name  string
	Value Value
}

// ErrBadRequest is returned for bytes that are not a well-formed request.
var ErrBadRequest = errors.New("wire: malformed request")

// Read parses a whole request.
func Read(b []byte) ([]Value, error) { return read(b, nil) }

// Reader reads requests, remembering the long strings of the last ones.
// A string a request repeats (the key text, the token: the page sends the
// same ones call after call) is then the very string read before, not a
// copy: reading it allocates nothing, and the core's caches, which compare
// their keys with the texts, find it equal at once, without comparing it
// byte by byte. Its zero value is ready to use; it is not safe for
// concurrent use.
type Reader struct {
	recent [4]string
	next   int
}

// A Reader remembers strings of internMin to internMax bytes: a shorter
// one costs little to copy and to compare, and a longer one is not kept
// alive for a repeat that is rare.
const (
	internMin = 32
	internMax = 64 << 10
)

// Read parses a whole request, reusing the strings remembered.
func (s *Reader) Read(b []byte) ([]Value, error) { return read(b, s) }

// get returns the string of b's bytes.
func (s *Reader) get(b []byte) string {
	if s == nil || len(b) < internMin || len(b) > internMax {
		return string(b)
	}
	for _, r := range s.recent {
		if r == string(b) { // compared without a copy
			return r
		}
	}
	r := string(b)
	s.recent[s.next] = r
	s.next = (s.next + 1) % len(s.recent)
	return r
}

func read(b []byte, s *Reader) ([]Value, error) {
	r := reader{b: b, strings: s}
	n := r.count()
	vals := make([]Value, 0, min(n, 8))
	for i := 0; i < n && !r.bad; i++ {
		vals = append(vals, r.value(0))
	}
	if r.bad || len(r.b) != 0 {
		return nil, ErrBadRequest
	}
	return vals, nil
}

type reader struct {
	b       []byte
	bad     bool
	strings *Reader
}

func (r *reader) take(n int) []byte {
	if r.bad || n < 0 || n > len(r.b) {
		r.bad = true
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// count reads a uint32 that counts items still to come; each takes at
// least one byte, which bounds it by what is left.
func (r *reader) count() int {
	b := r.take(4)
	if b == nil {
		return 0
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n > len(r.b) {
		r.bad = true
		return 0
	}
	return n
}

func (r *reader) str() string { return r.strings.get(r.take(r.count())) }

func (r *reader) value(depth int) Value {
	k := r.take(1)
	if k == nil {
		return Value{}
	}
	v := Value{Kind: k[0]}
	switch v.Kind {
	case Undefined:
	case String:
		v.Str = r.str()
	case Number:
		if b := r.take(8); b != nil {
			v.Num = math.Float64frombits(binary.LittleEndian.Uint64(b))
		}
	case Bool:
		if b := r.take(1); b != nil {
			v.Bool = b[0] != 0
		}
	case Strings:
		n := r.count()
		v.Strs = make([]string, 0, n)
		for i := 0; i < n && !r.bad; i++ {
			v.Strs = append(v.Strs, r.str())
		}
	case Object:
		if depth > 0 {
			r.bad = true
			break
		}
		n := r.count()
		v.Fields = make([]Field, 0, n)
		for i := 0; i < n && !r.bad; i++ {
			name := r.str()
			v.Fields = append(v.Fields, Field{name, r.value(depth + 1)})
		}
	default:
		r.bad = true
	}
	return v
}
