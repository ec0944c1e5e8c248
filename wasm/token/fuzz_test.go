package token_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jwt-playground/jwt-playground/wasm/jwterr"
	"github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// fuzzEncodings are the secret encodings the fuzz targets choose from by index.
var fuzzEncodings = []keys.Encoding{keys.UTF8, keys.Base64, keys.Base64URL, keys.Hex, "", "base32"}

// validParts are the values an error's Part can take.
var validParts = map[jwterr.Part]bool{
	jwterr.PartToken: true, jwterr.PartHeader: true, jwterr.PartPayload: true,
	jwterr.PartSignature: true, jwterr.PartKey: true,
}

// fuzzSigningSet is a JWKS with a private key (or secret) for every algorithm.
func fuzzSigningSet(t testing.TB) string {
	k := testKeys(t)
	return jwks(t,
		jwk(t, []byte(hmacSecret), "kid", "hs"),
		jwk(t, k.rsa, "kid", "rsa"),
		jwk(t, k.p256, "kid", "p256"),
		jwk(t, k.p384, "kid", "p384"),
		jwk(t, k.p521, "kid", "p521"),
		jwk(t, k.ed, "kid", "ed"),
	)
}

func FuzzDecode(f *testing.F) {
	f.Add(jwtIO)
	f.Add("Bearer " + jwtIO)
	f.Add(" \n" + jwtIO + "\n")
	f.Add(hs256(`{"alg":"HS256","kid":"k"}`, `{"exp":1e20,"aud":["a"]}`))
	f.Add(hs256(`{"alg":"none"}`, "not json"))
	f.Add(hs256(`{"alg":"ES256"}`, "\xff\xfe"))
	f.Add(hs256(`["HS256"]`, `{}`))
	f.Add(hs256(`{"alg":"HS256"`, `{}`))
	f.Add(b64([]byte(`{"alg":"HS256","b64":false,"crit":["b64"]}`)) + ".$02.c2ln")
	f.Add(hs256(`{"alg":"HS256","crit":["urn:x"],"urn:x":1}`, `{}`))
	f.Add(b64([]byte(`{"alg":"none"}`)) + "." + b64([]byte(`{}`)) + ".")
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx+n0.c2ln")
	f.Add("eyJhbGciOiJIUzI1NiJ9=.eyJ9.AB")
	f.Add("a.b.c.d.e")
	f.Add("a.b")
	f.Add("")
	f.Fuzz(func(t *testing.T, tok string) {
		d, err := token.Decode(tok)
		if d == nil {
			t.Fatalf("Decode returned a nil *Decoded")
		}
		if d.Warnings == nil {
			t.Errorf("Warnings is nil, want a list")
		}
		for _, w := range d.Warnings {
			if w.Code == "" || w.Message == "" {
				t.Errorf("warning %+v lacks a code or a message", w)
			}
		}
		if err != nil {
			e := asError(t, err)
			if !validParts[e.Part] || e.Part == jwterr.PartKey {
				t.Errorf("error part = %q", e.Part)
			}
			if e.Offset == nil {
				return
			}
			limit := len(tok)
			if e.Code == jwterr.BadJSON {
				limit = len(d.HeaderText) // JSON offsets are into the decoded header
			}
			if *e.Offset < 0 || *e.Offset > limit {
				t.Fatalf("error offset %d is outside [0, %d]: %v", *e.Offset, limit, e)
			}
			if e.Code == jwterr.BadBase64 && strings.Contains(e.Message, "bad character") {
				if c := tok[*e.Offset]; c == '.' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
					t.Errorf("bad_base64 points at %q, a base64url character", c)
				}
			}
			return
		}
		if !strings.Contains(tok, d.Parts.Header+"."+d.Parts.Payload+"."+d.Parts.Signature) {
			t.Errorf("Parts %+v are not the token's", d.Parts)
		}
		var header map[string]any
		if json.Unmarshal(d.Header, &header) != nil || header == nil {
			t.Errorf("Header %q is not a JSON object", d.Header)
		}
		if alg, ok := header["alg"].(string); !ok || alg != d.Alg {
			t.Errorf("Alg = %q, header alg = %v", d.Alg, header["alg"])
		}
		if d.HeaderText != string(d.Header) {
			t.Errorf("HeaderText %q differs from Header %q", d.HeaderText, d.Header)
		}
		if !utf8.ValidString(d.PayloadText) {
			t.Errorf("PayloadText is not UTF-8")
		}
		if d.Payload != nil && (!json.Valid(d.Payload) || string(d.Payload) != d.PayloadText) {
			t.Errorf("Payload %q is not valid JSON, or differs from PayloadText", d.Payload)
		}
		sig, err := hex.DecodeString(d.Signature)
		if err != nil {
			t.Errorf("Signature %q is not hex", d.Signature)
		}
		// The canonical spelling of the same token decodes the same.
		payload := []byte(d.PayloadText)
		if d.Payload == nil {
			return // PayloadText may have lost bytes that were not UTF-8
		}
		canon := b64([]byte(d.HeaderText)) + "." + b64(payload) + "." + b64(sig)
		d2, err := token.Decode(canon)
		if err != nil {
			t.Fatalf("Decode(canonical %q): %v", canon, err)
		}
		if !bytes.Equal(d2.Header, d.Header) || !bytes.Equal(d2.Payload, d.Payload) || d2.Signature != d.Signature || d2.Alg != d.Alg || d2.Kid != d.Kid {
			t.Errorf("the canonical token decodes differently")
		}
		for _, w := range d2.Warnings {
			if w.Code == "noncanonical_base64" || w.Code == "bearer_prefix" {
				t.Errorf("the canonical token has warning %q", w.Code)
			}
		}
	})
}

