package jsonv

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that Parse agrees with encoding/json on any input: it
// accepts exactly what encoding/json accepts (unless too deep for the
// limit given) and builds the same values.
func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.in))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	// Seeds around what the mutator is unlikely to assemble by itself:
	// surrogate halves next to other escapes, UTF-8 sequences cut short or
	// followed by escapes, and nesting at the small limit below.
	for _, s := range []string{
		`{"a":"\uD834\uDD1E","b":"\uDD1E\uD834","c":"\uD834\u005C"}`,
		`["\uD800\uD800\uD800\uDC00","\uDBFF","\uDFFF\uDFFF"]`,
		"[\"\xf0\x9f\\u00e9\",\"\xc3\\\"\",\"\xe0\x80\x80\",\"\xf8\x88\x80\x80\x80\"]",
		"{\"k\xff\":\"v\xfe\",\"k\\ufffd\":0}",
		`[[[{"a":[1]}]]]`,
		`{"a":[],"a":{},"a":-0.0e+00}`,
		` -1.5E-7 `,
		"\t[\r\n]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compare(t, data, 1<<30)
		compare(t, data, 3)
	})
}
