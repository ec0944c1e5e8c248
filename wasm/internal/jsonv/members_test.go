package jsonv

import (
	"reflect"
	"testing"
)

// FuzzMembers checks All against Parse: an object's members, the last
// of each name winning, are the map Parse makes, value for value.
func FuzzMembers(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"a":[2,{"b":"}"}]}`, ` {"\u0061" : "x\"y" , "n":-1e3 ,"o":{}} `, `[1]`, `"s"`, `{"a":{"a":{"a":null}}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := Parse([]byte(s), 64)
		if !ok {
			return // All reads only what Parse accepts
		}
		got := map[string]any{}
		n := 0
		for name, value := range All([]byte(s)) {
			n++
			if got[name], ok = Parse(value, 64); !ok {
				t.Fatalf("All(%q): member %q has value %q, which is not JSON", s, name, value)
			}
		}
		m, isObject := v.(map[string]any)
		if isObject != IsObject([]byte(s)) {
			t.Fatalf("IsObject(%q) = %v", s, !isObject)
		}
		if !isObject {
			if n != 0 {
				t.Fatalf("All(%q) yields %d members of a non-object", s, n)
			}
			return
		}
		if !reflect.DeepEqual(got, m) {
			t.Fatalf("All(%q) gives %v, Parse %v", s, got, m)
		}
	})
}
