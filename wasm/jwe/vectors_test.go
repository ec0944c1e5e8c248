package jwe

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jwt-playground/jwt-playground/wasm/keys"
)

// vector is one fixed example: a token, the key that opens it and what it
// holds.
type vector struct {
	name, compact, key, plaintext string
	enc                           keys.Encoding
}

// rfcVectors reads RFC 7516 Appendix A and RFC 7520 §5 (with the
// cookbook's X25519 example and §6's nested token): every example with a
// compact serialization. RFC 7520 §5.10 to §5.13 have none (additional
// authenticated data, unprotected headers and several recipients exist in
// the JSON serialization only), so they are not here.
func rfcVectors(t testing.TB) []vector {
	t.Helper()
	var out []vector
	var a struct {
		Vectors []struct {
			Name, Compact, Plaintext string
			Key                      json.RawMessage
		}
	}
	readJSON(t, "testdata/rfc7516.json", &a)
	for _, v := range a.Vectors {
		out = append(out, vector{"RFC 7516 " + v.Name, v.Compact, string(v.Key), v.Plaintext, ""})
	}
	files, _ := filepath.Glob("testdata/rfc7520/*.json")
	for _, f := range files {
		var c struct {
			Input struct {
				Plaintext string
				Key       json.RawMessage
				Pwd       string
			}
			Output  struct{ Compact string }
			Sign    struct{ Output struct{ Compact string } }
			Encrypt *struct {
				Input  struct{ Key json.RawMessage }
				Output struct{ Compact string }
			}
		}
		readJSON(t, f, &c)
		v := vector{"RFC 7520 " + filepath.Base(f), c.Output.Compact, string(c.Input.Key), c.Input.Plaintext, ""}
		if c.Input.Pwd != "" {
			v.key = c.Input.Pwd
		}
		if c.Encrypt != nil { // §6: a signed token, encrypted
			v.compact, v.key, v.plaintext = c.Encrypt.Output.Compact, string(c.Encrypt.Input.Key), c.Sign.Output.Compact
		}
		out = append(out, v)
	}
	if len(out) < 14 {
		t.Fatalf("only %d vectors read", len(out))
	}
	return out
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestRFCVectors decrypts every fixed example to its plaintext, and fails
// to with its first tag byte flipped.
func TestRFCVectors(t *testing.T) {
	for _, v := range rfcVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			d, err := Decrypt(v.compact, v.key, v.enc)
			if err != nil {
				t.Fatalf("Decrypt: %v (steps %+v)", err, d.Steps)
			}
			if d.Plaintext != v.plaintext {
				t.Errorf("plaintext = %q, want %q", d.Plaintext, v.plaintext)
			}
			if strings.Contains(v.name, "6.nesting") && !d.Nested {
				t.Errorf("the nested example is not marked nested")
			}
			parts := strings.Split(v.compact, ".")
			parts[4] = map[bool]string{true: "B", false: "A"}[parts[4][0] == 'A'] + parts[4][1:]
			if _, err := Decrypt(strings.Join(parts, "."), v.key, v.enc); err == nil {
				t.Errorf("a changed tag decrypts")
			}
		})
	}
}
