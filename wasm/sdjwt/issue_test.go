package sdjwt

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
)

const issuePayload = `{"iss":"https://issuer.example.com","iat":1683000000,"sub":"user_42","given_name":"John","family_name":"Doe","address":{"street_address":"123 Main St","locality":"Anytown","country":"US"},"nationalities":["US","DE"]}`

var issueDisclose = []string{"/given_name", "/family_name", "/address", "/address/street_address", "/nationalities/1"}

func issueTest(t *testing.T, decoys int) *Issued {
	t.Helper()
	is, err := Issue(IssueInput{Header: `{"alg":"ES256","typ":"example+sd-jwt"}`, Payload: issuePayload, Disclose: issueDisclose, Decoys: decoys, HolderKey: holderPublic, Key: issuerPrivate})
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	return is
}

// TestIssueRoundTrip: an issued SD-JWT, every disclosure in, processes
// back to the payload it was made from (plus cnf), and verifies.
func TestIssueRoundTrip(t *testing.T) {
	is := issueTest(t, 3)
	if len(is.Disclosures) != len(issueDisclose) {
		t.Fatalf("%d disclosures; want %d", len(is.Disclosures), len(issueDisclose))
	}
	d, err := Decode(is.SDJWT)
	if err != nil || len(d.Errors) > 0 {
		t.Fatalf("Decode: %v %v", err, d.Errors)
	}
	var want map[string]any
	json.Unmarshal([]byte(issuePayload), &want)
	want["cnf"] = map[string]any{"jwk": json.RawMessage(holderPublic)}
	b, _ := json.Marshal(want)
	sameJSON(t, d.Processed, b)
	// 3 decoys at the top level, nothing else hidden.
	if len(d.Undisclosed) != 1 || d.Undisclosed[0] != (Undisclosed{"", 3}) {
		t.Errorf("undisclosed %+v; want the 3 decoys at the top level", d.Undisclosed)
	}
	opts := VerifyOptions{}
	opts.Key, opts.Now = issuerPublic, testNow
	if v, err := Verify(is.SDJWT, opts); err != nil || !v.Valid {
		t.Fatalf("Verify: %v %v", err, v.Errors)
	}
	for _, disc := range is.Disclosures {
		if len(disc.Salt) != 22 { // 128 bits in base64url
			t.Errorf("salt %q is not 128 bits", disc.Salt)
		}
	}
	if again := issueTest(t, 0); again.Disclosures[0].Salt == is.Disclosures[0].Salt {
		t.Error("the same salt twice: salts must be fresh")
	}
}

// TestPresent: a presentation keeps the chosen disclosures and the ones
// they sit in, and its key-binding JWT verifies; changing it afterwards
// breaks the key binding.
func TestPresent(t *testing.T) {
	is := issueTest(t, 0)
	street := slices.IndexFunc(is.Disclosures, func(d *Disclosure) bool { return d.Name != nil && *d.Name == "street_address" })
	pres, err := Present(PresentInput{SDJWT: is.SDJWT, Reveal: []int{street}, HolderKey: holderPrivate, Audience: "https://verifier.example.org", Nonce: "n-0S6_WzA2Mj", IssuedAt: testNow})
	if err != nil {
		t.Fatalf("Present: %v", err)
	}
	opts := VerifyOptions{Nonce: "n-0S6_WzA2Mj"}
	opts.Key, opts.Now, opts.Audience = issuerPublic, testNow, []string{"https://verifier.example.org"}
	v, err := Verify(pres, opts)
	if err != nil || !v.Valid || !v.KeyBindingValid {
		t.Fatalf("Verify: %v %v", err, v.Errors)
	}
	var got map[string]any
	json.Unmarshal(v.Processed, &got)
	addr, _ := got["address"].(map[string]any)
	if addr["street_address"] != "123 Main St" || got["given_name"] != nil || !slices.Equal(toStrings(got["nationalities"]), []string{"US"}) {
		t.Errorf("processed %s; want the address with its street, no given_name, nationalities [US]", v.Processed)
	}
	// The verifier must not accept it with a disclosure added afterwards.
	given := is.Disclosures[slices.IndexFunc(is.Disclosures, func(d *Disclosure) bool { return d.Name != nil && *d.Name == "given_name" })]
	i := strings.LastIndexByte(pres, '~')
	tampered := pres[:i+1] + given.Text + pres[i:]
	if v, _ := Verify(tampered, opts); v.Valid || !slices.Contains(codes(v.Errors), jwterr.KBSDHashMismatch) {
		t.Errorf("a disclosure added after key binding: valid %v, errors %v", v.Valid, codes(v.Errors))
	}
}

func toStrings(v any) []string {
	a, _ := v.([]any)
	var out []string
	for _, x := range a {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestIssueRefuses: what Issue and Present refuse, by code.
func TestIssueRefuses(t *testing.T) {
	base := IssueInput{Header: `{"alg":"ES256"}`, Payload: issuePayload, Key: issuerPrivate}
	tests := []struct {
		name string
		edit func(*IssueInput)
		code jwterr.Code
	}{
		{"a pointer to nothing", func(in *IssueInput) { in.Disclose = []string{"/nope"} }, jwterr.BadInput},
		{"an index past the end", func(in *IssueInput) { in.Disclose = []string{"/nationalities/2"} }, jwterr.BadInput},
		{"not a pointer", func(in *IssueInput) { in.Disclose = []string{"given_name"} }, jwterr.BadInput},
		{"the whole payload", func(in *IssueInput) { in.Disclose = []string{""} }, jwterr.BadInput},
		{"a pointer twice", func(in *IssueInput) { in.Disclose = []string{"/sub", "/sub"} }, jwterr.BadInput},
		{"a payload with _sd", func(in *IssueInput) { in.Payload = `{"_sd":[]}` }, jwterr.SDMalformed},
		{"a payload that is an array", func(in *IssueInput) { in.Payload = `[]` }, jwterr.BadJSON},
		{"too many decoys", func(in *IssueInput) { in.Decoys = 5000 }, jwterr.TooLarge},
		{"a secret as holder key", func(in *IssueInput) { in.HolderKey = "secret" }, jwterr.KeyMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.edit(&in)
			_, err := Issue(in)
			if jwterr.CodeOf(err) != tt.code {
				t.Fatalf("Issue: %v; want %s", err, tt.code)
			}
		})
	}
	is := issueTest(t, 0)
	for _, in := range []PresentInput{
		{SDJWT: is.SDJWT, Reveal: []int{99}},
		{SDJWT: is.SDJWT, HolderKey: holderPrivate, Nonce: "n"},
		{SDJWT: is.SDJWT, HolderKey: "secret", Audience: "a", Nonce: "n"},
		{SDJWT: is.SDJWT, HolderKey: holderPrivate, Alg: "HS256", Audience: "a", Nonce: "n"},
		{SDJWT: is.SDJWT, HolderKey: otherPrivate, Audience: "a", Nonce: "n"}, // not the key in cnf
	} {
		if _, err := Present(in); err == nil {
			t.Errorf("Present(%+v) made a presentation", in)
		}
	}
}
