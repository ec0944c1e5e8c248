package e2e

// What a keystroke costs the browser beyond the page's own work: the layers
// it composites and re-rasters. A box that scrolls is composited; anything
// painted after it that the browser cannot prove to stay clear of it is
// put into layers of its own ("overlap"), which it rasters anew when they
// change. Here those once covered most of the page: a keystroke while the
// engine compiled re-rastered 46 tiles, and waited 220 ms for them.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/layertree"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// scrollerJS says whether the element is a box that can scroll: its own
// layers are composited, some of them for overlap, as they must be.
const scrollerJS = `function () {
	const s = getComputedStyle(this);
	return /auto|scroll/.test(s.overflowX + " " + s.overflowY);
}`

// overlapLayers returns the page's layers that the browser composites for
// overlap, other than those of a box that scrolls, described by size,
// element and reasons.
func overlapLayers(t *testing.T, p *Page) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, waitTimeout)
	defer cancel()
	trees := make(chan []*layertree.Layer, 64)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*layertree.EventLayerTreeDidChange); ok && len(e.Layers) > 0 {
			select {
			case trees <- e.Layers:
			default:
			}
		}
	}); err != nil {
		t.Fatalf("listen: %v", err)
	}
	call := func(fn func(ctx context.Context, tab *chromedp.Target) error) error {
		return p.do(callTimeout, chromedp.Func(fn))
	}
	if err := call(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, layertree.Enable, cdp.Empty{})
		return err
	}); err != nil {
		t.Fatalf("LayerTree.enable: %v", err)
	}
	// Something new to draw, so that the tree is sent again. (LayerTree
	// stays enabled: enabled again, it sent no tree for a change here.)
	mustEval[any](p, `document.body.style.outline = "1px solid rgb(0 0 0 / " + (globalThis.e2eOutline = (globalThis.e2eOutline ?? 0) + 1) / 1000 + ")"`)
	var layers []*layertree.Layer
	select {
	case layers = <-trees:
	case <-ctx.Done():
		t.Fatalf("no layer tree within %s", waitTimeout)
	}
	var found []string
	byValue := true
	err := call(func(ctx context.Context, tab *chromedp.Target) error {
		for _, l := range layers {
			r, err := cdp.Call(ctx, tab, layertree.CompositingReasons, layertree.CompositingReasonsParams{LayerID: l.LayerID})
			if err != nil {
				return err
			}
			reasons := strings.Join(append(r.CompositingReasonIDs, r.CompositingReasons...), ",")
			if !strings.Contains(strings.ToLower(reasons), "overlap") {
				continue
			}
			what := "no element"
			if l.BackendNodeID != 0 {
				obj, err := cdp.Call(ctx, tab, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: l.BackendNodeID})
				if err != nil {
					return err
				}
				res, err := cdp.Call(ctx, tab, runtime.CallFunctionOn, runtime.CallFunctionOnParams{FunctionDeclaration: scrollerJS, ObjectID: obj.Object.ObjectID, ReturnByValue: &byValue})
				if err != nil {
					return err
				}
				if string(res.Result.Value) == "true" {
					continue
				}
				what = obj.Object.Description
			}
			found = append(found, fmt.Sprintf("%gx%g %s (%s)", l.Width, l.Height, what, reasons))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read the layers' compositing reasons: %v", err)
	}
	if len(layers) < 2 {
		t.Fatalf("the layer tree has %d layers: the test tests nothing", len(layers))
	}
	return found
}

// TestNoOverlapLayers: with the sample, and with a token longer than the
// box (which then scrolls), the browser puts nothing into a layer for
// overlap. The token box is its own stacking context (the editor's
// positioned parts paint with it), and fitting the token's textarea adds
// no height past its text (the sample's box would scroll by 2 px).
func TestNoOverlapLayers(t *testing.T) {
	t.Parallel()
	p := openAtSize(t, laptop)
	defer p.close()
	p.WaitFor("the sample verified", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	p.Settle()
	if scrolls := mustEval[bool](p, `(() => { const s = document.querySelector(".token-scroll"); return s.scrollHeight > s.clientHeight; })()`); scrolls {
		t.Errorf("the token box scrolls with the sample in it, which fits")
	}
	if got := overlapLayers(t, p); len(got) > 0 {
		t.Errorf("with the sample, layers composited for overlap: %s", strings.Join(got, "; "))
	}
	long := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-long", "note": strings.Repeat("a long claim ", 120)}), []byte(testSecret))
	p.SetToken(long)
	p.SetKey(testSecret)
	p.WaitStatus(long, stateVerified)
	p.Settle()
	if scrolls := mustEval[bool](p, `(() => { const s = document.querySelector(".token-scroll"); return s.scrollHeight > s.clientHeight; })()`); !scrolls {
		t.Fatalf("a token of %d characters does not make the token box scroll: the test tests nothing", len(long))
	}
	if got := overlapLayers(t, p); len(got) > 0 {
		t.Errorf("with a long token, layers composited for overlap: %s", strings.Join(got, "; "))
	}
}
