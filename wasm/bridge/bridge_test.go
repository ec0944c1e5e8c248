//go:build js && wasm

package main

import (
	"encoding/json"
	"os"
	"strings"
	"syscall/js"
	"testing"
)

func TestMain(m *testing.M) {
	register(js.Global())
	os.Exit(m.Run())
}

// call invokes jwtPlayground[fn] the way page code does and returns the
// result as Go values, failing if it threw.
func call(t *testing.T, fn string, args ...any) map[string]any {
	t.Helper()
	var out js.Value
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("jwtPlayground.%s threw: %v", fn, p)
			}
		}()
		out = js.Global().Get("jwtPlayground").Call(fn, args...)
	}()
	if out.Type() != js.TypeObject {
		t.Fatalf("jwtPlayground.%s returned %s, want an object", fn, out.Type())
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(jsonStringify.Invoke(out).String()), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func errorCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

const (
	secret = "a-playground-secret-of-at-least-32-bytes"
	header = `{"alg":"HS256","typ":"JWT"}`
	claims = `{"sub":"42","name":"Zoë","big":12345678901234567890,"exp":4102444800}`
)

func sign(t *testing.T) string {
	t.Helper()
	r := call(t, "encode", map[string]any{"header": header, "payload": claims, "key": secret})
	if r["ok"] != true {
		t.Fatalf("encode = %v", r)
	}
	return r["token"].(string)
}

func TestVersion(t *testing.T) {
	if v := js.Global().Get("jwtPlayground").Get("version"); v.Type() != js.TypeString || v.String() == "" {
		t.Fatalf("version = %v, want a non-empty string", v)
	}
}

func TestDecodeReturnsPlainObjects(t *testing.T) {
	tok := sign(t)
	r := call(t, "decode", tok)
	if r["ok"] != true || r["alg"] != "HS256" {
		t.Fatalf("decode = %v", r)
	}
	h, ok := r["header"].(map[string]any)
	if !ok || h["typ"] != "JWT" {
		t.Errorf("header = %#v, want an object with typ JWT", r["header"])
	}
	p, ok := r["payload"].(map[string]any)
	if !ok || p["name"] != "Zoë" {
		t.Errorf("payload = %#v, want an object with name Zoë", r["payload"])
	}
	if !strings.Contains(r["payloadText"].(string), "12345678901234567890") {
		t.Errorf("payloadText = %q, want the big number as written", r["payloadText"])
	}
	parts := r["parts"].(map[string]any)
	if got := parts["header"].(string) + "." + parts["payload"].(string) + "." + parts["signature"].(string); got != tok {
		t.Errorf("parts joined = %q, want the token", got)
	}
	if _, ok := r["warnings"].([]any); !ok {
		t.Errorf("warnings = %#v, want an array", r["warnings"])
	}
}

func TestDecodeFailureKeepsParts(t *testing.T) {
	tok := sign(t)
	bad := tok[:strings.Index(tok, ".")+3] + "*" + tok[strings.Index(tok, ".")+4:]
	r := call(t, "decode", bad)
	if r["ok"] != false || errorCode(r) != "bad_base64" {
		t.Fatalf("decode = %v, want bad_base64", r)
	}
	e := r["error"].(map[string]any)
	if e["part"] != "payload" || e["offset"] != float64(strings.Index(tok, ".")+3) {
		t.Errorf("error = %v, want part payload at the '*'", e)
	}
	if h, _ := r["header"].(map[string]any); h["alg"] != "HS256" {
		t.Errorf("header = %v, want it decoded although the payload is bad", r["header"])
	}
}

func TestVerify(t *testing.T) {
	tok := sign(t)
	tests := []struct {
		name      string
		opts      map[string]any
		ok, valid bool
		code      string
	}{
		{"right secret", map[string]any{"key": secret}, true, true, ""},
		{"secret as hex", map[string]any{"key": hexOf(secret), "secretEncoding": "hex"}, true, true, ""},
		{"wrong secret", map[string]any{"key": "nope"}, true, false, ""},
		{"expired at now", map[string]any{"key": secret, "now": 4102444800}, true, false, ""},
		{"leeway forgives", map[string]any{"key": secret, "now": 4102444800, "leeway": 5}, true, true, ""},
		{"audience array", map[string]any{"key": secret, "audience": []any{"x"}}, true, false, ""},
		{"no key", map[string]any{}, false, false, "key_missing"},
		{"no options", nil, false, false, "key_missing"},
		{"RSA key for HS256", map[string]any{"key": `{"kty":"RSA","n":"` + strings.Repeat("q", 342) + `","e":"AQAB"}`}, false, false, "key_mismatch"},
		{"bad encoding", map[string]any{"key": secret, "secretEncoding": "rot13"}, false, false, "bad_input"},
		{"now not a number", map[string]any{"key": secret, "now": "soon"}, false, false, "bad_input"},
		{"key from a link", map[string]any{"key": secret, "keyOrigin": "link"}, true, true, ""},
		{"unknown key origin", map[string]any{"key": secret, "keyOrigin": "trusted"}, false, false, "bad_input"},
		{"key origin not a string", map[string]any{"key": secret, "keyOrigin": 1}, false, false, "bad_input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r map[string]any
			if tt.opts == nil {
				r = call(t, "verify", tok)
			} else {
				r = call(t, "verify", tok, tt.opts)
			}
			if r["ok"] != tt.ok || r["valid"] != tt.valid && tt.ok || errorCode(r) != tt.code {
				t.Fatalf("verify = %v, want ok %v valid %v code %q", r, tt.ok, tt.valid, tt.code)
			}
			if _, ok := r["claimsValid"].(bool); tt.code != "bad_input" && !ok {
				t.Errorf("claimsValid missing: %v", r)
			}
			// The verdict states where the key came from, typed unless told.
			if p, _ := r["provenance"].(map[string]any); tt.code == "" {
				origin, _ := tt.opts["keyOrigin"].(string)
				if origin == "" {
					origin = "typed"
				}
				if p["origin"] != origin || p["text"] == "" || p["headline"] == "" {
					t.Errorf("provenance = %v, want origin %s with its words", r["provenance"], origin)
				}
			}
		})
	}
}

