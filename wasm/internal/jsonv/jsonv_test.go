package jsonv

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// errTrailing stands for the error callers report for data after the value,
// which a Decoder leaves for the next Decode.
var errTrailing = errors.New("data after the value")

// decodeStd is what Parse stands in for: a Decoder with UseNumber decoding
// into an any, refusing anything but white space after the value.
func decodeStd(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")) != 0 {
		return nil, errTrailing
	}
	return v, nil
}

// depth is how deeply data's arrays and objects nest, as encoding/json's
// tokenizer sees it: 0 for a scalar. It is taken from the text because the
// value can be shallower: of duplicate keys only the last one's value is
// kept.
func depth(tb testing.TB, data []byte) int {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // or numbers beyond float64 are errors
	d, deepest := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return deepest
		}
		if err != nil {
			tb.Fatalf("%q: decoded, but not tokenized: %v", data, err)
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			d++
			deepest = max(deepest, d)
		case json.Delim(']'), json.Delim('}'):
			d--
		}
	}
}

// compare checks that Parse(data, maxDepth) agrees with encoding/json, and
// returns whether it accepted data.
func compare(t testing.TB, data []byte, maxDepth int) bool {
	t.Helper()
	want, err := decodeStd(data)
	// The reference itself must agree with encoding/json's validity check,
	// or this test would be checking Parse against a mistake.
	if valid := json.Valid(data); valid != (err == nil) {
		t.Fatalf("%q: json.Valid = %v but decoding gives %v", data, valid, err)
	}
	d := 0
	if err == nil {
		d = depth(t, data)
	}
	wantOK := err == nil && d <= max(maxDepth, 0)
	got, ok := Parse(data, maxDepth)
	switch {
	case ok != wantOK:
		t.Errorf("Parse(%q, %d) ok = %v, encoding/json gives %#v, %v (depth %d)", data, maxDepth, ok, want, err, d)
	case ok && !reflect.DeepEqual(got, want):
		t.Errorf("Parse(%q, %d) = %#v, encoding/json gives %#v", data, maxDepth, got, want)
	case !ok && got != nil:
		t.Errorf("Parse(%q, %d) = %#v, false: want nil with false", data, maxDepth, got)
	}
	if valid := Valid(data, maxDepth); valid != wantOK {
		t.Errorf("Valid(%q, %d) = %v, want %v", data, maxDepth, valid, wantOK)
	}
	return ok
}

