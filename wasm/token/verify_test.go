package token_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestVerifyRoundTrip signs a token with every algorithm and every way of
// writing its private key, then verifies it with every way of writing the
// public key.
func TestVerifyRoundTrip(t *testing.T) {
	k := testKeys(t)
	const payload = `{"sub":"1234567890","iat":1699999990,"exp":1700000600}`
	for _, alg := range keys.Algorithms() {
		for _, sk := range signingKeys(t, alg) {
			t.Run(alg+"/"+sk.name, func(t *testing.T) {
				tok, err := token.Encode(token.EncodeInput{
					Header:         `{"alg":"` + alg + `","typ":"JWT"}`,
					Payload:        payload,
					Key:            sk.text,
					SecretEncoding: sk.enc,
				})
				if err != nil {
					t.Fatalf("Encode: %v", err)
				}
				for _, vk := range verifyingKeys(t, alg) {
					v, err := token.Verify(tok, token.VerifyOptions{Key: vk.text, SecretEncoding: vk.enc, Now: now})
					if err != nil {
						t.Errorf("Verify with %s: %v", vk.name, err)
						continue
					}
					if !v.Valid || !v.SignatureValid || !v.ClaimsValid || len(v.Errors) != 0 {
						t.Errorf("Verify with %s = %+v, want valid", vk.name, v)
					}
					if v.Alg != alg || v.Key == "" {
						t.Errorf("Verify with %s: Alg %q, Key %q", vk.name, v.Alg, v.Key)
					}
				}
				// golang-jwt, verifying independently, agrees.
				var verifyKey any = []byte(hmacSecret)
				if priv, _ := k.signer(alg); priv != nil {
					verifyKey = priv.Public()
				}
				_, err = jwt.Parse(tok, func(*jwt.Token) (any, error) { return verifyKey, nil },
					jwt.WithValidMethods([]string{alg}), jwt.WithTimeFunc(func() time.Time { return now }))
				if err != nil {
					t.Errorf("golang-jwt does not verify the token: %v", err)
				}
			})
		}
	}
}

// TestVerifyGolangJWT verifies tokens that golang-jwt signed.
func TestVerifyGolangJWT(t *testing.T) {
	k := testKeys(t)
	for _, alg := range keys.Algorithms() {
		t.Run(alg, func(t *testing.T) {
			var signKey any = []byte(hmacSecret)
			if priv, _ := k.signer(alg); priv != nil {
				signKey = priv
			}
			tok, err := jwt.NewWithClaims(jwt.GetSigningMethod(alg), jwt.MapClaims{"sub": "1"}).SignedString(signKey)
			if err != nil {
				t.Fatalf("golang-jwt SignedString: %v", err)
			}
			vk := verifyingKeys(t, alg)[0]
			v, err := token.Verify(tok, token.VerifyOptions{Key: vk.text, SecretEncoding: vk.enc, Now: now})
			if err != nil || !v.Valid {
				t.Errorf("Verify = %+v, %v; want valid", v, err)
			}
		})
	}
}

func TestVerifyKeyNames(t *testing.T) {
	k := testKeys(t)
	tests := []struct {
		name string
		alg  string
		key  keyText
		want string
	}{
		{"secret", "HS256", keyText{text: hmacSecret}, "the shared secret (UTF-8 text)"},
		{"hex secret", "HS384", keyText{text: "6869", enc: keys.Hex}, "the shared secret (hex)"},
		{"PEM", "ES256", keyText{text: publicPEM(t, &k.p256.PublicKey)}, "PKIX public key (PEM)"},
		{"JWKS", "EdDSA", keyText{text: jwks(t, jwk(t, k.ed.Public(), "kid", "ed-1"))}, `JWK (kid "ed-1")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var signWith string
			switch {
			case strings.HasPrefix(tt.alg, "HS"):
				signWith = tt.key.text
			case tt.alg == "ES256":
				signWith = privatePEM(t, k.p256)
			default:
				signWith = privatePEM(t, k.ed)
			}
			tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"` + tt.alg + `","kid":"ed-1"}`, Payload: `{}`, Key: signWith, SecretEncoding: tt.key.enc})
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			v, err := token.Verify(tok, token.VerifyOptions{Key: tt.key.text, SecretEncoding: tt.key.enc, Now: now})
			if err != nil || !v.Valid {
				t.Fatalf("Verify = %+v, %v; want valid", v, err)
			}
			if v.Key != tt.want || v.Kid != "ed-1" {
				t.Errorf("Key, Kid = %q, %q; want %q, ed-1", v.Key, v.Kid, tt.want)
			}
		})
	}
}

