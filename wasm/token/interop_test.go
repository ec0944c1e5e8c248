package token

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// joseVector is one token and its keys, made by the jose npm package
// (scripts/interop/jose-vectors.mjs), an implementation independent of ours.
type joseVector struct {
	Alg             string          `json:"alg"`
	Token           string          `json:"token"`
	Payload         json.RawMessage `json:"payload"`
	Kid             string          `json:"kid"`
	SecretB64url    string          `json:"secretB64url"`
	SecretHex       string          `json:"secretHex"`
	PublicPem       string          `json:"publicPem"`
	PrivatePem      string          `json:"privatePem"`
	PublicJwk       json.RawMessage `json:"publicJwk"`
	PrivateJwk      json.RawMessage `json:"privateJwk"`
	PublicPemPkcs1  string          `json:"publicPemPkcs1"`
	PrivatePemPkcs1 string          `json:"privatePemPkcs1"`
	PrivatePemSec1  string          `json:"privatePemSec1"`
}

// joseNow is the time the vectors are checked at (iat 1700000000, exp 2100).
var joseNow = time.Unix(1700000100, 0)

func readVectors(t *testing.T, path string) []joseVector {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var vs []joseVector
	if err := json.Unmarshal(b, &vs); err != nil {
		t.Fatal(err)
	}
	if want := len(joseAlgorithms()); len(vs) != want {
		t.Fatalf("%s has %d vectors, want one per algorithm jose has in node (%d)", path, len(vs), want)
	}
	return vs
}

// verifyKeys lists every form of v's key that must verify v's token.
func (v joseVector) verifyKeys() map[string]VerifyOptions {
	if v.SecretB64url != "" {
		return map[string]VerifyOptions{
			"secret base64url": {Key: v.SecretB64url, SecretEncoding: keys.Base64URL},
			"secret hex":       {Key: v.SecretHex, SecretEncoding: keys.Hex},
			"oct JWK":          {Key: string(v.PrivateJwk)},
		}
	}
	forms := map[string]string{
		"SPKI PEM":       v.PublicPem,
		"PKCS#8 PEM":     v.PrivatePem,
		"public JWK":     string(v.PublicJwk),
		"private JWK":    string(v.PrivateJwk),
		"PKCS#1 public":  v.PublicPemPkcs1,
		"PKCS#1 private": v.PrivatePemPkcs1,
		"SEC1 private":   v.PrivatePemSec1,
		// A JWKS whose keys have no kid is no form for these tokens, which
		// have one: jose matches a kid only to that kid (JWKSNoMatchingKey).
		"JWKS, kid among keys without": `{"keys":[{"kty":"oct","k":"AAAA"},` + withKid(v.PublicJwk, v.Kid) + `]}`,
		"JWKS by kid":                  `{"keys":[{"kty":"oct","kid":"other","k":"AAAA"},` + withKid(v.PublicJwk, v.Kid) + `]}`,
	}
	out := map[string]VerifyOptions{}
	for name, key := range forms {
		if key != "" {
			out[name] = VerifyOptions{Key: key}
		}
	}
	return out
}

// checkJoseTokens verifies tokens signed by jose with every form of their keys.
func checkJoseTokens(t *testing.T, vs []joseVector) {
	for _, v := range vs {
		for form, opts := range v.verifyKeys() {
			t.Run(v.Alg+"/"+form, func(t *testing.T) {
				opts.Now = joseNow
				res, err := Verify(v.Token, opts)
				if err != nil || !res.Valid {
					t.Fatalf("Verify = %+v, %v; want valid", res, err)
				}
				d, _ := Decode(v.Token)
				if !jsonEqual(t, d.Payload, v.Payload) {
					t.Errorf("payload = %s, want %s", d.Payload, v.Payload)
				}
			})
		}
	}
}

