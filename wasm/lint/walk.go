package lint

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
	"github.com/jwt-playground/jwt-playground/wasm/numdate"
)

func seconds(t time.Time) float64 { return numdate.Seconds(t) }

// number reads a numeric claim.
func (in *input) number(name string) (float64, bool) {
	n, ok := in.claims[name].(json.Number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	return f, err == nil
}

// walk calls fn for every member of every object in the JSON object raw
// holds (valid JSON, as decode found it), at any depth, in document order,
// with the member's value when it is a string and nil otherwise. It reads
// the bytes once, building no map or slice for what it passes, and the
// member's path only when fn asks for it: walking costs the same for any
// shape of document, 80,000 tiny objects or one long string.
func walk(raw []byte, fn func(path *memberPath, name string, value any)) {
	i := jsonv.SkipSpace(raw, 0)
	if i == len(raw) || raw[i] != '{' {
		return // only an object holds claims
	}
	w := walker{raw: raw, src: string(raw), i: i, fn: fn}
	w.value()
}

// memberPath is where walk is: the names and array indices from the top.
type memberPath []pathStep

type pathStep struct {
	name    string
	index   int
	isIndex bool
}

type walker struct {
	raw  []byte
	src  string // raw as a string, once, for names and values to slice
	i    int
	path memberPath
	fn   func(path *memberPath, name string, value any)
}

// value walks the value at w.i and leaves w.i just past it. JSON nests at
// most limits.MaxJSONDepth deep here, which bounds the recursion.
func (w *walker) value() {
	raw := w.raw
	w.i = jsonv.SkipSpace(raw, w.i)
	switch raw[w.i] {
	case '{':
		for w.i++; ; {
			w.i = jsonv.SkipSpace(raw, w.i)
			switch raw[w.i] {
			case '}':
				w.i++
				return
			case ',':
				w.i++
				continue
			}
			end := jsonv.StringEnd(raw, w.i)
			name := unquote(w.src[w.i : end+1])
			w.i = jsonv.SkipSpace(raw, jsonv.SkipSpace(raw, end+1)+1) // past the colon
			var v any
			if raw[w.i] == '"' {
				v = unquote(w.src[w.i : jsonv.StringEnd(raw, w.i)+1])
			}
			w.path = append(w.path, pathStep{name: name})
			w.fn(&w.path, name, v)
			w.value()
			w.path = w.path[:len(w.path)-1]
		}
	case '[':
		n := 0
		for w.i++; ; {
			w.i = jsonv.SkipSpace(raw, w.i)
			switch raw[w.i] {
			case ']':
				w.i++
				return
			case ',':
				w.i++
				continue
			}
			w.path = append(w.path, pathStep{index: n, isIndex: true})
			n++
			w.value()
			w.path = w.path[:len(w.path)-1]
		}
	case '"':
		w.i = jsonv.StringEnd(raw, w.i) + 1
	default: // a number, true, false or null
		for w.i < len(raw) && !strings.ContainsRune(",]} \t\r\n", rune(raw[w.i])) {
			w.i++
		}
	}
}

// String spells the path as a.b[2].c.
func (p *memberPath) String() string {
	var b strings.Builder
	for i, s := range *p {
		switch {
		case s.isIndex:
			fmt.Fprintf(&b, "[%d]", s.index)
		case i > 0:
			b.WriteString("." + s.name)
		default:
			b.WriteString(s.name)
		}
	}
	return b.String()
}

// luhn reports whether the digits of s pass the Luhn check that payment
// card numbers carry, which keeps most long numbers from looking like one.
func luhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int(c - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

func duration(sec float64) string {
	d := math.Abs(sec)
	switch {
	case d >= 2*86400:
		return fmt.Sprintf("%.0f days", d/86400)
	case d >= 2*3600:
		return fmt.Sprintf("%.0f hours", d/3600)
	case d >= 120:
		return fmt.Sprintf("%.0f minutes", d/60)
	}
	return fmt.Sprintf("%.0f seconds", d)
}

// maxDuplicates bounds the names duplicates returns: each is a finding,
// and a payload of one name 60,000 times would otherwise make 60,000.
const maxDuplicates = 10

// duplicates returns the member names that appear twice in one object,
// at any depth, each once and at most maxDuplicates of them, in the order
// their second appearances come in raw, which is valid JSON (decode
// checked it). One pass over the bytes: an object's
// names are kept only once it has a second one, in a short list and past
// a few in a set, so that many tiny objects cost no more than one big one.
func duplicates(raw []byte) []string {
	// One names per open object or array (nil list, nil set for an
	// array), reused from one object to the next at the same depth: 80,000
	// tiny objects cost no allocation each.
	src := string(raw) // one copy, of which each name is a substring
	var stack []names
	var dups []string
	var reported names
	afterBrace := false // the next string is a member name
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{', '[':
			if len(stack) < cap(stack) {
				stack = stack[:len(stack)+1]
				stack[len(stack)-1].reset()
			} else {
				stack = append(stack, names{})
			}
			stack[len(stack)-1].object = raw[i] == '{'
			afterBrace = raw[i] == '{'
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			afterBrace = len(stack) > 0 && stack[len(stack)-1].object
		case '"':
			end := jsonv.StringEnd(raw, i)
			if afterBrace {
				if name := unquote(src[i : end+1]); stack[len(stack)-1].add(name) && !reported.add(name) {
					if dups = append(dups, name); len(dups) == maxDuplicates {
						return dups
					}
				}
				afterBrace = false
			}
			i = end
		}
	}
	return dups
}

// names are the member names of one object seen so far.
type names struct {
	object bool
	list   []string
	set    map[string]bool
}

// reset empties n for the next object or array, keeping its list's room.
func (n *names) reset() {
	n.list, n.set = n.list[:0], nil
}

// add records name and reports whether it was there already.
func (n *names) add(name string) bool {
	if n.set != nil {
		if n.set[name] {
			return true
		}
		n.set[name] = true
		return false
	}
	for _, x := range n.list {
		if x == name {
			return true
		}
	}
	if n.list = append(n.list, name); len(n.list) > 8 {
		n.set = make(map[string]bool, 16)
		for _, x := range n.list {
			n.set[x] = true
		}
		n.list = n.list[:0]
	}
	return false
}

// unquote reads a JSON string literal as encoding/json does, so that
// "a" and "\u0061" are one name. A literal without escapes is its own
// substring: callers slice one copy of the input, so that reading 60,000
// names allocates nothing for each.
func unquote(lit string) string {
	if strings.IndexByte(lit, '\\') < 0 && utf8.ValidString(lit) {
		return lit[1 : len(lit)-1]
	}
	var s string
	json.Unmarshal([]byte(lit), &s)
	return s
}

var severityRank = map[Severity]int{High: 0, Medium: 1, Low: 2, Info: 3}

func sortBySeverity(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return severityRank[fs[i].Severity] < severityRank[fs[j].Severity] })
}
