//go:build js && wasm

package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

var b64u = base64.RawURLEncoding.EncodeToString

// hmacJSON makes a general JWS JSON of payload with one HS256 signature
// per secret, each with its kid in the unprotected header.
func hmacJSON(payload string, secrets ...string) string {
	p := b64u([]byte(payload))
	var sigs []string
	for i, s := range secrets {
		prot := b64u([]byte(`{"alg":"HS256"}`))
		m := hmac.New(sha256.New, []byte(s))
		m.Write([]byte(prot + "." + p))
		sigs = append(sigs, `{"protected":"`+prot+`","header":{"kid":"k`+string(rune('0'+i))+`"},"signature":"`+b64u(m.Sum(nil))+`"}`)
	}
	return `{"payload":"` + p + `","signatures":[` + strings.Join(sigs, ",") + `]}`
}

func TestDecodeJWSJSON(t *testing.T) {
	jws := hmacJSON(claims, secret, "another secret of thirty-two bytes!!")
	d := call(t, "decode", jws)
	if d["ok"] != true || d["form"] != "general" {
		t.Fatalf("decode = %v", d)
	}
	sigs := d["signatures"].([]any)
	if len(sigs) != 2 {
		t.Fatalf("%d signatures", len(sigs))
	}
	s1 := sigs[1].(map[string]any)
	if s1["alg"] != "HS256" || s1["kid"] != "k1" || s1["protected"].(map[string]any)["alg"] != "HS256" || s1["header"].(map[string]any)["kid"] != "k1" {
		t.Errorf("signature 1 = %v", s1)
	}
	if p := d["payload"].(map[string]any); p["sub"] != "42" || d["payloadText"] != claims {
		t.Errorf("payload %v, text %v", p, d["payloadText"])
	}
	// Leading white space still reads as JSON; a broken one says why.
	if r := call(t, "decode", "\n  "+jws); r["ok"] != true {
		t.Errorf("decode with leading space = %v", r)
	}
	if r := call(t, "decode", `{"payload":"e30"}`); r["ok"] != false || errorCode(r) != "malformed" || r["form"] != "" {
		t.Errorf("decode without signatures = %v", r)
	}
}

func TestVerifyJWSJSON(t *testing.T) {
	jws := hmacJSON(claims, "another secret of thirty-two bytes!!", secret)
	v := call(t, "verify", jws, map[string]any{"key": secret})
	if v["ok"] != true || v["valid"] != true || v["signatureValid"] != true {
		t.Fatalf("verify = %v", v)
	}
	if by := v["verifiedBy"].([]any); len(by) != 1 || by[0] != float64(1) {
		t.Errorf("verifiedBy %v, want [1]", by)
	}
	sigs := v["signatures"].([]any)
	if sigs[0].(map[string]any)["status"] != "invalid" || sigs[1].(map[string]any)["status"] != "verified" {
		t.Errorf("statuses %v", sigs)
	}
	tampered := strings.Replace(jws, b64u([]byte(claims)), b64u([]byte(strings.Replace(claims, "42", "43", 1))), 1)
	if v := call(t, "verify", tampered, map[string]any{"key": secret}); v["valid"] != false || v["signatureValid"] != false || !hasCode(v, "signature_invalid") {
		t.Errorf("tampered verify = %v", v)
	}
	if v := call(t, "verify", jws); v["ok"] != false || errorCode(v) != "key_missing" || v["signatureValid"] != false {
		t.Errorf("verify without a key = %v", v)
	}
}

func TestToCompactAndToJSON(t *testing.T) {
	tok := sign(t)
	j := call(t, "toJSON", tok)
	if j["ok"] != true {
		t.Fatalf("toJSON = %v", j)
	}
	c := call(t, "toCompact", j["json"])
	if c["ok"] != true || c["token"] != tok {
		t.Fatalf("toCompact = %v, want %s", c, tok)
	}
	if r := call(t, "toCompact", hmacJSON(claims, secret, secret)); r["ok"] != false || errorCode(r) != "malformed" {
		t.Errorf("toCompact of two signatures = %v", r)
	}
	for _, fn := range []string{"toCompact", "toJSON"} {
		if r := call(t, fn, 42); errorCode(r) != "bad_input" {
			t.Errorf("%s(42) = %v", fn, r)
		}
	}
}