// withKid adds a kid member to a JWK.
func withKid(jwk json.RawMessage, kid string) string {
	return fmt.Sprintf(`{"kid":%q,%s`, kid, jwk[1:])
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// TestInteropJoseVectors checks tokens jose signed once, kept in testdata,
// so this direction is covered even where node is missing.
func TestInteropJoseVectors(t *testing.T) {
	checkJoseTokens(t, readVectors(t, "testdata/jose-vectors.json"))
}

// joseScript returns the interop script, or skips when jose is not
// installed, unless JOSE_INTEROP is set (as `make test` does), where
// missing it is a failure.
func joseScript(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "scripts", "interop")
	_, errNode := exec.LookPath("node")
	_, errJose := os.Stat(filepath.Join(dir, "node_modules", "jose"))
	if errNode != nil || errJose != nil {
		if os.Getenv("JOSE_INTEROP") != "" {
			t.Fatalf("JOSE_INTEROP is set but node or jose is missing (node: %v, jose: %v): run `npm ci --prefix scripts/interop`", errNode, errJose)
		}
		t.Skip("node or jose not installed: `make interop` runs this test")
	}
	return filepath.Join(dir, "jose-vectors.mjs")
}

// TestInteropBothWays makes fresh keys and tokens with jose and verifies
// them here, then signs with those keys here and has jose verify.
func TestInteropBothWays(t *testing.T) {
	script := joseScript(t)
	out := filepath.Join(t.TempDir(), "jose.json")
	if b, err := exec.Command("node", script, "generate", out).CombinedOutput(); err != nil {
		t.Fatalf("jose generate: %v\n%s", err, b)
	}
	vs := readVectors(t, out)
	t.Run("we verify jose", func(t *testing.T) { checkJoseTokens(t, vs) })
	t.Run("jose verifies us", func(t *testing.T) { joseVerifiesOurs(t, script, vs) })
}

// joseCase is one token for jose to verify.
type joseCase struct {
	Name          string          `json:"name"`
	Alg           string          `json:"alg"`
	Token         string          `json:"token"`
	Key           map[string]any  `json:"key"`
	ExpectPayload json.RawMessage `json:"expectPayload"`
}

func joseVerifiesOurs(t *testing.T, script string, vs []joseVector) {
	var cases []joseCase
	for _, v := range vs {
		header := fmt.Sprintf(`{"alg":%q,"typ":"JWT","kid":%q}`, v.Alg, v.Kid)
		signers := map[string]EncodeInput{"private JWK": {Key: string(v.PrivateJwk)}}
		if v.SecretB64url != "" {
			signers["secret"] = EncodeInput{Key: v.SecretB64url, SecretEncoding: keys.Base64URL}
		} else {
			signers["PKCS#8 PEM"] = EncodeInput{Key: v.PrivatePem}
		}
		for form, in := range signers {
			in.Header, in.Payload = header, string(v.Payload)
			tok, err := Encode(in)
			if err != nil {
				t.Fatalf("%s with %s: Encode: %v", v.Alg, form, err)
			}
			key := map[string]any{"secretB64url": v.SecretB64url}
			if v.SecretB64url == "" {
				key = map[string]any{"pem": v.PublicPem}
				if form == "private JWK" {
					key = map[string]any{"jwk": v.PublicJwk}
				}
			}
			cases = append(cases, joseCase{Name: v.Alg + " signed with " + form, Alg: v.Alg, Token: tok, Key: key, ExpectPayload: v.Payload})
		}
	}
	in := filepath.Join(t.TempDir(), "ours.json")
	b, _ := json.Marshal(cases)
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	report, err := exec.Command("node", script, "verify", in).CombinedOutput()
	want := fmt.Sprintf("%d passed, 0 failed", 2*len(cases)) // each case and its tampered twin
	if err != nil || !strings.Contains(string(report), want) {
		t.Fatalf("jose verify: %v, want %q in:\n%s", err, want, report)
	}
}

// joseAlgorithms are the algorithms jose signs and verifies under node:
// those of WebCrypto, which jose 6 is built on. Node 20's WebCrypto has
// neither secp256k1 nor ML-DSA (the GoOnly ones): ES256K is checked
// against node's own crypto instead (TestInteropES256KNode).
func joseAlgorithms() []string {
	var out []string
	for _, name := range keys.Algorithms() {
		if a, _ := keys.Lookup(name); !a.GoOnly {
			out = append(out, name)
		}
	}
	return out
}
