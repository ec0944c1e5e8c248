package sdjwt_test

import (
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/sdjwt"
)

// TestIs checks which texts are read as SD-JWTs: a "~" makes one, but not
// inside a JWS JSON, which verify must read as the JWS it is.
func TestIs(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"eyJhbGciOiJIUzI1NiJ9.e30.sig~", true},
		{"eyJhbGciOiJIUzI1NiJ9.e30.sig~WyJzIiwibiIsInYiXQ~", true},
		{"eyJhbGciOiJIUzI1NiJ9.e30.sig", false},
		{`{"payload":"e30","signatures":[{"header":{"kid":"a~b"},"signature":"x"}]}`, false},
		{" \n{\"payload\":\"fn4\",\"signature\":\"x~\"}", false},
	}
	for _, tt := range tests {
		if got := sdjwt.Is(tt.text); got != tt.want {
			t.Errorf("Is(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
