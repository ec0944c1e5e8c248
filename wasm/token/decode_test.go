package token_test

import (
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// jwtIO is the example token of jwt.io, signed with HS256 and the secret
// "your-256-bit-secret".
const jwtIO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

// TestDecodeAlgorithms decodes a token of every algorithm, made by golang-jwt.
func TestDecodeAlgorithms(t *testing.T) {
	k := testKeys(t)
	for _, alg := range keys.Algorithms() {
		t.Run(alg, func(t *testing.T) {
			tok := jwt.NewWithClaims(jwt.GetSigningMethod(alg), jwt.MapClaims{"sub": "1234567890", "iat": 1516239022})
			tok.Header["kid"] = "key-" + alg
			var signKey any = []byte(hmacSecret)
			if priv, _ := k.signer(alg); priv != nil {
				signKey = priv
			}
			s, err := tok.SignedString(signKey)
			if err != nil {
				t.Fatalf("golang-jwt SignedString: %v", err)
			}
			d, err := token.Decode(s)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if d.Alg != alg || d.Kid != "key-"+alg {
				t.Errorf("Alg, Kid = %q, %q; want %q, %q", d.Alg, d.Kid, alg, "key-"+alg)
			}
			wantHeader := `{"alg":"` + alg + `","kid":"key-` + alg + `","typ":"JWT"}`
			if string(d.Header) != wantHeader || d.HeaderText != wantHeader {
				t.Errorf("Header = %s, HeaderText = %s; want %s", d.Header, d.HeaderText, wantHeader)
			}
			wantPayload := `{"iat":1516239022,"sub":"1234567890"}`
			if string(d.Payload) != wantPayload || d.PayloadText != wantPayload {
				t.Errorf("Payload = %s, PayloadText = %s; want %s", d.Payload, d.PayloadText, wantPayload)
			}
			parts := strings.Split(s, ".")
			if d.Parts != (token.Parts{Header: parts[0], Payload: parts[1], Signature: parts[2]}) {
				t.Errorf("Parts = %+v, want the token's three segments", d.Parts)
			}
			sig, err := hex.DecodeString(d.Signature)
			if err != nil || len(sig) != sigSize[alg] {
				t.Errorf("Signature = %q: %d bytes of hex (%v), want %d", d.Signature, len(sig), err, sigSize[alg])
			}
			if len(d.Warnings) != 0 {
				t.Errorf("Warnings = %+v, want none", d.Warnings)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	h := b64([]byte(`{"alg":"HS256","typ":"JWT"}`))
	p := b64([]byte(`{"sub":"1"}`))
	s := b64([]byte("thirty-two bytes of a signature!"))
	hp := h + "." + p
	sigAt := len(hp) + 1
	hdr := func(json string) string { return b64([]byte(json)) + "." + p + "." + s }
	// at replaces the byte of tok at i with c.
	at := func(tok string, i int, c string) string { return tok[:i] + c + tok[i+1:] }
	tests := []struct {
		name   string
		token  string
		code   jwterr.Code
		part   jwterr.Part
		offset int
		want   []string
	}{
		{"empty", "", jwterr.Malformed, jwterr.PartToken, noOffset, []string{"the token is empty"}},
		{"white space", " \n\t ", jwterr.Malformed, jwterr.PartToken, noOffset, []string{"empty"}},
		{"Bearer and nothing", "Bearer   ", jwterr.Malformed, jwterr.PartToken, noOffset, []string{"empty"}},
		{"one segment", "abc", jwterr.Malformed, jwterr.PartToken, noOffset, []string{"no dots", "3 parts"}},
		{"two segments", hp, jwterr.Malformed, jwterr.PartToken, len(hp), []string{"2 parts", "signature part is missing"}},
		{"two segments after white space", "  " + hp, jwterr.Malformed, jwterr.PartToken, 2 + len(hp), []string{"2 parts"}},
		{"four segments", hp + "." + s + ".x", jwterr.Malformed, jwterr.PartToken, len(hp) + 1 + len(s), []string{"4 parts"}},
		{"five segments", "a.b.c.d.e", jwterr.BadBase64, jwterr.PartToken, 1, []string{"protected header", "cut short"}},
		{"five segments of a JWE", "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ", jwterr.EncryptedToken, jwterr.PartToken, noOffset, []string{"encrypted token (JWE", `"RSA-OAEP / A256GCM"`, "decrypt"}},
		{"six segments", "a.b.c.d.e.f", jwterr.Malformed, jwterr.PartToken, 5, []string{"6 parts"}},
		{"empty header", "." + p + "." + s, jwterr.Malformed, jwterr.PartHeader, 0, []string{"the header part is empty"}},
		{"bad character in header", at(hp+"."+s, 2, "!"), jwterr.BadBase64, jwterr.PartHeader, 2,
			[]string{"the header is not base64url: bad character '!' at offset 2"}},
		{"bad character in payload", at(hp+"."+s, len(h)+1+4, "*"), jwterr.BadBase64, jwterr.PartPayload, len(h) + 1 + 4,
			[]string{"the payload is not base64url", "'*'"}},
		{"bad character in signature", at(hp+"."+s, sigAt+10, "~"), jwterr.BadBase64, jwterr.PartSignature, sigAt + 10,
			[]string{"the signature is not base64url", "'~'"}},
		{"offset counts leading white space", " \n\t" + at(hp+"."+s, len(h)+1+4, "*"), jwterr.BadBase64, jwterr.PartPayload, 3 + len(h) + 1 + 4,
			[]string{"at offset " + strconv.Itoa(3+len(h)+1+4)}},
		{"offset counts a Bearer prefix", "Bearer " + at(hp+"."+s, sigAt, "!"), jwterr.BadBase64, jwterr.PartSignature, 7 + sigAt, nil},
		{"offset counts white space and bearer", "  bearer   " + at(hp+"."+s, 0, "!"), jwterr.BadBase64, jwterr.PartHeader, 11, nil},
		{"plus is standard base64", at(hp+"."+s, len(h)+1+3, "+"), jwterr.BadBase64, jwterr.PartPayload, len(h) + 1 + 3,
			[]string{"'+'", "that is standard base64; JWTs use base64url, with - and _"}},
		{"slash is standard base64", at(hp+"."+s, sigAt+5, "/"), jwterr.BadBase64, jwterr.PartSignature, sigAt + 5,
			[]string{"'/'", "standard base64"}},
		{"space inside", at(hp+"."+s, len(h)+1+2, " "), jwterr.BadBase64, jwterr.PartPayload, len(h) + 1 + 2, []string{"white space inside the token"}},
		{"line break inside", h + "\n." + p + "." + s, jwterr.BadBase64, jwterr.PartHeader, len(h), []string{`'\n'`, "white space inside the token"}},
		{"padding in the middle", at(hp+"."+s, 4, "="), jwterr.BadBase64, jwterr.PartHeader, 4, []string{"'='"}},
		{"impossible length in header", "eyJhb." + p + "." + s, jwterr.BadBase64, jwterr.PartHeader, 5,
			[]string{"5 characters cannot be a whole number of bytes"}},
		{"impossible length in payload", h + ".abcde." + s, jwterr.BadBase64, jwterr.PartPayload, len(h) + 1 + 5, []string{"5 characters"}},
		{"impossible length in signature", hp + ".a", jwterr.BadBase64, jwterr.PartSignature, sigAt + 1, []string{"1 characters"}},
		{"header not JSON", hdr(`{"alg":"HS256",}`), jwterr.BadJSON, jwterr.PartHeader, 15,
			[]string{"the header is not valid JSON", "at offset 15"}},
		{"header cut short", hdr(`{"alg":"HS256"`), jwterr.BadJSON, jwterr.PartHeader, 14,
			[]string{"unexpected end of JSON input at offset 14"}},
		{"header after a value", hdr(`{"alg":"HS256"} x`), jwterr.BadJSON, jwterr.PartHeader, 16, []string{"after top-level value"}},
		{"header two objects", hdr(`{"alg":"HS256"}{}`), jwterr.BadJSON, jwterr.PartHeader, 15, nil},
		{"header is text", hdr(`hello`), jwterr.BadJSON, jwterr.PartHeader, 0, []string{"invalid character 'h'"}},
		{"header is empty JSON", hdr(` `), jwterr.BadJSON, jwterr.PartHeader, 1, []string{"unexpected end"}},
		{"header an array", hdr(`["HS256"]`), jwterr.HeaderNotObject, jwterr.PartHeader, noOffset, []string{"not an object"}},
		{"header a string", hdr(`"HS256"`), jwterr.HeaderNotObject, jwterr.PartHeader, noOffset, nil},
		{"header a number", hdr(`256`), jwterr.HeaderNotObject, jwterr.PartHeader, noOffset, nil},
		{"header null", hdr(`null`), jwterr.HeaderNotObject, jwterr.PartHeader, noOffset, nil},
		{"no alg", hdr(`{"typ":"JWT"}`), jwterr.MissingAlg, jwterr.PartHeader, noOffset, []string{`no "alg" string`}},
		{"alg a number", hdr(`{"alg":256}`), jwterr.MissingAlg, jwterr.PartHeader, noOffset, nil},
		{"alg null", hdr(`{"alg":null}`), jwterr.MissingAlg, jwterr.PartHeader, noOffset, nil},
		{"Alg in the wrong case", hdr(`{"ALG":"HS256"}`), jwterr.MissingAlg, jwterr.PartHeader, noOffset, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := token.Decode(tt.token)
			if d == nil {
				t.Fatalf("Decode returned a nil *Decoded")
			}
			checkError(t, err, tt.code, tt.part, tt.offset, tt.want...)
		})
	}
}

// TestDecodeKeepsWhatItRead checks that a failed decode still returns the
// parts it could read, so that the page can show them.
func TestDecodeKeepsWhatItRead(t *testing.T) {
	const header = `{"alg":"HS256","kid":"k1"}`
	h := b64([]byte(header))
	p := b64([]byte(`{"sub":"1"}`))
	s := b64([]byte("sig"))

	t.Run("bad payload", func(t *testing.T) {
		d, err := token.Decode(h + ".e+." + s)
		if jwterr.CodeOf(err) != jwterr.BadBase64 {
			t.Fatalf("Decode error = %v, want bad_base64", err)
		}
		if string(d.Header) != header || d.HeaderText != header || d.Alg != "HS256" || d.Kid != "k1" {
			t.Errorf("Header, HeaderText, Alg, Kid = %s, %q, %q, %q; want the header read", d.Header, d.HeaderText, d.Alg, d.Kid)
		}
		if d.Signature != hex.EncodeToString([]byte("sig")) {
			t.Errorf("Signature = %q, want the signature read", d.Signature)
		}
		if d.Parts != (token.Parts{Header: h, Payload: "e+", Signature: s}) {
			t.Errorf("Parts = %+v", d.Parts)
		}
	})
	t.Run("bad signature", func(t *testing.T) {
		d, err := token.Decode(h + "." + p + ".!")
		if jwterr.CodeOf(err) != jwterr.BadBase64 {
			t.Fatalf("Decode error = %v, want bad_base64", err)
		}
		if string(d.Header) != header || string(d.Payload) != `{"sub":"1"}` {
			t.Errorf("Header, Payload = %s, %s; want both read", d.Header, d.Payload)
		}
	})
	t.Run("bad header", func(t *testing.T) {
		d, err := token.Decode(b64([]byte(`{"alg":`)) + "." + p + "." + s)
		if jwterr.CodeOf(err) != jwterr.BadJSON {
			t.Fatalf("Decode error = %v, want bad_json", err)
		}
		if d.Header != nil || d.HeaderText != `{"alg":` {
			t.Errorf("Header, HeaderText = %s, %q; want nil and the text", d.Header, d.HeaderText)
		}
		if string(d.Payload) != `{"sub":"1"}` {
			t.Errorf("Payload = %s, want it read", d.Payload)
		}
	})
	t.Run("header not an object", func(t *testing.T) {
		d, _ := token.Decode(b64([]byte(`[1]`)) + "." + p + "." + s)
		if string(d.Header) != `[1]` {
			t.Errorf("Header = %s, want [1]", d.Header)
		}
	})
	t.Run("four segments", func(t *testing.T) {
		d, _ := token.Decode("a.b.c.d")
		if d.Parts != (token.Parts{Header: "a", Payload: "b", Signature: "c"}) {
			t.Errorf("Parts = %+v, want the first three segments", d.Parts)
		}
	})
	t.Run("two segments", func(t *testing.T) {
		d, _ := token.Decode(h + "." + p)
		if d.Parts != (token.Parts{Header: h, Payload: p}) {
			t.Errorf("Parts = %+v, want header and payload", d.Parts)
		}
	})
}

func TestDecodePayload(t *testing.T) {
	tests := []struct {
		name     string
		payload  string
		json     bool // Payload holds the payload
		text     string
		warnings string
		message  string
	}{
		{"object kept exactly", `{"z":1,"a":12345678901234567890,"f":1.50,"e":1E3,"u":"\u00e9<"}`, true,
			`{"z":1,"a":12345678901234567890,"f":1.50,"e":1E3,"u":"\u00e9<"}`, "", ""},
		{"white space kept", "{ \"a\" : 1 }\n", true, "{ \"a\" : 1 }\n", "", ""},
		{"UTF-8", `{"name":"Zoë 🐱"}`, true, `{"name":"Zoë 🐱"}`, "", ""},
		{"text", "hello world", false, "hello world", "payload_not_json", "the payload is not JSON, so it is shown as text"},
		{"JSON cut short", `{"a":1`, false, `{"a":1`, "payload_not_json", "at offset 6"},
		{"two values", `{} {}`, false, `{} {}`, "payload_not_json", "at offset 3"},
		{"binary", "\xff\x00\xfe", false, "\uFFFD\x00\uFFFD", "payload_not_json", "binary"},
		{"empty", "", false, "", "payload_not_json", ""},
		{"array", `[1,2]`, true, `[1,2]`, "payload_not_object", "not an object"},
		{"string", `"hi"`, true, `"hi"`, "payload_not_object", ""},
		{"null", `null`, true, `null`, "payload_not_object", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := token.Decode(hs256(`{"alg":"HS256"}`, tt.payload))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if tt.json && string(d.Payload) != tt.payload {
				t.Errorf("Payload = %q, want %q", d.Payload, tt.payload)
			}
			if !tt.json && d.Payload != nil {
				t.Errorf("Payload = %q, want nil", d.Payload)
			}
			if d.PayloadJSON != tt.json {
				t.Errorf("PayloadJSON = %v, want %v", d.PayloadJSON, tt.json)
			}
			if d.PayloadText != tt.text {
				t.Errorf("PayloadText = %q, want %q", d.PayloadText, tt.text)
			}
			if got := warnCodes(d.Warnings); got != tt.warnings {
				t.Errorf("warnings = %q, want %q", got, tt.warnings)
			}
			if tt.message != "" && (len(d.Warnings) == 0 || !strings.Contains(d.Warnings[0].Message, tt.message)) {
				t.Errorf("warnings %+v: want a message containing %q", d.Warnings, tt.message)
			}
		})
	}
}

// TestDecodeIss checks the top-level iss decode hands the page, so that
// it can offer the issuer's keys without parsing the payload itself.
func TestDecodeIss(t *testing.T) {
	tests := []struct{ name, payload, iss string }{
		{"string", `{"sub":"x","iss":"https://a.example"}`, "https://a.example"},
		{"last of duplicates", `{"iss":"https://a.example","iss":"https://b.example"}`, "https://b.example"},
		{"escaped name", `{"i\u0073s":"https://a.example"}`, "https://a.example"},
		{"escaped value", `{"iss":"https:\/\/a.example\u00e9"}`, "https://a.exampleé"},
		{"case matters", `{"ISS":"https://a.example"}`, ""},
		{"not a string", `{"iss":5}`, ""},
		{"a later non-string wins", `{"iss":"https://a.example","iss":null}`, ""},
		{"nested iss ignored", `{"x":{"iss":"https://a.example"}}`, ""},
		{"array payload", `["iss","https://a.example"]`, ""},
		{"not JSON", `iss=https://a.example`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := token.Decode(hs256(`{"alg":"HS256"}`, tt.payload))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if d.Iss != tt.iss {
				t.Errorf("Iss = %q, want %q", d.Iss, tt.iss)
			}
		})
	}
}

func TestDecodeWarnings(t *testing.T) {
	h := b64([]byte(`{"alg":"HS256"}`))
	p := b64([]byte(`{"sub":"1"}`)) // 15 characters: one "=" of padding
	s := b64([]byte("sig"))
	tests := []struct {
		name     string
		token    string
		warnings string
		message  string
	}{
		{"canonical", jwtIO, "", ""},
		{"padding", h + "." + p + "=." + s, "noncanonical_base64", "the payload has base64 padding (=)"},
		{"too much padding", h + "." + p + "===." + s, "noncanonical_base64", "padding"},
		{"non-zero trailing bits", h + "." + p + "." + "AB", "noncanonical_base64", "the signature has non-zero trailing bits"},
		{"trailing bits in payload", h + "." + p[:len(p)-1] + "1." + s, "noncanonical_base64", "the payload has non-zero trailing bits"},
		{"unsupported alg", b64([]byte(`{"alg":"HS1024"}`)) + "." + p + "." + s, "unsupported_alg", `alg "HS1024" is not one the playground can verify`},
		{"alg in lower case", b64([]byte(`{"alg":"hs256"}`)) + "." + p + "." + s, "unsupported_alg", `"hs256"`},
		{"alg none", b64([]byte(`{"alg":"none"}`)) + "." + p + ".", "alg_none", "unsecured"},
		{"alg none with a signature", b64([]byte(`{"alg":"none"}`)) + "." + p + "." + s, "alg_none,alg_none", ""},
		{"Bearer prefix", "Bearer " + jwtIO, "bearer_prefix", `"Bearer "`},
		{"bearer prefix and padding", "bearer " + h + "." + p + "=." + s + "\n", "bearer_prefix,noncanonical_base64", ""},
		{"trailing white space", jwtIO + " \r\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := token.Decode(tt.token)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if d.Warnings == nil {
				t.Fatalf("Warnings is nil, want an empty list (JSON [])")
			}
			if got := warnCodes(d.Warnings); got != tt.warnings {
				t.Errorf("warnings = %q, want %q (%+v)", got, tt.warnings, d.Warnings)
			}
			if tt.message != "" && (len(d.Warnings) == 0 || !strings.Contains(d.Warnings[len(d.Warnings)-1].Message, tt.message)) {
				t.Errorf("warnings %+v: want the last to contain %q", d.Warnings, tt.message)
			}
		})
	}
}

