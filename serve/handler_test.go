package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// secret is the content of the file just outside the served folder. No
// response may ever contain it.
const secret = "OUTSIDE-SECRET"

// testTime is the modification time of every file in testFiles.
var testTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// testFiles is the served folder, by slash-separated name.
var testFiles = map[string]string{
	"index.html":       "<h1>index</h1>",
	"app.js":           "console.log('plain')",
	"app.js.gz":        "GZIP-app.js",
	"app.js.br":        "BROTLI-app.js",
	"style.css":        "body{}",
	"x.wasm":           "\x00asm-plain",
	"x.wasm.gz":        "GZIP-x.wasm",
	"data.json":        "{}",
	"icon.svg":         "<svg/>",
	"site.webmanifest": "{}",
	"notes.txt":        "notes",
	"blob.zzqx":        "<html><script>alert(1)</script>",
	"sub/index.html":   "SUB-INDEX",
	"sub/page.mjs":     "export {}",
	"empty/file.txt":   "LISTED-FILE",
	".env":             "ENV-SECRET",
	".git/config":      "GIT-SECRET",
	"sub/.hidden":      "HIDDEN-SECRET",

	// A directory whose index.html is itself a directory.
	"dirindex/index.html/file.txt": "LISTED-FILE",
}

// newTestRoot creates the served folder, with a secret file beside it and
// symlinks from inside pointing at it, and returns the folder's path.
func newTestRoot(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	outside := filepath.Join(top, "secret")
	writeFile(t, outside, secret)
	dir := filepath.Join(top, "site")
	for name, content := range testFiles {
		file := filepath.Join(dir, filepath.FromSlash(name))
		writeFile(t, file, content)
		// One time for all, so that every variant is as new as its
		// source, whatever order the map gives.
		if err := os.Chtimes(file, testTime, testTime); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"link":    filepath.Join("..", "secret"),
		"abslink": outside,
		"linkdir": "..",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Logf("no symlinks here: %v", err)
		}
	}
	return dir
}

