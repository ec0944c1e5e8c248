package token_test

import (
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

func TestEncodeKnownAnswer(t *testing.T) {
	got, err := token.Encode(token.EncodeInput{
		Header:  `{"alg":"HS256","typ":"JWT"}`,
		Payload: `{"sub":"1234567890","name":"John Doe","iat":1516239022}`,
		Key:     "your-256-bit-secret",
	})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if got != jwtIO {
		t.Errorf("Encode = %s\nwant %s", got, jwtIO)
	}
}

// TestEncodeKeepsJSON checks that header and payload are signed as written,
// only made compact: key order, number spelling and escapes are kept.
func TestEncodeKeepsJSON(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		payload string
		wantH   string
		wantP   string
	}{
		{"as written",
			`{"alg":"HS256"}`, `{"z":1,"a":12345678901234567890,"u":"\u00e9<"}`,
			`{"alg":"HS256"}`, `{"z":1,"a":12345678901234567890,"u":"\u00e9<"}`},
		{"pretty JSON compacted",
			"{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}\n", "{\n\t\"z\" : 1 ,\n\t\"a\" : [ 1.0 , 1e3 , -0 ]\n}",
			`{"typ":"JWT","alg":"HS256"}`, `{"z":1,"a":[1.0,1e3,-0]}`},
		{"no HTML escaping", `{"alg":"HS256"}`, `{"html":"<a href='x'>&</a>"}`, `{"alg":"HS256"}`, `{"html":"<a href='x'>&</a>"}`},
		{"spaces in strings kept", `{"alg":"HS256"}`, `{"s":"a  b\t"}`, `{"alg":"HS256"}`, `{"s":"a  b\t"}`},
		{"UTF-8 kept", `{"alg":"HS256"}`, `{"name":"Zoë 🐱","esc":"\ud83d\udc31"}`, `{"alg":"HS256"}`, `{"name":"Zoë 🐱","esc":"\ud83d\udc31"}`},
		{"duplicate members kept", `{"alg":"HS256"}`, `{"a":1,"a":2}`, `{"alg":"HS256"}`, `{"a":1,"a":2}`},
		{"payload an array", `{"alg":"HS256"}`, ` [1, 2] `, `{"alg":"HS256"}`, `[1,2]`},
		{"payload a string", `{"alg":"HS256"}`, `"hello"`, `{"alg":"HS256"}`, `"hello"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := token.Encode(token.EncodeInput{Header: tt.header, Payload: tt.payload, Key: hmacSecret})
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			parts := strings.Split(tok, ".")
			if len(parts) != 3 {
				t.Fatalf("Encode = %q: %d parts, want 3", tok, len(parts))
			}
			if parts[0] != b64([]byte(tt.wantH)) || parts[1] != b64([]byte(tt.wantP)) {
				d, _ := token.Decode(tok)
				t.Errorf("token holds %s . %s\nwant %s . %s", d.HeaderText, d.PayloadText, tt.wantH, tt.wantP)
			}
			if tok != hs256(tt.wantH, tt.wantP) {
				t.Errorf("signature differs from HMAC-SHA256 of the signing input")
			}
		})
	}
}

func TestEncodeAlgNone(t *testing.T) {
	tests := []struct {
		name string
		key  string
	}{
		{"no key", ""},
		{"a key is ignored", "-----BEGIN nonsense"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := token.Encode(token.EncodeInput{Header: `{"alg":"none"}`, Payload: `{"sub":"1"}`, Key: tt.key})
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if want := b64([]byte(`{"alg":"none"}`)) + "." + b64([]byte(`{"sub":"1"}`)) + "."; got != want {
				t.Errorf("Encode = %q, want %q", got, want)
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	k := testKeys(t)
	const hs = `{"alg":"HS256"}`
	tests := []struct {
		name    string
		header  string
		payload string
		key     string
		enc     keys.Encoding
		code    jwterr.Code
		part    jwterr.Part
		offset  int
		want    []string
	}{
		{"header not JSON", `{"alg":"HS256",}`, `{}`, hmacSecret, "", jwterr.BadJSON, jwterr.PartHeader, 15,
			[]string{"the header is not valid JSON", "at offset 15"}},
		{"header cut short", `{"alg":"HS256"`, `{}`, hmacSecret, "", jwterr.BadJSON, jwterr.PartHeader, 14,
			[]string{"unexpected end of JSON input at offset 14"}},
		{"header empty", ``, `{}`, hmacSecret, "", jwterr.BadJSON, jwterr.PartHeader, 0, []string{"unexpected end"}},
		{"header single quotes", `{'alg':'HS256'}`, `{}`, hmacSecret, "", jwterr.BadJSON, jwterr.PartHeader, 1, nil},
		{"payload not JSON", hs, `{"sub": 1,, }`, hmacSecret, "", jwterr.BadJSON, jwterr.PartPayload, 10,
			[]string{"the payload is not valid JSON", "at offset 10"}},
		{"payload cut short", hs, "{\n  \"a\": 1", hmacSecret, "", jwterr.BadJSON, jwterr.PartPayload, 10, []string{"unexpected end"}},
		{"payload two values", hs, `{} {}`, hmacSecret, "", jwterr.BadJSON, jwterr.PartPayload, 3, []string{"after top-level value"}},
		{"payload text", hs, `hello`, hmacSecret, "", jwterr.BadJSON, jwterr.PartPayload, 0, nil},
		{"header an array", `["HS256"]`, `{}`, hmacSecret, "", jwterr.HeaderNotObject, jwterr.PartHeader, noOffset, []string{"must be a JSON object"}},
		{"header null", `null`, `{}`, hmacSecret, "", jwterr.HeaderNotObject, jwterr.PartHeader, noOffset, nil},
		{"header without alg", `{"typ":"JWT"}`, `{}`, hmacSecret, "", jwterr.MissingAlg, jwterr.PartHeader, noOffset, []string{`"alg" string`}},
		{"alg not a string", `{"alg":["HS256"]}`, `{}`, hmacSecret, "", jwterr.MissingAlg, jwterr.PartHeader, noOffset, nil},
		{"unsupported alg", `{"alg":"HS1024"}`, `{}`, hmacSecret, "", jwterr.UnsupportedAlg, jwterr.PartHeader, noOffset, []string{`"HS1024"`}},
		{"no key", hs, `{}`, "", "", jwterr.KeyMissing, jwterr.PartKey, noOffset, nil},
		{"bad secret", hs, `{}`, "0x0g", keys.Hex, jwterr.KeyInvalid, jwterr.PartKey, 3, []string{"not valid hex"}},
		{"public key cannot sign", `{"alg":"RS256"}`, `{}`, publicPEM(t, &k.rsa.PublicKey), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset,
			[]string{"signing with RS256 needs a private key"}},
		{"public JWK cannot sign", `{"alg":"EdDSA"}`, `{}`, jsonOf(t, jwk(t, k.ed.Public())), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset,
			[]string{"needs a private key"}},
		{"RSA private key for HS256", hs, `{}`, privatePEM(t, k.rsa), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"algorithm-confusion"}},
		{"secret for ES256", `{"alg":"ES256"}`, `{}`, hmacSecret, "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"needs a public or private key"}},
		{"P-256 key for ES384", `{"alg":"ES384"}`, `{}`, privatePEM(t, k.p256), "", jwterr.KeyMismatch, jwterr.PartKey, noOffset, []string{"on P-256"}},
		{"kid not in the set", `{"alg":"ES256","kid":"c"}`, `{}`, jwks(t, jwk(t, k.p256, "kid", "a")), "", jwterr.KidNotFound, jwterr.PartKey, noOffset,
			[]string{`"c"`, `its kids are "a"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := token.Encode(token.EncodeInput{Header: tt.header, Payload: tt.payload, Key: tt.key, SecretEncoding: tt.enc})
			if got != "" {
				t.Errorf("Encode returned %q with its error", got)
			}
			checkError(t, err, tt.code, tt.part, tt.offset, tt.want...)
		})
	}
}

