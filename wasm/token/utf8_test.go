package token_test

import (
	"testing"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// A header that is not UTF-8 is read once, as TextDecoder and jose read
// it: the kid that picks the key is the kid shown and in headerText.
func TestDecodeHeaderNotUTF8(t *testing.T) {
	for _, tc := range []struct {
		name, kid, want string
	}{
		{"cut three-byte sequence", "k\xe2\x82", "k\uFFFD"},
		{"cut four-byte sequence", "k\xf0\x9f\x98", "k\uFFFD"},
		{"lone continuation bytes", "k\x80\x80", "k\uFFFD\uFFFD"},
		{"surrogate", "k\xed\xa0\x80", "k\uFFFD\uFFFD\uFFFD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := hs256(`{"alg":"HS256","kid":"`+tc.kid+`"}`, `{"sub":"x"}`)
			d, err := token.Decode(tok)
			if err != nil {
				t.Fatal(err)
			}
			if d.Kid != tc.want {
				t.Errorf("kid = %+q, want %+q", d.Kid, tc.want)
			}
			if want := `{"alg":"HS256","kid":"` + tc.want + `"}`; d.HeaderText != want || string(d.Header) != want {
				t.Errorf("headerText = %+q, header = %+q, want %+q", d.HeaderText, d.Header, want)
			}
			if !hasWarning(d.Warnings, "header_not_utf8") {
				t.Errorf("warnings %v lack header_not_utf8", d.Warnings)
			}
			// The JWKS names the key by the kid as shown.
			jwks := `{"keys":[{"kty":"oct","kid":"` + tc.want + `","k":"` + b64([]byte(hmacSecret)) + `"}]}`
			v, err := token.Verify(tok, token.VerifyOptions{Key: jwks, Now: now})
			if err != nil || !v.Valid || v.Kid != tc.want {
				t.Errorf("verify with the JWKS: err %v, valid %v, kid %+q", err, v != nil && v.Valid, v.Kid)
			}
		})
	}
}

// A payload that is not UTF-8 is shown by the same rule.
func TestDecodePayloadNotUTF8(t *testing.T) {
	d, err := token.Decode(hs256(`{"alg":"HS256"}`, "a\xe2\x82b\xff"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\uFFFDb\uFFFD"; d.PayloadText != want || !utf8.ValidString(d.PayloadText) {
		t.Errorf("payloadText = %+q, want %+q", d.PayloadText, want)
	}
}

func hasWarning(ws []token.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}
