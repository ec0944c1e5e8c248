//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// await waits for a promise and returns what it resolved to; a rejection
// fails the test, since the API promises never reject.
func await(t *testing.T, p js.Value) map[string]any {
	t.Helper()
	done := make(chan js.Value, 1)
	onResolve := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0]; return nil })
	onReject := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- js.ValueOf("rejected: " + args[0].Call("toString").String())
		return nil
	})
	defer onResolve.Release()
	defer onReject.Release()
	p.Call("then", onResolve, onReject)
	select {
	case v := <-done:
		if v.Type() == js.TypeString {
			t.Fatalf("promise %s", v.String())
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(jsonStringify.Invoke(v).String()), &m); err != nil {
			t.Fatal(err)
		}
		return m
	case <-time.After(20 * time.Second):
		t.Fatal("promise did not settle")
		return nil
	}
}

func TestGenerateKeyAndInspect(t *testing.T) {
	for _, alg := range []string{"HS384", "ES256", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			g := call(t, "generateKey", alg)
			if g["ok"] != true || g["alg"] != alg {
				t.Fatalf("generateKey = %v", g)
			}
			if alg == "HS384" {
				if s, _ := g["secret"].(string); len(s) != 64 || len(g["secretHex"].(string)) != 96 {
					t.Errorf("secret %q / hex %q: want 48 bytes", s, g["secretHex"])
				}
				return
			}
			jwk, _ := g["publicJwk"].(map[string]any)
			if jwk["kid"] != g["kid"] || g["kid"] == "" {
				t.Errorf("publicJwk %v: want the kid %v", jwk, g["kid"])
			}
			ins := call(t, "inspectKey", g["privateKeyPem"])
			if ins["ok"] != true || ins["kind"] != "private" || ins["thumbprint"] != g["kid"] {
				t.Errorf("inspectKey(private PEM) = %v", ins)
			}
			if algs, _ := ins["algs"].([]any); len(algs) != 1 || algs[0] != alg {
				t.Errorf("algs = %v, want [%s]", ins["algs"], alg)
			}
		})
	}
	if r := call(t, "generateKey", "RS256", map[string]any{"bits": 1000}); errorCode(r) != "bad_input" {
		t.Errorf("generateKey(RS256, 1000 bits) = %v, want bad_input", r)
	}
	if r := call(t, "inspectKey", "00zz", map[string]any{"secretEncoding": "hex"}); errorCode(r) != "key_invalid" {
		t.Errorf("inspectKey(bad hex) = %v, want key_invalid", r)
	}
}

// jwksServer starts a node HTTP server on loopback, since Go cannot listen
// in js/wasm, and returns its base URL.
func jwksServer(t *testing.T, routes map[string]string) string {
	t.Helper()
	http := js.Global().Call("require", "http")
	handler := js.FuncOf(func(_ js.Value, args []js.Value) any {
		req, res := args[0], args[1]
		body, ok := routes[req.Get("url").String()]
		if !ok {
			res.Set("statusCode", 404)
			res.Call("end", "not found")
			return nil
		}
		res.Call("setHeader", "Content-Type", "application/json")
		res.Call("end", strings.ReplaceAll(body, "BASE", baseURL))
		return nil
	})
	server := http.Call("createServer", handler)
	listening := make(chan struct{})
	onListen := js.FuncOf(func(js.Value, []js.Value) any { close(listening); return nil })
	server.Call("listen", 0, "127.0.0.1", onListen)
	<-listening
	baseURL = "http://127.0.0.1:" + fmt.Sprint(server.Call("address").Get("port").Int())
	t.Cleanup(func() { server.Call("close"); handler.Release(); onListen.Release() })
	return baseURL
}

var baseURL string