func hexOf(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&15])
	}
	return b.String()
}

func TestVerifyAlgNoneNeverValid(t *testing.T) {
	r := call(t, "verify", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", map[string]any{"key": secret})
	if r["ok"] != true || r["valid"] != false || r["signatureValid"] != false {
		t.Fatalf("verify(alg none) = %v, want ok but not valid", r)
	}
	errs := r["errors"].([]any)
	if len(errs) == 0 || errs[0].(map[string]any)["code"] != "alg_none" {
		t.Errorf("errors = %v, want alg_none", errs)
	}
}

func TestEncodeAcceptsObjectsAndText(t *testing.T) {
	obj := js.Global().Get("JSON").Call("parse", `{"b":1,"a":"<x>"}`)
	r := call(t, "encode", map[string]any{"header": js.Global().Get("JSON").Call("parse", header), "payload": obj, "key": secret})
	if r["ok"] != true {
		t.Fatalf("encode = %v", r)
	}
	d := call(t, "decode", r["token"])
	if d["payloadText"] != `{"b":1,"a":"<x>"}` {
		t.Errorf("payloadText = %q, want key order kept and no HTML escaping", d["payloadText"])
	}
	v := call(t, "verify", r["token"], map[string]any{"key": secret})
	if v["valid"] != true {
		t.Errorf("verify(encode(...)) = %v", v)
	}
}

func TestEncodeErrorsNamePartAndOffset(t *testing.T) {
	r := call(t, "encode", map[string]any{"header": header, "payload": `{"a":}`, "key": secret})
	e, _ := r["error"].(map[string]any)
	if r["ok"] != false || e["code"] != "bad_json" || e["part"] != "payload" || e["offset"] != float64(5) {
		t.Fatalf("encode = %v, want bad_json in the payload at offset 5", r)
	}
}

// TestNeverThrows feeds every function arguments of the wrong kind.
func TestNeverThrows(t *testing.T) {
	weird := []any{nil, js.Undefined(), 42, true, "", strings.Repeat("a.", 5000), []any{1, "x"},
		map[string]any{"header": 1}, map[string]any{"header": "{", "payload": nil},
		js.Global().Get("Symbol").Invoke("s"), js.Global().Get("Object").New()}
	for _, fn := range []string{"decode", "verify", "encode"} {
		for _, a := range weird {
			r := call(t, fn, a, a)
			if r["ok"] != false {
				t.Errorf("%s(%v) = %v, want ok false", fn, a, r)
			}
			if e, _ := r["error"].(map[string]any); e["code"] == "" || e["message"] == "" {
				t.Errorf("%s(%v) error = %v, want a code and message", fn, a, r["error"])
			}
		}
	}
	if r := call(t, "decode", sign(t)); r["ok"] != true {
		t.Fatalf("decode after bad input = %v: the runtime is not answering", r)
	}
}

// TestPanicBecomesError checks the guard every exported function has.
func TestPanicBecomesError(t *testing.T) {
	f := export("boom", func([]js.Value) any { panic("kaboom") })
	defer f.Release()
	r := f.Invoke()
	var m map[string]any
	json.Unmarshal([]byte(jsonStringify.Invoke(r).String()), &m)
	if m["ok"] != false || errorCode(m) != "internal" || !strings.Contains(m["error"].(map[string]any)["message"].(string), "kaboom") {
		t.Fatalf("panicking function returned %v, want an internal error", m)
	}
}

// TestVerifyAudienceList: audience is a string or an array of strings, one
// of which aud must hold; a string is one audience, exactly as given (as
// jose reads it), and an array with an empty item is refused.
func TestVerifyAudienceList(t *testing.T) {
	r := call(t, "encode", map[string]any{"header": header, "payload": `{"aud":"api"}`, "key": secret})
	tok, _ := r["token"].(string)
	tests := []struct {
		name      string
		audience  any
		ok, valid bool
		code      string
	}{
		{"the second of two", []any{"web", "api"}, true, true, ""},
		{"none of two", []any{"web", "cli"}, true, false, ""},
		{"a string is one audience, not split", "web api", true, false, ""},
		{"an empty item", []any{"api", ""}, false, false, "bad_input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, "verify", tok, map[string]any{"key": secret, "audience": tt.audience})
			if r["ok"] != tt.ok || tt.ok && r["valid"] != tt.valid || errorCode(r) != tt.code {
				t.Fatalf("verify = %v, want ok %v valid %v code %q", r, tt.ok, tt.valid, tt.code)
			}
		})
	}
}