// TestVerifyBadSignature checks tokens whose signature does not match:
// Verify reports it in Errors, not as its error.
func TestVerifyBadSignature(t *testing.T) {
	k := testKeys(t)
	for _, alg := range keys.Algorithms() {
		t.Run(alg, func(t *testing.T) {
			sk := signingKeys(t, alg)[0]
			tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"` + alg + `"}`, Payload: `{"admin":false}`, Key: sk.text, SecretEncoding: sk.enc})
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			parts := strings.Split(tok, ".")
			tampered := parts[0] + "." + b64([]byte(`{"admin":true}`)) + "." + parts[2]

			otherKey := keyText{name: "other secret", text: hmacSecret + "!"}
			if _, other := k.signer(alg); other != nil {
				otherKey = keyText{name: "other key", text: publicPEM(t, other.Public())}
			}
			vk := verifyingKeys(t, alg)[0]
			cases := []struct {
				name  string
				token string
				key   keyText
			}{
				{"tampered payload", tampered, vk},
				{"zero signature", parts[0] + "." + parts[1] + "." + b64(make([]byte, sigSize[alg])), vk},
				{"empty signature", parts[0] + "." + parts[1] + ".", vk},
			}
			if alg != "ES384" && alg != "ES512" { // the tests have one key of those curves
				cases = append(cases, struct {
					name  string
					token string
					key   keyText
				}{"wrong key", tok, otherKey})
			}
			for _, c := range cases {
				v, err := token.Verify(c.token, token.VerifyOptions{Key: c.key.text, SecretEncoding: c.key.enc, Now: now})
				if err != nil {
					t.Errorf("%s: Verify error %v, want none", c.name, err)
					continue
				}
				if v.Valid || v.SignatureValid || !v.ClaimsValid || v.Key != "" {
					t.Errorf("%s: Valid %v, SignatureValid %v, ClaimsValid %v, Key %q; want false, false, true, none", c.name, v.Valid, v.SignatureValid, v.ClaimsValid, v.Key)
				}
				if got := errCodes(v.Errors); got != "signature_invalid" {
					t.Errorf("%s: errors %q, want signature_invalid", c.name, got)
				} else if v.Errors[0].Part != jwterr.PartSignature {
					t.Errorf("%s: error part %q, want signature", c.name, v.Errors[0].Part)
				}
			}
		})
	}
}

func TestVerifySeveralKeys(t *testing.T) {
	k := testKeys(t)
	tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256"}`, Payload: `{}`, Key: privatePEM(t, k.p256b)})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	// Without kids, every key that fits is tried.
	set := jwks(t, jwk(t, &k.rsa.PublicKey), jwk(t, &k.p256.PublicKey), jwk(t, &k.p256b.PublicKey))
	v, err := token.Verify(tok, token.VerifyOptions{Key: set, Now: now})
	if err != nil || !v.Valid {
		t.Errorf("Verify with the key third in the set = %+v, %v; want valid", v, err)
	}
	v, err = token.Verify(tok, token.VerifyOptions{Key: jwks(t, jwk(t, &k.p256.PublicKey), jwk(t, &k.rsa.PublicKey), jwk(t, &k.p256.PublicKey)), Now: now})
	if err != nil || v.SignatureValid {
		t.Fatalf("Verify with other keys = %+v, %v; want a bad signature", v, err)
	}
	if len(v.Errors) != 1 || !strings.Contains(v.Errors[0].Message, "does not match any of the keys that fit ES256") {
		t.Errorf("errors = %+v, want one that says no key fits", v.Errors)
	}
}

