package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// netWatch records, from before the navigation on, every request, socket
// and JavaScript dialog of one tab. The page must not talk to anyone but its
// own server, and a token must never open a dialog.
type netWatch struct {
	mu       sync.Mutex
	requests []netRequest
	done     map[network.RequestID]bool // finished or failed
	lastSeen time.Time                  // when the last request started
	dialogs  []string
}

// netRequest is one Network.requestWillBeSent (or socket creation).
type netRequest struct {
	ID     network.RequestID
	URL    string
	Method string
	Type   network.ResourceType
	// Failed says why the request failed, such as a CSP block.
	Failed string
}

func (r netRequest) String() string {
	s := fmt.Sprintf("%s %s (%s)", r.Method, r.URL, r.Type)
	if r.Failed != "" {
		s += " failed: " + r.Failed
	}
	return s
}

// openWatched opens the playground with a netWatch that subscribed before the
// navigation, so that the requests of the page load are in it too.
func openWatched(t *testing.T) (*Page, *netWatch) {
	t.Helper()
	w := &netWatch{done: map[network.RequestID]bool{}}
	subscribe := chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		// The subscriptions outlive this action, whose context ends with
		// the navigation's timeout: they end with the test.
		lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		// chromedp enables the Network domain when it attaches a tab;
		// enable it here again so that the test does not depend on that.
		if _, err := cdp.Call(ctx, tab, network.Enable, network.EnableParams{}); err != nil {
			cancel()
			return fmt.Errorf("Network.enable: %w", err)
		}
		if err := chromedp.Listen(lctx, w.event); err != nil {
			cancel()
			return err
		}
		// A dialog blocks the page, and so the command that caused it:
		// dismiss it from another goroutine, and remember it.
		dialogs := chromedp.Events(lctx, page.JavascriptDialogOpening)
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			for ev, err := range dialogs {
				if err != nil {
					return
				}
				w.mu.Lock()
				w.dialogs = append(w.dialogs, fmt.Sprintf("%s(%q)", ev.Type, ev.Message))
				w.mu.Unlock()
				cdp.Call(lctx, tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}()
		t.Cleanup(func() {
			cancel()
			<-stopped
		})
		return nil
	})
	p := openPage(t, pageOptions{setup: []chromedp.Action[chromedp.Void]{subscribe}})
	return p, w
}

// event runs in the read loop of the tab, in the order of the protocol
// messages, so that a command that returns has seen every event before its
// reply. It must return fast and run no command.
func (w *netWatch) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r := netRequest{ID: ev.RequestID, Type: ev.Type}
		if ev.Request != nil {
			r.URL, r.Method = ev.Request.URL, ev.Request.Method
		}
		w.requests = append(w.requests, r)
		w.lastSeen = time.Now()
	case *network.EventWebSocketCreated:
		w.requests = append(w.requests, netRequest{ID: ev.RequestID, URL: ev.URL, Method: "WEBSOCKET"})
		w.done[ev.RequestID] = true
		w.lastSeen = time.Now()
	case *network.EventWebTransportCreated:
		w.requests = append(w.requests, netRequest{ID: ev.TransportID, URL: ev.URL, Method: "WEBTRANSPORT"})
		w.done[ev.TransportID] = true
		w.lastSeen = time.Now()
	case *network.EventLoadingFinished:
		w.done[ev.RequestID] = true
	case *network.EventLoadingFailed:
		w.done[ev.RequestID] = true
		why := ev.ErrorText
		if ev.BlockedReason != "" {
			why += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		for i := range w.requests {
			if w.requests[i].ID == ev.RequestID {
				w.requests[i].Failed = why
			}
		}
	}
}

// count is the number of requests so far, to pass to since.
func (w *netWatch) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.requests)
}

// since returns the requests after the first n.
func (w *netWatch) since(n int) []netRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.requests[n:])
}

// dialogsSince returns the dialogs after the first n.
func (w *netWatch) dialogsSince(n int) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.dialogs[n:])
}

func (w *netWatch) dialogCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.dialogs)
}

// waitQuiet waits until the page has loaded (readyState complete), every
// request seen has finished, and no request started for quiet. The wasm and
// the favicon can still be on their way when dataset.ready is set.
func (w *netWatch) waitQuiet(p *Page, quiet time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(loadTimeout)
	for {
		complete, _ := eval[bool](p, `document.readyState === "complete"`)
		// The engine's worker script is fetched for the worker, whose
		// target, not the page's, hears that it finished: a running engine
		// proves it did.
		running, _ := eval[bool](p, `document.documentElement.dataset.ready === "true"`)
		w.mu.Lock()
		pending := 0
		var open []string
		for _, r := range w.requests {
			if !w.done[r.ID] && !(running && strings.HasSuffix(r.URL, "/worker.js")) {
				pending++
				open = append(open, r.String())
			}
		}
		idle := time.Since(w.lastSeen)
		w.mu.Unlock()
		if complete && pending == 0 && idle >= quiet {
			return
		}
		if time.Now().After(deadline) {
			p.t.Logf("the page did not go quiet within %s (readyState complete=%v, %d request(s) pending: %q); going on", loadTimeout, complete, pending, open)
			return
		}
		p.sleep(50 * time.Millisecond)
	}
}

