package e2e

// Embedding: documentation sites show the playground in an iframe of
// /embed.html, or as the <jwt-playground> element of /embed.js.
//
// The contract:
//
//   - /embed.html#token=…&mode=decode|verify|encode&theme=…&readonly&key=…
//     may be framed by any site (CSP frame-ancestors *, no X-Frame-Options)
//     and posts {type: "jwt-playground:height", height} to its parent when
//     its size changes. Every other page refuses to be framed.
//   - /embed.js defines <jwt-playground token mode theme readonly key>, with
//     an open shadow root holding [data-testid=embed-token], embed-header,
//     embed-payload, embed-key, embed-encoding and embed-status (data-state
//     verified, invalid-signature, decoded, …). All the elements of a page
//     share one wasm instance: playground.wasm is fetched once.
//   - The assets other than HTML carry Access-Control-Allow-Origin: * and
//     Cross-Origin-Resource-Policy: cross-origin.

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// embedTimeout bounds the wait for embedded playgrounds, which compile the
// wasm in the host page and again in the iframe.
const embedTimeout = 45 * time.Second

// wasmFetch is one request for playground.wasm that the tab saw.
type wasmFetch struct {
	URL     string
	FrameID cdp.FrameID
}

// wasmWatch records the requests for playground.wasm of one tab, from
// before the navigation on.
type wasmWatch struct {
	mu      sync.Mutex
	fetches []wasmFetch
}

func (w *wasmWatch) event(ev any) {
	if ev, ok := ev.(*network.EventRequestWillBeSent); ok && ev.Request != nil && strings.HasSuffix(strings.SplitN(ev.Request.URL, "?", 2)[0], "/playground.wasm") {
		w.mu.Lock()
		w.fetches = append(w.fetches, wasmFetch{URL: ev.Request.URL, FrameID: ev.FrameID})
		w.mu.Unlock()
	}
}

// in returns the fetches made by the frame id.
func (w *wasmWatch) in(id cdp.FrameID) []wasmFetch {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []wasmFetch
	for _, f := range w.fetches {
		if f.FrameID == id {
			out = append(out, f)
		}
	}
	return out
}

// watch is the setup action that subscribes w to the network events of the
// tab until the test ends.
func (w *wasmWatch) watch(t testing.TB) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		t.Cleanup(cancel)
		if _, err := cdp.Call(ctx, tab, network.Enable, network.EnableParams{}); err != nil {
			return fmt.Errorf("Network.enable: %w", err)
		}
		return chromedp.Listen(lctx, w.event)
	})
}

// childFrames returns the child frames of the tab's main frame, and the id of the
// main frame.
func childFrames(p *Page) (cdp.FrameID, []*cdp.Frame) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, callTimeout)
	defer cancel()
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		p.t.Fatalf("Page.getFrameTree: %v", err)
	}
	var out []*cdp.Frame
	for _, c := range tree.FrameTree.ChildFrames {
		out = append(out, c.Frame)
	}
	return tree.FrameTree.Frame.ID, out
}

// frameEval evaluates expr in an isolated world of the frame: it sees the
// frame's DOM, shadow roots included, but none of its scripts' globals.
func frameEval[T any](p *Page, frame cdp.FrameID, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, callTimeout)
	defer cancel()
	var zero T
	world, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: frame, WorldName: "e2e"})
	if err != nil {
		return zero, fmt.Errorf("Page.createIsolatedWorld: %w", err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise, func(e *runtime.EvaluateParams) {
		e.ContextID = world.ExecutionContextID
	}))
}

// embedView is what one <jwt-playground> shows.
type embedView struct {
	Found        bool   `json:"found"`
	HasShadow    bool   `json:"hasShadow"`
	Missing      string `json:"missing"`
	Token        string `json:"token"`
	Header       string `json:"header"`
	Payload      string `json:"payload"`
	Key          string `json:"key"`
	KeyVisible   bool   `json:"keyVisible"`
	Status       string `json:"status"`
	StatusText   string `json:"statusText"`
	TokenError   string `json:"tokenError"`
	HeaderHeight int    `json:"headerHeight"`
	// Pending is how many calls to the token engine await an answer.
	Pending int `json:"pending"`
}

