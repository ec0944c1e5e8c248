package e2e

// Loading: the first screen comes from the HTML and a tiny module, not
// from the wasm; the token engine runs in one worker per page, shared by
// the page and every <jwt-playground>, and an element far below the fold
// loads no wasm until it is about to be seen.

import (
	"context"
	"fmt"
	"html"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// wasmGate is a proxy to the test server that holds every request for
// playground.wasm until release, and says whether one was answered.
type wasmGate struct {
	base     string
	release  func()
	mu       sync.Mutex
	asked    int // requests for the wasm that arrived
	answered int // and were let through
}

func (g *wasmGate) counts() (asked, answered int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.asked, g.answered
}

// holdWasm starts a wasmGate in front of the test server.
func holdWasm(t *testing.T) *wasmGate {
	t.Helper()
	target, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	gate := make(chan struct{})
	g := &wasmGate{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			g.mu.Lock()
			g.asked++
			g.mu.Unlock()
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
			g.mu.Lock()
			g.answered++
			g.mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	var once sync.Once
	g.release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(func() {
		g.release()
		srv.Close()
	})
	g.base = srv.URL + "/"
	return g
}

// firstScreenJS reads what the first screen shows, before the engine.
const firstScreenJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const status = q("verify-status");
	return {
		ready: document.documentElement.dataset.ready ?? "",
		token: q("token-input").value,
		view: q("token-view").textContent.trim(),
		header: q("header-json").value,
		payload: q("payload-json").value,
		key: q("key-input").value,
		status: status.dataset.state,
		statusText: status.textContent.replace(/\s+/g, " ").trim(),
		plain: q("token-input").parentElement.classList.contains("plain"),
	};
})()`

type firstScreen struct {
	Ready, Token, View, Header, Payload, Key, Status, StatusText string
	Plain                                                        bool
}

// TestFirstScreenWhileWasmHeldBack holds playground.wasm back at the
// server: the page must still paint the sample (a token signed with a
// fresh secret, its header and payload, the secret in the key box, a
// verdict that says it is checking), take what is typed, and check the
// typed token once the wasm arrives.
func TestFirstScreenWhileWasmHeldBack(t *testing.T) {
	t.Parallel()
	g := holdWasm(t)
	p := openAt(t, g.base, atOptions{parent: newBrowserContext(t), other: true})
	var s firstScreen
	waitFor := func(desc string, cond func(firstScreen) bool) {
		t.Helper()
		deadline := time.Now().Add(loadTimeout)
		for {
			v, err := eval[firstScreen](p, firstScreenJS)
			if err == nil {
				s = v
				if cond(v) {
					return
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; the page shows %+v (last error %v)", desc, s, err)
			}
			p.sleep(pollInterval)
		}
	}
	waitFor("the sample on the first screen", func(s firstScreen) bool { return s.Token != "" })

	// The sample: a real HS256 token over the header and payload shown,
	// signed with the secret in the key box, drawn without the engine.
	parsed, err := jwt.Parse(s.Token, func(*jwt.Token) (any, error) { return []byte(s.Key), nil }, jwt.WithValidMethods([]string{"HS256"}))
	if err != nil || !parsed.Valid {
		t.Errorf("the first screen's sample does not verify with the secret in its key box (%v): %+v", err, s)
	}
	if len(s.Key) != 40 || strings.Contains(s.Key, "secret") {
		t.Errorf("the sample's secret is %q, want 40 random base64url characters", s.Key)
	}
	if s.View != s.Token {
		t.Errorf("the coloured token shows %q, want the sample %q", s.View, s.Token)
	}
	if !strings.Contains(s.Header, `"alg": "HS256"`) || !strings.Contains(s.Payload, `"name": "Ada Lovelace"`) {
		t.Errorf("the first screen lacks the sample's decoded header or payload: %+v", s)
	}
	if s.Status != "checking" || !strings.Contains(s.StatusText, "Checking") {
		t.Errorf("before the engine the verdict says %q (data-state %q), want a checking state", s.StatusText, s.Status)
	}
	if asked, answered := g.counts(); answered != 0 {
		t.Fatalf("the wasm was served (%d of %d requests) before the test let it through: the test tests nothing", answered, asked)
	}

	// Typing while the engine loads is kept, and checked when it runs.
	token := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-typed-while-held"}), []byte(testSecret))
	p.SetToken(token)
	p.SetKey(testSecret)
	// The coloured copy follows what is typed: the box does not switch to
	// its own text, which moved the text and re-layered the page.
	waitFor("the typed token in the box and its coloured copy", func(s firstScreen) bool { return s.Token == token && s.Key == testSecret && s.View == token })
	if s.Plain {
		t.Errorf("typing while the engine loads switched the token box to plain text")
	}
	if asked, answered := g.counts(); answered != 0 || s.Ready == "true" {
		t.Fatalf("the engine was ready (%q) or the wasm served (%d of %d) before the typed token was checked for: the test tests nothing", s.Ready, answered, asked)
	}
	g.release()
	p.waitReady()
	if got := p.WaitStatus(token, stateVerified); got.Key != testSecret {
		t.Errorf("the key typed while the wasm was held back was replaced:\n%s", got)
	}
	if asked, _ := g.counts(); asked != 1 {
		t.Errorf("the page asked for playground.wasm %d times, want once", asked)
	}
}

// layoutShiftJS, run before the page's own scripts, sums the layout
// shifts that no input caused, as Cumulative Layout Shift counts them
// (the largest session window would be at most this sum).
const layoutShiftJS = `globalThis.e2eShift = { total: 0, shifts: [] };
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) {
		if (e.hadRecentInput) continue;
		globalThis.e2eShift.total += e.value;
		globalThis.e2eShift.shifts.push({ value: e.value, at: Math.round(e.startTime),
			nodes: e.sources.map((s) => (s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?") +
				" y " + Math.round(s.previousRect.y) + "→" + Math.round(s.currentRect.y) + " h " + Math.round(s.previousRect.height) + "→" + Math.round(s.currentRect.height)).join(", ") });
	}
}).observe({ type: "layout-shift", buffered: true });
globalThis.e2eLongTasks = [];
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) globalThis.e2eLongTasks.push(Math.round(e.duration));
}).observe({ type: "longtask", buffered: true });`

// TestFirstScreenDoesNotShift loads the page at a laptop's and a phone's
// size and sums the layout shifts until the sample is verified and the
// panels are filled: the first screen is drawn at its final size, so the
// engine's answers fill it in place (Cumulative Layout Shift ≤ 0.05).
func TestFirstScreenDoesNotShift(t *testing.T) {
	t.Parallel()
	for _, d := range []device{laptop, phone} {
		t.Run(d.name, func(t *testing.T) {
			g := holdWasm(t)
			setup := []chromedp.Action[chromedp.Void]{
				chromedp.EmulateViewport(d.width, d.height, d.opts...),
				chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
					_, err := cdp.Call(ctx, tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: layoutShiftJS})
					return err
				}),
			}
			p := openAt(t, g.base, atOptions{parent: newBrowserContext(t), other: true, setup: setup})
			// The first screen, a moment before the engine arrives. A page
			// that paints nothing without the wasm fails, and is measured
			// all the same.
			painted := false
			for deadline := time.Now().Add(waitTimeout); !painted && time.Now().Before(deadline); p.sleep(pollInterval) {
				painted, _ = eval[bool](p, `document.querySelector('[data-testid="token-view"]').textContent.trim() !== ""`)
			}
			if !painted {
				t.Errorf("the page painted no sample token within %s while the wasm was held back", waitTimeout)
			}
			p.sleep(300 * time.Millisecond)
			g.release()
			p.waitReady()
			p.WaitFor("the sample verified", func(s State) bool { return s.Status == stateVerified })
			waitJS(t, p, "the claims table", `document.querySelectorAll("#claims-table tbody tr").length > 0`, "", waitTimeout)
			p.Settle()
			p.sleep(500 * time.Millisecond)
			type shift struct {
				Total  float64
				Shifts []struct {
					Value float64
					At    int
					Nodes string
				}
			}
			got := mustEval[shift](p, `globalThis.e2eShift`)
			t.Logf("the claims explained are %.0f px high", mustEval[float64](p, `document.getElementById("claims-details").getBoundingClientRect().height`))
			t.Logf("layout shift at %dx%d: %.4f over %d shift(s): %+v", d.width, d.height, got.Total, len(got.Shifts), got.Shifts)
			t.Logf("above the workbench: %s", mustEval[string](p, `[...document.querySelectorAll("body > *:not(main):not(footer)")].map((e) => (e.id || e.className) + " " + Math.round(e.getBoundingClientRect().height) + "px" + (e.hidden ? " hidden" : "") + " " + JSON.stringify(e.textContent.trim().slice(0, 60))).join("; ")`))
			// For the record: the page thread's long tasks until then, and
			// the blocking time they add up to (the part of each over 50 ms).
			long := mustEval[[]float64](p, `globalThis.e2eLongTasks`)
			blocking := 0.0
			for _, ms := range long {
				blocking += max(0, ms-50)
			}
			t.Logf("long tasks on the page thread while loading: %v ms (blocking time %.0f ms)", long, blocking)
			if got.Total > 0.05 || math.IsNaN(got.Total) {
				t.Errorf("the page shifted by %.3f while it loaded (want ≤ 0.05): %+v", got.Total, got.Shifts)
			}
		})
	}
}

// TestEmbedBelowTheFold hosts two <jwt-playground> elements 3000 px below
// the fold on a docs page of another origin: no playground.wasm is
// fetched until the reader scrolls to them, then both are verified by one
// engine (one wasm download, one worker).
func TestEmbedBelowTheFold(t *testing.T) {
	t.Parallel()
	pg := startInstance(t, servedDir(t), false)
	token := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-below-the-fold"}), []byte(testSecret))
	hostPage := fmt.Sprintf(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Docs with a playground far below</title>
<script type="module" src="%[1]s"></script></head>
<body>
<h1>Tokens</h1>
<p style="height: 3000px">A long page.</p>
<jwt-playground id="first" mode="verify" token="%[2]s" key="%[3]s"></jwt-playground>
<jwt-playground id="second" mode="verify" token="%[2]s" key="%[3]s"></jwt-playground>
</body>
</html>`, html.EscapeString(pg.url+"embed.js"), html.EscapeString(token), html.EscapeString(testSecret))
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, hostPage)
	}))
	t.Cleanup(host.Close)

	p := openAt(t, host.URL+"/", atOptions{parent: newBrowserContext(t), other: true, setup: []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(1280, 800),
	}})
	waitJS(t, p, "embed.js to define <jwt-playground>", `customElements.get("jwt-playground") !== undefined && document.readyState === "complete"`, "", loadTimeout)
	// Time enough for a page that starts the engine at once to ask for it.
	p.sleep(2 * time.Second)
	p.Settle()
	if n := parseLog(pg.Log()).count("/playground.wasm"); n != 0 {
		t.Fatalf("the docs page fetched playground.wasm %d time(s) with the elements 3000 px below the fold; want none until they are near", n)
	}
	if n := engineWorkers(t, p); n != 0 {
		t.Errorf("the docs page runs %d engine worker(s) before the elements are near, want none", n)
	}

	mustEval[chromedp.Void](p, `document.getElementById("first").scrollIntoView()`)
	readEl := func(sel string) func() (embedView, error) {
		return func() (embedView, error) {
			return eval[embedView](p, fmt.Sprintf("%s(%s)", readEmbedJS, jsString(sel)))
		}
	}
	waitEmbed(t, p, "the first element, scrolled to", readEl("#first"), stateVerified)
	waitEmbed(t, p, "the second element", readEl("#second"), stateVerified)
	if n := parseLog(pg.Log()).count("/playground.wasm"); n != 1 {
		t.Errorf("two elements fetched playground.wasm %d time(s), want once (one engine); log:\n%s", n, pg.Log())
	}
	if n := engineWorkers(t, p); n != 1 {
		t.Errorf("two elements run %d engine workers, want one", n)
	}
}