// checkDialogCanary proves that the dialog watch works: it opens an alert
// from the page, which the watch must see and dismiss. It returns the
// number of dialogs so far, for dialogsSince.
func (w *netWatch) checkDialogCanary(t *testing.T, p *Page) int {
	t.Helper()
	before := w.dialogCount()
	if _, err := eval[bool](p, `new Promise((resolve) => setTimeout(() => { alert("e2e-dialog-canary"); resolve(true); }, 0))`); err != nil {
		t.Fatalf("the canary alert was not dismissed: %v", err)
	}
	deadline := time.Now().Add(waitTimeout)
	for w.dialogCount() == before {
		if time.Now().After(deadline) {
			t.Fatalf("the watch did not see the canary alert: Page.javascriptDialogOpening is not reaching the test")
		}
		p.sleep(pollInterval)
	}
	if got := w.dialogsSince(before); len(got) != 1 || !strings.Contains(got[0], "e2e-dialog-canary") {
		t.Fatalf("the watch saw %q, want only the canary alert", got)
	}
	return w.dialogCount()
}

// resourceEntries lists what the page's Resource Timing saw: every URL that
// the document fetched, as a second witness beside the protocol.
const resourceEntriesJS = `performance.getEntriesByType("resource").map((e) => e.name)`

// browserIcon reports whether r is the browser fetching the tab's icon,
// which it does on its own schedule, late in the load or after it.
func browserIcon(r netRequest) bool {
	return r.Type == network.ResourceTypeOther && assetURL(r.URL) && (path.Ext(r.URL) == ".svg" || path.Ext(r.URL) == ".ico")
}

// inlineURL reports whether u is a data: or blob: URL, which the browser
// reads without a request.
func inlineURL(u string) bool {
	return strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
}

// assetURL reports whether u is one of the page's own files on the server
// of the test.
func assetURL(u string) bool {
	base, err := url.Parse(baseURL)
	if err != nil {
		return false
	}
	v, err := url.Parse(u)
	if err != nil || v.Scheme != base.Scheme || v.Host != base.Host || v.RawQuery != "" || v.User != nil {
		return false
	}
	if v.Path == "/" || v.Path == "/index.html" {
		return true
	}
	switch path.Ext(v.Path) {
	case ".js", ".css", ".wasm", ".svg", ".ico":
		// Files at the top of the site, and learn/sha256.js, which signs
		// the first screen's sample.
		return strings.Count(v.Path, "/") == 1 || v.Path == "/learn/sha256.js"
	}
	return false
}

