package e2e

// The page contract that these helpers rely on:
//
//   - document.documentElement.dataset.ready is "true" once the wasm is
//     loaded and the first render is done, "error" if that failed.
//   - Textareas [data-testid=token-input], header-json, payload-json and
//     key-input, and the select secret-encoding (utf8, base64, base64url,
//     hex). The app listens to input on the textareas and change on the
//     select, and updates at once.
//   - [data-testid=verify-status] has data-state verified, invalid-signature,
//     expired, not-yet-valid, claims-invalid, unsecured, key-error,
//     malformed, unsupported (an alg the core does not implement) or empty,
//     and says it in words; checking before the core has answered (the
//     first screen, drawn before the wasm runs).
//   - token-error, header-error, payload-error and key-error are empty and
//     hidden without an error, else visible text.
//   - token-view holds spans .seg-header, .seg-payload and .seg-signature.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	// loadTimeout bounds the navigation and the wasm start. It is longer
	// than waitTimeout because two tabs may compile the wasm at once on a
	// machine with two cores.
	loadTimeout = 30 * time.Second
	// waitTimeout bounds each wait for the page to show a result.
	waitTimeout = 10 * time.Second
	// callTimeout bounds one protocol round trip, so that a hung browser
	// fails the test instead of the whole run.
	callTimeout = 10 * time.Second
	// pollInterval is how often a wait reads the page again.
	pollInterval = 25 * time.Millisecond
)

// The verify-status states of the contract.
const (
	stateVerified         = "verified"
	stateInvalidSignature = "invalid-signature"
	stateExpired          = "expired"
	stateNotYetValid      = "not-yet-valid"
	stateUnsecured        = "unsecured"
	stateKeyError         = "key-error"
	stateMalformed        = "malformed"
	stateEmpty            = "empty"
)

// Page is one tab with the playground open.
type Page struct {
	t      testing.TB
	ctx    context.Context
	strict bool // fail the test on page errors

	mu         sync.Mutex
	pageErrors []string // uncaught exceptions, console.error calls, CSP violations
	browserLog []string // entries of the browser log, such as failed requests
	syncSeen   map[string]chan struct{}
}

// pageOptions change how openPage treats the page.
type pageOptions struct {
	// lenient makes page errors and a page that is not ready a log line
	// instead of a failure, for tests that only record what the page shows.
	lenient bool
	// setup runs on the tab before the navigation, for emulation.
	setup []chromedp.Action[chromedp.Void]
}

// openPlayground opens the page in a new tab and waits until it is ready. It
// fails the test if the page reports dataset.ready = "error", and, at the end
// of the test, if the page threw an uncaught exception or called
// console.error.
func openPlayground(t testing.TB) *Page {
	t.Helper()
	return openPage(t, pageOptions{})
}

// openPage is openPlayground with options.
func openPage(t testing.TB, o pageOptions) *Page {
	t.Helper()
	return openAt(t, baseURL, atOptions{lenient: o.lenient, setup: o.setup})
}

// record files a console message as a page error or a browser log line.
func (p *Page) record(m chromedp.ConsoleMessage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if m.Type == chromedp.ConsoleDebug && m.Source == "" {
		if ch, ok := p.syncSeen[m.Text]; ok {
			close(ch)
			delete(p.syncSeen, m.Text)
			return
		}
	}
	where := ""
	if m.URL != "" {
		where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
	}
	switch {
	case m.Source == "security" && m.Type == chromedp.ConsoleError:
		// A Content-Security-Policy violation: the browser blocked part
		// of the page, which DevTools shows as a console error.
		p.pageErrors = append(p.pageErrors, "blocked by the browser: "+m.Text+where)
	case m.Source != "": // an entry of the browser log, such as a failed request
		p.browserLog = append(p.browserLog, fmt.Sprintf("%s %s: %s%s", m.Source, m.Type, m.Text, where))
	case m.IsException():
		p.pageErrors = append(p.pageErrors, "uncaught exception: "+m.Text+where)
	case m.Type == chromedp.ConsoleError || m.Type == "assert":
		p.pageErrors = append(p.pageErrors, "console."+string(m.Type)+": "+m.Text+where)
	}
}