func TestDecodeAlgNone(t *testing.T) {
	d, err := token.Decode(b64([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + b64([]byte(`{"sub":"1"}`)) + ".")
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if d.Alg != "none" || d.Signature != "" || d.Parts.Signature != "" || string(d.Payload) != `{"sub":"1"}` {
		t.Errorf("Decode = alg %q, signature %q, payload %s", d.Alg, d.Signature, d.Payload)
	}
}

// TestDecodedJSON checks the JSON the bridge sends to the page.
func TestDecodedJSON(t *testing.T) {
	tests := []struct {
		name  string
		token string
		want  string
	}{
		{"jwt.io", jwtIO, `{"header":{"alg":"HS256","typ":"JWT"},` +
			`"payload":{"sub":"1234567890","name":"John Doe","iat":1516239022},` +
			`"headerText":"{\"alg\":\"HS256\",\"typ\":\"JWT\"}",` +
			`"payloadText":"{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}",` +
			`"signature":"49f94ac7044948c78a285d904f87f0a4c7897f7e8f3a4eb2255fda750b2cc397",` +
			`"parts":{"header":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9","payload":"eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ","signature":"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},` +
			`"alg":"HS256","kid":"","payloadJSON":true,"warnings":[]}`},
		{"text payload", hs256(`{"alg":"HS256"}`, "hi"), `"payload":null,`},
		{"text payload is not JSON", hs256(`{"alg":"HS256"}`, "hi"), `"payloadJSON":false,`},
		{"issuer", hs256(`{"alg":"HS256"}`, `{"iss":"https://a.example"}`), `"payloadJSON":true,"iss":"https://a.example",`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := token.Decode(tt.token)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if !strings.Contains(string(b), tt.want) {
				t.Errorf("JSON = %s, want it to contain %s", b, tt.want)
			}
		})
	}
}