// TestNoNetworkDuringSession drives a whole session (tokens of every family
// pasted, keys and encodings changed, JSON edited to re-sign, garbage pasted,
// the buttons clicked) and checks that the page only ever fetched its own
// files, once, while it loaded: a JWT playground must not send tokens or keys
// anywhere, nor follow a URL that a token names.
func TestNoNetworkDuringSession(t *testing.T) {
	t.Parallel()
	p, w := openWatched(t)
	w.waitQuiet(p, 500*time.Millisecond)
	atReady := w.count()
	entriesAtReady := networkEntries(mustEval[[]string](p, resourceEntriesJS))
	dialogsAtReady := w.checkDialogCanary(t, p)

	driveSession(t, p)

	// Give anything that the session started (an image, a fetch after a
	// timer) the time to show up.
	p.Settle()
	p.sleep(500 * time.Millisecond)
	p.Settle()

	all := w.since(0)
	var list strings.Builder
	for i, r := range all {
		mark := ""
		if i >= atReady {
			mark = "  <- during the session"
		}
		fmt.Fprintf(&list, "\n  %s%s", truncate(r.String(), 160), mark)
	}
	t.Logf("requests seen (%d, %d at load):%s", len(all), atReady, list.String())

	// The watch works: the load fetched at least the page, its script and
	// the engine's worker (which fetches the wasm: see below).
	for _, want := range []string{"", "app.js", "worker.js"} {
		if !slices.ContainsFunc(all[:atReady], func(r netRequest) bool { return r.URL == baseURL+want }) {
			t.Errorf("the watch did not see the page load %s%s: it is not recording requests", baseURL, want)
		}
	}
	seen := map[string]int{}
	var during []netRequest
	for i, r := range all {
		if inlineURL(r.URL) {
			// A data: or blob: URL never leaves the page. Chromium's own
			// style sheet draws the date picker's icon with one.
			continue
		}
		if !assetURL(r.URL) {
			t.Errorf("a request that is not one of the page's files: %s", r)
		}
		// The browser fetches the favicon for the tab (type Other) apart
		// from the page's <img> of it (type Image): count each kind.
		seen[string(r.Type)+" "+r.URL]++
		if i >= atReady && !browserIcon(r) {
			during = append(during, r)
		}
	}
	for u, n := range seen {
		if n > 1 {
			t.Errorf("%s was requested %d times, want once", u, n)
		}
	}
	if len(during) > 0 {
		t.Errorf("the page made %d request(s) after it was ready, while tokens and keys were in it:\n  %s",
			len(during), strings.Join(stringsOf(during), "\n  "))
	}

	// The engine runs in a worker, whose fetches the page's watch does not
	// see: its own Resource Timing lists them. It fetched the wasm once,
	// and nothing but the page's files during the whole session.
	fromWorker := networkEntries(workerEval[[]string](t, p, `performance.getEntriesByType("resource").map((e) => e.name)`))
	if n := strings.Count(strings.Join(fromWorker, "\n"), "playground.wasm"); n != 1 {
		t.Errorf("the engine worker's Resource Timing lists playground.wasm %d times, want once: %q", n, fromWorker)
	}
	for _, e := range fromWorker {
		if !assetURL(e) {
			t.Errorf("the engine worker fetched something that is not one of the page's files: %s", e)
		}
	}
	if strings.Contains(strings.Join(entriesAtReady, "\n"), "playground.wasm") {
		t.Errorf("the page itself fetched playground.wasm (a preload?), which the engine worker fetches: %q", entriesAtReady)
	}

	entries := networkEntries(mustEval[[]string](p, resourceEntriesJS))
	for _, e := range entries {
		if !assetURL(e) {
			t.Errorf("Resource Timing lists a fetch that is not one of the page's files: %s", e)
		}
	}
	if len(entries) > len(entriesAtReady) {
		t.Errorf("Resource Timing lists %d fetch(es) after the page was ready: %q", len(entries)-len(entriesAtReady), entries[len(entriesAtReady):])
	}
	if d := w.dialogsSince(dialogsAtReady); len(d) > 0 {
		t.Errorf("the session opened JavaScript dialogs: %q", d)
	}
}

// networkEntries drops the data: and blob: URLs from Resource Timing
// entries.
func networkEntries(entries []string) []string {
	return slices.DeleteFunc(entries, inlineURL)
}