// writeFile writes content to the file called name, creating its folder.
func writeFile(t testing.TB, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newTestHandler returns the file handler for a fresh test folder.
func newTestHandler(t *testing.T) http.Handler {
	t.Helper()
	root, err := os.OpenRoot(newTestRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return newHandler(root)
}

// do sends one request to h; hdr holds header names and values in turn.
func do(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Add(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// newTestServer runs h in a real server configured as in production.
func newTestServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	return newLimitedServer(t, h, defaultLimits)
}

// newLimitedServer runs h in a real server with the limits l.
func newLimitedServer(t *testing.T, h http.Handler, l limits) *httptest.Server {
	t.Helper()
	ts := httptest.NewUnstartedServer(h)
	ts.Config = newServer(h, io.Discard, l)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

// rawGet sends target as written, bypassing the cleaning that
// http.NewRequest and url.Parse would do on the client side.
func rawGet(t *testing.T, addr, target string) (status int, body string) {
	t.Helper()
	resp, body := rawRequest(t, addr, "GET "+target+" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
	return resp.StatusCode, body
}

// rawRequest writes req, a whole request as it goes on the wire, to a
// new connection to addr and returns the response with its body. It is
// not for HEAD, whose response has no body to read.
func rawRequest(t *testing.T, addr, req string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	line, _, _ := strings.Cut(req, "\r\n")
	line = fmt.Sprintf("%.80q", line)
	// Write from another goroutine: the server may answer, and stop
	// reading, before it has the whole request.
	go io.WriteString(conn, req)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: reading body: %v", line, err)
	}
	return resp, string(b)
}

func TestContentType(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		path, want string
	}{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/app.js", "text/javascript; charset=utf-8"},
		{"/sub/page.mjs", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/x.wasm", "application/wasm"},
		{"/data.json", "application/json"},
		{"/icon.svg", "image/svg+xml"},
		{"/site.webmanifest", "application/manifest+json"},
		{"/notes.txt", "text/plain; charset=utf-8"},
		// Never sniffed, even though the content looks like HTML.
		{"/blob.zzqx", "application/octet-stream"},
	}
	for _, tt := range tests {
		w := do(h, "GET", tt.path)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", tt.path, w.Code)
		}
		if got := w.Header().Get("Content-Type"); got != tt.want {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestContentTypeFunc(t *testing.T) {
	tests := []struct{ name, want string }{
		{"a.PNG", "image/png"},
		{"favicon.ico", "image/x-icon"},
		{"a.HTML", "text/html; charset=utf-8"},
		{"noext", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := contentType(tt.name); got != tt.want {
			t.Errorf("contentType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestHandler(t)
	want := map[string]string{
		"Content-Security-Policy":      contentSecurityPolicy,
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"X-Frame-Options":              "DENY",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Embedder-Policy": "require-corp",
		"Cross-Origin-Resource-Policy": "same-origin",
		"Permissions-Policy":           "camera=(), microphone=(), geolocation=(), interest-cohort=()",
		"Cache-Control":                "no-cache",
	}
	tests := []struct {
		method, target string
		code           int
	}{
		{"GET", "/", http.StatusOK},
		{"HEAD", "/index.html", http.StatusOK},
		{"GET", "/missing", http.StatusNotFound},
		{"GET", "/.env", http.StatusNotFound},
		{"POST", "/", http.StatusMethodNotAllowed},
		{"GET", "/%00", http.StatusBadRequest},
		{"GET", "/" + strings.Repeat("a", 5000), http.StatusRequestURITooLong},
		{"GET", "/sub", http.StatusMovedPermanently},
	}
	for _, tt := range tests {
		w := do(h, tt.method, tt.target)
		if w.Code != tt.code {
			t.Errorf("%s %.20s: status %d, want %d", tt.method, tt.target, w.Code, tt.code)
		}
		for k, v := range want {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s %.20s: %s = %q, want %q", tt.method, tt.target, k, got, v)
			}
		}
	}
}

func TestCSPConstant(t *testing.T) {
	const want = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	if contentSecurityPolicy != want {
		t.Errorf("contentSecurityPolicy = %q, want %q", contentSecurityPolicy, want)
	}
}

func TestTraversal(t *testing.T) {
	dir := newTestRoot(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	ts := newTestServer(t, newHandler(root))
	addr := ts.Listener.Addr().String()
	// The secret's absolute path on this host, as a URL path.
	abs := filepath.ToSlash(filepath.Join(filepath.Dir(dir), "secret"))
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // a Windows drive letter
	}
	targets := []string{
		"/../secret",
		"/../../secret",
		"/sub/../../secret",
		"/%2e%2e/secret",
		"/%2E%2E/secret",
		"/.%2e/secret",
		"/%2e./secret",
		"/%2E%2E%2Fsecret",
		"/..%2fsecret",
		"/..%2Fsecret",
		"/..%5csecret",
		"/..%5Csecret",
		"/sub%2f..%2f..%2fsecret",
		"/sub/..\\..\\secret",
		"/..\\secret",
		"\\..\\secret",
		"/%255c..%255csecret",
		"/..%255csecret",
		"//etc/passwd",
		"///etc/passwd",
		"/etc/passwd",
		"/%2fetc/passwd",
		"/%00",
		"/index.html%00.js",
		"/./index.html",
		"/sub/./index.html",
		"/sub//index.html",
		"/link",
		"/abslink",
		"/linkdir/secret",
		"/linkdir/site/index.html",
		"/linkdir/",
		"http://test/../secret",
		"http://test/%2e%2e/secret",
		// Double encoding, overlong UTF-8 and other spellings of "..".
		"/%252e%252e/secret",
		"/%252e%252e%252fsecret",
		"/%c0%ae%c0%ae/secret",
		"/%c0%af../secret",
		"/..;/secret",
		"/sub/..%2f..%2fsecret",
		"/%2e%2e%5csecret",
		"/.%00./secret",
		// Absolute paths, of this host and of others.
		abs,
		"/" + abs,
		"/%2f" + abs[1:],
		"file://" + abs,
		"http://test" + abs,
		"/C:/Windows/win.ini",
		"/C:%5cWindows%5cwin.ini",
		"C:\\Windows\\win.ini",
		"/\\\\host\\share\\secret",
		"*",
	}
	for _, target := range targets {
		code, body := rawGet(t, addr, target)
		if code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, code)
		}
		for _, s := range []string{secret, "index", "root:"} {
			if strings.Contains(body, s) {
				t.Errorf("GET %s: body %q contains %q", target, body, s)
			}
		}
	}
}

// TestRootContains checks the os.Root on its own, as if the path checks
// in front of it had let something through.
func TestRootContains(t *testing.T) {
	h := newTestHandler(t).(*fileHandler)
	for _, name := range []string{"../secret", "sub/../../secret", "link", "abslink", "linkdir/secret", "/etc/passwd"} {
		w := httptest.NewRecorder()
		h.serve(w, httptest.NewRequest("GET", "/", nil), filepath.FromSlash(name), false)
		if w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), secret) {
			t.Errorf("serve(%q): status %d, body %q; want 404 without the secret", name, w.Code, w.Body)
		}
	}
}

func TestRequestName(t *testing.T) {
	tests := []struct {
		target, name string
		dir          bool
		code         int
	}{
		{"/", ".", true, 0},
		{"/app.js", "app.js", false, 0},
		{"/sub/", "sub", true, 0},
		{"/sub/page.mjs", filepath.Join("sub", "page.mjs"), false, 0},
		{"/a%20b.txt", "a b.txt", false, 0},
		{"/..", "", false, http.StatusNotFound},
		{"/.env", "", false, http.StatusNotFound},
		{"/sub//x", "", false, http.StatusNotFound},
		{"/a%2fb", "", false, http.StatusBadRequest},
		{"/a%5Cb", "", false, http.StatusBadRequest},
		{"/a%0ab", "", false, http.StatusBadRequest},
		{"/a%7fb", "", false, http.StatusBadRequest},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", tt.target, nil)
		name, dir, code := requestName(r.URL)
		if name != tt.name || dir != tt.dir || code != tt.code {
			t.Errorf("requestName(%q) = %q, %v, %d; want %q, %v, %d",
				tt.target, name, dir, code, tt.name, tt.dir, tt.code)
		}
	}
}

func TestDotfiles(t *testing.T) {
	h := newTestHandler(t)
	addr := newTestServer(t, h).Listener.Addr().String()
	targets := []string{
		"/.env", "/.git/config", "/.git/", "/.git", "/sub/.hidden",
		"/%2eenv", "/%2Egit/config", "/sub/%2ehidden", "/.env?x=1",
		"/.git/HEAD", "/.", "/./", "/sub/.", "/.env/",
	}
	for _, target := range targets {
		w := do(h, "GET", target)
		if w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, w.Code)
		}
		if strings.Contains(w.Body.String(), "SECRET") {
			t.Errorf("GET %s: body %q leaks a dotfile", target, w.Body)
		}
		// And as sent by a client that cleans nothing.
		code, body := rawGet(t, addr, target)
		if code != http.StatusNotFound || strings.Contains(body, "SECRET") {
			t.Errorf("GET %s over the wire: status %d, body %q; want 404 without a secret", target, code, body)
		}
	}
}

func TestDirectories(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		target   string
		code     int
		body     string // a substring of the body
		location string
	}{
		{"/", http.StatusOK, "<h1>index</h1>", ""},
		{"/sub/", http.StatusOK, "SUB-INDEX", ""},
		{"/sub", http.StatusMovedPermanently, "", "/sub/"},
		{"/sub?token=x", http.StatusMovedPermanently, "", "/sub/"},
		{"/empty/", http.StatusNotFound, "", ""},
		{"/empty", http.StatusNotFound, "", ""},
		{"/empty/?C=M;O=D", http.StatusNotFound, "", ""},
		{"/dirindex/", http.StatusNotFound, "", ""},
		{"/dirindex/index.html", http.StatusNotFound, "", ""},
		{"/dirindex/index.html/", http.StatusNotFound, "", ""},
		{"/app.js/", http.StatusNotFound, "", ""},
		{"/missing/", http.StatusNotFound, "", ""},
	}
	for _, tt := range tests {
		w := do(h, "GET", tt.target)
		if w.Code != tt.code {
			t.Errorf("GET %s: status %d, want %d", tt.target, w.Code, tt.code)
		}
		if !strings.Contains(w.Body.String(), tt.body) {
			t.Errorf("GET %s: body %q does not contain %q", tt.target, w.Body, tt.body)
		}
		if strings.Contains(w.Body.String(), "file.txt") {
			t.Errorf("GET %s: body %q lists a directory", tt.target, w.Body)
		}
		if got := w.Header().Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, got, tt.location)
		}
	}
}

