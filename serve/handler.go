package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// contentSecurityPolicy is the one policy sent with every response.
// 'wasm-unsafe-eval' is the narrowest grant that lets the page compile
// playground.wasm; nothing else may run script that is not a file of ours.
// connect-src lets the user fetch a key set from any https issuer (and
// from a local one, for development); the page fetches only on a click.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data:; " +
	"connect-src 'self' https: http://localhost:* http://127.0.0.1:*; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// embedPage is the one page other sites may frame (<iframe>); every other
// page refuses framing, against clickjacking.
const embedPage = "embed.html"

// embedCSP is the policy of embedPage: the main one, framable by anyone.
var embedCSP = strings.Replace(contentSecurityPolicy, "frame-ancestors 'none'", "frame-ancestors *", 1)

// hashedName matches names with a content hash (app.0123456789.js), written
// by make dist: such a file never changes, so caches may keep it for good.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z0-9]+$`)

// maxRequestURI bounds the request target. No file we serve has a name
// anywhere near this long, so a longer one is noise or an attack.
const maxRequestURI = 4096

// securityHeaders are set before anything else, so that error responses
// carry them too.
var securityHeaders = [...][2]string{
	{"Content-Security-Policy", contentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
	// With COOP, COEP makes the pages cross-origin isolated, which lets the
	// page wait for its engine's answers on shared memory (web/channel.js).
	// Every subresource the pages load is ours; a JWKS is fetched with CORS.
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Embedder-Policy", "require-corp"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
	// Every build rewrites the files, so the browser must revalidate;
	// Last-Modified makes that cheap.
	{"Cache-Control", "no-cache"},
}

// contentTypes pins the types that matter to the page, rather than
// trusting the host's mime tables: a wrong type for .js or .wasm breaks
// loading under nosniff and in WebAssembly.instantiateStreaming.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
}

