//go:build js && wasm

package main

import (
	"strings"
	"testing"
)

// jweKey is an A128GCM content key for dir, in base64url.
const jweKey = "GawgguFyGrWKav7AX4VKUg"

// TestJWE: encrypt wraps a signed token as a nested JWT; decode reads the
// JWE's header at once and says it is encrypted; decrypt with the key
// gives the plaintext, its steps, and the inner token decoded.
func TestJWE(t *testing.T) {
	inner := sign(t)
	enc := call(t, "encrypt", map[string]any{"header": map[string]any{"alg": "dir", "enc": "A128GCM", "cty": "JWT", "kid": "k1"}, "payload": inner, "key": jweKey, "secretEncoding": "base64url"})
	if enc["ok"] != true {
		t.Fatalf("encrypt = %v", enc)
	}
	tok, _ := enc["token"].(string)
	if strings.Count(tok, ".") != 4 {
		t.Fatalf("token %q has not five parts", tok)
	}

	d := call(t, "decode", tok)
	if h, _ := d["header"].(map[string]any); errorCode(d) != "encrypted_token" || h["alg"] != "dir" || h["enc"] != "A128GCM" || d["jweParts"] == nil {
		t.Errorf("decode = %v", d)
	}

	r := call(t, "decrypt", tok, map[string]any{"key": jweKey, "secretEncoding": "base64url"})
	if r["ok"] != true || r["plaintext"] != inner || r["cty"] != "JWT" || r["nestedToken"] != true {
		t.Fatalf("decrypt = %v", r)
	}
	if n, _ := r["nested"].(map[string]any); n["ok"] != true || n["alg"] != "HS256" {
		t.Errorf("nested = %v", r["nested"])
	}
	if steps, _ := r["steps"].([]any); len(steps) != 3 {
		t.Errorf("steps = %v", r["steps"])
	}

	// No key: the header is there, and the key is asked for.
	r = call(t, "decrypt", tok)
	if h, _ := r["header"].(map[string]any); errorCode(r) != "key_missing" || h["kid"] != "k1" {
		t.Errorf("decrypt without a key = %v", r)
	}
	// The wrong key: the failing step is named.
	r = call(t, "decrypt", tok, map[string]any{"key": "AAAAAAAAAAAAAAAAAAAAAA", "secretEncoding": "base64url"})
	if e, _ := r["error"].(map[string]any); errorCode(r) != "decrypt_failed" || e["step"] != "tag_check" {
		t.Errorf("decrypt with another key = %v", r)
	}
	// A JSON payload is parsed.
	enc = call(t, "encrypt", map[string]any{"header": `{"alg":"PBES2-HS256+A128KW","enc":"A256GCM","p2c":1000}`, "payload": map[string]any{"sub": "42"}, "key": "a password"})
	r = call(t, "decrypt", enc["token"], map[string]any{"key": "a password"})
	if p, _ := r["payload"].(map[string]any); r["ok"] != true || p["sub"] != "42" || r["nested"] != nil {
		t.Errorf("decrypt of JSON = %v (encrypt %v)", r, enc)
	}
}

// TestJWEBadInput: wrong argument types are bad_input, never a throw.
func TestJWEBadInput(t *testing.T) {
	for _, c := range []struct {
		fn   string
		args []any
	}{
		{"decrypt", []any{5}},
		{"decrypt", []any{"a.b.c.d.e", "key"}},
		{"decrypt", []any{"a.b.c.d.e", map[string]any{"key": 5}}},
		{"decrypt", []any{"a.b.c.d.e", map[string]any{"key": "k", "secretEncoding": "rot13"}}},
		{"encrypt", []any{"x"}},
		{"encrypt", []any{map[string]any{"header": 5, "payload": "x"}}},
	} {
		if r := call(t, c.fn, c.args...); errorCode(r) != "bad_input" {
			t.Errorf("%s(%v) = %v, want bad_input", c.fn, c.args, r)
		}
	}
}
