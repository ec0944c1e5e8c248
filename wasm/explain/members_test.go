package explain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/internal/jsonv"
)

// member is one name and value of a JSON object.
type member struct {
	name  string
	value json.RawMessage
}

// members lists an object's members as explain reads them, with jsonv.All.
func members(raw json.RawMessage) []member {
	var out []member
	for name, value := range jsonv.All(raw) {
		out = append(out, member{name, value})
	}
	return out
}

// decoderMembers is members as a json.Decoder reads them: the reference.
func decoderMembers(raw json.RawMessage) []member {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []member
	for dec.More() {
		t, _ := dec.Token()
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return out
		}
		out = append(out, member{t.(string), v})
	}
	return out
}

var memberCases = []string{
	`{}`, ` { } `, `{"a":1}`, `{"a" : 1 , "b":[1, {"c":"}"}] ,"a":"x\"y"}`, `{"\u0061":true,"":null}`,
	"{\n\t\"n\": -1.5e3\r\n}", `{"o":{"p":{}},"q":[],"r":"]"}`, "{\"\xa2\":0}", `[1]`, `"s"`, `1`, `null`,
}

func TestMembers(t *testing.T) {
	for _, raw := range memberCases {
		if got, want := members(json.RawMessage(raw)), decoderMembers(json.RawMessage(raw)); !reflect.DeepEqual(got, want) {
			t.Errorf("members(%s) = %q, want %q", raw, got, want)
		}
	}
}

func FuzzMembers(f *testing.F) {
	for _, raw := range memberCases {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !json.Valid([]byte(raw)) || strings.Contains(raw, "\x00") {
			return // members reads only what decode found to be JSON
		}
		if got, want := members(json.RawMessage(raw)), decoderMembers(json.RawMessage(raw)); !reflect.DeepEqual(got, want) {
			t.Fatalf("members(%q) = %q, want %q", raw, got, want)
		}
	})
}

func TestExplainListsAtMostMaxEntries(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < MaxEntries+250; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"a%d":0`, i)
	}
	b.WriteString("}")
	e, err := Explain(tok(`{"alg":"HS256"}`, b.String()), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Claims) != MaxEntries || e.ClaimsOmitted != 250 || len(e.Header) != 1 || e.HeaderOmitted != 0 {
		t.Errorf("%d claims listed, %d omitted; %d header entries, %d omitted", len(e.Claims), e.ClaimsOmitted, len(e.Header), e.HeaderOmitted)
	}
}