func (v embedView) String() string {
	if !v.Found {
		return "(no such element)"
	}
	if !v.HasShadow {
		return "(no open shadow root: is embed.js loaded?)"
	}
	return fmt.Sprintf("status data-state=%q %q; missing [%s]; token %q; header %q; payload %q; key %q (visible %v); token error %q",
		v.Status, v.StatusText, v.Missing, truncate(v.Token, 40), truncate(v.Header, 80), truncate(v.Payload, 160), truncate(v.Key, 40), v.KeyVisible, v.TokenError)
}

// readEmbedJS reads the <jwt-playground> that the selector finds, through
// its open shadow root.
const readEmbedJS = `((sel) => {
	const el = document.querySelector(sel);
	if (!el) return { found: false };
	const root = el.shadowRoot;
	if (!root) return { found: true, hasShadow: false };
	const ids = ["embed-token", "embed-header", "embed-payload", "embed-key", "embed-encoding", "embed-status"];
	const q = (id) => root.querySelector('[data-testid="' + id + '"]');
	const status = q("embed-status"), key = q("embed-key"), err = q("embed-token-error");
	// An element starts its engine when it is about to be seen: one not
	// started yet is looked at, as a reader would scroll to it.
	if (status?.dataset.state === "loading") el.scrollIntoView({ block: "nearest" });
	return {
		found: true, hasShadow: true,
		missing: ids.filter((id) => !q(id)).join(", "),
		token: q("embed-token")?.value ?? "",
		header: q("embed-header")?.value ?? "",
		payload: q("embed-payload")?.value ?? "",
		key: key?.value ?? "",
		keyVisible: key ? key.checkVisibility({ visibilityProperty: true }) : false,
		status: status?.dataset.state ?? "",
		statusText: status?.textContent.trim() ?? "",
		tokenError: err && !err.hidden ? err.textContent : "",
		pending: globalThis.jwtPlaygroundPending ?? 0,
	};
})`

// waitEmbed polls a <jwt-playground>, in the page or in a frame, until its
// status is want.
func waitEmbed(t testing.TB, p *Page, where string, read func() (embedView, error), want string) embedView {
	t.Helper()
	deadline := time.Now().Add(embedTimeout)
	var v embedView
	var err error
	for {
		v, err = read()
		// The engine answers asynchronously: while calls are pending, the
		// state shown may answer an older input.
		if err == nil && v.Status == want && v.Pending == 0 {
			return v
		}
		if time.Now().After(deadline) {
			break
		}
		p.sleep(100 * time.Millisecond)
	}
	msg := fmt.Sprintf("timed out after %s waiting for %s to show data-state %q; it shows %s", embedTimeout, where, want, v)
	if err != nil {
		msg += fmt.Sprintf("\nlast read failed: %v", err)
	}
	if errs := p.errorsSoFar(); len(errs) > 0 {
		msg += "\npage errors:\n" + indent(strings.Join(errs, "\n"))
	}
	t.Fatal(msg)
	return v
}

