package token

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ES256K against node's own crypto (OpenSSL), in both directions: jose 6
// has no ES256K, its WebCrypto having no secp256k1.

// readNodeES256K reads vectors made by scripts/interop/es256k.mjs.
func readNodeES256K(t *testing.T, path string) []joseVector {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var vs []joseVector
	if err := json.Unmarshal(b, &vs); err != nil || len(vs) != 1 || vs[0].Alg != "ES256K" {
		t.Fatalf("%s: want one ES256K vector, got %d (%v)", path, len(vs), err)
	}
	return vs
}

// TestInteropES256KNodeVectors verifies a token node signed once, with its
// key as SPKI, PKCS #8 and SEC 1 PEM, JWK and JWKS.
func TestInteropES256KNodeVectors(t *testing.T) {
	checkJoseTokens(t, readNodeES256K(t, "testdata/es256k-node-vectors.json"))
}

// TestInteropES256KNode makes a fresh key and token with node, verifies it
// here, then signs with that key here and has node verify.
func TestInteropES256KNode(t *testing.T) {
	script := filepath.Join(filepath.Dir(joseScript(t)), "es256k.mjs")
	out := filepath.Join(t.TempDir(), "node.json")
	if b, err := exec.Command("node", script, "generate", out).CombinedOutput(); err != nil {
		t.Fatalf("node generate: %v\n%s", err, b)
	}
	vs := readNodeES256K(t, out)
	t.Run("we verify node", func(t *testing.T) { checkJoseTokens(t, vs) })
	t.Run("node verifies us", func(t *testing.T) {
		v := vs[0]
		var cases []joseCase
		for form, key := range map[string]string{"private JWK": string(v.PrivateJwk), "PKCS#8 PEM": v.PrivatePem, "SEC1 PEM": v.PrivatePemSec1} {
			// Several tokens per key: a nonce bug shows only sometimes.
			for i := range 4 {
				tok, err := Encode(EncodeInput{Header: fmt.Sprintf(`{"alg":"ES256K","kid":%q}`, v.Kid), Payload: string(v.Payload), Key: key})
				if err != nil {
					t.Fatalf("Encode with %s: %v", form, err)
				}
				cases = append(cases, joseCase{Name: fmt.Sprintf("ES256K signed with %s #%d", form, i), Alg: "ES256K", Token: tok, Key: map[string]any{"jwk": v.PublicJwk}, ExpectPayload: v.Payload})
			}
		}
		cases = append(cases, joseCase{Name: "ES256K checked with SPKI PEM", Alg: "ES256K", Token: cases[0].Token, Key: map[string]any{"pem": v.PublicPem}, ExpectPayload: v.Payload})
		in := filepath.Join(t.TempDir(), "ours.json")
		b, _ := json.Marshal(cases)
		if err := os.WriteFile(in, b, 0o600); err != nil {
			t.Fatal(err)
		}
		report, err := exec.Command("node", script, "verify", in).CombinedOutput()
		want := fmt.Sprintf("%d passed, 0 failed", 2*len(cases))
		if err != nil || !strings.Contains(string(report), want) {
			t.Fatalf("node verify: %v, want %q in:\n%s", err, want, report)
		}
	})
}
