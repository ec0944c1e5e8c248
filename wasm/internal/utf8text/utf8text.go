// Package utf8text turns bytes that should be UTF-8 into text by the one
// rule the whole playground follows: the WHATWG Encoding Standard's UTF-8
// decoder, which is what TextDecoder, and so the page and the jose
// library, apply. Each maximal subpart of an ill-formed sequence becomes
// one U+FFFD (a cut three-byte sequence is one, not one per byte as Go's
// unicode/utf8 and encoding/json make it), so that a token's bytes read
// as the same text in Go, on the page and in jose.
package utf8text

import "unicode/utf8"

// replacement is U+FFFD in UTF-8.
const replacement = "\uFFFD"

// Decode returns b as text, ill-formed sequences replaced as TextDecoder
// replaces them. Valid UTF-8 comes back unchanged.
func Decode(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		n := wellFormed(b[i:])
		if n > 0 {
			out = append(out, b[i:i+n]...)
			i += n
			continue
		}
		out = append(out, replacement...)
		i += -n
	}
	return string(out)
}

// wellFormed returns the length of the well-formed sequence b starts with,
// or minus the length of the maximal subpart of an ill-formed one (at least
// one byte), which the decoder replaces by one U+FFFD before it reads on.
// The bounds on the second byte are Unicode's Table 3-7.
func wellFormed(b []byte) int {
	c := b[0]
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch {
	case 0xC2 <= c && c <= 0xDF:
		need = 1
	case 0xE0 <= c && c <= 0xEF:
		need = 2
		switch c {
		case 0xE0:
			lo = 0xA0 // shorter forms are overlong
		case 0xED:
			hi = 0x9F // surrogates
		}
	case 0xF0 <= c && c <= 0xF4:
		need = 3
		switch c {
		case 0xF0:
			lo = 0x90 // overlong
		case 0xF4:
			hi = 0x8F // past U+10FFFF
		}
	default:
		return -1 // a continuation byte, or one that never starts a sequence
	}
	j := 1
	for ; j <= need; j++ {
		if j >= len(b) || b[j] < lo || b[j] > hi {
			return -j
		}
		lo, hi = 0x80, 0xBF
	}
	return j
}