// TestEmbedFromAnotherOrigin puts the playground on a documentation page of
// another origin, in both forms: an iframe of embed.html, and two
// <jwt-playground> elements from embed.js. Both work, the elements share one
// download of the wasm, and the main page cannot be framed.
func TestEmbedFromAnotherOrigin(t *testing.T) {
	t.Parallel()
	// A server of our own, so that its log counts the fetches of this test
	// only, and its origin has no service worker from other tests.
	pg := startInstance(t, servedDir(t), false)
	claims := jwt.MapClaims{"sub": "e2e-embed", "name": "Radia Perlman", "admin": false, "iat": 1700000000}
	token := sign(t, jwt.SigningMethodHS256, claims, []byte(testSecret))
	frameSrc := pg.url + "embed.html#" + url.Values{"token": {token}, "key": {testSecret}, "mode": {"verify"}}.Encode()
	pgOrigin := strings.TrimSuffix(pg.url, "/")

	// The host page sends no Content-Security-Policy, as many sites do not.
	hostPage := fmt.Sprintf(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Docs of another site</title>
<script type="module" src="%[1]s"></script>
</head>
<body>
<h1>Our API's tokens</h1>
<iframe id="frame" title="JWT playground" style="width: 640px; height: 120px; border: 0" src="%[2]s"></iframe>
<jwt-playground id="decode" mode="decode" token="%[3]s"></jwt-playground>
<jwt-playground id="verify" mode="verify" token="%[3]s" key="%[4]s"></jwt-playground>
<script>
addEventListener("message", (e) => {
	if (e.origin !== %[5]q || !e.data || e.data.type !== "jwt-playground:height") return;
	document.body.dataset.frameHeight = String(e.data.height);
	document.body.dataset.frameMessages = String(Number(document.body.dataset.frameMessages || 0) + 1);
});
</script>
</body>
</html>`, html.EscapeString(pg.url+"embed.js"), html.EscapeString(frameSrc), html.EscapeString(token), html.EscapeString(testSecret), pgOrigin)
	framesMain := fmt.Sprintf(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Framing the main page</title></head>
<body><iframe id="main" title="main page" style="width: 640px; height: 400px" src="%s"></iframe></body></html>`, html.EscapeString(pg.url))
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			io.WriteString(w, hostPage)
		case "/frames-main":
			io.WriteString(w, framesMain)
		case "/favicon.ico":
			w.WriteHeader(http.StatusNoContent)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(host.Close)
	if strings.TrimSuffix(host.URL, "/") == pgOrigin || !strings.HasPrefix(host.URL, "http://127.0.0.1:") {
		t.Fatalf("the host page must be on another origin of 127.0.0.1: host %s, playground %s", host.URL, pg.url)
	}

	// A browser context of its own: no cache and no service worker of
	// another test can serve the fetches that the test counts.
	bctx := newBrowserContext(t)
	w := &wasmWatch{}
	p := openAt(t, host.URL+"/", atOptions{parent: bctx, other: true, setup: []chromedp.Action[chromedp.Void]{w.watch(t)}})

	// The elements.
	readEl := func(sel string) func() (embedView, error) {
		return func() (embedView, error) {
			return eval[embedView](p, fmt.Sprintf("%s(%s)", readEmbedJS, jsString(sel)))
		}
	}
	dec := waitEmbed(t, p, `<jwt-playground mode="decode">`, readEl("#decode"), "decoded")
	if dec.Missing != "" {
		t.Errorf(`<jwt-playground mode="decode"> lacks [data-testid=%s]`, dec.Missing)
	}
	if got, err := jsonObject(dec.Payload); err != nil {
		t.Errorf(`<jwt-playground mode="decode"> shows a payload that is not JSON (%v): %q`, err, dec.Payload)
	} else if want := mustJSONObject(t, claims); !jsonEqualValues(got, want) {
		t.Errorf(`<jwt-playground mode="decode"> shows the payload %v, want %v`, got, want)
	}
	if got, err := jsonObject(dec.Header); err != nil || got["alg"] != "HS256" {
		t.Errorf(`<jwt-playground mode="decode"> shows the header %q, want the token's header with alg HS256`, dec.Header)
	}
	if dec.Token != token {
		t.Errorf(`<jwt-playground mode="decode"> holds the token %q, want %q`, dec.Token, token)
	}
	if dec.KeyVisible {
		t.Errorf(`<jwt-playground mode="decode"> shows the key box; decode mode checks no signature`)
	}
	ver := waitEmbed(t, p, `<jwt-playground mode="verify" key=…>`, readEl("#verify"), stateVerified)
	if ver.Missing != "" {
		t.Errorf(`<jwt-playground mode="verify"> lacks [data-testid=%s]`, ver.Missing)
	}
	if ver.Key != testSecret || !ver.KeyVisible {
		t.Errorf(`<jwt-playground mode="verify"> shows the key %q (visible %v), want the key attribute %q`, ver.Key, ver.KeyVisible, testSecret)
	}

	// The iframe: it tells its height, and verifies.
	waitJS(t, p, "the iframe to post a jwt-playground:height message over 100",
		`Number(document.body.dataset.frameHeight || 0) > 100`,
		`"height " + document.body.dataset.frameHeight + " after " + document.body.dataset.frameMessages + " message(s)"`, embedTimeout)
	mainFrame, children := childFrames(p)
	var embedFrame cdp.FrameID
	for _, f := range children {
		if strings.HasPrefix(f.URL, pg.url+"embed.html") {
			embedFrame = f.ID
		}
	}
	if embedFrame == "" {
		var urls []string
		for _, f := range children {
			urls = append(urls, f.URL)
		}
		t.Fatalf("the tab has no frame of %sembed.html in its frame tree; child frames: %q", pg.url, urls)
	}
	frm := waitEmbed(t, p, "the <jwt-playground> of the embed.html iframe", func() (embedView, error) {
		return frameEval[embedView](p, embedFrame, fmt.Sprintf("%s(%s)", readEmbedJS, jsString("jwt-playground")))
	}, stateVerified)
	if frm.Token != token || frm.Key != testSecret {
		t.Errorf("the embed.html iframe holds token %q and key %q, want those of its fragment, %q and %q", frm.Token, frm.Key, token, testSecret)
	}

	// One engine for the two elements of the host page: one worker, which
	// fetches the wasm (the page itself does not).
	if hostFetches := w.in(mainFrame); len(hostFetches) != 0 {
		t.Errorf("the host page fetched playground.wasm itself %d time(s), want none (its engine worker does): %v", len(hostFetches), hostFetches)
	}
	if n := engineWorkers(t, p); n != 1 {
		t.Errorf("the host page with two <jwt-playground> elements runs %d engine workers, want one", n)
	}
	if n := parseLog(pg.Log()).count("/playground.wasm"); n != 2 {
		t.Errorf("the playground's server served playground.wasm %d time(s), want 2 (once for the elements, once for the iframe); log:\n%s", n, pg.Log())
	}

	// The main page refuses to be framed: the browser blocks the frame,
	// which holds no playground.
	m := openAt(t, host.URL+"/frames-main", atOptions{parent: bctx, other: true, lenient: true})
	var mainChild *cdp.Frame
	var shows string
	deadline := time.Now().Add(waitTimeout)
	for {
		_, children := childFrames(m)
		if len(children) == 1 {
			mainChild = children[0]
			shows, _ = frameEval[string](m, mainChild.ID, `document.querySelector('[data-testid="token-input"]') ? "the playground" : "no playground: " + document.body?.innerText.slice(0, 80)`)
			if mainChild.UnreachableURL != "" || strings.HasPrefix(shows, "the playground") {
				break
			}
		}
		if time.Now().After(deadline) {
			break
		}
		m.sleep(100 * time.Millisecond)
	}
	switch {
	case mainChild == nil:
		t.Errorf("the page that frames %s has no child frame", pg.url)
	case strings.HasPrefix(shows, "the playground"):
		t.Errorf("another origin framed the main page %s and it loaded the playground (frame URL %q): clickjacking is possible", pg.url, mainChild.URL)
	case mainChild.UnreachableURL != pg.url:
		t.Errorf("the frame of the main page is at %q (unreachable %q), want the browser's error page for %s", mainChild.URL, mainChild.UnreachableURL, pg.url)
	}
	blocked := false
	for _, e := range m.errorsSoFar() {
		blocked = blocked || strings.Contains(e, "frame-ancestors") || strings.Contains(e, "X-Frame-Options")
	}
	if !blocked {
		t.Errorf("the browser reported no frame-ancestors or X-Frame-Options block for the frame of %s; page errors: %q", pg.url, m.errorsSoFar())
	}
}

