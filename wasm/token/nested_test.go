package token_test

import (
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestNested checks nested JWTs (RFC 7519 §5.2): when cty says JWT and the
// payload is a token, the outer level has no claims of its own to fail, and
// says so; a cty over a JSON claims set switches no check off.
func TestNested(t *testing.T) {
	inner := hs256(`{"alg":"HS256"}`, `{"exp":1}`) // expired long ago: the inner verdict's business
	tests := []struct {
		name, header, payload string
		opts                  token.VerifyOptions
		valid                 bool
		errs, warns           string
		decodeWarns           string
	}{
		{"cty JWT over a token", `{"alg":"HS256","cty":"JWT"}`, inner, token.VerifyOptions{}, true, "", "nested", "nested"},
		{"cty is case-insensitive (RFC 7515 §4.1.10)", `{"alg":"HS256","cty":"jwt"}`, inner, token.VerifyOptions{}, true, "", "nested", "nested"},
		{"application/ prefix", `{"alg":"HS256","cty":"application/JWT"}`, inner, token.VerifyOptions{}, true, "", "nested", "nested"},
		{"a JWE inside", `{"alg":"HS256","cty":"JWT"}`, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aGk.aGk.aGk", token.VerifyOptions{}, true, "", "nested", "nested"},
		{"an expected issuer cannot match the outer level", `{"alg":"HS256","cty":"JWT"}`, inner, token.VerifyOptions{Issuer: "me", Audience: []string{"api"}}, false, "invalid_issuer,invalid_audience", "nested", "nested"},
		{"cty JWT over expired claims: still checked", `{"alg":"HS256","cty":"JWT"}`, `{"exp":1}`, token.VerifyOptions{}, false, "token_expired", "", ""},
		{"cty JWT over text that is no token", `{"alg":"HS256","cty":"JWT"}`, "a.b", token.VerifyOptions{}, false, "claim_invalid", "", "payload_not_json"},
		{"a token without cty is not nested", `{"alg":"HS256"}`, inner, token.VerifyOptions{}, false, "claim_invalid", "", "payload_not_json"},
		{"cty of another type", `{"alg":"HS256","cty":"JWT+x"}`, inner, token.VerifyOptions{}, false, "claim_invalid", "", "payload_not_json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := hs256(tt.header, tt.payload)
			d, err := token.Decode(tok)
			if err != nil || warnCodes(d.Warnings) != tt.decodeWarns || d.PayloadText != tt.payload {
				t.Fatalf("Decode = %+v, %v; want warnings %q", d, err, tt.decodeWarns)
			}
			opts := tt.opts
			opts.Key, opts.Now = hmacSecret, now
			v, err := token.Verify(tok, opts)
			if err != nil || !v.SignatureValid || v.Valid != tt.valid || errCodes(v.Errors) != tt.errs || warnCodes(v.Warnings) != tt.warns {
				t.Errorf("Verify = %+v, %v; want valid %v, errors %q, warnings %q", v, err, tt.valid, tt.errs, tt.warns)
			}
		})
	}
}
