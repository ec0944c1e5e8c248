package token_test

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// RFC 7515 Appendix A.6 and A.7: the payload and keys of A.2 (RS256) and
// A.3 (ES256), and the signatures over them.
const (
	rfc7515Payload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
	rfc7515RSA     = `{"kty":"RSA","kid":"2010-12-29","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}`
	rfc7515EC      = `{"kty":"EC","kid":"e9bc097a-ce51-4036-9562-d2ade882db0d","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`
	rfc7515RSASig  = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"
	rfc7515ECSig   = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"
	// rfc7515A6 is Appendix A.6, the flattened form.
	rfc7515A6 = `{"payload":"` + rfc7515Payload + `","protected":"eyJhbGciOiJFUzI1NiJ9","header":{"kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"},"signature":"` + rfc7515ECSig + `"}`
	// rfc7515A7 is Appendix A.7, the general form with both signatures.
	rfc7515A7 = `{"payload":"` + rfc7515Payload + `","signatures":[` +
		`{"protected":"eyJhbGciOiJSUzI1NiJ9","header":{"kid":"2010-12-29"},"signature":"` + rfc7515RSASig + `"},` +
		`{"protected":"eyJhbGciOiJFUzI1NiJ9","header":{"kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"},"signature":"` + rfc7515ECSig + `"}]}`
)

// RFC 7520 §4.8, multiple signatures (ietf-jose/cookbook
// jws/4_8.multiple_signatures.json): RS256, ES512 with its alg in the
// unprotected header, HS256; the public keys of §3.1, §3.3 and §3.5.
const (
	rfc7520RSA = `{"kty":"RSA","kid":"bilbo.baggins@hobbiton.example","use":"sig","n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw","e":"AQAB"}`
	rfc7520EC  = `{"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig","crv":"P-521","x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt","y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"}`
	rfc7520Oct = `{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}`
	rfc7520    = `{"payload":"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4","signatures":[` +
		`{"protected":"eyJhbGciOiJSUzI1NiJ9","header":{"kid":"bilbo.baggins@hobbiton.example"},"signature":"MIsjqtVlOpa71KE-Mss8_Nq2YH4FGhiocsqrgi5NvyG53uoimic1tcMdSg-qptrzZc7CG6Svw2Y13TDIqHzTUrL_lR2ZFcryNFiHkSw129EghGpwkpxaTn_THJTCglNbADko1MZBCdwzJxwqZc-1RlpO2HibUYyXSwO97BSe0_evZKdjvvKSgsIqjytKSeAMbhMBdMma622_BG5t4sdbuCHtFjp9iJmkio47AIwqkZV1aIZsv33uPUqBBCXbYoQJwt7mxPftHmNlGoOSMxR_3thmXTCm4US-xiNOyhbm8afKK64jU6_TPtQHiJeQJxz9G3Tx-083B745_AfYOnlC9w"},` +
		`{"header":{"alg":"ES512","kid":"bilbo.baggins@hobbiton.example"},"signature":"ARcVLnaJJaUWG8fG-8t5BREVAuTY8n8YHjwDO1muhcdCoFZFFjfISu0Cdkn9Ybdlmi54ho0x924DUz8sK7ZXkhc7AFM8ObLfTvNCrqcI3Jkl2U5IX3utNhODH6v7xgy1Qahsn0fyb4zSAkje8bAWz4vIfj5pCMYxxm4fgV3q7ZYhm5eD"},` +
		`{"protected":"eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9","signature":"s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0"}]}`
	// rfc7797JSON is RFC 7797 §4.2's flattened JWS: "b64": false, and a
	// payload with a period, which only the JSON form can carry unencoded.
	rfc7797JSON = `{"protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","payload":"$.02","signature":"A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"}`
)

// rfc7515Now is before the RFC 7515 payload's exp (1300819380).
var rfc7515Now = time.Unix(1300819000, 0)

