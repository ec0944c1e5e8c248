package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestProductionLimits checks that the command's server bounds every
// phase of a connection: a zero timeout or size means no limit at all.
func TestProductionLimits(t *testing.T) {
	v := reflect.ValueOf(defaultLimits)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("defaultLimits.%s is zero, which means no limit", v.Type().Field(i).Name)
		}
	}
	srv := newServer(http.NotFoundHandler(), io.Discard, defaultLimits)
	for _, d := range []struct {
		name      string
		got, want time.Duration
	}{
		{"ReadHeaderTimeout", srv.ReadHeaderTimeout, readHeaderTimeout},
		{"ReadTimeout", srv.ReadTimeout, readTimeout},
		{"WriteTimeout", srv.WriteTimeout, writeTimeout},
		{"IdleTimeout", srv.IdleTimeout, idleTimeout},
	} {
		if d.got <= 0 || d.got != d.want {
			t.Errorf("%s = %v, want %v (and not zero)", d.name, d.got, d.want)
		}
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes != maxHeaderBytes {
		t.Errorf("MaxHeaderBytes = %d, want %d (and not zero)", srv.MaxHeaderBytes, maxHeaderBytes)
	}
	if srv.MaxHeaderBytes >= http.DefaultMaxHeaderBytes {
		t.Errorf("MaxHeaderBytes = %d, no tighter than Go's default %d", srv.MaxHeaderBytes, http.DefaultMaxHeaderBytes)
	}
	if srv.ReadHeaderTimeout > srv.ReadTimeout {
		t.Errorf("ReadHeaderTimeout %v exceeds ReadTimeout %v", srv.ReadHeaderTimeout, srv.ReadTimeout)
	}
	if srv.ErrorLog == nil {
		t.Error("ErrorLog is nil: server errors would go to the global logger")
	}
}

// TestNewServerLimits checks that newServer passes each limit on to the
// field it belongs to.
func TestNewServerLimits(t *testing.T) {
	l := limits{
		readHeaderTimeout: 1 * time.Second,
		readTimeout:       2 * time.Second,
		writeTimeout:      3 * time.Second,
		idleTimeout:       4 * time.Second,
		maxHeaderBytes:    5,
	}
	srv := newServer(http.NotFoundHandler(), io.Discard, l)
	got := limits{srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes}
	if got != l {
		t.Errorf("newServer(%+v) sets %+v", l, got)
	}
}

