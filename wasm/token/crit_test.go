package token_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestVerifyCrit checks that a verifier refuses what RFC 7515 §4.1.11 and
// RFC 7797 §6 say it must, naming the member: each of these tokens has a
// good signature, and each verified before "crit" was read.
func TestVerifyCrit(t *testing.T) {
	tests := []struct {
		name   string
		header string
		code   jwterr.Code // "" when the token verifies
		want   string
	}{
		{"unknown extension", `{"alg":"HS256","crit":["urn:x:must"],"urn:x:must":true}`, jwterr.CritUnsupported, `"crit" names "urn:x:must", an extension the playground does not implement`},
		{"unknown extension, absent", `{"alg":"HS256","crit":["urn:x:must"]}`, jwterr.CritUnsupported, `"urn:x:must"`},
		{"empty", `{"alg":"HS256","crit":[]}`, jwterr.CritInvalid, `"crit" must be a non-empty array of header parameter names (RFC 7515 §4.1.11), not the empty array`},
		{"a string", `{"alg":"HS256","crit":"b64","b64":true}`, jwterr.CritInvalid, `not the string "b64"`},
		{"null", `{"alg":"HS256","crit":null}`, jwterr.CritInvalid, "not null"},
		{"registered claim name", `{"alg":"HS256","crit":["exp"],"exp":1}`, jwterr.CritUnsupported, `"crit" names "exp"`},
		{"registered header name", `{"alg":"HS256","crit":["kid"],"kid":"k"}`, jwterr.CritInvalid, `"crit" names "kid", which JWS and JWE define themselves`},
		{"itself", `{"alg":"HS256","crit":["crit"]}`, jwterr.CritInvalid, `"crit" names "crit"`},
		{"a number in it", `{"alg":"HS256","crit":["b64",1],"b64":true}`, jwterr.CritInvalid, "crit[1] is the number 1"},
		{"an empty name", `{"alg":"HS256","crit":[""]}`, jwterr.CritInvalid, "crit[0] is the empty string"},
		{"a name twice", `{"alg":"HS256","crit":["b64","b64"],"b64":true}`, jwterr.CritInvalid, `"crit" names "b64" twice`},
		{"b64 named but absent", `{"alg":"HS256","crit":["b64"]}`, jwterr.CritInvalid, `"crit" names "b64", which the header does not have`},
		{"b64 without crit", `{"alg":"HS256","b64":false}`, jwterr.CritInvalid, `the header has "b64" but its "crit" does not name it: RFC 7797 §6`},
		{"b64 true without crit", `{"alg":"HS256","b64":true}`, jwterr.CritInvalid, `"crit" does not name it`},
		{"b64 a string", `{"alg":"HS256","b64":"false","crit":["b64"]}`, jwterr.CritInvalid, `"b64" must be true or false (RFC 7797 §3), not the string "false"`},
		{"b64 null", `{"alg":"HS256","b64":null,"crit":["b64"]}`, jwterr.CritInvalid, "not null"},
		{"b64 true", `{"alg":"HS256","b64":true,"crit":["b64"]}`, "", ""},
		// Of duplicate members the last one counts, here as everywhere.
		{"crit duplicated, the last empty", `{"alg":"HS256","crit":["b64"],"b64":true,"crit":[]}`, jwterr.CritInvalid, "not the empty array"},
		{"crit duplicated, the last fine", `{"alg":"HS256","crit":["urn:x"],"b64":true,"crit":["b64"]}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := hs256(tt.header, `{"sub":"42"}`)
			v, err := token.Verify(tok, token.VerifyOptions{Key: hmacSecret, Now: now})
			d, derr := token.Decode(tok)
			if derr != nil {
				t.Fatalf("Decode: %v: a crit problem must not stop decoding", derr)
			}
			if tt.code == "" {
				if err != nil || !v.Valid {
					t.Fatalf("Verify = %+v, %v; want valid", v, err)
				}
				if w := warnCodes(d.Warnings); w != "" {
					t.Errorf("Decode warnings = %s, want none", w)
				}
				return
			}
			checkError(t, err, tt.code, jwterr.PartHeader, noOffset, tt.want)
			if v.Valid || v.SignatureValid {
				t.Errorf("Verify = %+v: refused, yet valid", v)
			}
			// Decoding shows the token, and says why it will not verify.
			if !strings.Contains(warnCodes(d.Warnings), string(tt.code)) {
				t.Errorf("Decode warnings = %s, want %s", warnCodes(d.Warnings), tt.code)
			}
		})
	}
}

// TestEncodeCrit checks that Encode refuses to sign what Verify refuses, as
// jose's CompactSign does.
func TestEncodeCrit(t *testing.T) {
	for _, header := range []string{
		`{"alg":"HS256","crit":["urn:x:must"],"urn:x:must":true}`,
		`{"alg":"HS256","crit":[]}`,
		`{"alg":"HS256","b64":false}`,
	} {
		tok, err := token.Encode(token.EncodeInput{Header: header, Payload: `{}`, Key: hmacSecret})
		if err == nil || tok != "" {
			t.Errorf("Encode(%s) = %q, %v; want a crit error", header, tok, err)
			continue
		}
		if e := asError(t, err); e.Part != jwterr.PartHeader || !strings.HasPrefix(string(e.Code), "crit_") {
			t.Errorf("Encode(%s): %s in %s, want crit_… in header", header, e.Code, e.Part)
		}
	}
}

// rfc7797Key is the HMAC key of RFC 7797 §4 (from RFC 7515 Appendix A.1).
const rfc7797Key = `{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`

// rfc7797Header is RFC 7797 §4.2's header, as base64url.
const rfc7797Header = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19"

// joseUnencoded is jose 6's FlattenedSign of "$02" with RFC 7797 §4.2's
// header and key, joined into the compact form that compactVerify accepts.
const joseUnencoded = rfc7797Header + ".$02.uB970NMwI0DGAK72LfbzudKpWHiz3tNXh6BzgYICrPA"

// TestUnencodedPayload checks RFC 7797 in the compact form: the payload is
// the text between the dots, signed as written, shown as text and never as
// claims.
func TestUnencodedPayload(t *testing.T) {
	const header = `{"alg":"HS256","b64":false,"crit":["b64"]}`
	t.Run("RFC 7797 §4.1, the same payload encoded", func(t *testing.T) {
		v, err := token.Verify("eyJhbGciOiJIUzI1NiJ9.JC4wMg.5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ", token.VerifyOptions{Key: rfc7797Key, Now: now})
		if err != nil || !v.SignatureValid {
			t.Fatalf("Verify = %+v, %v; want a good signature", v, err)
		}
	})
	t.Run("RFC 7797 §4.2: its payload has a period, which no compact token can carry", func(t *testing.T) {
		_, err := token.Encode(token.EncodeInput{Header: header, Payload: "$.02", Key: rfc7797Key})
		checkError(t, err, jwterr.Malformed, jwterr.PartPayload, 1, `'.' at offset 1 is a period, which would end it (RFC 7797 §5.2)`)
		// The RFC sends it detached: the token has no payload, so the
		// signature, made over "$.02", does not match the empty one.
		v, err := token.Verify(rfc7797Header+"..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY", token.VerifyOptions{Key: rfc7797Key, Now: now})
		if err != nil || v.SignatureValid {
			t.Errorf("Verify(detached) = %+v, %v; want a bad signature", v, err)
		}
	})
	t.Run("signed as jose signs it", func(t *testing.T) {
		tok, err := token.Encode(token.EncodeInput{Header: header, Payload: "$02", Key: rfc7797Key})
		if err != nil || tok != joseUnencoded {
			t.Fatalf("Encode = %q, %v\nwant %q", tok, err, joseUnencoded)
		}
	})
	t.Run("verified as jose verifies it, without claims", func(t *testing.T) {
		v, err := token.Verify(joseUnencoded, token.VerifyOptions{Key: rfc7797Key, Now: now})
		if err != nil || !v.Valid || !v.ClaimsValid || len(v.Errors) != 0 || warnCodes(v.Warnings) != "unencoded_payload" {
			t.Fatalf("Verify = %+v, %v; want valid, with an unencoded_payload warning", v, err)
		}
		v, _ = token.Verify(joseUnencoded, token.VerifyOptions{Key: rfc7797Key, Now: now, Issuer: "me", Audience: []string{"api"}})
		if v.Valid || errCodes(v.Errors) != "invalid_issuer,invalid_audience" || !strings.Contains(v.Errors[0].Message, `not a claims set, so it has no "iss" to match`) {
			t.Errorf("Verify with an issuer and audience = %+v; want both refused", v)
		}
	})
	t.Run("decoded as text", func(t *testing.T) {
		d, err := token.Decode(joseUnencoded)
		if err != nil || d.PayloadText != "$02" || d.Payload != nil || warnCodes(d.Warnings) != "unencoded_payload" {
			t.Fatalf("Decode = %+v, %v; want the text $02, no JSON, an unencoded_payload warning", d, err)
		}
	})
	t.Run("claims that look encoded are text", func(t *testing.T) {
		// The signer signed the text "eyJleHAiOjF9", not {"exp":1}: an
		// expired exp read from it would be a claim nobody made.
		tok, err := token.Encode(token.EncodeInput{Header: header, Payload: b64([]byte(`{"exp":1}`)), Key: hmacSecret})
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		d, _ := token.Decode(tok)
		v, err := token.Verify(tok, token.VerifyOptions{Key: hmacSecret, Now: now})
		if d.Payload != nil || d.PayloadText != "eyJleHAiOjF9" || err != nil || !v.Valid {
			t.Errorf("Decode = %s %q, Verify = %+v, %v; want text, and valid", d.Payload, d.PayloadText, v, err)
		}
	})
	t.Run("not ASCII", func(t *testing.T) {
		_, err := token.Decode(rfc7797Header + ".$0é.sig")
		checkError(t, err, jwterr.Malformed, jwterr.PartPayload, len(rfc7797Header)+3, `'é' at offset 59 is not ASCII`)
		_, err = token.Encode(token.EncodeInput{Header: header, Payload: "é", Key: hmacSecret})
		checkError(t, err, jwterr.Malformed, jwterr.PartPayload, 0, "not ASCII")
	})
	t.Run("edited to base64url by a later b64", func(t *testing.T) {
		// Of duplicate members the last one counts: here b64 is true.
		d, err := token.Decode(hs256(`{"alg":"HS256","b64":false,"crit":["b64"],"b64":true}`, `{"sub":"42"}`))
		if err != nil || string(d.Payload) != `{"sub":"42"}` {
			t.Errorf("Decode = %s, %v; want the JSON payload", d.Payload, err)
		}
	})
}

// An unencoded payload (RFC 7797) is signed as written: the token carries
// it between the dots, and it is text, not claims.
func ExampleEncode_unencodedPayload() {
	key := `{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`
	tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"HS256","b64":false,"crit":["b64"]}`, Payload: "$02", Key: key})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok)
	d, _ := token.Decode(tok)
	fmt.Printf("%q, claims: %v\n", d.PayloadText, d.Payload != nil)
	v, _ := token.Verify(tok, token.VerifyOptions{Key: key})
	fmt.Println(v.Valid, v.Warnings[0].Code)
	// Output:
	// eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$02.uB970NMwI0DGAK72LfbzudKpWHiz3tNXh6BzgYICrPA
	// "$02", claims: false
	// true unencoded_payload
}