// otherMethods are request methods the server must refuse. Methods are
// case-sensitive, so "get" is not GET.
var otherMethods = []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "get", "Head", "FOO"}

func TestMethods(t *testing.T) {
	h := newTestHandler(t)
	for _, method := range otherMethods {
		w := do(h, method, "/index.html")
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", method, w.Code)
		}
		if got := w.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s: Allow %q, want %q", method, got, "GET, HEAD")
		}
		if strings.Contains(w.Body.String(), "index") {
			t.Errorf("%s: body %q serves the file", method, w.Body)
		}
	}
}

// TestMethodsServer sends the methods over the wire, with and without a
// body, so that nothing in the server in front of the handler lets one
// through.
func TestMethodsServer(t *testing.T) {
	addr := newTestServer(t, newTestHandler(t)).Listener.Addr().String()
	for _, method := range otherMethods {
		for _, body := range []string{"", "x=1"} {
			req := fmt.Sprintf("%s /index.html HTTP/1.1\r\nHost: test\r\nConnection: close\r\n", method)
			if body != "" {
				req += fmt.Sprintf("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n", len(body))
			}
			resp, got := rawRequest(t, addr, req+"\r\n"+body)
			if resp.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s (body %q): status %d, want 405", method, body, resp.StatusCode)
			}
			if a := resp.Header.Get("Allow"); a != "GET, HEAD" {
				t.Errorf("%s (body %q): Allow %q, want %q", method, body, a, "GET, HEAD")
			}
			if strings.Contains(got, "index") {
				t.Errorf("%s (body %q): body %q serves the file", method, body, got)
			}
		}
	}
}

