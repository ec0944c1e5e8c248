package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// openTestRoot returns a handler for dir.
func openTestRoot(t *testing.T, dir string) *fileHandler {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return newHandler(root).(*fileHandler)
}

// setTime sets the modification time of the file called name.
func setTime(t *testing.T, name string, mod time.Time) {
	t.Helper()
	if err := os.Chtimes(name, mod, mod); err != nil {
		t.Fatal(err)
	}
}

// TestStaleVariant checks that a precompressed variant older than its
// source, left from an earlier build, is never sent in its place.
func TestStaleVariant(t *testing.T) {
	src := testTime
	tests := []struct {
		name     string
		gz, br   time.Duration // variant time minus source time
		accept   string
		encoding string
		body     string
	}{
		{"same time", 0, 0, "br, gzip", "br", "BR"},
		{"newer", time.Hour, time.Hour, "br, gzip", "br", "BR"},
		{"br stale", 0, -time.Second, "br, gzip", "gzip", "GZ"},
		{"both stale", -time.Nanosecond, -time.Hour, "br, gzip", "", "\x00asm-new"},
		{"gz stale, only gzip", -time.Second, 0, "gzip", "", "\x00asm-new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]struct {
				body string
				mod  time.Time
			}{
				"x.wasm":    {"\x00asm-new", src},
				"x.wasm.gz": {"GZ", src.Add(tt.gz)},
				"x.wasm.br": {"BR", src.Add(tt.br)},
			}
			for name, f := range files {
				writeFile(t, filepath.Join(dir, name), f.body)
				setTime(t, filepath.Join(dir, name), f.mod)
			}
			w := do(openTestRoot(t, dir), "GET", "/x.wasm", "Accept-Encoding", tt.accept)
			if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != tt.encoding || w.Body.String() != tt.body {
				t.Errorf("status %d, Content-Encoding %q, body %q; want 200, %q, %q",
					w.Code, w.Header().Get("Content-Encoding"), w.Body, tt.encoding, tt.body)
			}
		})
	}
}

// TestSymlinkDotNames checks that no symlink inside the root leads to a
// name starting with a dot, or outside the root, while symlinks to
// ordinary files inside it still work.
func TestSymlinkDotNames(t *testing.T) {
	top := t.TempDir()
	writeFile(t, filepath.Join(top, "secret"), secret)
	dir := filepath.Join(top, "site")
	for name, body := range map[string]string{
		"app.js":              "APP",
		"sub/page.js":         "PAGE",
		".env":                "ENV-SECRET",
		".git/config":         "GIT-SECRET",
		".git/index.html":     "GIT-SECRET-INDEX",
		".cache/page.js":      "CACHE-SECRET",
		"zipped.js":           "ZIPPED",
		"hiddenindex/x.txt":   "x",
		"sub/.hidden/page.js": "HIDDEN-SECRET",
	} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), body)
	}
	links := map[string]string{
		"env":                    ".env",
		"gitdir":                 ".git",
		"sub/up":                 "../.git/config",
		"sub/hid":                ".hidden",
		"through":                "sub/../.env",
		"dotdot":                 ".git/../app.js",
		"chain":                  "env",
		"zipped.js.gz":           ".env",
		"hiddenindex/index.html": "../.git/index.html",
		"abs":                    filepath.Join(dir, "app.js"),
		"out":                    "../secret",
		"outdir":                 "..",
		"loop":                   "loop",
		"ok.js":                  "app.js",
		"okdir":                  "sub",
		"okup":                   "sub/../app.js",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	h := openTestRoot(t, dir)
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/env", 404, ""},
		{"/gitdir/config", 404, ""},
		{"/gitdir/", 404, ""},
		{"/sub/up", 404, ""},
		{"/sub/hid/page.js", 404, ""},
		{"/okdir/hid/page.js", 404, ""},
		{"/through", 404, ""},
		{"/dotdot", 404, ""},
		{"/chain", 404, ""},
		{"/hiddenindex/", 404, ""},
		{"/abs", 404, ""},
		{"/out", 404, ""},
		{"/outdir/secret", 404, ""},
		{"/loop", 404, ""},
		// A variant behind a link to a dot name is not sent either.
		{"/zipped.js", 200, "ZIPPED"},
		{"/ok.js", 200, "APP"},
		{"/okdir/page.js", 200, "PAGE"},
		{"/okup", 200, "APP"},
	}
	for _, tt := range tests {
		w := do(h, "GET", tt.path, "Accept-Encoding", "gzip")
		body := w.Body.String()
		if tt.status != 200 {
			body = ""
		}
		if w.Code != tt.status || body != tt.body || strings.Contains(w.Body.String(), "SECRET") {
			t.Errorf("GET %s: status %d, body %q; want %d, %q", tt.path, w.Code, w.Body, tt.status, tt.body)
		}
	}
}