func FuzzVerify(f *testing.F) {
	k := testKeys(f)
	es256, err := token.Encode(token.EncodeInput{Header: `{"alg":"ES256","kid":"p256"}`, Payload: `{"exp":1800000000}`, Key: privatePEM(f, k.p256)})
	if err != nil {
		f.Fatal(err)
	}
	eddsa, err := token.Encode(token.EncodeInput{Header: `{"alg":"EdDSA"}`, Payload: `{"iss":"me","aud":"api"}`, Key: jsonOf(f, jwk(f, k.ed))})
	if err != nil {
		f.Fatal(err)
	}
	rs256, err := token.Encode(token.EncodeInput{Header: `{"alg":"RS256","kid":"rsa"}`, Payload: `{"nbf":1600000000}`, Key: fuzzSigningSet(f)})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(jwtIO, "your-256-bit-secret", uint8(0))
	f.Add(jwtIO, b64([]byte("your-256-bit-secret")), uint8(2))
	f.Add(hs256(`{"alg":"HS256"}`, `{"exp":1600000000}`), hex.EncodeToString([]byte(hmacSecret)), uint8(3))
	f.Add(es256, publicPEM(f, &k.p256.PublicKey), uint8(0))
	f.Add(es256, publicPEM(f, &k.p384.PublicKey), uint8(0))
	f.Add(eddsa, jsonOf(f, jwk(f, k.ed.Public())), uint8(0))
	f.Add(rs256, jwks(f, jwk(f, &k.rsa.PublicKey, "kid", "rsa"), jwk(f, &k.p256.PublicKey, "kid", "p256")), uint8(0))
	f.Add(rs256, publicPEM(f, &k.rsa.PublicKey), uint8(0))
	f.Add(b64([]byte(`{"alg":"none"}`))+"."+b64([]byte(`{}`))+".", "", uint8(0))
	f.Fuzz(func(t *testing.T, tok, key string, encIndex uint8) {
		enc := fuzzEncodings[int(encIndex)%len(fuzzEncodings)]
		v, err := token.Verify(tok, token.VerifyOptions{Key: key, SecretEncoding: enc, Now: now, Leeway: 30 * time.Second, Issuer: "me", Audience: []string{"api"}})
		if v == nil {
			t.Fatalf("Verify returned a nil *Verification")
		}
		if v.Errors == nil {
			t.Errorf("Errors is nil, want a list")
		}
		for _, e := range v.Errors {
			if e == nil || e.Code == "" || e.Message == "" || !validParts[e.Part] {
				t.Errorf("Errors holds %#v", e)
			}
		}
		if _, derr := token.Decode(tok); derr != nil {
			if jwterr.CodeOf(err) != jwterr.CodeOf(derr) {
				t.Errorf("Verify error %v, but Decode error %v", err, derr)
			}
		}
		if err != nil {
			e := asError(t, err)
			if !validParts[e.Part] {
				t.Errorf("error part = %q", e.Part)
			}
			if e.Part == jwterr.PartKey && e.Offset != nil && (*e.Offset < 0 || *e.Offset > len(key)) {
				t.Errorf("key error offset %d is outside the key (%d bytes)", *e.Offset, len(key))
			}
			if v.Valid || v.SignatureValid {
				t.Errorf("Verify failed with %v but says Valid %v, SignatureValid %v", err, v.Valid, v.SignatureValid)
			}
			return
		}
		if v.Valid != (v.SignatureValid && v.ClaimsValid) {
			t.Errorf("Valid %v, SignatureValid %v, ClaimsValid %v", v.Valid, v.SignatureValid, v.ClaimsValid)
		}
		if v.Valid && (len(v.Errors) != 0 || v.Alg == "none") {
			t.Errorf("Valid with errors %+v, alg %q", v.Errors, v.Alg)
		}
		if v.SignatureValid {
			if _, ok := keys.Lookup(v.Alg); !ok || v.Key == "" {
				t.Errorf("SignatureValid with alg %q and key %q", v.Alg, v.Key)
			}
		} else if v.Alg != "none" && !strings.Contains(errCodes(v.Errors), string(jwterr.SignatureInvalid)) {
			t.Errorf("the signature is not valid, but Errors %q does not say so", errCodes(v.Errors))
		}
	})
}

