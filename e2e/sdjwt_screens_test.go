package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSDJWTScreenshots saves screenshots of the SD-JWT mode to e2e/out/ for
// a person to look at, at laptop and phone sizes, light and dark: a pasted
// presentation with a key-binding JWT and a forged disclosure, and the
// builder with a presentation. Like TestScreenshots it checks nothing about
// the page; sdjwt_test.go does.
func TestSDJWTScreenshots(t *testing.T) {
	t.Parallel()
	outDir := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	states := map[string]func(p *Page){
		"-sdjwt": func(p *Page) {
			m := makeSD(t, p, true)
			p.SetKey(m.Key)
			p.SetValue("check-nonce", "n-123")
			forged := m.SDJWT[:len(m.SDJWT)-len(m.SDJWT[lastTilde(m.SDJWT):])] + "~" + m.Foreign + m.SDJWT[lastTilde(m.SDJWT):]
			p.SetToken(forged)
			p.Settle()
			mustEval[bool](p, `(document.querySelector(".sd-explained-box").open = true, document.getElementById("sd-panel").scrollIntoView(), true)`)
			p.Settle()
		},
		"-sdbuild": func(p *Page) {
			p.WaitFor("the sample verified", func(s State) bool { return s.Status == stateVerified })
			// The sample: an HS256 token and its secret, to issue with.
			clickID(p, "sample-token")
			p.WaitFor("the sample verified", func(s State) bool { return s.Status == stateVerified && !strings.Contains(s.Token, "~") })
			p.SetValue("payload-json", `{"iss":"https://issuer.example","given_name":"Ada","age":36,"nationalities":["GB","FR"]}`)
			p.Settle()
			mustEval[bool](p, `(() => { const d = document.getElementById("sd-build-details"); d.open = true; return true; })()`)
			p.Settle()
			mustEval[bool](p, `(document.getElementById("sd-decoys").value = "3", document.getElementById("sd-issue").click(), true)`)
			p.Settle()
			mustEval[bool](p, `(document.getElementById("sd-build-details").scrollIntoView(), true)`)
		},
	}
	for _, d := range []device{laptop, phone} {
		for _, scheme := range []string{"light", "dark"} {
			for suffix, prepare := range states {
				shootParts(t, outDir, d.name+"-"+scheme+suffix, d, scheme, prepare)
			}
		}
	}
}

func lastTilde(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '~' {
			return i
		}
	}
	return -1
}

// shootParts saves, in a subtest, screenshots of the SD-JWT panel and the
// builder after prepare (the whole page is too tall to read at a phone's
// width): name-panel.png and name-build.png, each when shown.
func shootParts(t *testing.T, outDir, name string, d device, scheme string, prepare func(*Page)) {
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		p := openPage(t, pageOptions{lenient: true, setup: []chromedp.Action[chromedp.Void]{
			chromedp.EmulateViewport(d.width, d.height, d.opts...),
			colorScheme(scheme),
		}})
		prepare(p)
		if _, err := eval[bool](p, `document.fonts.ready.then(() => true)`); err != nil {
			t.Logf("wait for fonts: %v", err)
		}
		for part, sel := range map[string]string{"panel": "#sd-panel", "build": ".sd-build", "verdict": "#verify-status"} {
			if !mustEval[bool](p, `(() => { const e = document.querySelector(`+jsString(sel)+`); return !!e && e.offsetParent !== null; })()`) {
				continue
			}
			ctx, cancel := context.WithTimeout(p.ctx, loadTimeout)
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
			cancel()
			if err != nil {
				t.Fatalf("screenshot %s of %s: %v", name, sel, err)
			}
			file := filepath.Join(outDir, name+"-"+part+".png")
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestSDJWTLayoutNoSpill opens a presentation with a key binding and a
// forged disclosure of a long unbroken value, every explanation open, and
// the builder with a presentation, on a phone and a laptop: nothing sticks
// out of its card, and the page never scrolls sideways.
func TestSDJWTLayoutNoSpill(t *testing.T) {
	t.Parallel()
	for _, d := range []device{phone, laptop} {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			p := openAtSize(t, d)
			m := makeSD(t, p, true)
			long, _ := disclosure(t, "salt-long", "https://claims.example/"+strings.Repeat("x1y2z3", 30), strings.Repeat("v", 200))
			cut := lastTilde(m.SDJWT)
			forged := m.SDJWT[:cut] + "~" + long + m.SDJWT[cut:]
			p.SetKey(m.Key)
			p.SetToken(forged)
			p.WaitStatus(forged, "claims-invalid")
			mustEval[chromedp.Void](p, `for (const d of document.querySelectorAll("details")) d.open = true`)
			waitTrue(p, "the explanations", `document.querySelectorAll("#sd-explained tr").length > 0`)
			p.Settle()
			checkNoSpill(t, p, d.name+", SD-JWT panel")

			// The sample: an HS256 token and its secret, to issue with.
			clickID(p, "sample-token")
			p.WaitFor("the sample verified", func(s State) bool { return s.Status == stateVerified && !strings.Contains(s.Token, "~") })
			p.SetValue("payload-json", `{"iss":"https://issuer.example","`+strings.Repeat("n", 80)+`":"`+strings.Repeat("w", 120)+`"}`)
			p.WaitFor("the token re-signed", func(s State) bool { return s.Status == stateVerified && strings.Contains(s.Payload, "www") })
			clickID(p, "sd-refresh")
			p.SetValue("sd-decoys", "2")
			clickID(p, "sd-issue")
			waitTrue(p, "the presentation", `document.getElementById("sd-presented").value !== ""`)
			p.Settle()
			checkNoSpill(t, p, d.name+", SD-JWT builder")
		})
	}
}
