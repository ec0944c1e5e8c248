package e2e

// Accessibility: axe-core, the engine of Lighthouse's accessibility audits,
// finds no violation of its default rules (WCAG 2.x A and AA, and its best
// practices) on the playground, embed.html and the lessons, in the light
// scheme and the dark one. It is the npm package the bench installs
// (scripts/bench/lighthouse; `make e2e` runs npm ci there first).

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// axeScript reads axe-core's browser build from the bench's npm packages,
// or skips the test, saying how to install them.
func axeScript(t *testing.T) string {
	t.Helper()
	path := filepath.Join(repoRoot, "scripts", "bench", "lighthouse", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("axe-core is not installed (%v): run `npm ci --prefix scripts/bench/lighthouse` (make e2e does)", err)
	}
	return string(b)
}

// axeFinding is one rule that axe-core found broken, and where.
type axeFinding struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (f axeFinding) String() string {
	return fmt.Sprintf("%s (%s): %s\n    %s", f.ID, f.Impact, f.Help, strings.Join(f.Nodes, "\n    "))
}

// runAxeJS runs axe-core over the document and lists its violations, each
// with where it is (a CSS selector, through shadow roots) and why.
const runAxeJS = `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({
	id: v.id, impact: v.impact || "", help: v.help,
	nodes: v.nodes.map((n) => [].concat(n.target).join(" >>> ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ").trim()),
})))`

// embedsDrawn is true once every <jwt-playground> of the document shows a
// verdict.
const embedsDrawn = `[...document.querySelectorAll("jwt-playground")].every((e) => {
	const s = e.shadowRoot?.querySelector("[data-testid=embed-status]")?.dataset.state;
	return !!s && s !== "loading";
}) && document.querySelectorAll("jwt-playground").length > 0`

func TestAccessibility(t *testing.T) {
	t.Parallel()
	axe := axeScript(t)
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-a11y", "name": "Ada Lovelace", "iat": 1700000000}, []byte(testSecret))
	embed := url.Values{"token": {token}, "key": {testSecret}, "mode": {"verify"}}.Encode()
	pages := []struct {
		name, path string
		drawn      string // a condition that holds once the content is drawn; "" for the playground's data-ready
	}{
		{"page", "", ""},
		{"embed", "embed.html#" + embed, embedsDrawn},
		{"learn", "learn/", `document.readyState === "complete" && !!document.querySelector("main h1, main h2")`},
	}
	for _, pg := range pages {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(pg.name+"-"+scheme, func(t *testing.T) {
				t.Parallel()
				p := openAt(t, baseURL+pg.path, atOptions{other: pg.drawn != "", setup: []chromedp.Action[chromedp.Void]{colorScheme(scheme), bypassCSP()}})
				if pg.drawn != "" {
					if _, ok, err := poll(p, loadTimeout, func() (bool, error) { return eval[bool](p, pg.drawn) }, func(b bool) bool { return b }); !ok {
						t.Fatalf("%s was not drawn within %s: %v", pg.path, loadTimeout, err)
					}
				}
				// Let the panels filled after ready, and transitions, settle.
				p.sleep(500 * time.Millisecond)
				found, err := runAxe(p, axe)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range found {
					t.Errorf("axe-core on /%s (%s): %s", pg.path, scheme, f)
				}
			})
		}
	}
}

// bypassCSP lets axe-core set the inline styles it measures contrast with,
// which the pages' Content-Security-Policy (style-src 'self') would block
// and report as an error.
func bypassCSP() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
		return err
	})
}

// runAxe injects axe-core into p and runs it. On a machine shared with
// other work axe takes seconds, so it has loadTimeout, not callTimeout.
func runAxe(p *Page, axe string) ([]axeFinding, error) {
	ctx, cancel := context.WithTimeout(p.ctx, loadTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeFinding](runAxeJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return found, nil
}
