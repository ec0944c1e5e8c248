package jwe

import (
	"slices"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// FuzzParse: any text either parses into five parts whose header is a JSON
// object, or fails with a *jwterr.Error; it never panics.
func FuzzParse(f *testing.F) {
	for _, v := range rfcVectors(f) {
		f.Add(v.compact)
	}
	f.Add("a.b.c.d.e")
	f.Add("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, text string) {
		tok, err := Parse(text)
		if err != nil {
			if _, ok := err.(*jwterr.Error); !ok {
				t.Fatalf("error %v is %T, not *jwterr.Error", err, err)
			}
			return
		}
		if tok.header == nil || strings.Count(strings.TrimSpace(text), ".") != 4 {
			t.Fatalf("parsed %q without a header or five parts", text)
		}
	})
}

// FuzzDecrypt: any change to a token, decrypted with its key, either gives
// the plaintext back or a *jwterr.Error; never a panic, never another
// plaintext.
func FuzzDecrypt(f *testing.F) {
	vs := rfcVectors(f)
	for i, v := range vs {
		f.Add(i, v.compact)
	}
	f.Fuzz(func(t *testing.T, i int, text string) {
		if i < 0 {
			i = -i
		}
		v := vs[i%len(vs)]
		if strings.Contains(v.key, "p2c") || strings.HasPrefix(v.compact, "eyJhbGciOiJQQkVTMi") {
			// PBES2 costs thousands of iterations a run: its parsing is
			// fuzzed all the same by the other inputs.
			v = vs[0]
		}
		d, err := Decrypt(text, v.key, keys.Encoding(v.enc))
		if err != nil {
			if _, ok := err.(*jwterr.Error); !ok {
				t.Fatalf("error %v is %T, not *jwterr.Error", err, err)
			}
			return
		}
		// Success without the key's own token means a forgery: the tag
		// must stop every change the fuzzer makes.
		if !slices.ContainsFunc(vs, func(w vector) bool { return w.plaintext == d.Plaintext }) {
			t.Fatalf("a changed token decrypted to %q", d.Plaintext)
		}
	})
}