// TestHeaderLimits checks that the server refuses oversized request
// heads with 431. Go's server answers before the handler runs, so this
// needs a real listener. It allows MaxHeaderBytes plus 4 KiB of slack.
func TestHeaderLimits(t *testing.T) {
	t.Parallel()
	addr := newTestServer(t, newTestHandler(t)).Listener.Addr().String()
	const head = "GET /index.html HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
	tooLarge := maxHeaderBytes + 4096 + 1024
	many := func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "X-H%d: v\r\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name, req string
		code      int
	}{
		{"one long header", head + "X-Big: " + strings.Repeat("a", tooLarge) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"one huge header", head + "X-Big: " + strings.Repeat("a", 1<<20) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"many headers", head + many(tooLarge) + "\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"many cookies", head + strings.Repeat("Cookie: a=b\r\n", tooLarge/13+1) + "\r\n", http.StatusRequestHeaderFieldsTooLarge},
		// A request line past the header limit never reaches the
		// handler's 414 check: Go counts it against MaxHeaderBytes.
		{"huge request line", "GET /" + strings.Repeat("a", tooLarge) + " HTTP/1.1\r\nHost: test\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		// Just under the limit is served.
		{"long header within limit", head + "X-Big: " + strings.Repeat("a", maxHeaderBytes-1024) + "\r\n\r\n", http.StatusOK},
		{"many headers within limit", head + many(maxHeaderBytes-1024) + "\r\n", http.StatusOK},
	}
	for _, tt := range tests {
		resp, body := rawRequest(t, addr, tt.req)
		if resp.StatusCode != tt.code {
			t.Errorf("%s (%d bytes): status %d, want %d", tt.name, len(tt.req), resp.StatusCode, tt.code)
		}
		if tt.code == http.StatusOK && !strings.Contains(body, "<h1>index</h1>") {
			t.Errorf("%s: body %q, want the index", tt.name, body)
		}
	}
}

// TestLongURIServer checks URIs too long for the handler but short enough
// for Go's header limit (414), and those past it (431), over the wire.
func TestLongURIServer(t *testing.T) {
	t.Parallel()
	addr := newTestServer(t, newTestHandler(t)).Listener.Addr().String()
	for _, tt := range []struct {
		n, code int
	}{
		{maxRequestURI, http.StatusNotFound},
		{maxRequestURI + 1, http.StatusRequestURITooLong},
		{maxHeaderBytes - 100, http.StatusRequestURITooLong},
		{maxHeaderBytes + 8192, http.StatusRequestHeaderFieldsTooLarge},
		{1 << 20, http.StatusRequestHeaderFieldsTooLarge},
	} {
		target := "/" + strings.Repeat("%61", (tt.n-1)/3) + strings.Repeat("a", (tt.n-1)%3)
		if len(target) != tt.n {
			t.Fatalf("built a %d-byte URI, want %d", len(target), tt.n)
		}
		code, body := rawGet(t, addr, target)
		if code != tt.code {
			t.Errorf("%d-byte URI: status %d, want %d", tt.n, code, tt.code)
		}
		if strings.Contains(body, "aaaa") {
			t.Errorf("%d-byte URI: body %.40q echoes the path", tt.n, body)
		}
	}
}

// slowLimit is the limit under test in the slow-client tests; the other
// limits stay long, so that only the one under test can end the
// connection in time.
const slowLimit = 200 * time.Millisecond

// slowLimits returns limits as in production but with the fields that
// set picks shortened to slowLimit, and the others longer than the tests
// will wait.
func slowLimits(set func(*limits)) limits {
	l := limits{
		readHeaderTimeout: time.Minute,
		readTimeout:       time.Minute,
		writeTimeout:      time.Minute,
		idleTimeout:       time.Minute,
		maxHeaderBytes:    defaultLimits.maxHeaderBytes,
	}
	set(&l)
	return l
}

// waitClosed reads from conn until the server closes it, and returns how
// long that took from start and what it read. It fails if the server
// keeps the connection for more than limit.
func waitClosed(t *testing.T, conn net.Conn, start time.Time, limit time.Duration) (time.Duration, []byte) {
	t.Helper()
	elapsed, got, err := readUntilClosed(conn, start, limit)
	if err != nil {
		t.Fatal(err)
	}
	return elapsed, got
}

// readUntilClosed is waitClosed for use off the test's goroutine: it
// returns an error rather than failing the test.
func readUntilClosed(conn net.Conn, start time.Time, limit time.Duration) (time.Duration, []byte, error) {
	conn.SetReadDeadline(start.Add(limit))
	got, err := io.ReadAll(conn)
	elapsed := time.Since(start)
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return elapsed, got, fmt.Errorf("connection still open after %v (read %q)", elapsed.Round(time.Millisecond), got)
	case err != nil && !isReset(err):
		return elapsed, got, fmt.Errorf("reading until close: %v", err)
	}
	// EOF or a reset: either way the server hung up.
	return elapsed, got, nil
}

// isReset reports whether err is a connection reset by the peer.
func isReset(err error) bool {
	var oe *net.OpError
	return errors.As(err, &oe) && strings.Contains(oe.Err.Error(), "reset")
}

// TestSlowClientHeaders opens connections that send part of a request, or
// send it a byte at a time, and checks that the server hangs up after
// ReadHeaderTimeout however the client dawdles.
func TestSlowClientHeaders(t *testing.T) {
	t.Parallel()
	addr := newLimitedServer(t, newTestHandler(t), slowLimits(func(l *limits) {
		l.readHeaderTimeout = slowLimit
	})).Listener.Addr().String()
	tests := []struct {
		name    string
		partial string
		trickle bool // keep sending a byte every slowLimit/8
	}{
		{"nothing", "", false},
		{"partial request line", "GET /index.ht", false},
		{"request line only", "GET /index.html HTTP/1.1\r\n", false},
		{"partial headers", "GET /index.html HTTP/1.1\r\nHost: test\r\nX-Slow: ab", false},
		{"headers without end", "GET /index.html HTTP/1.1\r\nHost: test\r\n", false},
		{"trickled header", "GET /index.html HTTP/1.1\r\nHost: test\r\nX-Slow: ", true},
	}
	// The connections wait side by side, so that the test takes one
	// timeout rather than one per case.
	type result struct {
		elapsed time.Duration
		got     []byte
		err     error
	}
	results := make([]result, len(tests))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i, tt := range tests {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		if _, err := io.WriteString(conn, tt.partial); err != nil {
			t.Fatal(err)
		}
		if tt.trickle {
			go func() {
				tick := time.NewTicker(slowLimit / 8)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						return
					case <-tick.C:
						if _, err := conn.Write([]byte("a")); err != nil {
							return
						}
					}
				}
			}()
		}
		wg.Go(func() {
			r := &results[i]
			r.elapsed, r.got, r.err = readUntilClosed(conn, start, 15*slowLimit)
		})
	}
	wg.Wait()
	close(stop)
	for i, tt := range tests {
		r := results[i]
		switch {
		case r.err != nil:
			t.Errorf("%s: %v", tt.name, r.err)
		case r.elapsed < slowLimit/2:
			t.Errorf("%s: closed after %v, before ReadHeaderTimeout %v", tt.name, r.elapsed, slowLimit)
		case strings.Contains(string(r.got), " 200 ") || strings.Contains(string(r.got), "index"):
			t.Errorf("%s: got %q, a response to an unfinished request", tt.name, r.got)
		default:
			t.Logf("%s: closed after %v", tt.name, r.elapsed.Round(time.Millisecond))
		}
	}
}

