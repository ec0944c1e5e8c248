package token

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzCompact checks compact against json.Compact on valid JSON.
func FuzzCompact(f *testing.F) {
	for _, s := range []string{`{ "a" : [1, 2 ,"x y"] }`, "{\"s\":\"\\\" \\\\ \\n\",\n\t\"b\" :true}", `"  "`, ` 1 `} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := compact(s); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("compact(%q) = %q, want %q", s, got, want.Bytes())
		}
	})
}