// statuses lists each signature's status, in order.
func statuses(v *token.JSONVerification) string {
	var s []string
	for _, sv := range v.Signatures {
		s = append(s, sv.Status)
	}
	return strings.Join(s, ",")
}

func TestVerifyJSONRFCVectors(t *testing.T) {
	jwksOf := func(ks ...string) string { return `{"keys":[` + strings.Join(ks, ",") + `]}` }
	tests := []struct {
		name, jws, key string
		now            time.Time
		verifiedBy     []int
		statuses       string
		claimsValid    bool
	}{
		{"A.6 flattened, its EC key", rfc7515A6, rfc7515EC, rfc7515Now, []int{0}, "verified", true},
		{"A.6 flattened, the RSA key", rfc7515A6, rfc7515RSA, rfc7515Now, []int{}, "key_mismatch", true},
		{"A.7 general, the RSA key", rfc7515A7, rfc7515RSA, rfc7515Now, []int{0}, "verified,key_mismatch", true},
		{"A.7 general, the EC key", rfc7515A7, rfc7515EC, rfc7515Now, []int{1}, "key_mismatch,verified", true},
		{"A.7 general, a JWKS of both", rfc7515A7, jwksOf(rfc7515RSA, rfc7515EC), rfc7515Now, []int{0, 1}, "verified,verified", true},
		{"A.7 general, after exp", rfc7515A7, rfc7515RSA, time.Unix(1300819381, 0), []int{0}, "verified,key_mismatch", false},
		// The payload of RFC 7520 is text, not claims.
		{"RFC 7520 §4.8, the RSA key", rfc7520, rfc7520RSA, now, []int{0}, "verified,key_mismatch,key_mismatch", false},
		{"RFC 7520 §4.8, the P-521 key (alg unprotected)", rfc7520, rfc7520EC, now, []int{1}, "key_mismatch,verified,key_mismatch", false},
		{"RFC 7520 §4.8, the HMAC key", rfc7520, rfc7520Oct, now, []int{2}, "key_mismatch,key_mismatch,verified", false},
		{"RFC 7520 §4.8, a JWKS of the three", rfc7520, jwksOf(rfc7520RSA, rfc7520EC, rfc7520Oct), now, []int{0, 1, 2}, "verified,verified,verified", false},
		{"RFC 7797 §4.2, b64 false", rfc7797JSON, `{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`, now, []int{0}, "verified", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.VerifyJSON(tt.jws, token.VerifyOptions{Key: tt.key, Now: tt.now})
			if len(tt.verifiedBy) == 0 {
				// Nothing the key fits: the whole cannot be checked.
				if jwterr.CodeOf(err) != jwterr.KeyMismatch || v.SignatureValid {
					t.Fatalf("err = %v, signatureValid %v; want key_mismatch", err, v.SignatureValid)
				}
			} else if err != nil {
				t.Fatalf("VerifyJSON: %v", err)
			}
			if !slices.Equal(v.VerifiedBy, tt.verifiedBy) || statuses(v) != tt.statuses {
				t.Errorf("verifiedBy %v, statuses %s; want %v, %s (errors %s)", v.VerifiedBy, statuses(v), tt.verifiedBy, tt.statuses, errCodes(v.Errors))
			}
			if v.SignatureValid != (len(tt.verifiedBy) > 0) || v.ClaimsValid != tt.claimsValid || v.Valid != (v.SignatureValid && tt.claimsValid) {
				t.Errorf("signatureValid %v claimsValid %v valid %v; want %v %v", v.SignatureValid, v.ClaimsValid, v.Valid, len(tt.verifiedBy) > 0, tt.claimsValid)
			}
		})
	}
}

