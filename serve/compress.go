package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// Bounds of compression on the fly.
const (
	// minCompress is the smallest file worth compressing: below it the
	// coding's own overhead eats most of the gain.
	minCompress = 256
	// maxCompress is the largest file compressed on the fly. The text
	// assets are a few tens of kilobytes; anything bigger (the wasm) has
	// its precompressed variant from make build.
	maxCompress = 1 << 20
	// maxCacheBytes bounds what the cache holds; past it, it starts over.
	maxCacheBytes = 32 << 20
	// brotliQuality is far faster than 11 (about 5 ms against 60 ms for
	// app.js) for 10% more bytes: every fresh server, as in each e2e
	// test, compresses every asset once.
	brotliQuality = 5
)

// compressTypes are the media types compressed on the fly: text, which
// shrinks to about a third.
var compressTypes = map[string]bool{
	"application/json":          true,
	"application/manifest+json": true,
	"image/svg+xml":             true,
}

// compressible reports whether a file called name, of size bytes, is
// compressed on the fly when it has no precompressed variant.
func compressible(name string, size int64) bool {
	t := contentType(name)
	return size >= minCompress && size <= maxCompress &&
		(strings.HasPrefix(t, "text/") || compressTypes[t])
}

// compressors are the codings made on the fly, in order of preference.
var compressors = [...]struct {
	coding string
	encode func(w io.Writer, data []byte) error
}{
	{"br", brotliData},
	{"gzip", gzipData},
}

// brotliData writes data as brotli at brotliQuality.
func brotliData(w io.Writer, data []byte) error {
	bw := brotli.NewWriterLevel(w, brotliQuality)
	if _, err := bw.Write(data); err != nil {
		return err
	}
	return bw.Close()
}

// gzipData writes data gzipped at the best compression.
func gzipData(w io.Writer, data []byte) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

// compressCache holds the files compressed on the fly, each under its
// resolved name and coding, with the modification time and size of the
// version it was made from: a file that changes is compressed again.
type compressCache struct {
	mu      sync.Mutex
	entries map[cacheKey]cacheEntry
	bytes   int
}

// cacheKey names one coding of one file.
type cacheKey struct{ name, coding string }

// cacheEntry is one compressed file. data is nil when the coding did
// not make the file smaller: then it is sent as it is.
type cacheEntry struct {
	mod  time.Time
	size int64
	data []byte
}

// get returns the file called name, last modified at mod and size bytes
// long, in coding, compressing what read returns if the cache has no
// current copy. It returns nil if the file is better sent as it is.
func (c *compressCache) get(name string, mod time.Time, size int64, coding string, encode func(io.Writer, []byte) error, read func() ([]byte, error)) []byte {
	key := cacheKey{name, coding}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.mod.Equal(mod) && e.size == size {
		return e.data
	}
	data, err := read()
	if err != nil || int64(len(data)) != size {
		// Changed while we read: send it as it is this time.
		return nil
	}
	var buf bytes.Buffer
	if err := encode(&buf, data); err != nil || buf.Len() >= len(data) {
		buf.Reset()
	}
	e = cacheEntry{mod: mod, size: size}
	if buf.Len() > 0 {
		e.data = buf.Bytes()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.bytes+len(e.data) > maxCacheBytes {
		c.entries, c.bytes = make(map[cacheKey]cacheEntry), 0
	}
	c.bytes += len(e.data) - len(c.entries[key].data)
	c.entries[key] = e
	return e.data
}