// TestResolve checks the names resolve reads links to, and that a root
// whose own path has dot names in it is served like any other.
func TestResolve(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".config", "site")
	writeFile(t, filepath.Join(dir, "a", "b.js"), "B")
	for name, target := range map[string]string{"l": "a", "a/self": ".", "a/back": "../a/b.js"} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	h := openTestRoot(t, dir)
	tests := []struct{ name, want string }{
		{".", "."},
		{"a/b.js", "a/b.js"},
		{"l/b.js", "a/b.js"},
		{"l/self/self/back", "a/b.js"},
		{"l", "a"},
	}
	for _, tt := range tests {
		got, err := h.resolve(filepath.FromSlash(tt.name))
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("resolve(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	if w := do(h, "GET", "/l/b.js"); w.Code != 200 || w.Body.String() != "B" {
		t.Errorf("GET /l/b.js under a dot-named folder: status %d, body %q; want 200, B", w.Code, w.Body)
	}
}

// decodeBody undoes coding on body.
func decodeBody(t *testing.T, coding string, body []byte) string {
	t.Helper()
	var r io.Reader
	switch coding {
	case "":
		return string(body)
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s body: %v", coding, err)
	}
	return string(b)
}

// TestCompressOnTheFly checks that text without a precompressed variant
// is compressed, that a changed file is compressed anew, and that
// small files and binary formats are sent as they are.
func TestCompressOnTheFly(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("export const x = 'some text that compresses';\n", 40)
	files := map[string]string{
		"app.js":      text,
		"style.css":   text,
		"index.html":  text,
		"tiny.js":     "export {}",
		"big.wasm":    text,
		"pic.png":     text,
		"stale.js":    text,
		"stale.js.gz": "STALE",
	}
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
		setTime(t, filepath.Join(dir, name), testTime)
	}
	setTime(t, filepath.Join(dir, "stale.js.gz"), testTime.Add(-time.Hour))
	h := openTestRoot(t, dir)
	tests := []struct {
		path, accept, encoding string
		vary                   bool
	}{
		{"/app.js", "gzip, deflate, br", "br", true},
		{"/app.js", "gzip", "gzip", true},
		{"/app.js", "br;q=0, gzip", "gzip", true},
		{"/app.js", "", "", true},
		{"/app.js", "identity", "", true},
		{"/style.css", "br", "br", true},
		{"/", "br", "br", true},
		{"/stale.js", "gzip", "gzip", true},
		{"/tiny.js", "br, gzip", "", false},
		{"/big.wasm", "br, gzip", "", false},
		{"/pic.png", "br, gzip", "", false},
	}
	for _, tt := range tests {
		for range 2 { // the second time from the cache
			w := do(h, "GET", tt.path, "Accept-Encoding", tt.accept)
			coding := w.Header().Get("Content-Encoding")
			if w.Code != 200 || coding != tt.encoding || (w.Header().Get("Vary") == "Accept-Encoding") != tt.vary {
				t.Errorf("GET %s (%q): status %d, Content-Encoding %q, Vary %q; want 200, %q, vary %v",
					tt.path, tt.accept, w.Code, coding, w.Header().Get("Vary"), tt.encoding, tt.vary)
				continue
			}
			if tt.encoding != "" && w.Body.Len() >= len(text) {
				t.Errorf("GET %s (%q): %d bytes, no smaller than %d", tt.path, tt.accept, w.Body.Len(), len(text))
			}
			want := files[strings.TrimPrefix(tt.path, "/")]
			if tt.path == "/" {
				want = files["index.html"]
			}
			if got := decodeBody(t, coding, w.Body.Bytes()); got != want {
				t.Errorf("GET %s (%q): body %q, want %q", tt.path, tt.accept, got, want)
			}
		}
	}

	// Edited in place, same size: the new modification time alone must
	// make it compress again.
	edited := strings.Replace(text, "some", "SOME", 1)
	writeFile(t, filepath.Join(dir, "app.js"), edited)
	setTime(t, filepath.Join(dir, "app.js"), testTime.Add(time.Second))
	w := do(h, "GET", "/app.js", "Accept-Encoding", "br")
	if got := decodeBody(t, w.Header().Get("Content-Encoding"), w.Body.Bytes()); got != edited {
		t.Errorf("after an edit: body %q, want %q", got, edited)
	}

	// Ranges and HEAD apply to the compressed bytes, as for a variant.
	head := do(h, "HEAD", "/style.css", "Accept-Encoding", "br")
	full := do(h, "GET", "/style.css", "Accept-Encoding", "br")
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Encoding") != "br" {
		t.Errorf("HEAD /style.css: status %d, %d bytes, Content-Encoding %q; want 200, none, br", head.Code, head.Body.Len(), head.Header().Get("Content-Encoding"))
	}
	part := do(h, "GET", "/style.css", "Accept-Encoding", "br", "Range", "bytes=0-3")
	if part.Code != http.StatusPartialContent || !bytes.Equal(part.Body.Bytes(), full.Body.Bytes()[:4]) {
		t.Errorf("Range: status %d, body %q; want 206, %q", part.Code, part.Body, full.Body.Bytes()[:4])
	}
}

