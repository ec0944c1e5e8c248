package sdjwt

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sdjwtScript returns the @sd-jwt/core interop script, or skips when node
// or the package is missing, unless JOSE_INTEROP is set (make interop),
// where missing them is a failure.
func sdjwtScript(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "scripts", "interop")
	_, errNode := exec.LookPath("node")
	_, errPkg := os.Stat(filepath.Join(dir, "node_modules", "@sd-jwt", "core"))
	if errNode != nil || errPkg != nil {
		if os.Getenv("JOSE_INTEROP") != "" {
			t.Fatalf("JOSE_INTEROP is set but node or @sd-jwt/core is missing (node: %v, @sd-jwt/core: %v): run `npm ci --prefix scripts/interop`", errNode, errPkg)
		}
		t.Skip("node or @sd-jwt/core not installed: `make interop` runs this test")
	}
	return filepath.Join(dir, "sd-jwt.mjs")
}

// sdGenerated is what the script's generate writes.
type sdGenerated struct {
	IssuerJwk, IssuerPrivateJwk, HolderJwk, HolderPrivateJwk json.RawMessage
	Aud, Nonce                                               string
	Iat                                                      int64
	Issued, Presentation                                     string
	Claims                                                   json.RawMessage
}

// TestInteropSDJWT: @sd-jwt/core issues and presents with key binding, and
// we verify both and read the same claims; we issue and present, and
// @sd-jwt/core verifies ours, and refuses each with a disclosure dropped
// after key binding.
func TestInteropSDJWT(t *testing.T) {
	script := sdjwtScript(t)
	out := filepath.Join(t.TempDir(), "sd-jwt.json")
	if b, err := exec.Command("node", script, "generate", out).CombinedOutput(); err != nil {
		t.Fatalf("@sd-jwt generate: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var g sdGenerated
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	opts := VerifyOptions{Nonce: g.Nonce}
	opts.Key, opts.Now, opts.Audience = string(g.IssuerJwk), time.Unix(g.Iat, 0), []string{g.Aud}
	t.Run("we verify @sd-jwt's presentation", func(t *testing.T) {
		v, err := Verify(g.Presentation, opts)
		if err != nil || !v.Valid || !v.KeyBindingValid {
			t.Fatalf("Verify: %v %v", err, v.Errors)
		}
		sameJSON(t, v.Processed, g.Claims)
	})
	t.Run("we verify @sd-jwt's issued SD-JWT", func(t *testing.T) {
		o := opts
		o.Nonce, o.Audience = "", nil
		d, _ := Decode(g.Issued)
		if v, err := Verify(g.Issued, o); err != nil || !v.Valid || len(d.Undisclosed) != 1 || d.Undisclosed[0].Count != 3 {
			t.Fatalf("Verify: %v %v; undisclosed %v, want the 3 decoys", err, v.Errors, d.Undisclosed)
		}
	})
	t.Run("@sd-jwt verifies ours", func(t *testing.T) { sdjwtVerifiesOurs(t, script, g) })
}

func sdjwtVerifiesOurs(t *testing.T, script string, g sdGenerated) {
	is, err := Issue(IssueInput{
		Header:    `{"alg":"ES256","typ":"dc+sd-jwt"}`,
		Payload:   `{"iss":"https://issuer.example.com","iat":1700000000,"given_name":"Zoë","email":"zoe@example.com","address":{"street_address":"123 Main St","country":"US"},"nationalities":["US","DE"]}`,
		Disclose:  []string{"/given_name", "/email", "/address", "/address/street_address", "/nationalities/0"},
		Decoys:    2,
		HolderKey: string(g.HolderJwk),
		Key:       string(g.IssuerPrivateJwk),
	})
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	type sdCase struct {
		Name      string          `json:"name"`
		SDJWT     string          `json:"sdjwt"`
		IssuerJwk json.RawMessage `json:"issuerJwk"`
		Nonce     string          `json:"nonce,omitempty"`
		Claims    json.RawMessage `json:"claims"`
	}
	cases := []sdCase{{Name: "issued, every disclosure", SDJWT: is.SDJWT}}
	for _, reveal := range [][]int{{}, {0}, {2}, {1, 3, 4}} {
		pres, err := Present(PresentInput{SDJWT: is.SDJWT, Reveal: reveal, HolderKey: string(g.HolderPrivateJwk), Audience: g.Aud, Nonce: "nonce-ours", IssuedAt: time.Now()})
		if err != nil {
			t.Fatalf("Present(%v): %v", reveal, err)
		}
		cases = append(cases, sdCase{Name: fmt.Sprintf("presented %v with key binding", reveal), SDJWT: pres, Nonce: "nonce-ours"})
	}
	tampered := 0
	for i := range cases {
		d, err := Decode(cases[i].SDJWT)
		if err != nil || len(d.Errors) > 0 {
			t.Fatalf("%s: %v %v", cases[i].Name, err, d.Errors)
		}
		cases[i].IssuerJwk, cases[i].Claims = g.IssuerJwk, d.Processed
		if cases[i].Nonce != "" && len(d.Disclosures) > 0 {
			tampered++
		}
	}
	in := filepath.Join(t.TempDir(), "ours.json")
	b, _ := json.Marshal(cases)
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	report, err := exec.Command("node", script, "verify", in).CombinedOutput()
	want := fmt.Sprintf("%d passed, 0 failed", len(cases)+tampered)
	if err != nil || !strings.Contains(string(report), want) {
		t.Fatalf("@sd-jwt verify: %v, want %q in:\n%s", err, want, report)
	}
}
