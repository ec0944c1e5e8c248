// Package jsonv parses JSON into the values encoding/json makes with
// UseNumber, quickly, for the token core running as WebAssembly.
//
// encoding/json checks its input with a scanner that calls a state function
// through a pointer for every byte, and then walks the input a second time to
// build the values. Under GOOS=js GOARCH=wasm those indirect calls are slow
// enough that decoding a token's header and payload dominates the time to
// decode a token. Parse is a single hand-written pass over the bytes that
// accepts exactly the inputs encoding/json accepts and builds the same values,
// so callers can use it first and fall back to encoding/json only to get the
// error message of an input it refuses.
//
// The strings, keys and numbers Parse returns share one copy of the input,
// made once per call, instead of one allocation each. A value kept alive
// therefore keeps that copy alive; for documents the size of a token this
// costs nothing worth counting.
package jsonv

import (
	"encoding/binary"
	"encoding/json"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// maxNesting is encoding/json's own limit on nested arrays and objects
// (maxNestingDepth in its scanner): it refuses anything deeper, so Parse must
// too, whatever maxDepth the caller asks for.
const maxNesting = 10000

// Parse parses data as exactly one JSON value (surrounding JSON white space
// allowed) into the same Go values encoding/json's Decoder with UseNumber()
// would produce when decoding into an `any`: map[string]any, []any, string,
// json.Number, bool, nil. ok is false whenever encoding/json would report an
// error for the same input (then the caller re-runs encoding/json to get its
// exact error message), and also for any input deeper than maxDepth nesting
// levels (arrays/objects).
//
// Non-whitespace after the value also makes ok false, although a Decoder
// would return the first value without complaint, because callers treat it as
// an error. A maxDepth of zero or less allows only a scalar.
func Parse(data []byte, maxDepth int) (v any, ok bool) {
	return parse(data, maxDepth)
}

func parse(data []byte, maxDepth int) (v any, ok bool) {
	p := parsers.Get().(*parser)
	defer p.release()
	p.data, p.i, p.depth, p.maxDepth = data, 0, 0, min(maxDepth, maxNesting)
	p.skipSpace()
	if p.i == len(data) {
		return nil, false // encoding/json reports io.EOF
	}
	// One conversion for the whole input lets every string without escapes
	// and every number be a substring of it instead of an allocation of its
	// own; the copy also keeps the values independent of data, which the
	// caller may reuse.
	p.src = string(data)
	v, ok = p.value()
	if !ok {
		return nil, false
	}
	p.skipSpace()
	if p.i != len(data) {
		return nil, false
	}
	return v, true
}

// parsers keeps parsers between calls so that their stacks and scratch
// space, once grown, are not allocated again for every token.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// maxKept is the most elements of stack or scratch space a parser keeps
// when it goes back to the pool: enough for any token, without holding on
// to the memory an unusually large document needed.
const maxKept = 1 << 12

// release returns p to the pool, without the references that would keep
// the caller's input or values alive.
func (p *parser) release() {
	// Every slot used lies below the high-water mark or, when the parse
	// was abandoned halfway, below the current length.
	clear(p.vals[:max(p.vhigh, len(p.vals))])
	clear(p.keys[:max(p.khigh, len(p.keys))])
	p.vals, p.keys, p.vhigh, p.khigh = p.vals[:0], p.keys[:0], 0, 0
	p.data, p.src = nil, ""
	if cap(p.vals) > maxKept || cap(p.keys) > maxKept || cap(p.buf) > maxKept {
		return
	}
	parsers.Put(p)
}

// parser is the state of one Parse call.
type parser struct {
	data     []byte
	src      string // data as a string, for substrings
	i        int    // offset of the next byte to read
	depth    int    // arrays and objects open around data[i]
	maxDepth int

	// vals and keys hold the elements of the arrays and objects being
	// parsed, innermost last. Collecting them here first, rather than
	// appending to a slice or inserting into a map as they come, lets each
	// array and map be allocated once at its final size; the stacks
	// themselves are reused by every container, and every call.
	vals []any
	keys []string

	// vhigh and khigh are the most entries vals and keys have held at the
	// end of a container. The pool keeps the stacks, which must not keep
	// the values alive, and clearing once up to these marks costs less than
	// clearing after every container, which takes a write barrier for each
	// slot while the collector runs.
	vhigh, khigh int

	buf []byte // scratch space for strings with escapes
}

// space reports which bytes are JSON white space: the only ones allowed
// between tokens.
var space = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// plain reports the bytes a string can hold that need no attention: ASCII
// other than the quote, the backslash and the control characters. Everything
// else ends the string, starts an escape, is an error, or begins a UTF-8
// sequence that has to be checked.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plain8 reports whether all eight bytes in w are plain, using the
// classic test for a zero byte, (x-0x01..01) &^ x & 0x80..80, which has no
// false negatives, on w less 0x20s and on w xor quotes and backslashes.
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	ctl := (w - 0x20*ones) &^ w
	q := w ^ '"'*ones
	q = (q - ones) &^ q
	b := w ^ '\\'*ones
	b = (b - ones) &^ b
	return (ctl|q|b|w)&highs == 0
}

