package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	wasmkeys "github.com/jwt-playground/jwt-playground/wasm/keys"
	"github.com/jwt-playground/jwt-playground/wasm/token"
)

// TestGoOnlyAlgorithms generates an ES256K and an ML-DSA-65 key on the page
// (algorithms WebCrypto lacks, so the core's Go signs and verifies them):
// the algorithm choices are the core's table, the re-signed token is
// verified, and our core verifies it again with the public JWK the page
// shows. A screenshot of the key panel is saved to e2e/out.
func TestGoOnlyAlgorithms(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	p.WaitFor("the sample token to be verified", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	options := mustEval[[]string](p, `[...document.querySelectorAll('[data-testid="gen-alg"] option')].map((o) => o.textContent)`)
	if !slices.Equal(options, wasmkeys.Algorithms()) {
		t.Errorf("gen-alg offers %q, want the core's table %q", options, wasmkeys.Algorithms())
	}
	for _, alg := range []string{"ES256K", "ML-DSA-65"} {
		before := p.State()
		p.SetValue("gen-alg", alg)
		clickTestID(p, "gen-key")
		k := waitKeyPanel(p, "a new "+alg+" token, verified", genTimeout, func(k keyPanel) bool {
			h := headerOf(k.State.Token)
			return k.State.Token != before.Token && k.State.Status == stateVerified && h != nil && h["alg"] == alg && !k.GenBusy && strings.HasPrefix(k.GenStatus, "New ")
		})
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(k.Formats["publicJwk"])); err != nil {
			t.Fatalf("%s: the public JWK shown is not JSON: %v\n%s", alg, err, k)
		}
		pub := compact.String()
		want := map[string]string{"ES256K": `"crv":"secp256k1"`, "ML-DSA-65": `"kty":"AKP"`}[alg]
		if !strings.Contains(pub, want) {
			t.Fatalf("%s: the public JWK shown is %s, want %s in it\n%s", alg, pub, want, k)
		}
		v, err := token.Verify(k.State.Token, token.VerifyOptions{Key: pub})
		if err != nil || !v.SignatureValid {
			t.Errorf("%s: our core does not verify the page's token with the JWK it shows: %+v, %v", alg, v, err)
		}
		if alg == "ML-DSA-65" {
			shootKeyPanel(t, p, "mldsa65-key-panel")
		}
	}
}

// shootKeyPanel saves a screenshot of the key panel as it is.
func shootKeyPanel(t *testing.T, p *Page, name string) {
	t.Helper()
	out := filepath.Join("out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(p.ctx, loadTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	file := filepath.Join(out, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", file)
}