// TestSlowClientIdle checks that a keep-alive connection left unused
// after a request is closed after IdleTimeout.
func TestSlowClientIdle(t *testing.T) {
	t.Parallel()
	addr := newLimitedServer(t, newTestHandler(t), slowLimits(func(l *limits) {
		l.idleTimeout = slowLimit
	})).Listener.Addr().String()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /app.js HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// The response is small, so it is all there at once; what follows
	// it must be the close.
	want := len(testFiles["app.js"])
	buf := make([]byte, 4096)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := conn.Read(buf)
	if err != nil || !strings.HasPrefix(string(buf[:n]), "HTTP/1.1 200 ") || !strings.HasSuffix(string(buf[:n]), testFiles["app.js"]) {
		t.Fatalf("first response: %q, %v; want a 200 ending in the %d-byte file", buf[:n], err, want)
	}
	elapsed, got := waitClosed(t, conn, time.Now(), 15*slowLimit)
	if elapsed < slowLimit/2 {
		t.Errorf("closed after %v, before IdleTimeout %v", elapsed, slowLimit)
	}
	if len(got) != 0 {
		t.Errorf("got %q after the response", got)
	}
}

// TestSlowClientBody checks that a request whose body never finishes
// arriving is given up after ReadTimeout, which bounds the whole request,
// and still answered.
func TestSlowClientBody(t *testing.T) {
	t.Parallel()
	addr := newLimitedServer(t, newTestHandler(t), slowLimits(func(l *limits) {
		l.readTimeout = slowLimit
	})).Listener.Addr().String()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	// The handler answers 405 without reading the body, but Go's server
	// reads the rest of a body under 256 KiB before it sends the answer,
	// so as to keep the connection in step; it must not wait forever.
	if _, err := io.WriteString(conn, "PUT /index.html HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\npartial"); err != nil {
		t.Fatal(err)
	}
	elapsed, got := waitClosed(t, conn, start, 15*slowLimit)
	if !strings.HasPrefix(string(got), "HTTP/1.1 405 ") {
		t.Errorf("got %.60q, want a 405", got)
	}
	t.Logf("closed after %v", elapsed.Round(time.Millisecond))
}

// TestSlowClientReader checks that a client that asks for a large file
// and then reads nothing cannot hold the handler past WriteTimeout.
func TestSlowClientReader(t *testing.T) {
	t.Parallel()
	dir := newTestRoot(t)
	// Far more than the socket buffers on both ends can take in. The file
	// is sparse, so this costs no disk.
	const size = 256 << 20
	f, err := os.Create(filepath.Join(dir, "huge.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	done := make(chan time.Time, 1)
	h := newHandler(root)
	addr := newLimitedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		done <- time.Now()
	}), slowLimits(func(l *limits) {
		l.writeTimeout = slowLimit
	})).Listener.Addr().String()

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	if _, err := io.WriteString(conn, "GET /huge.wasm HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	select {
	case end := <-done:
		if d := end.Sub(start); d < slowLimit/2 {
			t.Errorf("handler returned after %v, before WriteTimeout %v", d, slowLimit)
		} else {
			t.Logf("handler returned after %v", d.Round(time.Millisecond))
		}
	case <-time.After(15 * slowLimit):
		t.Fatalf("handler still writing after %v to a client that does not read", 15*slowLimit)
	}
	// What the kernel buffered still arrives, then the close.
	_, got := waitClosed(t, conn, time.Now(), 10*time.Second)
	if len(got) >= size {
		t.Errorf("read %d bytes, the whole file, from a server that gave up", len(got))
	}
	t.Logf("client got %d of %d bytes before the close", len(got), size)
}