// skipSpace moves past any white space.
func (p *parser) skipSpace() {
	for p.i < len(p.data) && space[p.data[p.i]] {
		p.i++
	}
}

// value parses the value starting at p.i, which the caller has moved past
// white space.
func (p *parser) value() (any, bool) {
	if p.i >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.i]; c {
	case '{':
		return p.object()
	case '[':
		return p.array()
	case '"':
		s, ok := p.str()
		return s, ok
	case 't':
		return true, p.literal("true")
	case 'f':
		return false, p.literal("false")
	case 'n':
		return nil, p.literal("null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			return p.number()
		}
		return nil, false
	}
}

// literal moves past lit, reporting whether data has it at p.i. What follows
// is left to the caller: encoding/json also refuses "truex" only because of
// the x.
func (p *parser) literal(lit string) bool {
	if len(p.data)-p.i < len(lit) || string(p.data[p.i:p.i+len(lit)]) != lit {
		return false
	}
	p.i += len(lit)
	return true
}

// number parses a number per the JSON grammar,
//
//	-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?
//
// and returns it spelt as in the input, as UseNumber does. It stops at the
// first byte that cannot continue the number, leaving the caller to refuse
// it if it may not follow a value ("01" is a 0 followed by a 1, as for
// encoding/json).
func (p *parser) number() (any, bool) {
	start := p.i
	end, ok := numberEnd(p.data, start)
	if !ok {
		return nil, false
	}
	p.i = end
	return json.Number(p.src[start:end]), true
}

// numberEnd returns the index just past the number at data[i] (see number),
// or false when there is none there.
func numberEnd(data []byte, i int) (int, bool) {
	if data[i] == '-' {
		i++
		if i == len(data) {
			return 0, false
		}
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	default:
		return 0, false
	}
	if i < len(data) && data[i] == '.' {
		i++
		digits := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		if i == digits {
			return 0, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		digits := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		if i == digits {
			return 0, false
		}
	}
	return i, true
}

// str parses the string whose opening quote is at p.i. The usual string, in
// ASCII or valid UTF-8 and without escapes, is a substring of the input;
// anything else is rebuilt by unescape.
func (p *parser) str() (string, bool) {
	data := p.data
	start := p.i + 1
	i := start
	// Eight bytes at a time while none needs attention: under wasm a step
	// of the loop below costs several instructions per byte.
	for len(data)-i >= 8 && plain8(binary.LittleEndian.Uint64(data[i:])) {
		i += 8
	}
	for i < len(data) {
		c := data[i]
		if plain[c] {
			i++
			continue
		}
		if c == '"' {
			p.i = i + 1
			return p.src[start:i], true
		}
		if c < utf8.RuneSelf {
			break // a backslash or a control character
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			break // invalid UTF-8, to be replaced
		}
		i += size
	}
	return p.unescape(start, i)
}

// unescape finishes the string that began at start (just after its opening
// quote) and reads normally up to i, building its value the way
// encoding/json's unquote does. That includes its repairs, which are not
// errors: each byte that does not begin a valid UTF-8 sequence becomes
// U+FFFD, as does a \u escape of a surrogate that is not the first half of a
// pair completed by the very next \u escape.
func (p *parser) unescape(start, i int) (string, bool) {
	data := p.data
	b := append(p.buf[:0], data[start:i]...)
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			p.i = i + 1
			p.buf = b
			return string(b), true
		case c == '\\':
			if i+1 == len(data) {
				return "", false
			}
			switch data[i+1] {
			case '"', '\\', '/':
				b = append(b, data[i+1])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r := u4(data, i)
				if r < 0 {
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					// A second \u escape that does not complete the pair is
					// left to be read on its own.
					if d := utf16.DecodeRune(r, u4(data, i)); d != utf8.RuneError {
						b = utf8.AppendRune(b, d)
						i += 6
						continue
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
				continue
			default:
				return "", false
			}
			i += 2
		case c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, data[i:i+size]...)
			}
			i += size
		}
	}
	return "", false // no closing quote
}