func TestLongURI(t *testing.T) {
	ts := newTestServer(t, newTestHandler(t))
	for _, n := range []int{maxRequestURI + 1, 5000} {
		resp, err := http.Get(ts.URL + "/" + strings.Repeat("a", n-1))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestURITooLong {
			t.Errorf("%d-byte URI: status %d, want 414", n, resp.StatusCode)
		}
	}
	// Short enough paths pass, to 404 as they should.
	resp, err := http.Get(ts.URL + "/" + strings.Repeat("a", maxRequestURI-1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("%d-byte URI: status %d, want 404", maxRequestURI, resp.StatusCode)
	}
}

func TestEncoding(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		path, accept string
		encoding     string
		body         string
		vary         bool
	}{
		{"/app.js", "", "", "console.log('plain')", true},
		{"/app.js", "gzip", "gzip", "GZIP-app.js", true},
		{"/app.js", "br", "br", "BROTLI-app.js", true},
		{"/app.js", "gzip, deflate, br", "br", "BROTLI-app.js", true},
		{"/app.js", "GZIP, BR", "br", "BROTLI-app.js", true},
		{"/app.js", "br;q=0, gzip", "gzip", "GZIP-app.js", true},
		{"/app.js", "br; q=0.0, gzip;q=0.5", "gzip", "GZIP-app.js", true},
		{"/app.js", "br;q=0, gzip;q=0", "", "console.log('plain')", true},
		{"/app.js", "*", "br", "BROTLI-app.js", true},
		{"/app.js", "*, br;q=0", "gzip", "GZIP-app.js", true},
		{"/app.js", "*;q=0", "", "console.log('plain')", true},
		{"/app.js", "identity", "", "console.log('plain')", true},
		{"/app.js", "gzip;q=nonsense", "", "console.log('plain')", true},
		{"/x.wasm", "br", "", "\x00asm-plain", true},
		{"/x.wasm", "br, gzip", "gzip", "GZIP-x.wasm", true},
		{"/x.wasm", "gzip;q=0", "", "\x00asm-plain", true},
		{"/style.css", "br, gzip", "", "body{}", false},
		// The variants themselves are plain files.
		{"/x.wasm.gz", "gzip", "", "GZIP-x.wasm", false},
	}
	for _, tt := range tests {
		w := do(h, "GET", tt.path, "Accept-Encoding", tt.accept)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s (%q): status %d, want 200", tt.path, tt.accept, w.Code)
		}
		if got := w.Header().Get("Content-Encoding"); got != tt.encoding {
			t.Errorf("GET %s (%q): Content-Encoding %q, want %q", tt.path, tt.accept, got, tt.encoding)
		}
		if got := w.Body.String(); got != tt.body {
			t.Errorf("GET %s (%q): body %q, want %q", tt.path, tt.accept, got, tt.body)
		}
		// ServeContent leaves out Content-Length for an encoded body
		// and lets the server chunk it.
		if got := w.Header().Get("Content-Length"); tt.encoding == "" && got != strconv.Itoa(len(tt.body)) {
			t.Errorf("GET %s (%q): Content-Length %s, want %d", tt.path, tt.accept, got, len(tt.body))
		}
		if got := w.Header().Get("Vary") == "Accept-Encoding"; got != tt.vary {
			t.Errorf("GET %s (%q): Vary %q, want it: %v", tt.path, tt.accept, w.Header().Get("Vary"), tt.vary)
		}
		if tt.path != "/x.wasm.gz" {
			if got, want := w.Header().Get("Content-Type"), contentType(tt.path); got != want {
				t.Errorf("GET %s (%q): Content-Type %q, want %q", tt.path, tt.accept, got, want)
			}
		}
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"", "gzip", false},
		{"gzip", "gzip", true},
		{"x-gzip", "gzip", false},
		{"gzipx", "gzip", false},
		{" gzip ;q=1 ", "gzip", true},
		{"gzip;q=0", "gzip", false},
		{"gzip;q=0.000", "gzip", false},
		{"gzip;q=0.001", "gzip", true},
		{"gzip;Q=0", "gzip", false},
		{"gzip;level=1;q=0", "gzip", false},
		{"gzip;q=2", "gzip", false},
		{"gzip;q=-1", "gzip", false},
		{"gzip;q=", "gzip", false},
		{"*", "br", true},
		{"*;q=0", "br", false},
		{"br;q=0, *", "br", false},
		{"*, br;q=0", "br", false},
		{"gzip;q=0, *", "br", true},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

