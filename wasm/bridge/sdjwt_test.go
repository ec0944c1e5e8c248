//go:build js && wasm

package main

import (
	"testing"
)

const (
	sdIssuerKey = `{"kty":"EC","crv":"P-256","d":"Ur2bNKuBPOrAaxsRnbSH6hIhmNTxSGXshDSUD1a1y7g","x":"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ","y":"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8"}`
	sdHolderKey = `{"kty":"EC","crv":"P-256","d":"5K5SCos8zf9zRemGGUl6yfok-_NiiryNZsvANWMhF-I","x":"TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc","y":"ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}`
)

// TestSDJWT: issueSD, presentSD, decodeSD and verify on an SD-JWT, as the
// page calls them; verify checks the key binding's nonce, and a wrong one
// is refused, on the js.FuncOf path.
func TestSDJWT(t *testing.T) {
	is := call(t, "issueSD", map[string]any{
		"header": map[string]any{"alg": "ES256", "typ": "dc+sd-jwt"}, "payload": `{"iss":"https://issuer.example.com","given_name":"John","age":42}`,
		"disclose": []any{"/given_name", "/age"}, "decoys": 2, "holderKey": sdHolderKey, "key": sdIssuerKey,
	})
	if is["ok"] != true {
		t.Fatalf("issueSD = %v", is)
	}
	pres := call(t, "presentSD", map[string]any{"sdjwt": is["sdjwt"], "reveal": []any{1}, "holderKey": sdHolderKey, "audience": "https://v.example", "nonce": "abc"})
	if pres["ok"] != true {
		t.Fatalf("presentSD = %v", pres)
	}
	d := call(t, "decodeSD", pres["sdjwt"])
	discs, _ := d["disclosures"].([]any)
	if d["ok"] != true || len(discs) != 1 || d["keyBindingJwt"] == nil {
		t.Fatalf("decodeSD = %v", d)
	}
	if p, _ := d["processed"].(map[string]any); p["given_name"] != "John" || p["age"] != nil {
		t.Errorf("processed = %v, want given_name only", d["processed"])
	}
	v := call(t, "verify", pres["sdjwt"], map[string]any{"key": sdIssuerKey, "audience": "https://v.example", "nonce": "abc"})
	if v["valid"] != true || v["keyBindingValid"] != true {
		t.Fatalf("verify = %v", v)
	}
	v = call(t, "verify", pres["sdjwt"], map[string]any{"key": sdIssuerKey, "audience": "https://v.example", "nonce": "other"})
	if v["valid"] != false || !hasCode(v, "kb_nonce_mismatch") {
		t.Fatalf("verify with another nonce = %v", v)
	}
	for _, bad := range []map[string]any{
		{"header": `{"alg":"ES256"}`, "payload": `{}`, "disclose": "/a", "key": sdIssuerKey},
		{"header": `{"alg":"ES256"}`, "payload": `{}`, "decoys": 1.5, "key": sdIssuerKey},
	} {
		if r := call(t, "issueSD", bad); errorCode(r) != "bad_input" {
			t.Errorf("issueSD(%v) = %v, want bad_input", bad, r)
		}
	}
	if r := call(t, "presentSD", map[string]any{"sdjwt": is["sdjwt"], "reveal": []any{"0"}}); errorCode(r) != "bad_input" {
		t.Errorf("presentSD with a string index = %v, want bad_input", r)
	}
}

func hasCode(v map[string]any, code string) bool {
	errs, _ := v["errors"].([]any)
	for _, e := range errs {
		if m, _ := e.(map[string]any); m["code"] == code {
			return true
		}
	}
	return false
}
