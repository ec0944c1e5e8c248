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

// TestScreenshots saves full-page screenshots of the first render to e2e/out/
// for a person to look at: laptop and phone widths, light and dark. It checks
// nothing about the page, so it fails only when a screenshot cannot be taken.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	outDir := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	devices := []device{
		{"laptop", 1366, 900, nil},
		{"phone", 390, 844, []chromedp.EmulateViewportOption{
			chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait,
		}},
	}
	// Each device and scheme is shot with the sample, and in states that
	// show the in-place errors.
	states := map[string]func(p *Page){
		"": func(*Page) {},
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
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		file := filepath.Join(outDir, name+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("saved %s", file)
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
