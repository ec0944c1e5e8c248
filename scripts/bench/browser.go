package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Bounds on the browser's answers, so that a hung page fails the run
// instead of holding it.
const (
	navTimeout  = 2 * time.Minute
	callTimeout = 30 * time.Second
)

// browser is the one headless Chromium of the run.
type browser struct {
	ctx    context.Context
	cancel func()
	output *lockedBuffer
}

// startBrowser starts Chromium with a fresh profile in profileDir, with the
// flags of the e2e tests and a laptop-sized window.
func startBrowser(ctx context.Context, execPath, profileDir string) (*browser, error) {
	output := &lockedBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.NoSandbox, // we may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 800),
		chromedp.UserDataDir(profileDir),
		chromedp.CombinedOutput(output),
	)
	if execPath != "" {
		opts = append(opts, chromedp.ExecPath(execPath))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	b := &browser{ctx: bctx, output: output, cancel: func() {
		cancelBrowser()
		cancelAlloc() // waits until the browser process is gone
	}}
	if err := chromedp.Do(bctx); err != nil {
		b.cancel()
		return nil, fmt.Errorf("start Chromium %q: %v\nbrowser output:\n%s", execPath, err, output.tail(4000))
	}
	return b, nil
}

func (b *browser) stop() { b.cancel() }

// version is the browser's product and version, such as Chrome/140.0.0.0.
func (b *browser) version() (string, error) {
	v, err := chromedp.CallBrowser(b.ctx, cdpbrowser.GetVersion, cdp.Empty{})
	if err != nil {
		return "", fmt.Errorf("browser version: %w", err)
	}
	return v.Product, nil
}

// tab is one page of the browser, with the errors its scripts reported.
type tab struct {
	name   string
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed when the console collector ends

	mu   sync.Mutex
	errs []string // uncaught exceptions and console.error calls
}

// openTab opens a tab and starts collecting its console. opts can put it
// in a browser context of its own (chromedp.WithNewBrowserContext).
func (b *browser) openTab(name string, opts ...chromedp.ContextOption) (*tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx, opts...)
	t := &tab{name: name, ctx: ctx, cancel: cancel, done: make(chan struct{})}
	messages := chromedp.Console(ctx) // opens the tab and subscribes
	go func() {
		defer close(t.done)
		for m, err := range messages {
			if err != nil {
				return
			}
			t.record(m)
		}
	}()
	if err := chromedp.Do(ctx); err != nil {
		t.close()
		return nil, fmt.Errorf("open tab %s: %w", name, err)
	}
	return t, nil
}

// record files a console message: exceptions and console.error calls of the
// page's scripts are harness errors; browser log entries are only logged.
func (t *tab) record(m chromedp.ConsoleMessage) {
	where := ""
	if m.URL != "" {
		where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
	}
	switch {
	case m.Source != "":
		log.Printf("%s: browser log: %s %s: %s%s", t.name, m.Source, m.Type, m.Text, where)
	case m.IsException(), m.Type == chromedp.ConsoleError, m.Type == "assert":
		t.mu.Lock()
		t.errs = append(t.errs, fmt.Sprintf("%s: %s%s", m.Type, m.Text, where))
		t.mu.Unlock()
	}
}

// failure returns the page's errors so far as one error, or nil.
func (t *tab) failure() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s: the page reported %d error(s):\n  %s", t.name, len(t.errs), strings.Join(t.errs, "\n  "))
}

// close closes the tab and waits for its console collector.
func (t *tab) close() {
	t.cancel()
	<-t.done
}

// do runs actions on the tab within timeout.
func (t *tab) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	return t.failure()
}

// navigate loads url in the tab.
func (t *tab) navigate(url string) error {
	return t.do(navTimeout, chromedp.Navigate(url))
}

// exec evaluates a script for its effects, such as defining functions.
func (t *tab) exec(script string) error {
	return t.do(callTimeout, chromedp.Evaluate[chromedp.Void](script))
}

// addInitScript makes script run in every new document of the tab, before
// the page's own scripts.
func (t *tab) addInitScript(script string) error {
	_, err := chromedp.Call(t.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: script})
	return err
}

// call calls the page function fn with arg as JSON, awaits the promise it
// may return, and decodes the result into T.
func call[T any](t *tab, timeout time.Duration, fn string, arg any) (T, error) {
	var v T
	a, err := json.Marshal(arg)
	if err != nil {
		return v, err
	}
	raw, err := evalRaw(t, timeout, fmt.Sprintf("%s(%s)", fn, a))
	if err != nil {
		return v, fmt.Errorf("%s(%s): %w", fn, truncate(string(a), 80), err)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("%s: result %s: %w", fn, truncate(string(raw), 200), err)
	}
	return v, nil
}

// evalRaw evaluates expr, awaits it if it is a promise, and returns the
// result as JSON. An exception in the page is an error, and so is an error
// the page reported meanwhile.
func evalRaw(t *tab, timeout time.Duration, expr string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(t.ctx, timeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if errors.Is(err, chromedp.ErrJSUndefined) || errors.Is(err, chromedp.ErrJSNull) {
		return nil, fmt.Errorf("%s: no result", t.name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	return raw, t.failure()
}

// waitFor polls the boolean expression cond until it is true.
func waitFor(t *tab, timeout time.Duration, what, cond string) error {
	deadline := time.Now().Add(timeout)
	for {
		raw, err := evalRaw(t, callTimeout, cond)
		if err == nil && string(raw) == "true" {
			return nil
		}
		if ferr := t.failure(); ferr != nil {
			return ferr
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("%s is %s", cond, raw)
			}
			return fmt.Errorf("%s: waited %s for %s: %w", t.name, timeout, what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// truncate shortens s for a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