func TestDecodeJSONRFCVectors(t *testing.T) {
	d, err := token.DecodeJSON(rfc7520)
	if err != nil {
		t.Fatal(err)
	}
	if d.Form != token.FormGeneral || len(d.Signatures) != 3 || !strings.HasPrefix(d.PayloadText, "It’s a dangerous business") || d.Payload != nil {
		t.Fatalf("form %s, %d signatures, payload %q / %s", d.Form, len(d.Signatures), d.PayloadText, d.Payload)
	}
	es := d.Signatures[1]
	if es.Alg != "ES512" || es.AlgProtected() || es.Protected != nil || !slices.Equal(es.Unprotected, []string{"alg", "kid"}) || warnCodes(es.Warnings) != "unprotected_header" {
		t.Errorf("signature 1: alg %s (protected %v), protected %s, unprotected %v, warnings %s", es.Alg, es.AlgProtected(), es.Protected, es.Unprotected, warnCodes(es.Warnings))
	}
	hs := d.Signatures[2]
	if hs.Kid != "018c0ae5-4d9b-471b-bfd6-eef314bc7037" || len(hs.Unprotected) != 0 || hs.Header != nil || len(hs.Warnings) != 0 {
		t.Errorf("signature 2: kid %s, unprotected %v, header %s, warnings %s", hs.Kid, hs.Unprotected, hs.Header, warnCodes(hs.Warnings))
	}
	d, err = token.DecodeJSON(rfc7515A6)
	if err != nil || d.Form != token.FormFlattened || string(d.Signatures[0].Protected) != `{"alg":"ES256"}` || string(d.Signatures[0].Header) != `{"kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"}` {
		t.Fatalf("A.6: %v, %+v", err, d.Signatures)
	}
	if !strings.Contains(string(d.Payload), `"iss":"joe"`) {
		t.Errorf("A.6 payload %s", d.Payload)
	}
}

// jsonSign signs protected (raw JSON, or "" for none) over the payload
// segment with key under alg, and returns the signature's object, with
// header (raw JSON, or "") as its unprotected header.
func jsonSign(t *testing.T, alg, protected, header, payload string, key any) string {
	t.Helper()
	prot := ""
	if protected != "" {
		prot = b64([]byte(protected))
	}
	sig, err := jwt.GetSigningMethod(alg).Sign(prot+"."+payload, key)
	if err != nil {
		t.Fatalf("signing %s: %v", alg, err)
	}
	var members []string
	if prot != "" {
		members = append(members, `"protected":"`+prot+`"`)
	}
	if header != "" {
		members = append(members, `"header":`+header)
	}
	return "{" + strings.Join(append(members, `"signature":"`+b64(sig)+`"`), ",") + "}"
}

// general makes a general JWS JSON of the payload segment and signatures.
func general(payload string, sigs ...string) string {
	return `{"payload":"` + payload + `","signatures":[` + strings.Join(sigs, ",") + `]}`
}

// twoSignatures is a general JWS JSON signed with RS256 and ES256.
func twoSignatures(t *testing.T, payload string) (string, *rsa.PrivateKey, *ecdsa.PrivateKey) {
	t.Helper()
	k := testKeys(t)
	p := b64([]byte(payload))
	return general(p,
		jsonSign(t, "RS256", `{"alg":"RS256"}`, `{"kid":"rsa-1"}`, p, k.rsa),
		jsonSign(t, "ES256", `{"alg":"ES256","kid":"ec-1"}`, "", p, k.p256)), k.rsa, k.p256
}

