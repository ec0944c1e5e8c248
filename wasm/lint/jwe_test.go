package lint

import (
	"encoding/base64"
	"slices"
	"testing"
)

// jweTok is a compact JWE with header and opaque parts: lint reads only
// the protected header.
func jweTok(header string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(header)) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"
}

func TestLintJWE(t *testing.T) {
	one := "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE" // 32 bytes, 1: (1, 1) is not on P-256
	tests := []struct {
		name, header string
		want         []string
	}{
		{"clean", `{"alg":"A256KW","enc":"A256GCM"}`, nil},
		{"RSA1_5", `{"alg":"RSA1_5","enc":"A128CBC-HS256"}`, []string{"rsa1_5"}},
		{"PBES2, low count", `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":999}`, []string{"pbes2_low_count"}},
		{"PBES2, count of 1000", `{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":1000}`, nil},
		{"PBES2, huge count", `{"alg":"PBES2-HS512+A256KW","enc":"A256GCM","p2s":"AAAAAAAAAAA","p2c":2000000000}`, []string{"pbes2_count_too_large"}},
		{"zip", `{"alg":"A128KW","enc":"A128GCM","zip":"DEF"}`, []string{"zip_compression"}},
		{"dir", `{"alg":"dir","enc":"A128GCM"}`, []string{"dir_shared_key"}},
		{"epk off the curve", `{"alg":"ECDH-ES","enc":"A128GCM","epk":{"kty":"EC","crv":"P-256","x":"` + one + `","y":"` + one + `"}}`, []string{"invalid_epk"}},
		{"epk with d", `{"alg":"ECDH-ES","enc":"A128GCM","epk":{"kty":"OKP","crv":"X25519","x":"` + one + `","d":"` + one + `"}}`, []string{"invalid_epk"}},
		{"crit", `{"alg":"A128KW","enc":"A128GCM","crit":["x"],"x":1}`, []string{"unknown_crit"}},
		{"duplicate enc", `{"alg":"A128KW","enc":"A256GCM","enc":"A128GCM"}`, []string{"duplicate_member"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := Lint(jweTok(tt.header), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Code)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("codes = %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := Lint("a.b.c.d.e", Options{}); err == nil {
		t.Errorf("a JWE that does not parse lints")
	}
}
