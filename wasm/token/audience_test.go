package token_test

import (
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestVerifyAudienceList: an expected audience is a list of exact strings,
// one of which aud must hold; a list with an empty item is refused as bad
// input (it would pass aud "", and is what splitting "api, " leaves).
func TestVerifyAudienceList(t *testing.T) {
	tests := []struct {
		name     string
		payload  string
		audience []string
		code     jwterr.Code // the error of Verify, "" for none
		valid    bool
	}{
		{"aud holds the second expected", `{"aud":"api"}`, []string{"web", "api"}, "", true},
		{"aud array holds one of them", `{"aud":["x","web"]}`, []string{"web", "api"}, "", true},
		{"aud holds none of them", `{"aud":["x","y"]}`, []string{"web", "api"}, "", false},
		{"items are exact, not split", `{"aud":"api"}`, []string{"web, api"}, "", false},
		{"an empty item is refused", `{"aud":"api"}`, []string{"api", ""}, jwterr.BadInput, false},
		{"an empty item cannot match an empty aud", `{"aud":""}`, []string{""}, jwterr.BadInput, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(hs256(`{"alg":"HS256"}`, tt.payload), token.VerifyOptions{Key: hmacSecret, Now: now, Audience: tt.audience})
			if jwterr.CodeOf(err) != tt.code {
				t.Fatalf("Verify error = %v, want code %q", err, tt.code)
			}
			if v.Valid != tt.valid {
				t.Errorf("Verify = valid %v (errors %s), want %v", v.Valid, errCodes(v.Errors), tt.valid)
			}
		})
	}
}
