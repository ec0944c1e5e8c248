package main

import (
	"io"
	"log"
	"net/http"
	"time"
)

// maxLoggedPath bounds the path in a log line, so that a client cannot
// flood the log with one huge request.
const maxLoggedPath = 256

// logRequests returns a handler that calls next and then logs one line
// per request: method, path, status, bytes written and duration.
func logRequests(next http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		logger.Printf("%s %s %d %d %s", r.Method, loggedPath(r),
			rec.status, rec.bytes, time.Since(start).Round(time.Microsecond))
	})
}

// loggedPath returns the request path as it may appear in the log. It is
// never the query string, since people paste tokens into URLs. The escaped
// form is used because it cannot hold a newline to forge log lines with.
func loggedPath(r *http.Request) string {
	p := r.URL.EscapedPath()
	if len(p) > maxLoggedPath {
		p = p[:maxLoggedPath] + "..."
	}
	return p
}

// recorder is an http.ResponseWriter that remembers the status code and
// counts the body bytes, for the log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

// WriteHeader records the first final status code and passes it on.
// Informational (1xx) codes are not the outcome of the request.
func (w *recorder) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write counts the bytes and passes them on.
func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// ReadFrom keeps http.ServeContent on the server's sendfile path, which a
// plain wrapper would hide; the wasm file is megabytes.
func (w *recorder) ReadFrom(r io.Reader) (int64, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := io.Copy(w.ResponseWriter, r)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *recorder) Unwrap() http.ResponseWriter {
	return w.ResponseWriter
}