func TestVerifyKeyErrors(t *testing.T) {
	k := testKeys(t)
	hs := hs256(`{"alg":"HS256"}`, `{"sub":"1"}`)
	es, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256","kid":"e1"}`, Payload: `{}`, Key: privatePEM(t, k.p256)})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	tests := []struct {
		name  string
		token string
		key   string
		enc   keys.Encoding
		code  jwterr.Code
		part  jwterr.Part
		at    int
		want  []string
	}{
		{"no key", hs, "", "", jwterr.KeyMissing, jwterr.PartKey, noOffset, []string{"empty"}},
		{"no key for ES256", es, "", "", jwterr.KeyMissing, jwterr.PartKey, noOffset, nil},
		{"white space for ES256", es, " \n", "", jwterr.KeyMissing, jwterr.PartKey, noOffset, nil},
		{"RSA public key for HS256", hs, publicPEM(t, &k.rsa.PublicKey), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"algorithm-confusion"}},
		{"EC JWK for HS256", hs, jsonOf(t, jwk(t, &k.p256.PublicKey)), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"algorithm-confusion"}},
		{"secret for ES256", es, "my secret", "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"ES256 needs a public or private key as PEM or JWK"}},
		{"P-384 key for ES256", es, publicPEM(t, &k.p384.PublicKey), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"on P-384"}},
		{"kid not in the set", es, jwks(t, jwk(t, &k.p256.PublicKey, "kid", "other")), "", jwterr.KidNotFound, jwterr.PartKey, noOffset, []string{`"e1"`, `"other"`}},
		{"bad secret", hs, "zz", keys.Hex, jwterr.KeyInvalid, jwterr.PartKey, 0, []string{"not valid hex"}},
		{"bad PEM", es, "-----BEGIN PUBLIC KEY-----\nAAAA", "", jwterr.KeyInvalid, jwterr.PartKey, noOffset, []string{"incomplete"}},
		{"unsupported alg", hs256(`{"alg":"HS1024"}`, `{}`), hmacSecret, "", jwterr.UnsupportedAlg, jwterr.PartHeader, noOffset, []string{`"HS1024"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(tt.token, token.VerifyOptions{Key: tt.key, SecretEncoding: tt.enc, Now: now})
			checkError(t, err, tt.code, tt.part, tt.at, tt.want...)
			if v == nil {
				t.Fatalf("Verify returned a nil *Verification")
			}
			if v.Valid || v.SignatureValid {
				t.Errorf("Valid %v, SignatureValid %v; want false", v.Valid, v.SignatureValid)
			}
		})
	}
}

func TestVerifyMalformed(t *testing.T) {
	v, err := token.Verify("not a token", token.VerifyOptions{Key: hmacSecret, Now: now})
	checkError(t, err, jwterr.Malformed, jwterr.PartToken, noOffset)
	if v == nil || v.Valid || v.Errors == nil {
		t.Errorf("Verification = %+v, want invalid with an empty error list", v)
	}
}

// TestVerifyAlgNone checks that an unsecured token is never valid, whatever
// the key, and that this is a finding rather than a failure to verify.
func TestVerifyAlgNone(t *testing.T) {
	tests := []struct {
		name  string
		token string
		key   string
	}{
		{"no key", b64([]byte(`{"alg":"none"}`)) + "." + b64([]byte(`{"sub":"1"}`)) + ".", ""},
		{"with a secret", b64([]byte(`{"alg":"none"}`)) + "." + b64([]byte(`{"sub":"1"}`)) + ".", hmacSecret},
		{"with a signature", b64([]byte(`{"alg":"none"}`)) + "." + b64([]byte(`{"sub":"1"}`)) + "." + b64([]byte("sig")), hmacSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(tt.token, token.VerifyOptions{Key: tt.key, Now: now})
			if err != nil {
				t.Fatalf("Verify error %v, want none", err)
			}
			if v.Valid || v.SignatureValid || !v.ClaimsValid || v.Alg != "none" {
				t.Errorf("Valid %v, SignatureValid %v, ClaimsValid %v, Alg %q; want false, false, true, none", v.Valid, v.SignatureValid, v.ClaimsValid, v.Alg)
			}
			if got := errCodes(v.Errors); got != "alg_none" {
				t.Errorf("errors = %q, want alg_none", got)
			}
		})
	}
}

// TestVerifyClaims checks exp, nbf, iat, iss and aud at a fixed time.
func TestVerifyClaims(t *testing.T) {
	tests := []struct {
		name     string
		payload  string
		now      time.Time // zero: now
		leeway   time.Duration
		issuer   string
		audience []string
		errors   string // the error codes, in order
		want     string // in the first error's message
	}{
		{"no claims", `{}`, time.Time{}, 0, "", nil, "", ""},
		{"exp in the future", `{"exp":1700000001}`, time.Time{}, 0, "", nil, "", ""},
		{"exp now", `{"exp":1700000000}`, time.Time{}, 0, "", nil, "token_expired", "the token expired just now (exp 2023-11-14 22:13:20 UTC)"},
		{"exp a second ago", `{"exp":1699999999}`, time.Time{}, 0, "", nil, "token_expired", "expired 1 second ago"},
		{"exp 3 days ago", `{"exp":1699740800}`, time.Time{}, 0, "", nil, "token_expired", "expired 3 days ago"},
		{"exp within leeway", `{"exp":1699999970}`, time.Time{}, time.Minute, "", nil, "", ""},
		{"exp at the end of the leeway", `{"exp":1699999940}`, time.Time{}, time.Minute, "", nil, "token_expired", ""},
		{"exp fractional, not yet", `{"exp":1700000000.5}`, time.Time{}, 0, "", nil, "", ""},
		{"exp fractional, past", `{"exp":1699999999.5}`, time.Time{}, 0, "", nil, "token_expired", ""},
		{"exp fractional against a fractional now", `{"exp":1700000000.25}`, time.Unix(1700000000, 250_000_000), 0, "", nil, "token_expired", ""},
		{"exp against a fractional now", `{"exp":1700000000.5}`, time.Unix(1700000000, 250_000_000), 0, "", nil, "", ""},
		{"now after 2262", `{"exp":4102444800}`, time.Unix(32503680000, 0), 0, "", nil, "token_expired", "(exp 2100-01-01 00:00:00 UTC)"},
		{"now before 1678", `{"nbf":0}`, time.Unix(-9999999999, 0), 0, "", nil, "token_not_valid_yet", "becomes valid in 316 years"},
		{"exp in exponent form", `{"exp":1.7000001e9}`, time.Time{}, 0, "", nil, "", ""},
		{"exp huge", `{"exp":1e20}`, time.Time{}, 0, "", nil, "", ""},
		{"exp beyond float64", `{"exp":1e400}`, time.Time{}, 0, "", nil, "", ""},
		{"nbf beyond float64", `{"nbf":1e400}`, time.Time{}, 0, "", nil, "token_not_valid_yet", "it becomes valid never (nbf +Inf)"},
		{"exp negative", `{"exp":-1}`, time.Time{}, 0, "", nil, "token_expired", "(exp 1969-12-31 23:59:59 UTC)"},
		{"exp huge negative", `{"exp":-1e20}`, time.Time{}, 0, "", nil, "token_expired", "(exp -1e+20)"},
		{"exp zero", `{"exp":0}`, time.Time{}, 0, "", nil, "token_expired", "1970-01-01 00:00:00 UTC"},
		{"exp a string", `{"exp":"1700000600"}`, time.Time{}, 0, "", nil, "claim_invalid", `"exp" must be a NumericDate (a number of seconds since 1970), not the string "1700000600"`},
		{"exp null", `{"exp":null}`, time.Time{}, 0, "", nil, "claim_invalid", "not null"},
		{"exp a boolean", `{"exp":true}`, time.Time{}, 0, "", nil, "claim_invalid", "not the boolean true"},
		{"exp an object", `{"exp":{}}`, time.Time{}, 0, "", nil, "claim_invalid", "not an object"},
		{"nbf now", `{"nbf":1700000000}`, time.Time{}, 0, "", nil, "", ""},
		{"nbf in the future", `{"nbf":1700000010}`, time.Time{}, 0, "", nil, "token_not_valid_yet", "becomes valid in 10 seconds"},
		{"nbf within leeway", `{"nbf":1700000010}`, time.Time{}, 10 * time.Second, "", nil, "", ""},
		{"nbf beyond leeway", `{"nbf":1700000011}`, time.Time{}, 10 * time.Second, "", nil, "token_not_valid_yet", ""},
		{"nbf negative", `{"nbf":-100}`, time.Time{}, 0, "", nil, "", ""},
		{"nbf a string", `{"nbf":"soon"}`, time.Time{}, 0, "", nil, "claim_invalid", `"nbf"`},
		{"iat in the past", `{"iat":1699999000}`, time.Time{}, 0, "", nil, "", ""},
		{"iat now", `{"iat":1700000000}`, time.Time{}, 0, "", nil, "", ""},
		{"iat in the future", `{"iat":1700003600}`, time.Time{}, 0, "", nil, "token_used_before_issued", "issued in the future, in 1 hour"},
		{"iat within leeway", `{"iat":1700000005}`, time.Time{}, 5 * time.Second, "", nil, "", ""},
		{"iat an array", `{"iat":[1]}`, time.Time{}, 0, "", nil, "claim_invalid", `"iat" must be a NumericDate`},
		{"issuer matches", `{"iss":"https://issuer.example"}`, time.Time{}, 0, "https://issuer.example", nil, "", ""},
		{"issuer differs", `{"iss":"https://evil.example"}`, time.Time{}, 0, "https://issuer.example", nil, "invalid_issuer",
			`the issuer is "https://evil.example", not the expected "https://issuer.example"`},
		{"issuer missing", `{}`, time.Time{}, 0, "me", nil, "invalid_issuer", `no "iss" claim`},
		{"issuer a number", `{"iss":1}`, time.Time{}, 0, "1", nil, "invalid_issuer", `"iss" must be a string, not the number 1`},
		{"issuer not checked", `{"iss":"anyone"}`, time.Time{}, 0, "", nil, "", ""},
		{"audience string", `{"aud":"api"}`, time.Time{}, 0, "", []string{"api"}, "", ""},
		{"audience array", `{"aud":["web","api"]}`, time.Time{}, 0, "", []string{"api"}, "", ""},
		{"one of the audiences", `{"aud":"web"}`, time.Time{}, 0, "", []string{"api", "web"}, "", ""},
		{"audience differs", `{"aud":"web"}`, time.Time{}, 0, "", []string{"api"}, "invalid_audience", `the audience is "web", which does not include "api"`},
		{"audience array differs", `{"aud":["web","app"]}`, time.Time{}, 0, "", []string{"api", "cli"}, "invalid_audience", `"web" or "app", which does not include "api" or "cli"`},
		{"audience list clipped", `{"aud":["a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11","a12"]}`, time.Time{}, 0, "", []string{"api"}, "invalid_audience", `"a9" or "a10" (and 2 more), which does not include "api"`},
		{"audience empty array", `{"aud":[]}`, time.Time{}, 0, "", []string{"api"}, "invalid_audience", "the audience is empty"},
		{"audience missing", `{"sub":"1"}`, time.Time{}, 0, "", []string{"api"}, "invalid_audience", `no "aud" claim; expected "api"`},
		{"audience a number", `{"aud":1}`, time.Time{}, 0, "", []string{"1"}, "invalid_audience", "not the number 1"},
		{"audience array of numbers", `{"aud":["api",1]}`, time.Time{}, 0, "", []string{"api"}, "invalid_audience", "holds the number 1"},
		{"audience in a different case", `{"aud":"API"}`, time.Time{}, 0, "", []string{"api"}, "invalid_audience", ""},
		{"audience not checked", `{"aud":"web"}`, time.Time{}, 0, "", nil, "", ""},
		{"every failure is reported", `{"exp":1,"nbf":1800000000,"iat":1800000000,"iss":"x","aud":"y"}`, time.Time{}, 0, "z", []string{"w"},
			"token_expired,token_not_valid_yet,token_used_before_issued,invalid_issuer,invalid_audience", ""},
		{"all claims good", `{"exp":1700000600,"nbf":1699999000,"iat":1699999000,"iss":"me","aud":["api"]}`, time.Time{}, 0, "me", []string{"api"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := tt.now
			if at.IsZero() {
				at = now
			}
			v, err := token.Verify(hs256(`{"alg":"HS256"}`, tt.payload), token.VerifyOptions{
				Key: hmacSecret, Now: at, Leeway: tt.leeway, Issuer: tt.issuer, Audience: tt.audience,
			})
			if err != nil {
				t.Fatalf("Verify error: %v", err)
			}
			if !v.SignatureValid {
				t.Fatalf("SignatureValid = false, want true")
			}
			if got := errCodes(v.Errors); got != tt.errors {
				t.Fatalf("errors = %q, want %q (%+v)", got, tt.errors, v.Errors)
			}
			if v.ClaimsValid != (tt.errors == "") || v.Valid != (tt.errors == "") {
				t.Errorf("ClaimsValid %v, Valid %v; want both %v", v.ClaimsValid, v.Valid, tt.errors == "")
			}
			for _, e := range v.Errors {
				if e.Part != jwterr.PartPayload || e.Message == "" {
					t.Errorf("error %+v: want part payload and a message", e)
				}
			}
			if tt.want != "" && !strings.Contains(v.Errors[0].Message, tt.want) {
				t.Errorf("message %q does not contain %q", v.Errors[0].Message, tt.want)
			}
		})
	}
}

func TestVerifyPayloadNotObject(t *testing.T) {
	for _, payload := range []string{`[1]`, `"text"`, `not json`, "\xff"} {
		t.Run(payload, func(t *testing.T) {
			v, err := token.Verify(hs256(`{"alg":"HS256"}`, payload), token.VerifyOptions{Key: hmacSecret, Now: now})
			if err != nil {
				t.Fatalf("Verify error: %v", err)
			}
			if !v.SignatureValid || v.ClaimsValid || v.Valid {
				t.Errorf("SignatureValid %v, ClaimsValid %v, Valid %v; want true, false, false", v.SignatureValid, v.ClaimsValid, v.Valid)
			}
			if got := errCodes(v.Errors); got != "claim_invalid" {
				t.Errorf("errors = %q, want claim_invalid", got)
			}
		})
	}
}

// TestVerifyExpiredGoodSignature checks that signature and claims are
// judged apart: an expired token can still be correctly signed.
func TestVerifyExpiredGoodSignature(t *testing.T) {
	v, err := token.Verify(hs256(`{"alg":"HS256"}`, `{"exp":1600000000}`), token.VerifyOptions{Key: hmacSecret, Now: now})
	if err != nil {
		t.Fatalf("Verify error: %v", err)
	}
	if !v.SignatureValid || v.ClaimsValid || v.Valid {
		t.Errorf("SignatureValid %v, ClaimsValid %v, Valid %v; want true, false, false", v.SignatureValid, v.ClaimsValid, v.Valid)
	}
	if got := errCodes(v.Errors); got != "token_expired" {
		t.Errorf("errors = %q, want token_expired", got)
	}
}

// TestVerifyKeyErrorReportsClaims checks that the claims are judged even
// when there is no key to check the signature with.
func TestVerifyKeyErrorReportsClaims(t *testing.T) {
	tests := []struct {
		name        string
		payload     string
		claimsValid bool
		errors      string
	}{
		{"good claims", `{"exp":1800000000}`, true, ""},
		{"expired", `{"exp":1600000000}`, false, "token_expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := token.Verify(hs256(`{"alg":"HS256","kid":"k"}`, tt.payload), token.VerifyOptions{Key: "", Now: now})
			checkError(t, err, jwterr.KeyMissing, jwterr.PartKey, noOffset)
			if v.ClaimsValid != tt.claimsValid || v.SignatureValid || v.Valid {
				t.Errorf("ClaimsValid %v, SignatureValid %v, Valid %v; want %v, false, false", v.ClaimsValid, v.SignatureValid, v.Valid, tt.claimsValid)
			}
			if got := errCodes(v.Errors); got != tt.errors {
				t.Errorf("errors = %q, want %q", got, tt.errors)
			}
			if v.Alg != "HS256" || v.Kid != "k" {
				t.Errorf("Alg, Kid = %q, %q; want HS256, k", v.Alg, v.Kid)
			}
		})
	}
}

// TestVerifyDefaultNow checks that a zero Now means the current time.
func TestVerifyDefaultNow(t *testing.T) {
	tests := []struct {
		name  string
		exp   time.Time
		valid bool
	}{
		{"an hour from now", time.Now().Add(time.Hour), true},
		{"an hour ago", time.Now().Add(-time.Hour), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload := `{"exp":` + jsonOf(t, tt.exp.Unix()) + `}`
			v, err := token.Verify(hs256(`{"alg":"HS256"}`, payload), token.VerifyOptions{Key: hmacSecret})
			if err != nil || v.Valid != tt.valid {
				t.Errorf("Verify = %+v, %v; want valid %v", v, err, tt.valid)
			}
		})
	}
}
