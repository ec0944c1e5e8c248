package main

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"time"
)

// playground is the real serve binary, serving the playground's folder.
type playground struct {
	cmd    *exec.Cmd
	url    string // with a trailing slash
	stderr *lockedBuffer
	done   chan error // gets the result of cmd.Wait
}

// servingLine is the one line serve prints on stdout once it listens.
var servingLine = regexp.MustCompile(`^serving (.+) at (http://127\.0\.0\.1:\d+/?)$`)

// startPlayground builds ./serve into tmp and starts it on a free port of
// 127.0.0.1. Building first, instead of go run, means that stop's signal
// reaches the server and not the go tool.
func startPlayground(ctx context.Context, webDir, tmp string) (*playground, error) {
	bin := filepath.Join(tmp, "serve")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./serve").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./serve (run from the repository's root): %v\n%s", err, out)
	}
	p := &playground{stderr: &lockedBuffer{}, done: make(chan error, 1)}
	p.cmd = exec.Command(bin, "-addr", "127.0.0.1:0", "-dir", webDir, "-quiet")
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start serve: %v", err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		io.Copy(io.Discard, stdout) // Wait must only run once the pipe is drained.
		p.done <- p.cmd.Wait()
	}()

	select {
	case line, ok := <-lines:
		m := servingLine.FindStringSubmatch(line)
		if !ok || m == nil {
			p.kill()
			return nil, fmt.Errorf("serve printed %q, want `serving <dir> at http://127.0.0.1:PORT/`\n%s", line, p.stderr)
		}
		p.url = m[2]
		if p.url[len(p.url)-1] != '/' {
			p.url += "/"
		}
		return p, nil
	case <-time.After(30 * time.Second):
		p.kill()
		return nil, fmt.Errorf("serve printed no address within 30s\n%s", p.stderr)
	}
}

// stop sends SIGTERM and waits for serve to exit, killing it after 10s.
func (p *playground) stop() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.kill()
	}
}

func (p *playground) kill() {
	p.cmd.Process.Kill()
	<-p.done
}

// pageFiles holds the bench page and the scripts evaluated in the playground.
//
//go:embed page
var pageFiles embed.FS

// pageFile returns a file of page/ as a string.
func pageFile(name string) string {
	b, err := pageFiles.ReadFile("page/" + name)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return string(b)
}

// benchServer serves the bench page under /bench/ and jose's browser build
// under /jose/, on an origin of its own.
type benchServer struct {
	srv *http.Server
	url string // with a trailing slash
}

// startBenchServer serves on a free port of 127.0.0.1. joseDir is the
// installed npm package, whose dist/webapi is an ES module on WebCrypto.
func startBenchServer(joseDir string) (*benchServer, error) {
	webapi := filepath.Join(joseDir, "dist", "webapi")
	if _, err := os.Stat(filepath.Join(webapi, "index.js")); err != nil {
		return nil, fmt.Errorf("jose's browser build is missing (%v): run `npm ci --prefix scripts/interop`", err)
	}
	pageDir, err := fs.Sub(pageFiles, "page")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /bench/", http.StripPrefix("/bench/", http.FileServerFS(pageDir)))
	mux.Handle("GET /jose/", http.StripPrefix("/jose/", http.FileServerFS(os.DirFS(webapi))))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &benchServer{
		srv: &http.Server{Handler: noStore(mux), ReadHeaderTimeout: 5 * time.Second},
		url: "http://" + ln.Addr().String() + "/",
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "bench: bench server:", err)
		}
	}()
	return s, nil
}

// noStore keeps the browser from caching the bench files between runs.
func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

func (s *benchServer) close() { s.srv.Close() }

// lockedBuffer is a bytes.Buffer that a process can write to while another
// goroutine reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// tail returns at most the last n bytes: the end of a log is where the
// reason for a failure is.
func (b *lockedBuffer) tail(n int) string {
	s := b.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// alone is what a section measured alone (-only api, -only typing) runs
// on: the page in -web served by serve, keys for its algorithms, and a
// browser with a fresh profile.
type alone struct {
	tmp     string
	page    *playground
	keys    map[string]keyMaterial
	browser *browser
}

// openAlone starts what a section measured alone needs; close stops it.
func openAlone(ctx context.Context, c config, algs []string) (e *alone, err error) {
	webDir, err := filepath.Abs(c.web)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(webDir, "playground.wasm")); err != nil {
		return nil, fmt.Errorf("%s/playground.wasm is missing: run `make build` first", webDir)
	}
	e = &alone{}
	defer func() {
		if err != nil {
			e.close()
		}
	}()
	if e.tmp, err = os.MkdirTemp("", "jwt-playground-bench-"); err != nil {
		return nil, err
	}
	if e.page, err = startPlayground(ctx, webDir, e.tmp); err != nil {
		return nil, err
	}
	if e.keys, err = makeKeys(algs); err != nil {
		return nil, err
	}
	if e.browser, err = startBrowser(ctx, c.chromium, filepath.Join(e.tmp, "profile")); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *alone) close() {
	if e.browser != nil {
		e.browser.stop()
	}
	if e.page != nil {
		e.page.stop()
	}
	if e.tmp != "" {
		os.RemoveAll(e.tmp)
	}
}
