package sdjwt

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// rfcVector is one example of RFC 9901, with the key that verifies it.
type rfcVector struct {
	Name      string          `json:"name"`
	SDJWT     string          `json:"sdjwt"`
	IssuerKey string          `json:"issuerKey"`
	Audience  string          `json:"audience"`
	Nonce     string          `json:"nonce"`
	Now       int64           `json:"now"`
	Processed json.RawMessage `json:"processed"`
}

func rfcVectors(t testing.TB) []rfcVector {
	t.Helper()
	b, err := os.ReadFile("testdata/rfc9901.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Vectors []rfcVector }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Vectors
}

// sameJSON compares two JSON texts as values: the order of members does not
// matter, numbers compare as written.
func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	for _, x := range []struct {
		b []byte
		v *any
	}{{got, &g}, {want, &w}} {
		dec := json.NewDecoder(strings.NewReader(string(x.b)))
		dec.UseNumber()
		if err := dec.Decode(x.v); err != nil {
			t.Fatalf("%s: %v", x.b, err)
		}
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("processed payload\n got %s\nwant %s", got, want)
	}
}

func TestRFC9901Examples(t *testing.T) {
	for _, v := range rfcVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			d, err := Decode(v.SDJWT)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Errors) > 0 {
				t.Fatalf("errors: %v", d.Errors)
			}
			sameJSON(t, d.Processed, v.Processed)
			opts := VerifyOptions{Nonce: v.Nonce}
			opts.Key = v.IssuerKey
			opts.Now = time.Unix(v.Now, 0)
			if v.Audience != "" {
				opts.Audience = []string{v.Audience}
			}
			res, err := Verify(v.SDJWT, opts)
			if err != nil || !res.Valid {
				t.Fatalf("Verify: %v, %+v", err, res)
			}
			if v.Nonce != "" && !res.KeyBindingValid {
				t.Errorf("key binding not checked: %+v", res)
			}
		})
	}
}

// TestTokenDecodeNamesSDJWT: decode, which reads JWTs, refuses an SD-JWT
// with a message that says what it is and where to take it, with or
// without key binding (whose dots made it look like a JWE).
func TestTokenDecodeNamesSDJWT(t *testing.T) {
	for _, v := range rfcVectors(t)[:2] {
		_, err := token.Decode(v.SDJWT)
		e, ok := err.(*jwterr.Error)
		if !ok || !strings.Contains(e.Message, "SD-JWT") || e.Offset == nil || *e.Offset != strings.IndexByte(v.SDJWT, '~') {
			t.Errorf("token.Decode(%s) = %v; want an error at the first ~, naming SD-JWTs", v.Name, err)
		}
	}
}
