package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// precompressed are the extensions of formats that are compressed
// already: another layer would gain nothing.
var precompressed = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".woff": true, ".woff2": true, ".zip": true, ".gz": true, ".br": true, ".zst": true,
	".mp3": true, ".mp4": true, ".webm": true, ".ogg": true,
}

// compressible reports whether the file called name gets .gz and .br
// variants.
func compressible(name string) bool {
	return name != headersFile && !precompressed[strings.ToLower(path.Ext(name))]
}

// coder compresses a whole file into w.
type coder struct {
	ext    string
	encode func(w io.Writer, data []byte) error
}

// coders are the variants written beside each file.
var coders = []coder{
	{".gz", gzipData},
	{".br", brotliData},
}

// gzipData writes data gzipped at the best compression, with no name or
// time in the header, so that the same input gives the same bytes.
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

// brotliData writes data as brotli at quality 11, with the largest window
// browsers accept.
func brotliData(w io.Writer, data []byte) error {
	bw := brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: 11, LGWin: 24})
	if _, err := bw.Write(data); err != nil {
		return err
	}
	return bw.Close()
}

// compressJob is one variant of one file.
type compressJob struct {
	name string // below the dist folder
	c    coder
}

// compressAll writes the .gz and .br variants of the files called names
// below dir, each only if it is smaller than the file, using every core.
func compressAll(dir string, names []string) error {
	jobs := make(chan compressJob)
	errs := make([]error, runtime.NumCPU())
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			for j := range jobs {
				if errs[i] == nil {
					errs[i] = compressFile(dir, j.name, j.c)
				}
			}
		})
	}
	for _, j := range largestFirst(dir, names) {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	return errors.Join(errs...)
}

// largestFirst returns the jobs for the compressible files called names
// below dir, the largest files first, so that the longest jobs do not
// start last.
func largestFirst(dir string, names []string) []compressJob {
	size := map[string]int64{}
	var jobs []compressJob
	for _, name := range names {
		if !compressible(name) {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			size[name] = fi.Size()
		}
		for _, c := range coders {
			jobs = append(jobs, compressJob{name, c})
		}
	}
	slices.SortStableFunc(jobs, func(a, b compressJob) int { return cmp.Compare(size[b.name], size[a.name]) })
	return jobs
}

// compressFile writes one variant of the file called name below dir, if
// it is smaller than the file.
func compressFile(dir, name string, c coder) error {
	file := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := c.encode(&buf, data); err != nil {
		return fmt.Errorf("compressing %s to %s: %w", name, c.ext, err)
	}
	if buf.Len() >= len(data) {
		return nil
	}
	return os.WriteFile(file+c.ext, buf.Bytes(), 0o644)
}