// close reports the page errors. It first logs a marker with console.debug
// and waits to see it come back, so that every message that the page wrote
// before has been recorded.
func (p *Page) close() {
	marker := fmt.Sprintf("e2e-sync-%d", time.Now().UnixNano())
	seen := make(chan struct{})
	p.mu.Lock()
	p.syncSeen[marker] = seen
	p.mu.Unlock()
	if err := p.do(callTimeout, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", marker))); err == nil {
		select {
		case <-seen:
		case <-time.After(5 * time.Second):
			p.t.Logf("the console marker did not come back; page errors may be missing")
		}
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.browserLog) > 0 {
		p.t.Logf("browser log:\n  %s", strings.Join(p.browserLog, "\n  "))
	}
	if len(p.pageErrors) == 0 {
		return
	}
	msg := fmt.Sprintf("the page reported %d error(s):\n  %s", len(p.pageErrors), strings.Join(p.pageErrors, "\n  "))
	if p.strict {
		p.t.Error(msg)
	} else {
		p.t.Log(msg)
	}
}

// errorsSoFar returns the page errors recorded until now, for failure
// messages.
func (p *Page) errorsSoFar() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.pageErrors...)
}

// do runs actions on the tab, bounded by timeout.
func (p *Page) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](p *Page, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, callTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// mustEval is eval that fails the test on an error.
func mustEval[T any](p *Page, expr string) T {
	p.t.Helper()
	v, err := eval[T](p, expr)
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal. JSON strings are valid
// JavaScript strings.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// waitReady waits until the app has loaded the wasm and rendered. A strict
// page fails on dataset.ready = "error" with the text of the page, which is
// where the app says what went wrong.
func (p *Page) waitReady() {
	p.t.Helper()
	deadline := time.Now().Add(loadTimeout)
	var ready string
	var lastErr error
	for {
		var err error
		ready, err = eval[string](p, `document.documentElement.dataset.ready ?? ""`)
		if err != nil {
			lastErr = err
		}
		if ready == "true" || ready == "error" || time.Now().After(deadline) {
			break
		}
		p.sleep(pollInterval)
	}
	if ready == "true" {
		return
	}
	text, _ := eval[string](p, `document.body ? document.body.innerText : ""`)
	msg := "the page reports dataset.ready = \"error\""
	if ready != "error" {
		msg = fmt.Sprintf("the page did not get ready within %s: dataset.ready = %q", loadTimeout, ready)
	}
	if lastErr != nil {
		msg += fmt.Sprintf("\nlast error: %v", lastErr)
	}
	msg += fmt.Sprintf("\npage text:\n%s", indent(truncate(text, 2000)))
	if errs := p.errorsSoFar(); len(errs) > 0 {
		msg += "\npage errors:\n" + indent(strings.Join(errs, "\n"))
	}
	if p.strict {
		p.t.Fatal(msg)
	}
	p.t.Log(msg)
}

// sleep waits d between two polls, or less if the tab ends.
func (p *Page) sleep(d time.Duration) {
	select {
	case <-time.After(d):
	case <-p.ctx.Done():
	}
}

// errorBox is what an in-place error element shows.
type errorBox struct {
	Found   bool   `json:"found"`
	Text    string `json:"text"`
	Hidden  bool   `json:"hidden"`  // the hidden attribute
	Visible bool   `json:"visible"` // rendered, after CSS and ancestors
}

// shown reports whether the box shows a message.
func (b errorBox) shown() bool { return b.Found && b.Visible && b.Text != "" }

// clear reports whether the box is empty and hidden, as the contract says
// for no error.
func (b errorBox) clear() bool { return b.Found && b.Hidden && !b.Visible && b.Text == "" }

func (b errorBox) String() string {
	switch {
	case !b.Found:
		return "(missing)"
	case b.clear():
		return "(clear)"
	}
	return fmt.Sprintf("%q hidden=%v visible=%v", b.Text, b.Hidden, b.Visible)
}

// State is what the page shows, read in one round trip so that a failure
// message can print all of it.
type State struct {
	Ready      string   `json:"ready"`
	Token      string   `json:"token"`
	Header     string   `json:"header"`
	Payload    string   `json:"payload"`
	Key        string   `json:"key"`
	Encoding   string   `json:"encoding"`
	Status     string   `json:"status"` // data-state of verify-status
	StatusText string   `json:"statusText"`
	Missing    []string `json:"missing"` // data-testids not in the page
	// Pending is how many calls to the token engine await an answer:
	// a wait is over only when the page has every answer it asked for.
	Pending int `json:"pending"`

	TokenError   errorBox `json:"tokenError"`
	HeaderError  errorBox `json:"headerError"`
	PayloadError errorBox `json:"payloadError"`
	KeyError     errorBox `json:"keyError"`

	View tokenView `json:"view"`
}

// tokenView is the text of the colour-coded token.
type tokenView struct {
	Header    *string `json:"header"` // nil when the span is missing
	Payload   *string `json:"payload"`
	Signature *string `json:"signature"`
	Text      string  `json:"text"`
}

// readStateJS reads a State. It reports missing elements instead of throwing,
// so that a wait on a page that lacks an element says which one.
const readStateJS = `(() => {
	const ids = ["token-input", "header-json", "payload-json", "key-input", "secret-encoding",
		"verify-status", "token-error", "header-error", "payload-error", "key-error", "token-view"];
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const val = (id) => { const e = q(id); return e ? String(e.value ?? "") : ""; };
	// Collapse the layout whitespace of the markup, so messages read as text.
	const text = (e) => e.textContent.replace(/\s+/g, " ").trim();
	const box = (id) => {
		const e = q(id);
		if (!e) return { found: false, text: "", hidden: false, visible: false };
		return { found: true, text: text(e), hidden: e.hidden,
			visible: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
	};
	const status = q("verify-status");
	const view = q("token-view");
	const seg = (c) => { const e = view && view.querySelector("." + c); return e ? e.textContent : null; };
	return {
		ready: document.documentElement.dataset.ready ?? "",
		token: val("token-input"),
		header: val("header-json"),
		payload: val("payload-json"),
		key: val("key-input"),
		encoding: val("secret-encoding"),
		status: status ? (status.dataset.state ?? "") : "",
		statusText: status ? text(status) : "",
		missing: ids.filter((id) => !q(id)),
		pending: globalThis.jwtPlaygroundPending ?? 0,
		tokenError: box("token-error"),
		headerError: box("header-error"),
		payloadError: box("payload-error"),
		keyError: box("key-error"),
		view: { header: seg("seg-header"), payload: seg("seg-payload"), signature: seg("seg-signature"),
			text: view ? view.textContent : "" },
	};
})()`

// read returns what the page shows now.
func (p *Page) read() (State, error) {
	return eval[State](p, readStateJS)
}

// State returns what the page shows now, and fails the test if it cannot
// read it.
func (p *Page) State() State {
	p.t.Helper()
	s, err := p.read()
	if err != nil {
		p.t.Fatalf("read the page: %v", err)
	}
	return s
}

// String formats the state for a failure message.
func (s State) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  verify-status: data-state=%q text=%q\n", s.Status, s.StatusText)
	if s.Pending > 0 {
		fmt.Fprintf(&b, "  engine:        %d call(s) pending\n", s.Pending)
	}
	fmt.Fprintf(&b, "  token-input:   %q\n", truncate(s.Token, 300))
	fmt.Fprintf(&b, "  header-json:   %q\n", truncate(s.Header, 300))
	fmt.Fprintf(&b, "  payload-json:  %q\n", truncate(s.Payload, 300))
	fmt.Fprintf(&b, "  key-input:     %q (encoding %q)\n", truncate(s.Key, 120), s.Encoding)
	fmt.Fprintf(&b, "  token-error:   %s\n", s.TokenError)
	fmt.Fprintf(&b, "  header-error:  %s\n", s.HeaderError)
	fmt.Fprintf(&b, "  payload-error: %s\n", s.PayloadError)
	fmt.Fprintf(&b, "  key-error:     %s\n", s.KeyError)
	if s.Ready != "true" {
		fmt.Fprintf(&b, "  dataset.ready: %q\n", s.Ready)
	}
	if len(s.Missing) > 0 {
		fmt.Fprintf(&b, "  MISSING elements: [data-testid=%s]\n", strings.Join(s.Missing, "], [data-testid="))
	}
	return b.String()
}

// poll reads the page with read until cond holds or timeout passes, and
// returns the last value read, whether cond held, and the last read error.
// Every wait of the suite is built on it.
func poll[T any](p *Page, timeout time.Duration, read func() (T, error), cond func(T) bool) (last T, ok bool, lastErr error) {
	deadline := time.Now().Add(timeout)
	for {
		v, err := read()
		if err == nil {
			if cond(v) {
				return v, true, nil
			}
			last, lastErr = v, nil
		} else {
			lastErr = err
		}
		if time.Now().After(deadline) {
			return last, false, lastErr
		}
		p.sleep(pollInterval)
	}
}

// timedOut describes a wait that did not end, for a failure message: what
// was awaited, what the page showed last, and the page's errors.
func (p *Page) timedOut(timeout time.Duration, desc, what string, last fmt.Stringer, err error) string {
	msg := fmt.Sprintf("timed out after %s waiting for %s\nlast seen, %s:\n%s", timeout, desc, what, last)
	if err != nil {
		msg += fmt.Sprintf("last read failed: %v\n", err)
	}
	if errs := p.errorsSoFar(); len(errs) > 0 {
		msg += "page errors:\n" + indent(strings.Join(errs, "\n"))
	}
	return msg
}

// WaitFor polls the page until cond holds, and returns the state that
// satisfied it. After waitTimeout it fails the test with desc, the last
// state and the page errors so far.
func (p *Page) WaitFor(desc string, cond func(State) bool) State {
	p.t.Helper()
	// The engine answers asynchronously: what the page shows while calls
	// are pending may be the answer to an older input.
	s, ok, err := poll(p, waitTimeout, p.read, func(s State) bool { return s.Pending == 0 && cond(s) })
	if !ok {
		p.t.Fatal(p.timedOut(waitTimeout, desc, "the page", s, err))
	}
	return s
}

// WaitStatus waits until verify-status has data-state want and token-input
// still holds token, so that a stale status of an earlier token cannot
// satisfy it.
func (p *Page) WaitStatus(token, want string) State {
	p.t.Helper()
	return p.WaitFor(fmt.Sprintf("data-state %q for token %s", want, truncate(token, 60)), func(s State) bool {
		return s.Token == token && s.Status == want
	})
}

// setValueJS sets the value of a form element by data-testid and fires the
// events that a user's edit fires. It returns "" or what went wrong.
const setValueJS = `((id, value) => {
	const e = document.querySelector('[data-testid="' + id + '"]');
	if (!e) return "no element [data-testid=" + id + "]";
	e.value = value;
	if (e.tagName === "SELECT" && e.value !== value) {
		return "[data-testid=" + id + "] has no option " + JSON.stringify(value) +
			"; options: " + JSON.stringify([...e.options].map((o) => o.value));
	}
	e.dispatchEvent(new Event("input", { bubbles: true }));
	if (e.tagName === "SELECT") e.dispatchEvent(new Event("change", { bubbles: true }));
	return "";
})`

// SetValue sets a textarea or select by data-testid, as if the user typed or
// pasted value, and fires input (and change for a select).
func (p *Page) SetValue(testID, value string) {
	p.t.Helper()
	problem, err := eval[string](p, fmt.Sprintf("%s(%s, %s)", setValueJS, jsString(testID), jsString(value)))
	if err != nil {
		p.t.Fatalf("set [data-testid=%s] to %q: %v", testID, truncate(value, 80), err)
	}
	if problem != "" {
		p.t.Fatalf("set [data-testid=%s] to %q: %s", testID, truncate(value, 80), problem)
	}
}

// SetToken pastes a token into token-input.
func (p *Page) SetToken(token string) { p.t.Helper(); p.SetValue("token-input", token) }

// SetKey puts a secret or a key into key-input.
func (p *Page) SetKey(key string) { p.t.Helper(); p.SetValue("key-input", key) }

// SetEncoding picks the secret encoding: utf8, base64, base64url or hex.
func (p *Page) SetEncoding(enc string) { p.t.Helper(); p.SetValue("secret-encoding", enc) }

// Settle waits until the page has run what the last input queued: pending
// promises, a frame and zero-delay timers. A check that something did not
// happen runs after it.
func (p *Page) Settle() {
	p.t.Helper()
	// A hidden document runs no frames, so it only waits for the timers.
	// The token engine answers asynchronously: wait until no call is
	// pending over two rounds (an answer can start another call).
	mustEval[chromedp.Void](p, `new Promise((resolve) => {
		let idle = 0;
		const round = () => {
			idle = (globalThis.jwtPlaygroundPending ?? 0) === 0 ? idle + 1 : 0;
			if (idle >= 2) return resolve();
			const later = () => setTimeout(round, 0);
			document.hidden ? later() : requestAnimationFrame(later);
		};
		round();
	})`)
}

// truncate shortens s for a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// indent indents every line of s for a message.
func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