// TestEmbedHeaders checks the headers that make embedding work, and keep the
// main page from being framed, with plain HTTP requests.
func TestEmbedHeaders(t *testing.T) {
	t.Parallel()
	client := &http.Client{Timeout: callTimeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) http.Header {
		t.Helper()
		resp, err := client.Get(baseURL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		return resp.Header
	}
	frameAncestors := func(h http.Header) string {
		for d := range strings.SplitSeq(h.Get("Content-Security-Policy"), ";") {
			if name, value, _ := strings.Cut(strings.TrimSpace(d), " "); name == "frame-ancestors" {
				return value
			}
		}
		return ""
	}

	for _, path := range []string{"", "index.html"} {
		h := get(path)
		if xfo := h.Get("X-Frame-Options"); !strings.EqualFold(xfo, "DENY") {
			t.Errorf("GET /%s: X-Frame-Options %q, want DENY", path, xfo)
		}
		if fa := frameAncestors(h); fa != "'none'" {
			t.Errorf("GET /%s: CSP frame-ancestors %q, want 'none' (CSP: %q)", path, fa, h.Get("Content-Security-Policy"))
		}
	}

	h := get("embed.html")
	if xfo := h.Values("X-Frame-Options"); len(xfo) > 0 {
		t.Errorf("GET /embed.html: X-Frame-Options %q, want none: embed.html is for framing", xfo)
	}
	if fa := frameAncestors(h); fa != "*" {
		t.Errorf("GET /embed.html: CSP frame-ancestors %q, want * (CSP: %q)", fa, h.Get("Content-Security-Policy"))
	}

	for _, path := range []string{"embed.js", "jwt.js", "json.js", "wasm_exec.js", "embed.css", "playground.wasm"} {
		h := get(path)
		if got := h.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("GET /%s: Access-Control-Allow-Origin %q, want *", path, got)
		}
		if got := h.Get("Cross-Origin-Resource-Policy"); got != "cross-origin" {
			t.Errorf("GET /%s: Cross-Origin-Resource-Policy %q, want cross-origin", path, got)
		}
	}
}