func TestVerifyJSONEachSignature(t *testing.T) {
	const claims = `{"sub":"two","iat":1700000000,"exp":4102444800}`
	jws, rsaKey, ecKey := twoSignatures(t, claims)
	rsaPEM, ecPEM := publicPEM(t, &rsaKey.PublicKey), publicPEM(t, &ecKey.PublicKey)
	tampered := strings.Replace(jws, b64([]byte(claims)), b64([]byte(strings.Replace(claims, "two", "admin", 1))), 1)
	k := testKeys(t)
	tests := []struct {
		name, jws, key string
		verifiedBy     []int
		statuses       string
		errCode        jwterr.Code // VerifyJSON's error
		errors         string      // the verification's errors
	}{
		{"the RSA key verifies the RS256 signature only", jws, rsaPEM, []int{0}, "verified,key_mismatch", "", ""},
		{"the EC key verifies the ES256 signature only", jws, ecPEM, []int{1}, "key_mismatch,verified", "", ""},
		{"a JWKS of both verifies both", jws, jwks(t, jwk(t, &rsaKey.PublicKey, "kid", "rsa-1"), jwk(t, &ecKey.PublicKey, "kid", "ec-1")), []int{0, 1}, "verified,verified", "", ""},
		{"a JWKS of the RSA key only: the ES256 kid is not in it", jws, jwks(t, jwk(t, &rsaKey.PublicKey, "kid", "rsa-1")), []int{0}, "verified,no_key", "", ""},
		{"another RSA key: checked, no match", jws, publicPEM(t, &k.rsa2.PublicKey), []int{}, "invalid,key_mismatch", "", "signature_invalid"},
		{"tampered payload, the RSA key", tampered, rsaPEM, []int{}, "invalid,key_mismatch", "", "signature_invalid"},
		{"tampered payload, both keys", tampered, jwks(t, jwk(t, &rsaKey.PublicKey, "kid", "rsa-1"), jwk(t, &ecKey.PublicKey, "kid", "ec-1")), []int{}, "invalid,invalid", "", "signature_invalid"},
		{"no key", jws, "", []int{}, "no_key,no_key", jwterr.KeyMissing, ""},
		{"public-key text as a secret fits neither", jws, "not a key at all", []int{}, "key_mismatch,key_mismatch", jwterr.KeyMismatch, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.VerifyJSON(tt.jws, token.VerifyOptions{Key: tt.key, Now: now})
			if jwterr.CodeOf(err) != tt.errCode {
				t.Fatalf("err = %v, want code %q", err, tt.errCode)
			}
			if !slices.Equal(v.VerifiedBy, tt.verifiedBy) || statuses(v) != tt.statuses || errCodes(v.Errors) != tt.errors {
				t.Errorf("verifiedBy %v, statuses %s, errors %s; want %v, %s, %s", v.VerifiedBy, statuses(v), errCodes(v.Errors), tt.verifiedBy, tt.statuses, tt.errors)
			}
			if v.Valid != (len(tt.verifiedBy) > 0) {
				t.Errorf("valid %v with verifiedBy %v", v.Valid, v.VerifiedBy)
			}
		})
	}
}

func TestVerifyJSONSameChecksAsCompact(t *testing.T) {
	k := testKeys(t)
	p := b64([]byte(`{"sub":"x","exp":4102444800}`))
	secret := []byte(hmacSecret)
	rsaPEM := publicPEM(t, &k.rsa.PublicKey)
	tests := []struct {
		name, jws, key, status, code string
	}{
		{"alg none is never verified", general(p, `{"protected":"`+b64([]byte(`{"alg":"none"}`))+`","signature":""}`), hmacSecret, "refused", "alg_none"},
		{"alg none in the unprotected header", general(p, `{"header":{"alg":"none"},"signature":""}`), hmacSecret, "refused", "alg_none"},
		{"an unknown crit", general(p, jsonSign(t, "HS256", `{"alg":"HS256","crit":["urn:x"],"urn:x":1}`, "", p, secret)), hmacSecret, "refused", "crit_unsupported"},
		{"HS256 keyed with the RSA public key text (confusion)", general(p, jsonSign(t, "HS256", `{"alg":"HS256"}`, "", p, []byte(rsaPEM))), rsaPEM, "key_mismatch", "key_mismatch"},
		{"HS256 with alg unprotected, keyed with the PEM", general(p, jsonSign(t, "HS256", "", `{"alg":"HS256"}`, p, []byte(rsaPEM))), rsaPEM, "key_mismatch", "key_mismatch"},
		{"an unsupported alg", general(p, `{"protected":"`+b64([]byte(`{"alg":"XS1"}`))+`","signature":"AA"}`), hmacSecret, "refused", "unsupported_alg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := token.VerifyJSON(tt.jws, token.VerifyOptions{Key: tt.key, Now: now})
			if v.SignatureValid || v.Valid || statuses(v) != tt.status {
				t.Fatalf("signatureValid %v, statuses %s; want %s", v.SignatureValid, statuses(v), tt.status)
			}
			if got := errCodes(v.Signatures[0].Errors); !strings.Contains(got, tt.code) {
				t.Errorf("signature errors %s, want %s", got, tt.code)
			}
		})
	}
}