func TestHead(t *testing.T) {
	ts := newTestServer(t, newTestHandler(t))
	for _, path := range []string{"/", "/app.js", "/missing", "/.env"} {
		resp, err := http.Head(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(body) != 0 {
			t.Errorf("HEAD %s: body %q, want none", path, body)
		}
	}
	w := do(newTestHandler(t), "HEAD", "/app.js")
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Errorf("HEAD /app.js: status %d, body %q; want 200 and none", w.Code, w.Body)
	}
	if got, want := w.Header().Get("Content-Length"), strconv.Itoa(len(testFiles["app.js"])); got != want {
		t.Errorf("HEAD /app.js: Content-Length %s, want %s", got, want)
	}
}

func TestConditional(t *testing.T) {
	h := newTestHandler(t)
	w := do(h, "GET", "/app.js")
	lm := w.Header().Get("Last-Modified")
	if lm == "" {
		t.Fatal("no Last-Modified")
	}
	w = do(h, "GET", "/app.js", "If-Modified-Since", lm)
	if w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-Modified-Since: status %d, body %q; want 304 and none", w.Code, w.Body)
	}
	if w.Header().Get("Vary") != "Accept-Encoding" {
		t.Errorf("If-Modified-Since: no Vary on 304")
	}
	w = do(h, "GET", "/app.js", "Range", "bytes=0-6")
	if w.Code != http.StatusPartialContent || w.Body.String() != "console" {
		t.Errorf("Range: status %d, body %q; want 206 and %q", w.Code, w.Body, "console")
	}
}

