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
	v, _ := jsonv.Parse([]byte(`{"b":[{"c":1},[{"d":2}]],"a":{"":{"e":3}}}`), 64)
	var got []string
	walk(v, func(p *memberPath, name string, _ any) { got = append(got, p.String()+"="+name) })
	want := []string{"a=a", "a.=", "a..e=e", "b=b", "b[0].c=c", "b[1][0].d=d"}
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
