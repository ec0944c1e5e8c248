package jsonv

import (
	"encoding/json"
	"iter"
	"strings"
	"unicode/utf8"
)

// All yields the members of the object data holds, in order, duplicates
// included: each name, and its value's JSON text as written (a slice of
// data). For anything but an object it yields nothing. data must be JSON
// that Valid accepts. One pass over the bytes that skips each value and
// builds no list: a payload of 80,000 members costs its readers one scan
// and the names they keep, not a slice of 80,000 members each.
func All(data []byte) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		i := SkipSpace(data, 0)
		if i == len(data) || data[i] != '{' {
			return
		}
		// One copy, of which each name without escapes is a substring, as
		// in Parse: 60,000 names then cost no allocation each.
		src := string(data)
		for i = SkipSpace(data, i+1); i < len(data) && data[i] == '"'; {
			end := StringEnd(data, i) + 1
			name := unquote(src[i:end])
			start := SkipSpace(data, SkipSpace(data, end)+1) // past the colon
			stop := valueEnd(data, start)
			if !yield(name, data[start:stop:stop]) {
				return
			}
			i = SkipSpace(data, stop)
			if i < len(data) && data[i] == ',' {
				i = SkipSpace(data, i+1)
			}
		}
	}
}

// IsObject reports whether the JSON text data holds is an object.
func IsObject(data []byte) bool {
	i := SkipSpace(data, 0)
	return i < len(data) && data[i] == '{'
}

// SkipSpace returns the index of the first byte from i on that is not
// JSON white space.
func SkipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// StringEnd returns the index of the quote closing the string at data[i],
// or the last index when the string is not closed.
func StringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return len(data) - 1
}

// valueEnd returns the index just past the value that starts at data[i].
func valueEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = StringEnd(data, i)
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of a scalar that ends the object
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// unquote reads a JSON string literal as encoding/json does.
func unquote(lit string) string {
	if strings.IndexByte(lit, '\\') < 0 && utf8.ValidString(lit) {
		return lit[1 : len(lit)-1]
	}
	var s string
	json.Unmarshal([]byte(lit), &s)
	return s
}
