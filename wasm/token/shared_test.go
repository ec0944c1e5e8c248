package token

import (
	"encoding/base64"
	"reflect"
	"testing"
)

// checkedClaims reads what claimsMap would have, for the five claims verify
// checks, without parsing the rest.
func TestCheckedClaimsAgreeWithClaims(t *testing.T) {
	e := base64.RawURLEncoding.EncodeToString
	for _, payload := range []string{
		`{"exp":1,"nbf":2,"iat":3,"iss":"i","aud":["a","b"],"x":{"exp":9}}`,
		`{"exp":1,"exp":"later","aud":"a","aud":[1,{"b":2}]}`,
		` { "iss" : {"nested":[1,2]} , "\u0065xp" : 12345678901234567890 } `,
		`{"deep":[[[[{"aud":"x"}]]]],"sub":"s"}`,
		`{}`, `[1]`, `"text"`,
	} {
		d, err := Decode(e([]byte(`{"alg":"HS256"}`)) + "." + e([]byte(payload)) + ".c2ln")
		if err != nil {
			t.Fatal(err)
		}
		all, checked := d.claimsMap(), d.checkedClaims()
		if (all == nil) != (checked == nil) {
			t.Fatalf("%s: claimsMap %v, checkedClaims %v", payload, all, checked)
		}
		for _, name := range []string{"exp", "nbf", "iat", "iss", "aud"} {
			if !reflect.DeepEqual(all[name], checked[name]) {
				t.Errorf("%s: %s is %#v in claimsMap, %#v in checkedClaims", payload, name, all[name], checked[name])
			}
		}
	}
}