// encodings lists the precompressed variants in order of preference.
var encodings = [...]struct{ coding, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// fileHandler serves the regular files below root.
type fileHandler struct {
	root  *os.Root
	cache compressCache
}

// newHandler returns a handler serving the files below root. Opening
// through an os.Root means no symlink or ".." can reach outside it, even
// if a check in front of it were to miss something.
func newHandler(root *os.Root) http.Handler {
	return &fileHandler{root: root}
}

// ServeHTTP implements http.Handler.
func (h *fileHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, kv := range securityHeaders {
		w.Header().Set(kv[0], kv[1])
	}
	if len(r.RequestURI) > maxRequestURI {
		httpError(w, http.StatusRequestURITooLong)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		httpError(w, http.StatusMethodNotAllowed)
		return
	}
	name, dir, code := requestName(r.URL)
	if code != 0 {
		httpError(w, code)
		return
	}
	h.serve(w, r, name, dir)
}

// requestName maps the request path to a name relative to the root and
// reports whether the path ended in a slash. On rejection it returns a
// non-zero status code instead. Only canonical paths are accepted, so every
// file has exactly one spelling and none depends on how some later layer
// would normalise it.
func requestName(u *url.URL) (name string, dir bool, code int) {
	// The decoded path hides how it was written: "%2f" decodes to a
	// slash that would silently join two segments, so look at the escaped
	// form as well. RawPath alone can be empty and EscapedPath alone can
	// re-encode an invalid RawPath, hence both.
	for _, raw := range [...]string{u.RawPath, u.EscapedPath()} {
		lower := strings.ToLower(raw)
		if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") {
			return "", false, http.StatusBadRequest
		}
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsFunc(p, badRune) {
		return "", false, http.StatusBadRequest
	}
	p, dir = strings.CutSuffix(p[1:], "/")
	if p == "" {
		return ".", true, 0
	}
	for seg := range strings.SplitSeq(p, "/") {
		// An empty segment ("//etc/passwd") or one starting with a dot
		// (".", "..", ".git", ".env") never names anything we serve.
		if seg == "" || seg[0] == '.' {
			return "", false, http.StatusNotFound
		}
	}
	// Localize rejects names the host OS would read differently, such as
	// reserved device names on Windows.
	name, err := filepath.Localize(p)
	if err != nil {
		return "", false, http.StatusNotFound
	}
	return name, dir, 0
}

// badRune reports whether r must never appear in a decoded path: a
// backslash is a separator on Windows and controls (NUL above all) have no
// business in a file name.
func badRune(r rune) bool {
	return r == '\\' || unicode.IsControl(r)
}

// serve writes the file called name, or the index.html of the directory
// of that name. dir reports whether the request path ended in a slash.
func (h *fileHandler) serve(w http.ResponseWriter, r *http.Request, name string, dir bool) {
	fi, err := h.stat(name)
	if err != nil {
		httpError(w, statusFor(err))
		return
	}
	if fi.IsDir() {
		name = filepath.Join(name, "index.html")
		if fi, err := h.stat(name); err != nil || !fi.Mode().IsRegular() {
			// Never list a directory.
			httpError(w, http.StatusNotFound)
			return
		}
		if !dir {
			// Relative links in the index resolve against the
			// directory only if the URL ends in a slash. The target is
			// built from the checked name, so it always starts with a
			// single slash and cannot point to another host.
			target := &url.URL{Path: "/" + filepath.ToSlash(filepath.Dir(name)) + "/"}
			http.Redirect(w, r, target.EscapedPath(), http.StatusMovedPermanently)
			return
		}
	} else if dir || !fi.Mode().IsRegular() {
		httpError(w, http.StatusNotFound)
		return
	}
	h.serveFile(w, r, name)
}

// serveFile writes the regular file called name: a fresh precompressed
// variant of it that the client accepts, or else, for text, the file
// compressed on the fly, or else the file as it is.
func (h *fileHandler) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	f, fi, real, err := h.open(name)
	if err != nil {
		httpError(w, statusFor(err))
		return
	}
	defer f.Close()
	hdr := w.Header()
	// Always set, so that ServeContent never sniffs the body.
	hdr.Set("Content-Type", contentType(name))
	fileHeaders(hdr, name)
	accept := strings.Join(r.Header.Values("Accept-Encoding"), ",")

	vf, vfi, coding, varies := h.precompressed(name, accept, fi)
	compress := compressible(name, fi.Size())
	// Set even for the original, so that caches keep the variants apart.
	if varies || compress {
		hdr.Add("Vary", "Accept-Encoding")
	}
	if vf != nil {
		defer vf.Close()
		hdr.Set("Content-Encoding", coding)
		http.ServeContent(w, r, name, vfi.ModTime(), vf)
		return
	}
	if compress {
		for _, c := range compressors {
			if !accepts(accept, c.coding) {
				continue
			}
			data := h.cache.get(real, fi.ModTime(), fi.Size(), c.coding, c.encode, func() ([]byte, error) {
				return io.ReadAll(io.LimitReader(f, maxCompress+1))
			})
			if data != nil {
				hdr.Set("Content-Encoding", c.coding)
				http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(data))
				return
			}
			break
		}
	}
	// ServeContent seeks to the start, past whatever the cache read.
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// fileHeaders sets the headers that depend on the file: framing for the
// embed page, cross-origin loading for assets, caching for hashed names.
func fileHeaders(hdr http.Header, name string) {
	switch {
	case name == embedPage:
		hdr.Set("Content-Security-Policy", embedCSP)
		hdr.Del("X-Frame-Options")
	case filepath.Ext(name) != ".html":
		// The assets are public and carry no credentials: documentation
		// sites load embed.js, and what it imports, from other origins.
		hdr.Set("Access-Control-Allow-Origin", "*")
		hdr.Set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	if hashedName.MatchString(name) {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
}

// precompressed opens the first precompressed variant of the file called
// name, whose information is src, that is fresh and that the client
// accepts, and returns it with its coding, or nil. varies reports whether
// any fresh variant exists.
//
// A variant older than its source was made from an earlier version of it
// (the wasm rebuilt, its .gz not), so it is never sent: the source is. A
// variant made from the current source is at least as new: gzip -k gives
// it the source's time, and writing it after the source a later one.
func (h *fileHandler) precompressed(name, accept string, src fs.FileInfo) (f *os.File, fi fs.FileInfo, coding string, varies bool) {
	for _, e := range encodings {
		vf, vfi, _, err := h.open(name + e.ext)
		if err != nil {
			continue
		}
		if vfi.ModTime().Before(src.ModTime()) {
			vf.Close()
			continue
		}
		varies = true
		if f == nil && accepts(accept, e.coding) {
			f, fi, coding = vf, vfi, e.coding
			continue
		}
		vf.Close()
	}
	return f, fi, coding, varies
}

// stat returns the information of the file called name, below the root,
// after resolve has checked it.
func (h *fileHandler) stat(name string) (fs.FileInfo, error) {
	real, err := h.resolve(name)
	if err != nil {
		return nil, err
	}
	return h.root.Stat(real)
}

// open opens the regular file called name, below the root, after resolve
// has checked it, and returns it with its information and resolved name.
func (h *fileHandler) open(name string) (f *os.File, fi fs.FileInfo, real string, err error) {
	real, err = h.resolve(name)
	if err != nil {
		return nil, nil, "", err
	}
	f, err = h.root.Open(real)
	if err != nil {
		return nil, nil, "", err
	}
	// Check on the open file: the name may have been swapped for
	// something else since it was resolved.
	fi, err = f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, "", fs.ErrNotExist
	}
	return f, fi, real, nil
}

// accepts reports whether the Accept-Encoding value header allows coding
// (RFC 9110, section 12.5.3). A q-value of 0 means "not acceptable", and an
// explicit entry for the coding overrides "*".
func accepts(header, coding string) bool {
	star := false
	for entry := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(entry, ";")
		name = strings.TrimSpace(name)
		switch {
		case strings.EqualFold(name, coding):
			return qvalue(params) > 0
		case name == "*":
			star = qvalue(params) > 0
		}
	}
	return star
}

// qvalue returns the weight in the parameters of one Accept-Encoding
// entry. A malformed weight counts as 0: better to send the plain file
// than a coding the client may not understand.
func qvalue(params string) float64 {
	for param := range strings.SplitSeq(params, ";") {
		key, value, _ := strings.Cut(param, "=")
		if !strings.EqualFold(strings.TrimSpace(key), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}

// contentType returns the media type for the file called name. Unknown
// types are sent as opaque bytes rather than left for anyone to guess.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// statusFor maps an error from opening a file to a status code. Anything
// but a permission problem is 404, so that a name escaping the root looks
// the same as one that does not exist.
func statusFor(err error) int {
	if errors.Is(err, fs.ErrPermission) {
		return http.StatusForbidden
	}
	return http.StatusNotFound
}

// httpError writes a plain-text error with the standard text for code,
// never the details, which could reveal paths on the host.
func httpError(w http.ResponseWriter, code int) {
	http.Error(w, http.StatusText(code), code)
}