func TestLogOmitsQuery(t *testing.T) {
	var buf bytes.Buffer
	h := logRequests(newTestHandler(t), log.New(&buf, "", 0))
	tests := []struct {
		method, target, want string
	}{
		{"GET", "/app.js?token=eyJhbGciOi.SECRET", "GET /app.js 200 20 "},
		{"GET", "/missing?access_token=eyJhbGciOi.SECRET", "GET /missing 404 10 "},
		{"POST", "/?jwt=eyJhbGciOi.SECRET", "POST / 405 19 "},
		{"HEAD", "/app.js?eyJhbGciOi.SECRET", "HEAD /app.js 200 0 "},
		{"GET", "/a%0aGET%20/forged?x=SECRET", "GET /a%0aGET%20/forged 400 12 "},
	}
	for _, tt := range tests {
		buf.Reset()
		do(h, tt.method, tt.target)
		line := buf.String()
		if !strings.HasPrefix(line, tt.want) {
			t.Errorf("%s %s: log %q, want prefix %q", tt.method, tt.target, line, tt.want)
		}
		if strings.Count(line, "\n") != 1 {
			t.Errorf("%s %s: log %q is not one line", tt.method, tt.target, line)
		}
		for _, s := range []string{"?", "token", "eyJ", "SECRET"} {
			if strings.Contains(line, s) {
				t.Errorf("%s %s: log %q contains %q", tt.method, tt.target, line, s)
			}
		}
	}
}

// TestFileHeaders checks the headers that depend on the file: only the
// embed page may be framed, assets may be loaded from other origins, and
// hashed names are cached for good.
func TestFileHeaders(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.html", "embed.html", "embed.js", "app.0123456789.js", "x.wasm"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	h := newHandler(root)
	tests := []struct {
		path, frameOptions, ancestors, acao, corp, cache string
	}{
		{"/", "DENY", "frame-ancestors 'none'", "", "same-origin", "no-cache"},
		{"/embed.html", "", "frame-ancestors *", "", "same-origin", "no-cache"},
		{"/embed.js", "DENY", "frame-ancestors 'none'", "*", "cross-origin", "no-cache"},
		{"/x.wasm", "DENY", "frame-ancestors 'none'", "*", "cross-origin", "no-cache"},
		{"/app.0123456789.js", "DENY", "frame-ancestors 'none'", "*", "cross-origin", "public, max-age=31536000, immutable"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			hdr := rec.Result().Header
			got := []string{hdr.Get("X-Frame-Options"), hdr.Get("Access-Control-Allow-Origin"), hdr.Get("Cross-Origin-Resource-Policy"), hdr.Get("Cache-Control")}
			want := []string{tt.frameOptions, tt.acao, tt.corp, tt.cache}
			if rec.Code != 200 || strings.Join(got, "|") != strings.Join(want, "|") || !strings.HasSuffix(hdr.Get("Content-Security-Policy"), tt.ancestors) {
				t.Errorf("%d %q, CSP %q; want %q ending %q", rec.Code, got, hdr.Get("Content-Security-Policy"), want, tt.ancestors)
			}
		})
	}
}