// cases are inputs on the edges of the grammar, each with whether
// encoding/json accepts it; the test also checks that it does, so that a
// case cannot quietly test something else than intended.
var cases = []struct {
	in string
	ok bool
}{
	// Numbers.
	{`0`, true},
	{`-0`, true},
	{`1`, true},
	{`-1`, true},
	{`1234567890`, true},
	{`1.5`, true},
	{`-1.5e10`, true},
	{`1E5`, true},
	{`1e+5`, true},
	{`1e-5`, true},
	{`0.0`, true},
	{`0e0`, true},
	{`-0.0E-0`, true},
	{`1.0000000000000000000000001`, true},
	{`123456789012345678901234567890`, true},
	{`-9007199254740993`, true},
	{`1e999999`, true}, // out of float64's range, but a Number is only text
	{`[1e999,-1e-999]`, true},
	{`01`, false},
	{`-01`, false},
	{`00`, false},
	{`+1`, false},
	{`.5`, false},
	{`-.5`, false},
	{`1.`, false},
	{`1.e5`, false},
	{`1e`, false},
	{`1e+`, false},
	{`1e-`, false},
	{`1E+-1`, false},
	{`-`, false},
	{`--1`, false},
	{`- 1`, false},
	{`0x10`, false},
	{`1_000`, false},
	{`NaN`, false},
	{`Infinity`, false},
	{`-Infinity`, false},
	{`1.5.5`, false},
	{`[01]`, false},
	{`[1.]`, false},
	{`[-]`, false},

	// Literals.
	{`true`, true},
	{`false`, true},
	{`null`, true},
	{`[true,false,null]`, true},
	{`tru`, false},
	{`truex`, false},
	{`True`, false},
	{`nul`, false},
	{`nulll`, false},
	{`f`, false},
	{`[truefalse]`, false},
	{`[nan]`, false},

	// Strings.
	{`""`, true},
	{`"a"`, true},
	{`"\"\\\/\b\f\n\r\t"`, true},
	{`"https:\/\/example.com\/"`, true},
	{`"\u0041\u00e9\u4e2D\uFFFF"`, true},
	{`"\u0000"`, true},
	{`"\u001f\u007f"`, true},
	{`"\uFEFF\uFFFD\uFFFE"`, true},
	{`"\uD83D\uDE00"`, true},
	{`"\ud83d\ude00"`, true},
	{`"\uDBFF\uDFFF"`, true},
	{`"\uD800"`, true},             // lone high surrogate: U+FFFD
	{`"\uDC00"`, true},             // lone low surrogate: U+FFFD
	{`"\uD800\uD800"`, true},       // two high ones: two U+FFFD
	{`"\uD800\uD800\uDC00"`, true}, // U+FFFD, then the pair
	{`"\uD800\uDC00\uDC00"`, true}, // the pair, then U+FFFD
	{`"\uDC00\uD800"`, true},       // in the wrong order: two U+FFFD
	{`"\uD800x"`, true},
	{`"\uD800\n"`, true},
	{`"\uD800\u0041"`, true},
	{`"\uD800\\uDC00"`, true}, // an escaped backslash, not a second \u
	{`"\uD800\/"`, true},
	{`"a\uD800"`, true},
	{"\"\x7f\"", true},
	{"\"\xc3\xa9\"", true},
	{"\"\xe2\x82\xac\"", true},
	{"\"\xf0\x9f\x98\x80\"", true},
	{"\"\xef\xbf\xbd\"", true},        // a genuine U+FFFD, kept
	{"\"\xff\"", true},                // invalid UTF-8: U+FFFD
	{"\"\xfe\xff\"", true},            // each byte becomes one U+FFFD
	{"\"\xc3\"", true},                // truncated before the quote
	{"\"\xc3", false},                 // truncated by the end of input
	{"\"\xe2\x82\"", true},            // truncated three-byte sequence
	{"\"\xe2\x82x\"", true},           // interrupted by ASCII
	{"\"\xf0\x9f\x98\"", true},        // truncated four-byte sequence
	{"\"\xed\xa0\x80\"", true},        // an encoded surrogate
	{"\"\xc0\xaf\"", true},            // overlong
	{"\"\xf4\x90\x80\x80\"", true},    // beyond U+10FFFF
	{"\"\x80\x80\"", true},            // lone continuation bytes
	{"\"a\xffb\\n\"", true},           // invalid, then an escape
	{"\"\\n\xff\\u00e9\"", true},      // an escape, then invalid
	{"\"\xe2\x82\\u00e9\"", true},     // truncated by a backslash
	{"\"\xe2\"x", false},              // trailing data after repair
	{"{\"\xff\":1,\"\xfe\":2}", true}, // keys repaired to the same one
	{`"abc`, false},
	{`"`, false},
	{`"\`, false},
	{`"\"`, false},
	{`"\x"`, false},
	{`"\'"`, false}, // unquote would take \', but the scanner refuses it
	{`"\a"`, false},
	{`"\U0041"`, false},
	{`"\u"`, false},
	{`"\u12"`, false},
	{`"\u123"`, false},
	{`"\u12G4"`, false},
	{`"\uD800\u12"`, false},
	{`"\uD800\uZZZZ"`, false},
	{`"\uD800\u`, false},
	{"\"\x00\"", false},
	{"\"\t\"", false},
	{"\"\n\"", false},
	{"\"\x1f\"", false},
	{"\"\xff\x1f\"", false}, // a control character after repair
	{"\"a\\n\x01\"", false}, // a control character after an escape
	{`'a'`, false},

	// Arrays.
	{`[]`, true},
	{`[ ]`, true},
	{`[1,2,3]`, true},
	{`[[[]]]`, true},
	{`[[],{},"",0]`, true},
	{` [ 1 , [ 2 ] , { } ] `, true},
	{`[`, false},
	{`]`, false},
	{`[1`, false},
	{`[1,`, false},
	{`[1,]`, false},
	{`[,1]`, false},
	{`[,]`, false},
	{`[1 2]`, false},
	{`[1]]`, false},
	{`[1;2]`, false},
	{`[1:2]`, false},

	// Objects.
	{`{}`, true},
	{`{ }`, true},
	{`{"a":1}`, true},
	{`{"":0}`, true},
	{`{"a":1,"a":2}`, true},
	{`{"a":1,"b":2,"a":3}`, true},
	{`{"\u0061":1,"a":2}`, true}, // the same key, spelt differently
	{`{"a":{"b":{"c":[{}]}}}`, true},
	{` { "a" : [ 1 , { } ] , "b" : null } `, true},
	{`{`, false},
	{`}`, false},
	{`{"a"}`, false},
	{`{"a":}`, false},
	{`{"a":1,}`, false},
	{`{,}`, false},
	{`{1:2}`, false},
	{`{a:1}`, false},
	{`{'a':1}`, false},
	{`{"a" 1}`, false},
	{`{"a"::1}`, false},
	{`{"a":1 "b":2}`, false},
	{`{"a":1;"b":2}`, false},
	{`{"a":1}}`, false},
	{`{"a`, false},
	{`{"a"`, false},
	{`{"a":`, false},
	{`{"a":1`, false},
	{`{"a":1,`, false},
	{`{null:1}`, false},
	{`{[]:1}`, false},

	// White space and what surrounds the value.
	{``, false},
	{` `, false},
	{" \t\r\n", false},
	{" \t\r\n1 \t\r\n", true},
	{"\r\n[\r\n1\r\n]\r\n", true},
	{"\v1", false},
	{"\f1", false},
	{"\u00a01", false},
	{"1\u00a0", false},
	{"\xef\xbb\xbf1", false}, // a byte order mark
	{"\x001", false},
	{"1\x00", false},
	{`1 2`, false},
	{`[] []`, false},
	{`{}x`, false},
	{`"a"b`, false},
	{`"a""b"`, false},
	{`null,`, false},
	{`/* */1`, false},
	{`1//`, false},
	{`1#`, false},
}

func TestParse(t *testing.T) {
	for _, c := range cases {
		if got := compare(t, []byte(c.in), 100); got != c.ok {
			t.Errorf("Parse(%q) ok = %v, the case says %v", c.in, got, c.ok)
		}
	}
}

// TestRepairs pins the values of the inputs encoding/json repairs rather
// than refuses, so that a change there shows as more than a disagreement.
func TestRepairs(t *testing.T) {
	for in, want := range map[string]string{
		`"\uD800"`:                 "\uFFFD",
		`"\uD800\uD800\uDC00"`:     "\uFFFD\U00010000",
		`"\uDC00\uD800"`:           "\uFFFD\uFFFD",
		`"\uD800\u0041"`:           "\uFFFDA",
		`"\uD83D\uDE00"`:           "\U0001F600",
		"\"\xfe\xff\"":             "\uFFFD\uFFFD",
		"\"\xe2\x82x\"":            "\uFFFD\uFFFDx",
		"\"\xed\xa0\x80\"":         "\uFFFD\uFFFD\uFFFD",
		"\"\xf0\x9f\x98\x80\xff\"": "\U0001F600\uFFFD",
	} {
		if got, ok := Parse([]byte(in), 0); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
}

// TestPlain8 checks the eight-byte test against the table, for every byte
// in every position among plain ones, and for random words.
func TestPlain8(t *testing.T) {
	word := func(b [8]byte) uint64 { return binary.LittleEndian.Uint64(b[:]) }
	for c := range 256 {
		for pos := range 8 {
			b := [8]byte{'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}
			b[pos] = byte(c)
			if got := plain8(word(b)); got != plain[c] {
				t.Errorf("plain8(%q) = %v", b, got)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		var b [8]byte
		want := true
		for j := range b {
			// Mostly plain bytes, so that both answers are common.
			b[j] = byte(0x20 + r.IntN(0x60))
			if r.IntN(16) == 0 {
				b[j] = byte(r.IntN(256))
			}
			want = want && plain[b[j]]
		}
		if got := plain8(word(b)); got != want {
			t.Fatalf("plain8(%q) = %v", b, got)
		}
	}
}

// TestFiles compares Parse with encoding/json on the documents in testdata,
// and on every prefix of each, which are mostly cut short in the middle of
// some token.
func TestFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		if got, want := compare(t, data, maxNesting), !strings.HasPrefix(name, "invalid_") && len(bytes.TrimSpace(data)) > 0; got != want {
			t.Errorf("%s: ok = %v, want %v", name, got, want)
		}
		for n := range data {
			compare(t, data[:n], maxNesting)
		}
	}
}

func TestDepth(t *testing.T) {
	nest := func(n int, open, close string) []byte {
		return []byte(strings.Repeat(open, n) + "1" + strings.Repeat(close, n))
	}
	for _, n := range []int{0, 1, 2, 5} {
		for _, d := range []int{n - 1, n, n + 1} {
			compare(t, nest(n, "[", "]"), d)
			compare(t, nest(n, `{"a":`, "}"), d)
			compare(t, nest(n, `[{"a":`, "}]"), d)
		}
	}
	// encoding/json refuses more than 10000 levels, whatever the caller
	// allows.
	for _, n := range []int{maxNesting, maxNesting + 1} {
		if ok := compare(t, nest(n, "[", "]"), 1<<30); ok != (n <= maxNesting) {
			t.Errorf("%d levels: ok = %v", n, ok)
		}
	}
	// Too deep for the caller even where encoding/json would accept it.
	if _, ok := Parse([]byte(`[[1]]`), 1); ok {
		t.Error("Parse([[1]], 1) accepted two levels")
	}
	if _, ok := Parse([]byte(`1`), -1); !ok {
		t.Error("Parse(1, -1) refused a scalar")
	}
	if _, ok := Parse([]byte(`[]`), -1); ok {
		t.Error("Parse([], -1) accepted an array")
	}
}

// TestNoAliasing checks that the values do not share memory with the input,
// which callers may reuse.
func TestNoAliasing(t *testing.T) {
	data := []byte(`{"key":["text",12.5]}`)
	v, ok := Parse(data, 10)
	if !ok {
		t.Fatal("refused")
	}
	for i := range data {
		data[i] = 'x'
	}
	want := map[string]any{"key": []any{"text", json.Number("12.5")}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("after overwriting the input, value = %#v", v)
	}
}

// TestPoolHygiene checks that a parser back in the pool holds nothing of
// the last input or its values, after a parse that succeeded and after one
// abandoned with containers still open.
func TestPoolHygiene(t *testing.T) {
	for _, in := range []string{
		`{"a":[1,{"b":["c","d"]}],"e":"f"}`,
		`{"a":[1,{"b":["c","d"]}],"e":"f"`,
		`[[1,2,3],[4,5,[6,7,{"x":"y","z":[8,x`,
	} {
		Parse([]byte(in), 10)
		p := parsers.Get().(*parser)
		if p.data != nil || p.src != "" || len(p.vals) != 0 || len(p.keys) != 0 || p.vhigh != 0 || p.khigh != 0 {
			t.Errorf("after %s: parser not reset: %+v", in, *p)
		}
		for i, v := range p.vals[:cap(p.vals)] {
			if v != nil {
				t.Errorf("after %s: vals[%d] = %#v left in the pool", in, i, v)
			}
		}
		for i, k := range p.keys[:cap(p.keys)] {
			if k != "" {
				t.Errorf("after %s: keys[%d] = %q left in the pool", in, i, k)
			}
		}
		parsers.Put(p)
	}
}

// TestAllocs checks that the saving in allocations holds: a string without
// escapes or a number costs only the boxing into an any, on top of one
// copy of the input.
func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage counters allocate")
	}
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop parsers at random")
	}
	for _, c := range []struct {
		in   string
		want float64
	}{
		{`true`, 1},              // the copy of the input
		{`"a string"`, 2},        // the copy, the boxing
		{`["a","b",1,2.5]`, 7},   // the copy, four boxings, the slice and its boxing
		{`"an \"escape\""`, 3},   // the copy, the string, the boxing
		{`[[],{},true,null]`, 4}, // the copy, the empty map, the outer slice and its boxing
	} {
		data := []byte(c.in)
		if got := testing.AllocsPerRun(100, func() { Parse(data, 10) }); got > c.want {
			t.Errorf("Parse(%s): %v allocations, want %v", c.in, got, c.want)
		}
	}
	for _, name := range []string{"payload.json", "large.json"} {
		data := readFile(t, name)
		if got := testing.AllocsPerRun(20, func() { Valid(data, 10) }); got != 0 {
			t.Errorf("Valid(%s): %v allocations, want none", name, got)
		}
		ours := testing.AllocsPerRun(20, func() { Parse(data, 10) })
		theirs := testing.AllocsPerRun(20, func() { decodeStd(data) })
		t.Logf("%s: %v allocations, encoding/json %v", name, ours, theirs)
		if ours > theirs/2 {
			t.Errorf("%s: %v allocations, not under half of encoding/json's %v", name, ours, theirs)
		}
	}
}

func readFile(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// BenchmarkParse compares Parse with a Decoder using UseNumber, which it
// replaces, on a token's payload of typical size and on a large one.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"header.json", "payload.json", "large.json"} {
		data := readFile(b, name)
		b.Run(strings.TrimSuffix(name, ".json")+"/jsonv", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, ok := Parse(data, 64); !ok {
					b.Fatal("refused")
				}
			}
		})
		b.Run(strings.TrimSuffix(name, ".json")+"/encoding_json", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				dec := json.NewDecoder(bytes.NewReader(data))
				dec.UseNumber()
				var v any
				if err := dec.Decode(&v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidWorst times Valid on the worst payloads a token of 1 MiB
// can carry: nesting to the limit over and over (a container every byte),
// and escapes (one every six bytes).
func BenchmarkValidWorst(b *testing.B) {
	deep := strings.Repeat("[", 62) + strings.Repeat("]", 62)
	for name, data := range map[string]string{
		"nested":  `{"x":[` + strings.Repeat(deep+",", 6000) + deep + `]}`,
		"escapes": `{"s":"` + strings.Repeat(`\u00e9`, 130000) + `"}`,
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !Valid([]byte(data), 64) {
					b.Fatal("refused")
				}
			}
		})
	}
}