func TestVerifyJSONWarnings(t *testing.T) {
	k := testKeys(t)
	p := b64([]byte(`{"sub":"x"}`))
	jws := general(p, jsonSign(t, "RS256", `{"alg":"RS256"}`, `{"kid":"k"}`, p, k.rsa))
	v, err := token.VerifyJSON(jws, token.VerifyOptions{Key: privatePEM(t, k.rsa), Now: now})
	if err != nil || !v.Valid {
		t.Fatalf("%v, valid %v, errors %s", err, v.Valid, errCodes(v.Errors))
	}
	if got := warnCodes(v.Warnings); got != "private_key,unprotected_header" {
		t.Errorf("warnings %s, want private_key,unprotected_header", got)
	}
	if !strings.HasPrefix(v.Warnings[1].Message, "signature 0: ") || !strings.Contains(v.Warnings[1].Message, `"kid"`) {
		t.Errorf("warning %q does not name the signature and the member", v.Warnings[1].Message)
	}
	if v.Provenance == nil || v.Provenance.Headline != "Signature verified" || v.Key == "" {
		t.Errorf("provenance %+v, key %q", v.Provenance, v.Key)
	}
}

func TestDecodeJSONRefuses(t *testing.T) {
	k := testKeys(t)
	p := b64([]byte(`{"sub":"x"}`))
	secret := []byte(hmacSecret)
	good := jsonSign(t, "HS256", `{"alg":"HS256"}`, "", p, secret)
	protHS := b64([]byte(`{"alg":"HS256"}`))
	unenc := jsonSign(t, "HS256", `{"alg":"HS256","b64":false,"crit":["b64"]}`, "", p, secret)
	tests := []struct {
		name, text string
		code       jwterr.Code
		message    string
	}{
		{"not JSON", `{"payload":`, jwterr.BadJSON, "the JWS JSON is not valid JSON"},
		{"nested too deep", `{"payload":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`, jwterr.TooDeep, ""},
		{"no payload", `{"signatures":[` + good + `]}`, jwterr.Malformed, `no "payload"`},
		{"payload not a string", `{"payload":1,"signatures":[` + good + `]}`, jwterr.BadJSON, `"payload" must be a string, not the number 1`},
		{"neither form", `{"payload":"` + p + `"}`, jwterr.Malformed, `neither "signatures"`},
		{"signatures and signature", `{"payload":"` + p + `","signatures":[` + good + `],"signature":"AA","protected":"` + protHS + `"}`, jwterr.Malformed, `both "signatures" and a top-level`},
		{"signatures and a top-level header", `{"payload":"` + p + `","signatures":[` + good + `],"header":{"kid":"x"}}`, jwterr.Malformed, `both "signatures" and a top-level "header"`},
		{"empty signatures", `{"payload":"` + p + `","signatures":[]}`, jwterr.Malformed, `"signatures" is empty`},
		{"signatures not an array", `{"payload":"` + p + `","signatures":{}}`, jwterr.BadJSON, `"signatures" must be an array of objects`},
		{"a signature not an object", `{"payload":"` + p + `","signatures":["x"]}`, jwterr.BadJSON, `signatures[0] must be an object`},
		{"payload twice", `{"payload":"` + p + `","payload":"` + b64([]byte(`{"sub":"admin"}`)) + `","signatures":[` + good + `]}`, jwterr.Malformed, `the member "payload" twice`},
		{"Payload beside payload", `{"payload":"` + p + `","Payload":"x","signatures":[` + good + `]}`, jwterr.Malformed, `member names are case-sensitive`},
		{"flattened, protected and header share alg", `{"payload":"` + p + `","protected":"` + protHS + `","header":{"alg":"HS256"},"signature":"AA"}`, jwterr.Malformed, "must be disjoint"},
		{"flattened, crit unprotected", `{"payload":"` + p + `","protected":"` + protHS + `","header":{"crit":["b64"]},"signature":"AA"}`, jwterr.CritInvalid, "integrity-protected"},
		{"flattened, b64 unprotected", `{"payload":"` + p + `","protected":"` + protHS + `","header":{"b64":false},"signature":"AA"}`, jwterr.CritInvalid, "integrity-protected"},
		{"flattened, no alg anywhere", `{"payload":"` + p + `","header":{"kid":"x"},"signature":"AA"}`, jwterr.MissingAlg, `no "alg"`},
		{"flattened, no header at all", `{"payload":"` + p + `","signature":"AA"}`, jwterr.Malformed, `neither "protected" nor "header"`},
		{"flattened, protected empty", `{"payload":"` + p + `","protected":"","signature":"AA"}`, jwterr.Malformed, "is empty"},
		{"flattened, protected not base64url", `{"payload":"` + p + `","protected":"e+J9","signature":"AA"}`, jwterr.BadBase64, `in the JWS JSON."protected"`},
		{"flattened, protected not an object", `{"payload":"` + p + `","protected":"` + b64([]byte(`[1]`)) + `","signature":"AA"}`, jwterr.HeaderNotObject, "not an object"},
		{"flattened, signature standard base64", `{"payload":"` + p + `","protected":"` + protHS + `","signature":"A+A"}`, jwterr.BadBase64, `in the JWS JSON."signature": the signature is not base64url: bad character '+'`},
		{"flattened, header duplicate", `{"payload":"` + p + `","protected":"` + protHS + `","header":{"kid":"a","kid":"b"},"signature":"AA"}`, jwterr.Malformed, `the member "kid" twice`},
		{"payload not base64url", `{"payload":"a.b","signatures":[` + good + `]}`, jwterr.BadBase64, `in "payload"`},
		{"b64 disagreement", general(p, good, unenc), jwterr.CritInvalid, `disagree on "b64"`},
		{"unencoded payload with a lone surrogate", `{"payload":"\ud800x","signatures":[` + unenc + `]}`, jwterr.Malformed, "lone surrogate"},
		{"too many signatures", general(p, slices.Repeat([]string{good}, 33)...), jwterr.TooLarge, "over the limit of 32"},
		{"not an object", `[1]`, jwterr.Malformed, "must be a JSON object"},
	}
	_ = k
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := token.DecodeJSON(tt.text)
			e := jwterr.From(err, "")
			if e == nil || e.Code != tt.code || !strings.Contains(e.Message, tt.message) {
				t.Fatalf("err = %v (%s), want %s containing %q", err, jwterr.CodeOf(err), tt.code, tt.message)
			}
			// verify refuses it with the same error, never verified.
			v, verr := token.VerifyJSON(tt.text, token.VerifyOptions{Key: hmacSecret, Now: now})
			if jwterr.CodeOf(verr) != tt.code || v.SignatureValid || v.Valid {
				t.Errorf("VerifyJSON: %v, signatureValid %v", verr, v.SignatureValid)
			}
		})
	}
}