// TestEncodeKidPicksKey checks that the header's kid chooses the signing
// key of a JWKS.
func TestEncodeKidPicksKey(t *testing.T) {
	k := testKeys(t)
	set := jwks(t,
		jwk(t, k.p256, "kid", "a"),
		jwk(t, k.p256b, "kid", "b"),
		jwk(t, k.rsa, "kid", "r"),
	)
	pubA := jsonOf(t, jwk(t, &k.p256.PublicKey))
	pubB := jsonOf(t, jwk(t, &k.p256b.PublicKey))
	tests := []struct {
		kid    string
		signer string
		other  string
	}{
		{"a", pubA, pubB},
		{"b", pubB, pubA},
	}
	for _, tt := range tests {
		t.Run(tt.kid, func(t *testing.T) {
			tok, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256","kid":"` + tt.kid + `"}`, Payload: `{}`, Key: set})
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			v, err := token.Verify(tok, token.VerifyOptions{Key: tt.signer, Now: now})
			if err != nil || !v.SignatureValid {
				t.Errorf("Verify with the key of kid %q = %+v, %v; want a good signature", tt.kid, v, err)
			}
			v, err = token.Verify(tok, token.VerifyOptions{Key: tt.other, Now: now})
			if err != nil || v.SignatureValid {
				t.Errorf("Verify with the other key = %+v, %v; want a bad signature", v, err)
			}
			// The set itself verifies too, by the kid.
			v, err = token.Verify(tok, token.VerifyOptions{Key: set, Now: now})
			if err != nil || !v.Valid || v.Key != `JWK (kid "`+tt.kid+`")` {
				t.Errorf("Verify with the set = %+v, %v; want valid with key %q", v, err, tt.kid)
			}
		})
	}
}

// TestEncodeRoundTrip checks that Decode gives back what Encode was given.
func TestEncodeRoundTrip(t *testing.T) {
	const header = `{"alg":"HS512","typ":"JWT","kid":"k1","x5t":null}`
	const payload = `{"sub":"user","n":0.1e-7,"list":[true,false,null],"nested":{"deep":{}}}`
	tok, err := token.Encode(token.EncodeInput{Header: header, Payload: payload, Key: hmacSecret})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	d, err := token.Decode(tok)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if string(d.Header) != header || string(d.Payload) != payload || d.Alg != "HS512" || d.Kid != "k1" || len(d.Warnings) != 0 {
		t.Errorf("Decode = header %s, payload %s, alg %q, kid %q, warnings %+v", d.Header, d.Payload, d.Alg, d.Kid, d.Warnings)
	}
}
