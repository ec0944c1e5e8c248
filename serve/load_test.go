package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadFlag turns on TestLoad, which is too heavy for every test run.
var loadFlag = flag.Bool("load", false, "run TestLoad, a load test of the server on loopback")

// The load test's bounds.
const (
	loadRequests    = 20_000
	loadConcurrency = 64
	loadTimeLimit   = 2 * time.Minute
	loadWasmSize    = 2 << 20 // about what playground.wasm weighs gzipped
)

// loadCase is one kind of request in the load mix, with what the response
// must be.
type loadCase struct {
	name     string
	path     string
	accept   string // Accept-Encoding, or none
	status   int
	encoding string // Content-Encoding
	body     []byte // the exact body expected

	crc uint32 // of body, filled in by TestLoad
}

// loadResult is what one request of the load test came to.
type loadResult struct {
	latency time.Duration
	bytes   int64
	err     error // a failed request, or nil
	bad     error // an unexpected response, or nil
}

// TestLoad runs the server as the command does, on a free loopback port,
// and sends it loadRequests requests, loadConcurrency at a time, over
// kept-alive connections, then reports throughput and latency. Every
// response is checked in full. Run it with
//
//	go test -count=1 -run TestLoad ./serve -load -v
//
// or `make bench`.
func TestLoad(t *testing.T) {
	if !*loadFlag {
		t.Skip("load test skipped; run it with: go test -count=1 -run TestLoad ./serve -load -v (or make bench)")
	}
	dir, cases := newLoadRoot(t)
	for i := range cases {
		cases[i].crc = crc32.ChecksumIEEE(cases[i].body)
	}

	// The server, exactly as the command runs it, logging included.
	srvCtx, stopServer := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	served := make(chan error, 1)
	go func() {
		served <- run(srvCtx, []string{"-addr", "127.0.0.1:0", "-dir", dir}, pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		stopServer()
		if err := <-served; err != nil {
			t.Errorf("server: %v", err)
		}
	}()
	base := readURL(t, pr, dir)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("server at %s, not on 127.0.0.1", base)
	}

	var dials atomic.Int64
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		Proxy: nil, // never a proxy: the traffic stays on loopback
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		},
		MaxIdleConns:        loadConcurrency,
		MaxIdleConnsPerHost: loadConcurrency,
		MaxConnsPerHost:     loadConcurrency,
		IdleConnTimeout:     time.Minute,
		// Send Accept-Encoding only where a case asks for it, and
		// leave gzip bodies as they are, to check them byte for byte.
		DisableCompression: true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}

	ctx, cancel := context.WithTimeout(context.Background(), loadTimeLimit)
	defer cancel()
	results := make([]loadResult, loadRequests)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range loadConcurrency {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= loadRequests || ctx.Err() != nil {
					return
				}
				results[i] = fetch(ctx, client, base, &cases[i%len(cases)])
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("load test did not finish within %v", loadTimeLimit)
	}

	// Figures, overall and per kind of request.
	var total int64
	var errs, bad int
	all := make([]time.Duration, 0, loadRequests)
	perCase := make([][]time.Duration, len(cases))
	for i, r := range results {
		total += r.bytes
		all = append(all, r.latency)
		perCase[i%len(cases)] = append(perCase[i%len(cases)], r.latency)
		for _, e := range []struct {
			err   error
			count *int
			what  string
		}{{r.err, &errs, "error"}, {r.bad, &bad, "unexpected response"}} {
			if e.err == nil {
				continue
			}
			if *e.count < 10 {
				t.Errorf("request %d (%s): %s: %v", i, cases[i%len(cases)].name, e.what, e.err)
			}
			*e.count++
		}
	}
	t.Logf("%d requests, %d concurrent, over %d connections, in %v (GOMAXPROCS %d, client and server alike)",
		loadRequests, loadConcurrency, dials.Load(), elapsed.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	t.Logf("throughput: %.0f requests/s, %.1f MB/s; %.1f MB of bodies in all",
		float64(loadRequests)/elapsed.Seconds(), float64(total)/1e6/elapsed.Seconds(), float64(total)/1e6)
	t.Logf("latency: %s", percentiles(all))
	for i, c := range cases {
		t.Logf("  %-24s %5d x %9d bytes  %s", c.name, len(perCase[i]), len(c.body), percentiles(perCase[i]))
	}
	t.Logf("errors: %d, unexpected responses: %d", errs, bad)
}