// A signature of a general JWS that cannot be read is refused on its own;
// the others still verify, as in jose's generalVerify.
func TestVerifyJSONBrokenSignatureAmongGood(t *testing.T) {
	p := b64([]byte(`{"sub":"x"}`))
	good := jsonSign(t, "HS256", `{"alg":"HS256"}`, "", p, []byte(hmacSecret))
	broken := `{"protected":"` + b64([]byte(`{"alg":"HS256"}`)) + `","header":{"alg":"none"},"signature":""}`
	v, err := token.VerifyJSON(general(p, broken, good), token.VerifyOptions{Key: hmacSecret, Now: now})
	if err != nil || !v.Valid || statuses(v) != "refused,verified" {
		t.Fatalf("%v: valid %v, statuses %s", err, v.Valid, statuses(v))
	}
	if e := v.Signatures[0].Errors[0]; e.Code != jwterr.Malformed || !strings.Contains(e.Message, "signatures[0]") {
		t.Errorf("signature 0's error %v does not say where", e)
	}
}

func TestToCompactAndBack(t *testing.T) {
	tok := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"x"}`)
	j, err := token.ToJSON(tok)
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]string
	if err := json.Unmarshal([]byte(j), &f); err != nil || len(f) != 3 || !strings.HasPrefix(j, `{"payload":`) {
		t.Fatalf("ToJSON = %s (%v)", j, err)
	}
	back, err := token.ToCompact(j)
	if err != nil || back != tok {
		t.Fatalf("ToCompact = %q, %v; want %q", back, err, tok)
	}
	v, err := token.VerifyJSON(j, token.VerifyOptions{Key: hmacSecret, Now: now})
	if err != nil || !v.Valid {
		t.Fatalf("the flattened form does not verify: %v", err)
	}
	for name, text := range map[string]string{
		"unprotected header": rfc7515A6,
		"two signatures":     rfc7515A7,
		"a period unencoded": rfc7797JSON,
	} {
		if _, err := token.ToCompact(text); err == nil {
			t.Errorf("ToCompact accepted a JWS JSON with %s", name)
		}
	}
}

func ExampleVerifyJSON() {
	// RFC 7515 Appendix A.7: RS256 and ES256 over one payload; the RSA key
	// verifies the first, and does not fit the second.
	v, _ := token.VerifyJSON(rfc7515A7, token.VerifyOptions{Key: rfc7515RSA, Now: time.Unix(1300819000, 0)})
	fmt.Println(v.Form, v.Valid, v.VerifiedBy)
	for _, s := range v.Signatures {
		fmt.Println(s.Index, s.Alg, s.Status, s.Unprotected)
	}
	// Output:
	// general true [0]
	// 0 RS256 verified [kid]
	// 1 ES256 key_mismatch [kid]
}

// A padded member is read as a compact token's part is: with a warning.
func TestDecodeJSONPaddingWarns(t *testing.T) {
	p := b64([]byte(`{"sub":"x"}`))
	good := jsonSign(t, "HS256", `{"alg":"HS256"}`, "", p, []byte(hmacSecret))
	d, err := token.DecodeJSON(general(p, strings.Replace(good, `"}`, `="}`, 1)))
	if err != nil || warnCodes(d.Signatures[0].Warnings) != "noncanonical_base64" || !strings.Contains(d.Signatures[0].Warnings[0].Message, `signatures[0]."signature"`) {
		t.Fatalf("%v: warnings %+v", err, d.Signatures[0].Warnings)
	}
}

func ExampleToCompact() {
	// A flattened JWS JSON of one signature and no unprotected header is a
	// compact token written another way: the same parts, the same signature.
	tok, _ := token.ToCompact(`{"payload":"eyJzdWIiOiJ4In0","protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}`)
	fmt.Println(tok)
	// An unprotected header has no place in a compact token.
	_, err := token.ToCompact(`{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiJ9","header":{"kid":"k"},"signature":"c2ln"}`)
	fmt.Println(err)
	// Output:
	// eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln
	// the signature has an unprotected header ("kid"): a compact token has none, and dropping it would change what the token says
}