// TestCompressCacheBound checks that the cache starts over rather than
// grow past maxCacheBytes.
func TestCompressCacheBound(t *testing.T) {
	var c compressCache
	data := bytes.Repeat([]byte("abcdefgh"), 1<<10)
	identity := func(w io.Writer, b []byte) error { _, err := w.Write(b[:len(b)-1]); return err }
	for i := range 2 * maxCacheBytes / len(data) {
		name := strings.Repeat("x", i%7) + string(rune('a'+i%26)) + time.Duration(i).String()
		c.get(name, testTime, int64(len(data)), "br", identity, func() ([]byte, error) { return data, nil })
		if c.bytes > maxCacheBytes {
			t.Fatalf("after %d files the cache holds %d bytes, more than %d", i+1, c.bytes, maxCacheBytes)
		}
	}
}

// FuzzResolve checks, for any name, that what resolve returns is free of
// symlinks and dot names and is the very file os.Root opens for name.
func FuzzResolve(f *testing.F) {
	dir := f.TempDir()
	for name, body := range map[string]string{"a/b.js": "B", ".env": "E", "a/.h/c": "C", "d/e.txt": "E"} {
		writeFile(f, filepath.Join(dir, filepath.FromSlash(name)), body)
	}
	links := map[string]string{
		"l": "a", "a/up": "..", "a/env": "../.env", "a/loop": "loop", "a/self": ".",
		"d/b": "../a/b.js", "d/hid": "../a/.h", "out": "../..", "abs": dir,
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			f.Skipf("no symlinks here: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { root.Close() })
	h := newHandler(root).(*fileHandler)
	for _, seed := range []string{"a/b.js", "l/b.js", "l/up/l/self/b.js", "a/env", "d/b", "d/hid/c", "a/loop", "out", "abs/a", "l/../.env"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if !filepath.IsLocal(name) {
			return // requestName hands resolve only local names
		}
		got, err := h.resolve(name)
		if err != nil {
			return
		}
		if !filepath.IsLocal(got) && got != "." {
			t.Fatalf("resolve(%q) = %q, not below the root", name, got)
		}
		prefix := ""
		for elem := range strings.SplitSeq(filepath.ToSlash(got), "/") {
			if strings.HasPrefix(elem, ".") && elem != "." {
				t.Fatalf("resolve(%q) = %q, with a dot name", name, got)
			}
			prefix = filepath.Join(prefix, elem)
			if fi, err := root.Lstat(prefix); err != nil || fi.Mode().Type() == os.ModeSymlink {
				t.Fatalf("resolve(%q) = %q, whose %q is a symlink or missing (%v)", name, got, prefix, err)
			}
		}
		want, err1 := root.Stat(name)
		have, err2 := root.Stat(got)
		if err1 != nil || err2 != nil || !os.SameFile(want, have) {
			t.Fatalf("resolve(%q) = %q, not the file os.Root opens (%v, %v)", name, got, err1, err2)
		}
	})
}
