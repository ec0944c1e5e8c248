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

// TestCheckedClaimsReadOnce checks that a token verified again (the page
// verifies the token in the box on every keystroke in the key box; a
// server verifies the same token on every request) does not read its
// claims again: the decode cache shares the token, and its claims with it.
func TestCheckedClaimsReadOnce(t *testing.T) {
	e := base64.RawURLEncoding.EncodeToString
	d, err := Decode(e([]byte(`{"alg":"HS256"}`)) + "." + e([]byte(`{"exp":1,"iss":"i","aud":["a"],"sub":"s"}`)) + ".c2ln")
	if err != nil {
		t.Fatal(err)
	}
	first := d.checkedClaims()
	if allocs := testing.AllocsPerRun(20, func() { d.checkedClaims() }); allocs != 0 {
		t.Errorf("checkedClaims of a token read before allocates %v times, want 0", allocs)
	}
	if again := d.checkedClaims(); !reflect.DeepEqual(first, again) || len(again) != 3 {
		t.Errorf("checkedClaims = %v, then %v", first, again)
	}
}
