package lint

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
)

func TestDuplicates(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want []string
	}{
		{`{"a":1,"b":2}`, nil},
		{`{"a":1,"a":2}`, []string{"a"}},
		{`{"a":1,"\u0061":2}`, []string{"a"}},
		{`{"a":{"x":1},"b":{"x":1}}`, nil},
		{`{"a":{"x":1,"x":2},"a":3}`, []string{"x", "a"}},
		{`[{"a":1},{"a":1},{"b":[{"c":1,"c":2}]}]`, []string{"c"}},
		{`{"s":"{\"s\":1, \"s\":2}","t":["s","s"]}`, nil},
		{`{"k\\":1,"k\\":2}`, []string{`k\`}},
		{`{"1":0,"2":0,"3":0,"4":0,"5":0,"6":0,"7":0,"8":0,"9":0,"10":0,"3":1,"11":0,"11":0}`, []string{"3", "11"}},
		{`{"a":1,"a":2,"a":3,"b":{"a":1,"a":2}}`, []string{"a"}},
		{"{" + strings.Repeat(`"a":1,`, 60000) + `"b":[` + strings.Repeat(`{"x":1,"x":2},{"y":1,"y":2},`, 10) + `1]}`, []string{"a", "x", "y"}},
		{"[" + strings.Repeat(`{"a":1,"a":1},`, 3) + `{"b":1,"b":1,"c":1,"c":1,"d":1,"d":1,"e":1,"e":1,"f":1,"f":1,"g":1,"g":1,"h":1,"h":1,"i":1,"i":1,"j":1,"j":1,"k":1,"k":1}]`, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}},
		{`"a"`, nil},
		{`{}`, nil},
	} {
		if got := duplicates([]byte(tc.raw)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("duplicates(%s) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

func TestWalkPaths(t *testing.T) {
	raw := []byte(` {"b" : [ {"c":1} , [{"d":"x\"y"}]],"a":{"":{"e":true}}, "s":"v", "n":null} `)
	var got []string
	walk(raw, func(p *memberPath, name string, v any) { got = append(got, fmt.Sprintf("%s=%s:%v", p, name, v)) })
	want := []string{"b=b:<nil>", "b[0].c=c:<nil>", "b[1][0].d=d:x\"y", "a=a:<nil>", "a.=:<nil>", "a..e=e:<nil>", "s=s:v", "n=n:<nil>"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("paths %q, want %q", got, want)
	}
}

func TestLintAtMostMaxPerCode(t *testing.T) {
	// Ten names twice in the header and ten in the payload: twenty
	// duplicate_member findings, of which ten are given.
	var members []string
	for i := 0; i < 10; i++ {
		members = append(members, fmt.Sprintf(`"c%d":0,"c%d":1`, i, i))
	}
	dups := strings.Join(members, ",")
	e := base64.RawURLEncoding.EncodeToString
	tok := e([]byte(`{"alg":"HS256",`+dups+`}`)) + "." + e([]byte(`{"exp":1,`+dups+`}`)) + ".c2ln"
	fs, err := Lint(tok, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range fs {
		if f.Code == "duplicate_member" {
			n++
		}
	}
	if n != MaxPerCode {
		t.Errorf("%d duplicate_member findings, want %d", n, MaxPerCode)
	}
}

func TestWalkOnlyObjects(t *testing.T) {
	for _, raw := range []string{`[{"password":"x"}]`, `"password"`, `1`, ``} {
		walk([]byte(raw), func(*memberPath, string, any) { t.Errorf("walk(%s) called fn", raw) })
	}
}

// FuzzWalk checks walk against jsonv.Parse: the names it passes, and the
// string values, are those of the parsed document's objects (for
// documents without duplicate names, which the parse keeps one of).
func FuzzWalk(f *testing.F) {
	for _, s := range []string{`{"a":{"b":["c",{"d":"e"}]},"a":1}`, ` { "x\"y" : [ [ ] , { } ] } `, `{"n":-1.5e3,"t":true,"z":null}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := jsonv.Parse([]byte(s), 64)
		if _, isObject := v.(map[string]any); !ok || !isObject || duplicates([]byte(s)) != nil {
			return // with duplicates, the parsed document lacks what the first ones hold
		}
		want := map[string]bool{}
		var visit func(any)
		visit = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					want[k] = true
					if str, isString := x.(string); isString {
						want[k+"="+str] = true
					}
					visit(x)
				}
			case []any:
				for _, x := range v {
					visit(x)
				}
			}
		}
		visit(v)
		walk([]byte(s), func(_ *memberPath, name string, x any) {
			if !want[name] {
				t.Fatalf("walk(%q) passed the name %q, which the document lacks", s, name)
			}
			if str, isString := x.(string); isString && !want[name+"="+str] {
				t.Fatalf("walk(%q) passed %q = %q", s, name, str)
			}
		})
	})
}

// TestLintAllocationsDoNotGrowWithMembers checks that reading many small
// objects, and many members of one, allocates per document, not per name
// or per object: under wasm each allocation is what made lint slow.
func TestLintAllocationsDoNotGrowWithMembers(t *testing.T) {
	tiny := []byte(`{"x":[` + strings.Repeat(`{"a":0},`, 2000) + `{"a":0}]}`)
	members := []byte(`{"m0":0` + strings.Repeat(`,"mm":0`, 2000) + `}`)
	for name, f := range map[string]func(){
		"duplicates of tiny objects": func() { duplicates(tiny) },
		"walk of tiny objects":       func() { walk(tiny, func(*memberPath, string, any) {}) },
		"sensitive names of members": func() { walk(members, func(_ *memberPath, n string, _ any) { sensitiveName(n) }) },
		"top level of 2,000 members": func() { topLevel(members) },
	} {
		if n := testing.AllocsPerRun(5, f); n > 20 {
			t.Errorf("%s: %.0f allocations, want at most 20", name, n)
		}
	}
}

// TestSensitiveNameFolds checks the allocation-free folding against
// strings.ToLower: case, separators, and a Kelvin sign for k.
func TestSensitiveNameFolds(t *testing.T) {
	for name, want := range map[string]bool{
		"password": true, "PASS_WORD": true, "Api-Key": true, "api\u212Aey": true, "credit_card_number": true,
		"passwords": false, "social_security_number_x": false, "": false, "pässword": false, "_-_": false,
	} {
		if got := sensitiveName(name); got != want {
			t.Errorf("sensitiveName(%q) = %v, want %v", name, got, want)
		}
	}
}
