package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestScreenshots saves screenshots to e2e/out/ for a person to look at:
// laptop (1280×800) and phone widths, light and dark, each of the whole page
// and of the first screen (-screen). It checks nothing about the page, so it
// fails only when a screenshot cannot be taken; layout_test.go measures.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	outDir := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	devices := []device{laptop, phone}
	// Each device and scheme is shot with the sample, with an OpenID
	// Connect ID token and its public key, and in states that show the
	// in-place errors.
	oidc, oidcKey := idToken(t), testKey(t, "RS256").publicPEM
	states := map[string]func(p *Page){
		"": func(*Page) {},
		"-idtoken": func(p *Page) {
			p.SetToken(oidc)
			p.SetKey(oidcKey)
			p.WaitStatus(oidc, stateVerified)
		},
		// A bad character in the payload segment.
		"-malformed": func(p *Page) {
			p.SetToken("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi+xMjM0In0.c2ln")
			p.Settle()
		},
		// A secret offered for RS256, and a payload edit that is not JSON.
		"-errors": func(p *Page) {
			p.SetToken("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.c2ln")
			p.SetKey("a-playground-secret-of-at-least-32-bytes")
			p.SetValue("payload-json", "{\n  \"sub\": \"1234\",\n}")
			p.Settle()
		},
	}
	for _, d := range devices {
		for _, scheme := range []string{"light", "dark"} {
			for suffix, prepare := range states {
				shoot(t, outDir, d.name+"-"+scheme+suffix, d, scheme, prepare)
			}
		}
	}
}

// device is a viewport to take screenshots at.
type device struct {
	name          string
	width, height int64
	opts          []chromedp.EmulateViewportOption
}

// shoot saves one full-page screenshot, in a subtest, of the page after prepare.
func shoot(t *testing.T, outDir, name string, d device, scheme string, prepare func(*Page)) {
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		p := openPage(t, pageOptions{lenient: true, setup: []chromedp.Action[chromedp.Void]{
			chromedp.EmulateViewport(d.width, d.height, d.opts...),
			colorScheme(scheme),
		}})
		prepare(p)
		// Web fonts change the layout when they arrive.
		if _, err := eval[bool](p, `document.fonts.ready.then(() => true)`); err != nil {
			t.Logf("wait for fonts: %v", err)
		}
		ctx, cancel := context.WithTimeout(p.ctx, loadTimeout)
		defer cancel()
		mustEval[chromedp.Void](p, `window.scrollTo(0, 0)`)
		screen, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s of the first screen: %v", name, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		for file, b := range map[string][]byte{name + ".png": png, name + "-screen.png": screen} {
			file = filepath.Join(outDir, file)
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("saved %s", file)
		}
	})
}

// colorScheme emulates prefers-color-scheme, which the page's CSS reads.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}