// fetch sends one request of the kind c and checks the whole response.
func fetch(ctx context.Context, client *http.Client, base string, c *loadCase) loadResult {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+strings.TrimPrefix(c.path, "/"), nil)
	if err != nil {
		return loadResult{err: err}
	}
	if c.accept != "" {
		req.Header.Set("Accept-Encoding", c.accept)
	}
	resp, err := client.Do(req)
	if err != nil {
		return loadResult{latency: time.Since(start), err: err}
	}
	defer resp.Body.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, resp.Body)
	r := loadResult{latency: time.Since(start), bytes: n, err: err}
	if err != nil {
		return r
	}
	switch {
	case resp.StatusCode != c.status:
		r.bad = fmt.Errorf("status %d, want %d", resp.StatusCode, c.status)
	case resp.Header.Get("Content-Encoding") != c.encoding:
		r.bad = fmt.Errorf("Content-Encoding %q, want %q", resp.Header.Get("Content-Encoding"), c.encoding)
	case n != int64(len(c.body)) || h.Sum32() != c.crc:
		r.bad = fmt.Errorf("body of %d bytes (crc %08x), want %d (crc %08x)", n, h.Sum32(), len(c.body), c.crc)
	}
	return r
}

// percentiles formats the p50, p95, p99 and maximum of d, which it sorts.
func percentiles(d []time.Duration) string {
	if len(d) == 0 {
		return "no requests"
	}
	slices.Sort(d)
	p := func(q float64) time.Duration {
		return d[min(len(d)-1, int(q*float64(len(d))))].Round(time.Microsecond)
	}
	return fmt.Sprintf("p50 %v  p95 %v  p99 %v  max %v", p(0.50), p(0.95), p(0.99), p(1))
}

// newLoadRoot writes a folder like the built web/ one: a page, a script,
// and a large wasm-like file with its gzipped variant. It returns the
// folder and the mix of requests to send it.
func newLoadRoot(t *testing.T) (string, []loadCase) {
	t.Helper()
	dir := t.TempDir()
	index := []byte("<!doctype html>\n<title>JWT playground</title>\n<script src=app.js type=module></script>\n" +
		strings.Repeat("<p>Lorem ipsum dolor sit amet.</p>\n", 100))
	app := []byte(strings.Repeat("export function f(x) { return x * 2; } // padding\n", 400))
	wasm := wasmLike(loadWasmSize)
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(wasm)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	// Text is compressed on the fly, so app.js comes back as brotli.
	var br bytes.Buffer
	if err := brotliData(&br, app); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"index.html":         index,
		"app.js":             app,
		"playground.wasm":    wasm,
		"playground.wasm.gz": gz.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, []loadCase{
		{name: "GET /", path: "/", status: http.StatusOK, body: index},
		{name: "GET /app.js", path: "/app.js", accept: "gzip, deflate, br", status: http.StatusOK, encoding: "br", body: br.Bytes()},
		{name: "GET /playground.wasm", path: "/playground.wasm", status: http.StatusOK, body: wasm},
		{name: "GET /playground.wasm gz", path: "/playground.wasm", accept: "gzip, deflate, br", status: http.StatusOK, encoding: "gzip", body: gz.Bytes()},
		{name: "GET /missing.js (404)", path: "/missing.js", status: http.StatusNotFound, body: []byte(http.StatusText(http.StatusNotFound) + "\n")},
	}
}

// wasmLike returns n bytes that compress about as well as a wasm binary
// does: runs of repeated material mixed with noise, from a fixed seed.
func wasmLike(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 0, n)
	for len(b) < n {
		if len(b) > 1024 && r.IntN(3) > 0 {
			// Repeat an earlier stretch, as code does.
			from := r.IntN(len(b) - 256)
			b = append(b, b[from:from+4+r.IntN(60)]...)
			continue
		}
		for range 1 + r.IntN(16) {
			b = append(b, byte(r.Uint32()))
		}
	}
	return b[:n]
}
