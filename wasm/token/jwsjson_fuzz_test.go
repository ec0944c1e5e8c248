package token_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// FuzzDecodeJSON reads any text as a JWS JSON and verifies it with the
// keys of the RFC vectors. Besides never panicking: a decode that succeeds
// has signatures; every error has a code and a known part; and a
// signature that verifies with a protected header only, over a base64url
// payload, verifies as the compact token it is equivalent to, so the two
// serializations never disagree on a verdict.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{rfc7515A6, rfc7515A7, rfc7520, rfc7797JSON,
		`{"payload":"","signatures":[{"header":{"alg":"none"},"signature":""}]}`,
		`{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiJ9","header":{"alg":"HS256"},"signature":"AA"}`,
		`{"payload":"\ud800","protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","signature":""}`,
	} {
		f.Add(s)
	}
	key := `{"keys":[` + strings.Join([]string{rfc7515RSA, rfc7515EC, rfc7520RSA, rfc7520EC, rfc7520Oct}, ",") + `]}`
	f.Fuzz(func(t *testing.T, text string) {
		d, err := token.DecodeJSON(text)
		if err != nil {
			if e := jwterr.From(err, ""); e.Code == "" || !validParts[e.Part] {
				t.Fatalf("error without a code or with part %q: %v", e.Part, err)
			}
		} else if len(d.Signatures) == 0 {
			t.Fatal("decoded with no signature")
		}
		v, verr := token.VerifyJSON(text, token.VerifyOptions{Key: key, Now: time.Unix(1300819000, 0)})
		if (err == nil) != (verr == nil || len(v.Signatures) > 0) {
			t.Fatalf("decode says %v, verify %v", err, verr)
		}
		if v.SignatureValid != (len(v.VerifiedBy) > 0) || v.Valid && !v.SignatureValid {
			t.Fatalf("inconsistent verdict: %+v", v)
		}
		for _, i := range v.VerifiedBy {
			s := d.Signatures[i]
			if s.Header != nil || s.Parts.Protected == "" || strings.ContainsAny(d.PayloadPart, ".\x00") || !isBase64URL(d.PayloadPart) {
				continue
			}
			compact := s.Parts.Protected + "." + d.PayloadPart + "." + s.Parts.Signature
			if cv, _ := token.Verify(compact, token.VerifyOptions{Key: key, Now: time.Unix(1300819000, 0)}); !cv.SignatureValid {
				t.Fatalf("signature %d verifies in JSON but not as %s", i, compact)
			}
		}
	})
}

func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
