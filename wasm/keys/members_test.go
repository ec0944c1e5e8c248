package keys

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzEachMember checks the hand-written walk of an object against
// encoding/json's tokens: the same names, in the same order, with the same
// values, for every valid JSON object; and no panic on any other text.
func FuzzEachMember(f *testing.F) {
	for _, s := range []string{
		`{}`, ` { "a" : 1 , "b":[1,{"c":"]}"}], "\u0063":"x\"y" } `,
		`{"keys":[{"kty":"oct","k":"AAAA"}],"KEYS":null,"n":-1.5e3,"t":true}`,
		`{"a":{"b":{"c":[[],{}]}},"":"\\"}`, `{"a" 1}`, `{"a":`, `[1]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte(s)
		i := skipSpace(data, 0)
		if i >= len(data) || data[i] != '{' {
			return
		}
		type member struct{ name, value string }
		var got []member
		err := eachMember(data, i, func(name string, _ int, raw []byte, _ int) error {
			got = append(got, member{name, string(raw)})
			return nil
		})
		if !json.Valid(data) {
			return
		}
		if err != nil {
			t.Fatalf("eachMember(%q) = %v", s, err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.Token()
		for n := 0; dec.More(); n++ {
			tok, _ := dec.Token()
			var raw json.RawMessage
			dec.Decode(&raw)
			if n >= len(got) || got[n].name != tok.(string) || got[n].value != string(raw) {
				t.Fatalf("member %d of %q: eachMember says %+v, encoding/json %q: %s", n, s, got, tok, raw)
			}
			if n == len(got)-1 && dec.More() {
				t.Fatalf("eachMember saw %d members of %q, encoding/json more", len(got), s)
			}
		}
	})
}