// engineWorkers counts the worker targets of the tab's page: the engines.
func engineWorkers(t *testing.T, p *Page) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, callTimeout)
	defer cancel()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatalf("list the targets: %v", err)
	}
	tab := chromedp.FromContext(p.ctx).Target.TargetID
	n := 0
	for _, i := range infos {
		if i.Type == "worker" && string(i.ParentFrameID) == string(tab) {
			n++
		}
	}
	return n
}

// workerEval evaluates expr in the tab's engine worker (the one worker of
// its page) and decodes its value: what the engine fetched is in the
// worker's Resource Timing, not the page's.
func workerEval[T any](t *testing.T, p *Page, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, callTimeout)
	defer cancel()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatalf("list the targets: %v", err)
	}
	tab := chromedp.FromContext(p.ctx).Target.TargetID
	var id target.ID
	for _, i := range infos {
		if i.Type == "worker" && string(i.ParentFrameID) == string(tab) {
			if id != "" {
				t.Fatalf("the page runs more than one worker")
			}
			id = i.TargetID
		}
	}
	if id == "" {
		t.Fatalf("the page runs no worker")
	}
	wctx, wcancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(id))
	defer wcancel()
	v, err := chromedp.Run(wctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s in the engine worker: %v", expr, err)
	}
	return v
}
