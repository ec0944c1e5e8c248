package e2e

// Helpers for the tests of sharing, embedding and offline use: more
// instances of the server binary, each on its own port (so its own origin),
// with its request log captured, and tabs opened at any URL, in the shared
// browser or in a browser context of their own.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// instance is one more server of the run, started by a test.
type instance struct {
	*server
	stopOnce sync.Once
	stopErr  error
}

// Log returns what the server wrote to stderr so far: without -quiet, one
// line per request.
func (s *instance) Log() string { return s.stderr.String() }

// Stop stops the server with SIGTERM and waits for it; later calls return
// the result of the first.
func (s *instance) Stop() error {
	s.stopOnce.Do(func() { s.stopErr = s.stop() })
	return s.stopErr
}

// servedDir is the web directory that the harness serves: $E2E_WEB_DIR, else
// <repo>/web, as in run.
func servedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("E2E_WEB_DIR")
	if dir == "" {
		dir = filepath.Join(repoRoot, "web")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// startInstance starts the server binary on a free port of 127.0.0.1,
// serving dir, with its request log unless quiet. The test stops it at the
// end if it did not stop it itself.
func startInstance(t testing.TB, dir string, quiet bool) *instance {
	t.Helper()
	srv, err := launch(serveBin, dir, quiet)
	if err != nil {
		t.Fatalf("start another server: %v", err)
	}
	s := &instance{server: srv}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("stop the server at %s: %v", s.url, err)
		}
	})
	return s
}

// logLine is one line of the request log: "date time METHOD PATH STATUS
// BYTES DURATION".
var logLine = regexp.MustCompile(`^\S+ \S+ ([A-Z]+) (\S+) (\d{3}) (\d+) \S+$`)

// logEntry is one request of the log.
type logEntry struct {
	Method, Path string
	Status       int
}

func (e logEntry) String() string { return fmt.Sprintf("%s %s %d", e.Method, e.Path, e.Status) }

// requestLog is a parsed request log.
type requestLog []logEntry

// parseLog reads the request lines of a server log; other lines (such as
// "shutting down") are skipped.
func parseLog(text string) requestLog {
	var out requestLog
	for line := range strings.Lines(text) {
		m := logLine.FindStringSubmatch(strings.TrimRight(line, "\n"))
		if m == nil {
			continue
		}
		status, _ := strconv.Atoi(m[3])
		out = append(out, logEntry{Method: m[1], Path: m[2], Status: status})
	}
	return out
}

// count is the number of GET requests for path.
func (l requestLog) count(path string) int {
	n := 0
	for _, r := range l {
		if r.Method == "GET" && r.Path == path {
			n++
		}
	}
	return n
}

// paths lists the distinct paths requested.
func (l requestLog) paths() []string {
	var out []string
	for _, r := range l {
		if !slices.Contains(out, r.Path) {
			out = append(out, r.Path)
		}
	}
	return out
}

// newBrowserContext makes a browser context of its own for a test (like a
// fresh incognito profile: its own storage, service workers, caches and
// permissions), so that what the test installs does not reach the other
// tests. Tabs opened with it as parent live in it. It goes at the end of the
// test.
func newBrowserContext(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first run creates the browser context (and a blank tab in it).
	tctx, tcancel := context.WithTimeout(ctx, loadTimeout)
	defer tcancel()
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("create a browser context: %v", err)
	}
	return ctx
}

// atOptions change how openAt treats the page.
type atOptions struct {
	// parent is the context to open the tab in: browserCtx when nil, or
	// one from newBrowserContext.
	parent context.Context
	// lenient makes page errors a log line instead of a failure.
	lenient bool
	// other says the page is not the playground: openAt does not wait for
	// dataset.ready.
	other bool
	// setup runs on the tab before the navigation.
	setup []chromedp.Action[chromedp.Void]
}

// openAt opens url in a new tab, as openPage does for the playground at
// baseURL, and waits until the playground is ready (unless o.other).
func openAt(t testing.TB, url string, o atOptions) *Page {
	t.Helper()
	parent := o.parent
	if parent == nil {
		parent = browserCtx
	}
	ctx, cancel := chromedp.NewContext(parent)
	p := &Page{t: t, ctx: ctx, strict: !o.lenient, syncSeen: map[string]chan struct{}{}}
	// Console opens the tab and subscribes before the navigation, so no
	// message of the page is lost. It joins Runtime.exceptionThrown,
	// Runtime.consoleAPICalled and Log.entryAdded in the order of arrival,
	// which lets close sync on a marker message.
	messages := chromedp.Console(ctx)
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for m, err := range messages {
			if err != nil {
				return
			}
			p.record(m)
		}
	}()
	t.Cleanup(func() {
		p.close()
		cancel()
		<-collected
	})
	steps := append(slices.Clone(o.setup), chromedp.Navigate(url))
	if err := p.do(loadTimeout, steps...); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if !o.other {
		p.waitReady()
	}
	return p
}

// waitJS polls a JavaScript expression until it is true, for up to timeout,
// and fails the test with desc and the value of show (an expression that
// describes the state) if it never is. Errors of the evaluation, such as
// those of a page that is navigating, count as false.
func waitJS(t testing.TB, p *Page, desc, expr, show string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for {
		ok, err := eval[bool](p, expr)
		if err == nil && ok {
			return
		}
		lastErr = err
		if time.Now().After(deadline) {
			break
		}
		p.sleep(100 * time.Millisecond)
	}
	msg := fmt.Sprintf("timed out after %s waiting for %s", timeout, desc)
	if show != "" {
		if v, err := eval[string](p, show); err == nil {
			msg += "\nthe page shows: " + v
		}
	}
	if lastErr != nil {
		msg += fmt.Sprintf("\nlast error: %v", lastErr)
	}
	if errs := p.errorsSoFar(); len(errs) > 0 {
		msg += "\npage errors:\n" + indent(strings.Join(errs, "\n"))
	}
	t.Fatal(msg)
}
