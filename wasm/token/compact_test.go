package token

import (
	"bytes"
	"encoding/base64"
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

// FuzzZeroTrailingBits checks the shortcut against re-encoding.
func FuzzZeroTrailingBits(f *testing.F) {
	for _, s := range []string{"QQ", "QR", "QUI", "QUJ", "QUJD", "eyJhIjoxfQ", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seg string) {
		for i := 0; i < len(seg); i++ {
			if !isBase64URL(seg[i]) {
				return // decode refuses such segments before it asks
			}
		}
		b, err := base64.RawURLEncoding.DecodeString(seg)
		if err != nil {
			return
		}
		if got, want := zeroTrailingBits(seg), base64.RawURLEncoding.EncodeToString(b) == seg; got != want {
			t.Errorf("zeroTrailingBits(%q) = %v, want %v", seg, got, want)
		}
	})
}