// TestEmbedVerdictIsThePages gives <jwt-playground> tokens that read fine
// but cannot be verified with the key given: a kid the key set lacks and an
// algorithm the core does not know. Each is a key or verify problem, as on
// the page (key-error, unsupported), never a red "malformed" token, in the
// badge and in the jwt-playground:status event. In encode mode, edits that
// the public key in the box cannot sign leave the token and make the badge
// stale, as on the page.
func TestEmbedVerdictIsThePages(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	kidTok := jwt.NewWithClaims(k.method, jwt.MapClaims{"sub": "e2e-embed-kid"})
	kidTok.Header["kid"] = "not-in-the-set"
	withKid, err := kidTok.SignedString(k.private)
	if err != nil {
		t.Fatal(err)
	}
	unknownAlg := hs256(`{"alg":"XX1","typ":"JWT"}`, `{"sub":"e2e-embed-alg"}`, []byte(testSecret))
	plain := sign(t, k.method, jwt.MapClaims{"sub": "e2e-embed-stale", "name": "Ada"}, k.private)

	p := openPlayground(t)
	mustEval[bool](p, `(async (cases) => {
		window.e2eStatus = {};
		document.addEventListener("jwt-playground:status", (e) => (window.e2eStatus[e.target.id] ??= []).push(e.detail.state));
		await import("./embed.js");
		for (const [id, mode, token, key] of cases) {
			const el = document.createElement("jwt-playground");
			el.id = id;
			el.setAttribute("mode", mode);
			el.setAttribute("token", token);
			el.setAttribute("key", key);
			document.body.append(el);
		}
		return true;
	})(`+fmt.Sprintf("[%s, %s, %s]",
		jsArray("kid", "verify", withKid, k.jwks()),
		jsArray("alg", "verify", unknownAlg, testSecret),
		jsArray("stale", "encode", plain, k.publicPEM))+`)`)
	read := func(id string) func() (embedView, error) {
		return func() (embedView, error) { return eval[embedView](p, readEmbedJS+"("+jsString("#"+id)+")") }
	}
	events := func(id string) []string {
		return mustEval[[]string](p, `window.e2eStatus[`+jsString(id)+`] ?? []`)
	}

	for _, tc := range []struct{ id, want, says string }{
		{"kid", stateKeyError, "not-in-the-set"},
		{"alg", "unsupported", "XX1"},
	} {
		v := waitEmbed(t, p, "<jwt-playground id="+tc.id+">", read(tc.id), tc.want)
		if !strings.Contains(v.StatusText, tc.says) || v.TokenError != "" {
			t.Errorf("<jwt-playground id=%s> says %q with token error %q, want %q named and the token read", tc.id, v.StatusText, v.TokenError, tc.says)
		}
		if got := events(tc.id); len(got) == 0 || got[len(got)-1] != tc.want || slices.Contains(got, stateMalformed) {
			t.Errorf("<jwt-playground id=%s> sent the status events %q, want the last %q and none malformed", tc.id, got, tc.want)
		}
	}

	waitEmbed(t, p, "<jwt-playground id=stale> with the public key", read("stale"), stateVerified)
	mustEval[chromedp.Void](p, `(() => {
		const payload = document.querySelector("#stale").shadowRoot.querySelector("[data-testid=embed-payload]");
		payload.value = '{"sub": "e2e-embed-stale", "name": "Mallory"}';
		payload.dispatchEvent(new Event("input", { bubbles: true }));
	})()`)
	v := waitEmbed(t, p, "<jwt-playground id=stale> after an edit the public key cannot sign", read("stale"), "stale")
	if v.Token != plain || !strings.Contains(v.StatusText, "not re-signed") {
		t.Errorf("after an edit it cannot sign, <jwt-playground mode=encode> holds the token %q and says %q, want the token unchanged and said not re-signed", truncate(v.Token, 40), v.StatusText)
	}
}

// jsArray writes strings as a JavaScript array literal.
func jsArray(items ...string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = jsString(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