func FuzzEncode(f *testing.F) {
	set := fuzzSigningSet(f)
	f.Add(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1234567890","name":"John Doe","iat":1516239022}`)
	f.Add(`{"alg":"HS512","kid":"hs"}`, `{"z":1,"a":12345678901234567890,"u":"\u00e9<"}`)
	f.Add("{\n  \"alg\": \"ES256\"\n}", "[1, 2.50, -0, 1e400]")
	f.Add(`{"alg":"ES384","kid":"p384"}`, `"text"`)
	f.Add(`{"alg":"ES512"}`, `null`)
	f.Add(`{"alg":"EdDSA","crit":["b64"]}`, `{}`)
	f.Add(`{"alg":"HS256","b64":false,"crit":["b64"]}`, `$02`)
	f.Add(`{"alg":"HS256","crit":["urn:x"],"urn:x":1}`, `{}`)
	f.Add(`{"alg":"PS256","kid":"rsa"}`, `{"exp":1}`)
	f.Add(`{"alg":"none"}`, `{}`)
	f.Add(`{"alg":"none","alg":"HS256"}`, `{}`)
	f.Add(`{"alg":"RS256","kid":"p256"}`, `{}`)
	f.Add(`{"alg":"HS256",}`, `{}`)
	f.Add(`{"alg":"HS256"}`, `{"a":1`)
	f.Add(`null`, `{}`)
	f.Fuzz(func(t *testing.T, header, payload string) {
		tok, err := token.Encode(token.EncodeInput{Header: header, Payload: payload, Key: set})
		if err != nil {
			if tok != "" {
				t.Errorf("Encode returned %q with its error", tok)
			}
			e := asError(t, err)
			if e.Offset != nil {
				limit := map[jwterr.Part]int{jwterr.PartHeader: len(header), jwterr.PartPayload: len(payload), jwterr.PartKey: len(set)}[e.Part]
				if *e.Offset < 0 || *e.Offset > limit {
					t.Errorf("error offset %d is outside the %s (%d bytes)", *e.Offset, e.Part, limit)
				}
			}
			return
		}
		if !utf8.ValidString(header) || !utf8.ValidString(payload) {
			return // text from the page is always UTF-8
		}
		if d, err := token.Decode(tok); err == nil && strings.Contains(warnCodes(d.Warnings), "unencoded_payload") {
			// RFC 7797: the payload is signed as written, JSON or not.
			if d.PayloadText != payload || d.Payload != nil || !strings.Contains(tok, "."+payload+".") {
				t.Errorf("the unencoded payload %q decodes as %q (JSON %q)", payload, d.PayloadText, d.Payload)
			}
			return
		}
		var wantH, wantP bytes.Buffer
		if json.Compact(&wantH, []byte(header)) != nil || json.Compact(&wantP, []byte(payload)) != nil {
			t.Fatalf("Encode accepted JSON that json.Compact refuses")
		}
		d, err := token.Decode(tok)
		if err != nil {
			t.Fatalf("Decode(Encode(...)) = %v", err)
		}
		if d.HeaderText != wantH.String() || d.PayloadText != wantP.String() || string(d.Payload) != wantP.String() {
			t.Errorf("Decode gives header %q and payload %q, want %q and %q", d.HeaderText, d.PayloadText, wantH.String(), wantP.String())
		}
		for _, w := range d.Warnings {
			if w.Code == "noncanonical_base64" || w.Code == "payload_not_json" {
				t.Errorf("the token Encode made has warning %q", w.Code)
			}
		}
		if d.Alg == "none" {
			if !strings.HasSuffix(tok, ".") {
				t.Errorf("an unsecured token %q has a signature", tok)
			}
			return
		}
		v, err := token.Verify(tok, token.VerifyOptions{Key: set, Now: now})
		if err != nil || !v.SignatureValid {
			t.Errorf("Verify(Encode(...)) = %+v, %v; want a good signature", v, err)
		}
	})
}
