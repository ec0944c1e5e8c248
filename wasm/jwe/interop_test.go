package jwe

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// joseToken is one token jose encrypted (scripts/interop/jwe.mjs), with
// its key in the forms a person pastes.
type joseToken struct {
	Alg, Enc, Curve, Plaintext, Token string
	Zip                               bool
	Key                               struct {
		SecretB64url, Password, PrivatePem, PublicPem string
		PrivateJwk, PublicJwk                         json.RawMessage
	}
}

func readJoseTokens(t *testing.T, path string) []joseToken {
	t.Helper()
	var ts []joseToken
	readJSON(t, path, &ts)
	if len(ts) == 0 {
		t.Fatalf("%s holds no tokens", path)
	}
	return ts
}

// decryptKeys are the forms of a jose token's key that must decrypt it.
func (j joseToken) decryptKeys() map[string]struct {
	key string
	enc keys.Encoding
} {
	type form = struct {
		key string
		enc keys.Encoding
	}
	switch {
	case j.Key.Password != "":
		return map[string]form{"password": {j.Key.Password, keys.UTF8}}
	case j.Key.SecretB64url != "":
		return map[string]form{"secret base64url": {j.Key.SecretB64url, keys.Base64URL}, "oct JWK": {`{"kty":"oct","k":"` + j.Key.SecretB64url + `"}`, ""}}
	}
	return map[string]form{
		"PKCS#8 PEM":  {j.Key.PrivatePem, ""},
		"private JWK": {string(j.Key.PrivateJwk), ""},
		"JWKS by kid": {`{"keys":[{"kty":"oct","kid":"other","k":"AAAA"},` + withKid(j.Key.PrivateJwk, kidOf(j.Token)) + `]}`, ""},
	}
}

func kidOf(token string) string {
	tok, _ := Parse(token)
	return tok.Kid
}

func withKid(jwk json.RawMessage, kid string) string {
	return fmt.Sprintf(`{"kid":%q,%s`, kid, jwk[1:])
}

// checkJoseTokens decrypts tokens jose made with every form of their key.
func checkJoseTokens(t *testing.T, ts []joseToken) {
	for _, j := range ts {
		for form, k := range j.decryptKeys() {
			t.Run(fmt.Sprintf("%s/%s/%s/%s", j.Alg, j.Enc, j.Curve, form), func(t *testing.T) {
				d, err := Decrypt(j.Token, k.key, k.enc)
				if err != nil {
					t.Fatalf("Decrypt: %v (steps %+v)", err, d.Steps)
				}
				if d.Plaintext != j.Plaintext || (d.Zip == "DEF") != j.Zip {
					t.Errorf("plaintext = %q (zip %q), want %q (zip %v)", d.Plaintext, d.Zip, j.Plaintext, j.Zip)
				}
			})
		}
	}
}

// TestInteropJoseJWE decrypts tokens jose made once, kept in testdata (one
// per alg and curve), so this direction is checked even without node.
func TestInteropJoseJWE(t *testing.T) {
	checkJoseTokens(t, readJoseTokens(t, "testdata/jose-jwe.json"))
}

// joseScript returns the interop script. It skips unless JOSE_INTEROP is
// set (as `make interop` does): jose's 180 tokens and RSA keys take half a
// minute, too long for every `go test`, which has testdata/jose-jwe.json.
// With JOSE_INTEROP set, a missing node or jose is a failure.
func joseScript(t *testing.T) string {
	t.Helper()
	if os.Getenv("JOSE_INTEROP") == "" {
		t.Skip("JOSE_INTEROP is not set: `make interop` runs this test")
	}
	dir := filepath.Join("..", "..", "scripts", "interop")
	_, errNode := exec.LookPath("node")
	_, errJose := os.Stat(filepath.Join(dir, "node_modules", "jose"))
	if errNode != nil || errJose != nil {
		t.Fatalf("JOSE_INTEROP is set but node or jose is missing (node: %v, jose: %v): run `npm ci --prefix scripts/interop`", errNode, errJose)
	}
	return filepath.Join(dir, "jwe.mjs")
}

// TestInteropJWEBothWays has jose encrypt with fresh keys for every alg ×
// enc pair it supports (and every ECDH-ES curve), decrypts here; then
// encrypts here for the same keys and has jose decrypt, and refuse each
// token with its tag changed.
func TestInteropJWEBothWays(t *testing.T) {
	script := joseScript(t)
	out := filepath.Join(t.TempDir(), "jose.json")
	if b, err := exec.Command("node", script, "generate", out).CombinedOutput(); err != nil {
		t.Fatalf("jose generate: %v\n%s", err, b)
	}
	ts := readJoseTokens(t, out)
	if len(ts) != 180 {
		t.Errorf("jose made %d tokens, want 30 algs and curves × 6 encs", len(ts))
	}
	t.Run("we decrypt jose", func(t *testing.T) { checkJoseTokens(t, ts) })
	t.Run("jose decrypts us", func(t *testing.T) { joseDecryptsOurs(t, script, ts) })
}

type joseCase struct {
	Name            string            `json:"name"`
	Alg             string            `json:"alg"`
	Enc             string            `json:"enc"`
	Token           string            `json:"token"`
	Key             map[string]string `json:"key"`
	ExpectPlaintext string            `json:"expectPlaintext"`
}

func joseDecryptsOurs(t *testing.T, script string, ts []joseToken) {
	var cases []joseCase
	for i, j := range ts {
		header := fmt.Sprintf(`{"alg":%q,"enc":%q,"cty":"json"`, j.Alg, j.Enc)
		if i%2 == 0 {
			header += `,"zip":"DEF"`
		}
		in := EncryptInput{Header: header + "}", Payload: j.Plaintext}
		key := map[string]string{}
		switch {
		case j.Key.Password != "":
			in.Key, key["password"] = j.Key.Password, j.Key.Password
		case j.Key.SecretB64url != "":
			in.Key, in.SecretEncoding, key["secretB64url"] = j.Key.SecretB64url, keys.Base64URL, j.Key.SecretB64url
		case i%2 == 0:
			in.Key, key["privatePem"] = j.Key.PublicPem, j.Key.PrivatePem
		default:
			in.Key, key["privatePem"] = string(j.Key.PublicJwk), j.Key.PrivatePem
		}
		tok, err := Encrypt(in)
		if err != nil {
			t.Fatalf("%s %s %s: Encrypt: %v", j.Alg, j.Enc, j.Curve, err)
		}
		cases = append(cases, joseCase{Name: strings.TrimSpace(fmt.Sprintf("%s %s %s", j.Alg, j.Enc, j.Curve)), Alg: j.Alg, Enc: j.Enc, Token: tok, Key: key, ExpectPlaintext: j.Plaintext})
	}
	in := filepath.Join(t.TempDir(), "ours.json")
	b, _ := json.Marshal(cases)
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	report, err := exec.Command("node", script, "decrypt", in).CombinedOutput()
	want := fmt.Sprintf("%d passed, 0 failed", 2*len(cases))
	if err != nil || !strings.Contains(string(report), want) {
		t.Fatalf("jose decrypt: %v, want %q in:\n%s", err, want, report)
	}
}
