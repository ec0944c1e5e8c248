package jsonv

import (
	"reflect"
	"testing"
)

// FuzzMembers checks Members against Parse: an object's members, the last
// of each name winning, are the map Parse makes, value for value.
func FuzzMembers(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"a":[2,{"b":"}"}]}`, ` {"\u0061" : "x\"y" , "n":-1e3 ,"o":{}} `, `[1]`, `"s"`, `{"a":{"a":{"a":null}}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := Parse([]byte(s), 64)
		if !ok {
			return // Members reads only what Parse accepts
		}
		ms := Members([]byte(s))
		m, isObject := v.(map[string]any)
		if !isObject {
			if ms != nil {
				t.Fatalf("Members(%q) = %q for a non-object", s, ms)
			}
			return
		}
		got := map[string]any{}
		for _, x := range ms {
			if got[x.Name], ok = Parse(x.Value, 64); !ok {
				t.Fatalf("Members(%q): member %q has value %q, which is not JSON", s, x.Name, x.Value)
			}
		}
		if !reflect.DeepEqual(got, m) {
			t.Fatalf("Members(%q) gives %v, Parse %v", s, got, m)
		}
	})
}
