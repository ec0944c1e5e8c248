package jsonv

import "encoding/binary"

// Valid reports whether Parse would accept data, without building any
// value or allocating, for callers that only need to know that a document
// is JSON, or that need its values later, if at all.
//
// It is a loop over the bytes with a stack of the open containers, not
// Parse's recursion: under wasm every call costs, and JSON nested 62 deep,
// over and over, made a call or two of every byte.
func Valid(data []byte, maxDepth int) bool {
	maxDepth = min(maxDepth, maxNesting)
	var room [64]byte
	open := room[:0] // '[' or '{' for each container open around i
	i := SkipSpace(data, 0)
	for {
		// A value starts at i.
		if i >= len(data) {
			return false
		}
		var ok bool
		switch c := data[i]; c {
		case '{', '[':
			if len(open) >= maxDepth {
				return false
			}
			if i = SkipSpace(data, i+1); i < len(data) && data[i] == c+2 { // '}' is '{'+2, ']' is '['+2
				i++
				break
			}
			open = append(open, c)
			if c == '{' {
				if i, ok = memberName(data, i); !ok {
					return false
				}
			}
			continue
		case '"':
			if i, ok = skipString(data, i); !ok {
				return false
			}
		case 't':
			if i, ok = literalEnd(data, i, "true"); !ok {
				return false
			}
		case 'f':
			if i, ok = literalEnd(data, i, "false"); !ok {
				return false
			}
		case 'n':
			if i, ok = literalEnd(data, i, "null"); !ok {
				return false
			}
		default:
			if i, ok = numberEnd(data, i); !ok {
				return false
			}
		}
		// A value ends at i: what may follow it closes containers, or
		// starts the next element.
		for {
			i = SkipSpace(data, i)
			if len(open) == 0 {
				return i == len(data)
			}
			if i == len(data) {
				return false
			}
			top := open[len(open)-1]
			if data[i] == top+2 {
				open = open[:len(open)-1]
				i++
				continue
			}
			if data[i] != ',' {
				return false
			}
			if i = SkipSpace(data, i+1); top == '{' {
				if i, ok = memberName(data, i); !ok {
					return false
				}
			}
			break
		}
	}
}

// memberName moves past the member name at data[i], white space, and the
// colon and white space after it.
func memberName(data []byte, i int) (int, bool) {
	if i == len(data) || data[i] != '"' {
		return 0, false
	}
	i, ok := skipString(data, i)
	if !ok {
		return 0, false
	}
	if i = SkipSpace(data, i); i == len(data) || data[i] != ':' {
		return 0, false
	}
	return SkipSpace(data, i+1), true
}

// literalEnd returns the index past lit at data[i], or false when data
// does not have it there.
func literalEnd(data []byte, i int, lit string) (int, bool) {
	if len(data)-i < len(lit) || string(data[i:i+len(lit)]) != lit {
		return 0, false
	}
	return i + len(lit), true
}

// skipString returns the index past the string whose opening quote is at
// data[i], or false when it is not one encoding/json accepts: a control
// character, a bad escape, or no closing quote. Bytes that are not UTF-8
// are accepted, as encoding/json accepts them (it replaces them).
func skipString(data []byte, i int) (int, bool) {
	i++
	for {
		for len(data)-i >= 8 && plain8(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		if i >= len(data) {
			return 0, false
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, true
		case c == '\\':
			if i+1 == len(data) {
				return 0, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if u4(data, i) < 0 {
					return 0, false
				}
				i += 6
			default:
				return 0, false
			}
		case c < 0x20:
			return 0, false
		default:
			i++
		}
	}
}