func TestFetchJWKSAndDiscover(t *testing.T) {
	jwks := `{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`
	base := jwksServer(t, map[string]string{
		"/jwks":                                 jwks,
		"/iss/.well-known/openid-configuration": `{"issuer":"BASE/iss","jwks_uri":"BASE/jwks"}`,
		"/notjwks":                              `{"hello":"world"}`,
	})
	r := await(t, js.Global().Get("jwtPlayground").Call("fetchJWKS", base+"/jwks"))
	set, _ := r["jwks"].(map[string]any)
	if keys, _ := set["keys"].([]any); r["ok"] != true || len(keys) != 1 {
		t.Fatalf("fetchJWKS = %v", r)
	}
	d := await(t, js.Global().Get("jwtPlayground").Call("discover", base+"/iss"))
	if d["ok"] != true || d["jwksUri"] != base+"/jwks" || d["issuer"] != base+"/iss" {
		t.Fatalf("discover = %v", d)
	}
	for _, tt := range []struct{ url, code, want string }{
		{base + "/missing", "http_status", "HTTP 404"},
		{base + "/notjwks", "not_jwks", `no "keys"`},
		{"http://127.0.0.1:9/jwks", "fetch_failed", "CORS"},
		{"http://example.com/jwks", "bad_url", "https"},
	} {
		r := await(t, js.Global().Get("jwtPlayground").Call("fetchJWKS", tt.url))
		e, _ := r["error"].(map[string]any)
		if r["ok"] != false || e["code"] != tt.code || !strings.Contains(e["message"].(string), tt.want) {
			t.Errorf("fetchJWKS(%s) = %v, want %s mentioning %q", tt.url, r, tt.code, tt.want)
		}
	}
	if r := await(t, js.Global().Get("jwtPlayground").Call("fetchJWKS", 42)); errorCode(r) != "bad_input" {
		t.Errorf("fetchJWKS(42) = %v, want bad_input", r)
	}
}

// TestGoOnlyAlgorithmsStayInGo checks that the fast path never hands ES256K
// or ML-DSA to WebCrypto, which has neither: verifyBegin and encodeBegin
// answer at once, from Go, with no pending WebCrypto step.
func TestGoOnlyAlgorithmsStayInGo(t *testing.T) {
	for _, alg := range []string{"ES256K", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"} {
		t.Run(alg, func(t *testing.T) {
			g := call(t, "generateKey", alg)
			priv, pub := g["privateKeyPem"].(string), g["publicKeyPem"].(string)
			made := string(encodeBegin(encodeArgs{Header: `{"alg":"` + alg + `"}`, Payload: `{"sub":"1"}`, Key: priv}))
			if strings.Contains(made, "pending") || !strings.Contains(made, `"token"`) {
				t.Fatalf("encodeBegin = %s, want a token signed in Go", made)
			}
			var e struct{ Token string }
			json.Unmarshal([]byte(made), &e)
			got := string(verifyBegin(e.Token, options{Key: pub}))
			if strings.Contains(got, "pending") || !strings.Contains(got, `"signatureValid":true`) {
				t.Fatalf("verifyBegin = %s, want a verdict from Go", got)
			}
		})
	}
	// WebCrypto still does the others.
	g := call(t, "generateKey", "ES256")
	if made := string(encodeBegin(encodeArgs{Header: `{"alg":"ES256"}`, Payload: `{}`, Key: g["privateKeyPem"].(string)})); !strings.Contains(made, "pending") {
		t.Errorf("encodeBegin(ES256) = %s, want it handed to WebCrypto", made)
	}
}

// TestAlgorithms checks the table the page builds its choices from.
func TestAlgorithms(t *testing.T) {
	r := call(t, "algorithms")
	list, _ := r["algorithms"].([]any)
	byName := map[string]map[string]any{}
	for _, a := range list {
		m := a.(map[string]any)
		byName[m["name"].(string)] = m
	}
	if len(list) != 17 || byName["ES256K"]["curve"] != "secp256k1" || byName["ES256K"]["browserCrypto"] != false ||
		byName["ML-DSA-65"]["keyType"] != "AKP" || byName["ML-DSA-65"]["family"] != "ml-dsa" || byName["ES256"]["browserCrypto"] != true {
		t.Errorf("algorithms = %v", r)
	}
}