// u4 returns the code unit of the \uXXXX escape at data[i:], or -1 if there
// is none there.
func u4(data []byte, i int) rune {
	if len(data)-i < 6 || data[i] != '\\' || data[i+1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range data[i+2 : i+6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// emptyArray is every empty array's value: empty but not nil, as
// encoding/json makes it, which DeepEqual tells apart. Nothing can be stored
// in a slice of no capacity, so one can be shared, saving the allocation
// that boxing a slice into an any costs.
var emptyArray any = []any{}

// array parses the array whose '[' is at p.i.
func (p *parser) array() (any, bool) {
	if p.depth++; p.depth > p.maxDepth {
		return nil, false
	}
	p.i++
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		p.depth--
		return emptyArray, true
	}
	base := len(p.vals)
	for {
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		p.vals = append(p.vals, v)
		p.skipSpace()
		if p.i == len(p.data) {
			return nil, false
		}
		c := p.data[p.i]
		p.i++
		if c == ']' {
			break
		}
		if c != ',' {
			return nil, false
		}
		p.skipSpace()
	}
	a := make([]any, len(p.vals)-base)
	copy(a, p.vals[base:])
	p.vhigh = max(p.vhigh, len(p.vals))
	p.vals = p.vals[:base]
	p.depth--
	return a, true
}

// object parses the object whose '{' is at p.i.
func (p *parser) object() (any, bool) {
	if p.depth++; p.depth > p.maxDepth {
		return nil, false
	}
	p.i++
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		p.depth--
		return map[string]any{}, true // not nil, as for arrays
	}
	base := len(p.vals)
	for {
		if p.i == len(p.data) || p.data[p.i] != '"' {
			return nil, false
		}
		k, ok := p.str()
		if !ok {
			return nil, false
		}
		p.skipSpace()
		if p.i == len(p.data) || p.data[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.skipSpace()
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		p.keys = append(p.keys, k)
		p.vals = append(p.vals, v)
		p.skipSpace()
		if p.i == len(p.data) {
			return nil, false
		}
		c := p.data[p.i]
		p.i++
		if c == '}' {
			break
		}
		if c != ',' {
			return nil, false
		}
		p.skipSpace()
	}
	// Objects and arrays share vals, and objects alone push keys, so an
	// object's keys begin as many entries from the end of keys as its
	// values do from the end of vals.
	n := len(p.vals) - base
	kbase := len(p.keys) - n
	m := make(map[string]any, n)
	// In order, so that of duplicate keys the last one wins, as it does
	// for encoding/json.
	for j, k := range p.keys[kbase:] {
		m[k] = p.vals[base+j]
	}
	p.vhigh = max(p.vhigh, len(p.vals))
	p.khigh = max(p.khigh, len(p.keys))
	p.vals = p.vals[:base]
	p.keys = p.keys[:kbase]
	p.depth--
	return m, true
}