// stringsOf formats requests for a message.
func stringsOf(rs []netRequest) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// driveSession does what a user does in a long session. Every step waits for
// the page's answer, so that a step that fails to render shows here rather
// than as a missing request.
func driveSession(t *testing.T, p *Page) {
	t.Helper()
	now := time.Now().Unix()
	// The tokens name URLs that a careless playground might fetch: a key
	// set (jku), a certificate (x5u) and an OpenID issuer.
	urls := jwt.MapClaims{"sub": "e2e-network", "iat": now, "exp": now + 3600,
		"iss": baseURL + "issuer", "picture": baseURL + "avatar.png", "website": "http://127.0.0.1:1/site"}
	withURLs := func(tok *jwt.Token) *jwt.Token {
		tok.Header["jku"] = baseURL + ".well-known/jwks.json"
		tok.Header["x5u"] = "http://127.0.0.1:1/cert.pem"
		tok.Header["kid"] = "e2e-network-kid"
		return tok
	}
	signWith := func(method jwt.SigningMethod, key any) string {
		t.Helper()
		s, err := withURLs(jwt.NewWithClaims(method, urls)).SignedString(key)
		if err != nil {
			t.Fatalf("sign %s: %v", method.Alg(), err)
		}
		return s
	}

	// HMAC, with the secret in each encoding.
	hs := signWith(jwt.SigningMethodHS256, []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(hs)
	p.WaitStatus(hs, stateVerified)
	raw := []byte("\x00\x01binary-secret-\xff\xfe-of-at-least-32-bytes!!")
	hsRaw := signWith(jwt.SigningMethodHS384, raw)
	p.SetToken(hsRaw)
	p.WaitStatus(hsRaw, stateInvalidSignature)
	for _, enc := range []struct{ name, text string }{
		{"base64", base64.StdEncoding.EncodeToString(raw)}, {"base64url", b64url.EncodeToString(raw)}, {"hex", fmt.Sprintf("%x", raw)},
	} {
		p.SetEncoding(enc.name)
		p.SetKey(enc.text)
		p.WaitStatus(hsRaw, stateVerified)
	}
	p.SetEncoding("utf8")
	p.SetKey(testSecret)

	// Every asymmetric family, with PEM, JWK and JWKS keys.
	for _, alg := range []string{"RS256", "PS256", "ES256", "EdDSA"} {
		k := testKey(t, alg)
		tok := signWith(k.method, k.private)
		p.SetToken(tok)
		// The token has a kid, and a kid matches only a key with that kid,
		// as in jose: the key set's key carries it.
		jwks := `{"keys":[{"kid":"e2e-network-kid",` + strings.TrimPrefix(k.jwk, "{") + `]}`
		for _, key := range []string{k.publicPEM, k.jwk, jwks, k.privatePEM(t)} {
			p.SetKey(key)
			p.WaitStatus(tok, stateVerified)
		}
		p.SetKey(k.otherPublicPEM)
		p.WaitStatus(tok, stateInvalidSignature)
	}

	// Claim checks, which name the issuer the token points at.
	k := testKey(t, "ES256")
	es := signWith(k.method, k.private)
	p.SetKey(k.publicPEM)
	p.SetToken(es)
	p.WaitStatus(es, stateVerified)
	setByID(t, p, "check-issuer", baseURL+"issuer")
	setByID(t, p, "check-audience", "https://api.example")
	setByID(t, p, "check-leeway", "30")
	p.WaitFor("the audience check to fail", func(s State) bool { return s.Token == es && s.Status == "claims-invalid" })
	setByID(t, p, "check-audience", "")
	setByID(t, p, "check-now", "2001-02-03T04:05:06")
	p.WaitFor("the token issued in the future when checked in 2001", func(s State) bool { return s.Token == es && s.Status == "claims-invalid" })
	setByID(t, p, "check-now", "")
	setByID(t, p, "check-issuer", "")
	p.WaitStatus(es, stateVerified)

	// Edits re-sign with the private key.
	p.SetKey(k.privatePEM(t))
	p.SetValue("payload-json", `{"sub":"e2e-network-edit","iss":"`+baseURL+`issuer","jku":"http://127.0.0.1:1/jwks"}`)
	s := p.WaitFor("a re-signed ES256 token", func(s State) bool { return s.Token != es && s.Status == stateVerified })
	p.SetValue("header-json", `{"alg":"ES256","typ":"JWT","jku":"`+baseURL+`jwks.json","x5u":"http://127.0.0.1:1/x5u"}`)
	p.WaitFor("a token re-signed after the header edit", func(st State) bool { return st.Token != s.Token && st.Status == stateVerified })
	p.SetValue("payload-json", `{"sub": "broken",`)
	p.WaitFor("payload-error for broken JSON", func(s State) bool { return s.PayloadError.shown() })
	p.SetKey(testSecret) // the editors are ahead: a key change tries to sign again
	p.Settle()

	// Garbage, an unsecured token and an encrypted one.
	for _, bad := range []string{
		"not a token at all",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0",
		"eyJhbGciOiJIUzI1NiJ9.e30+/x.c2ln",
		"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
		"Bearer " + hs,
		strings.Repeat("x.", 5000),
		unsigned(`{"alg":"none","jku":"`+baseURL+`jwks"}`, `{"sub":"e2e-network-none"}`),
	} {
		p.SetToken(bad)
		p.WaitFor("the page to answer "+truncate(bad, 40), func(s State) bool { return s.Token == bad && s.Status != "" })
	}

	// The buttons, with real clicks.
	for _, id := range []string{"sample-token", "copy-token", "clear-token", "sample-token"} {
		if err := p.do(callTimeout, chromedp.Click(chromedp.ID(id))); err != nil {
			t.Fatalf("click #%s: %v", id, err)
		}
		switch id {
		case "sample-token":
			p.WaitFor("the sample token after a click on Sample", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
		case "clear-token":
			p.WaitFor("an empty page after a click on Clear", func(s State) bool { return s.Token == "" && s.Status == stateEmpty })
		}
		p.Settle()
	}
}

// setByID sets an input by id, as typing does, for the fields that have no
// data-testid (the claim checks).
func setByID(t *testing.T, p *Page, id, value string) {
	t.Helper()
	problem := mustEval[string](p, fmt.Sprintf(`((id, value) => {
		const e = document.getElementById(id);
		if (!e) return "no element #" + id;
		e.value = value;
		e.dispatchEvent(new Event("input", { bubbles: true }));
		e.dispatchEvent(new Event("change", { bubbles: true }));
		return "";
	})(%s, %s)`, jsString(id), jsString(value)))
	if problem != "" {
		t.Fatalf("set #%s: %s", id, problem)
	}
}
