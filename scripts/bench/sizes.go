package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// assetSize is one file the page loads: its size raw, gzipped, brotli'd,
// and as it went over the wire in the first cold load.
type assetSize struct {
	Path   string // relative to the served folder
	Raw    int64
	Gzip   int64
	Brotli int64
	// GzipFile reports whether Gzip is the size of the FILE.gz that serve
	// sends in its place; otherwise it is compress/gzip at level 9.
	GzipFile bool
	// Wire is the transfer size of the cold load, headers included, and
	// Body the body as sent.
	Wire, Body int64
}

// brotliJS prints a JSON object of each file named in argv and the size of
// its brotli compression at the quality in $BROTLI_QUALITY. Go's standard
// library has no brotli, and node's zlib does.
const brotliJS = `const zlib = require("zlib"), fs = require("fs");
const quality = Number(process.env.BROTLI_QUALITY);
const out = {};
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  out[f] = zlib.brotliCompressSync(b, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length,
  } }).length;
}
process.stdout.write(JSON.stringify(out));`

// assetSizes measures the files behind the page's resources: those of
// baseURL's origin, as files of webDir.
func assetSizes(ctx context.Context, webDir, baseURL string, resources []resource, brotliQuality int) ([]assetSize, error) {
	var assets []assetSize
	seen := map[string]bool{}
	for _, r := range resources {
		rel, ok := assetPath(baseURL, r.URL)
		if !ok || seen[rel] {
			continue
		}
		seen[rel] = true
		a, err := fileSizes(filepath.Join(webDir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		a.Path, a.Wire, a.Body = rel, int64(r.TransferSize), int64(r.EncodedBodySize)
		assets = append(assets, a)
	}
	if len(assets) == 0 {
		return nil, fmt.Errorf("the page loaded nothing from %s", baseURL)
	}
	files := make([]string, len(assets))
	for i, a := range assets {
		files[i] = filepath.Join(webDir, filepath.FromSlash(a.Path))
	}
	br, err := brotliSizes(ctx, files, brotliQuality)
	if err != nil {
		return nil, err
	}
	for i := range assets {
		assets[i].Brotli = br[files[i]]
	}
	return assets, nil
}

// assetPath maps a URL of the page's origin to a path in the served folder.
func assetPath(baseURL, raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	u.RawQuery, u.Fragment = "", ""
	rel, ok := strings.CutPrefix(u.String(), baseURL)
	if !ok {
		return "", false
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, true
}

// fileSizes reads a file's raw size and its gzip size: that of FILE.gz if
// serve has one to send, else compress/gzip at the best compression.
func fileSizes(path string) (assetSize, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return assetSize{}, err
	}
	a := assetSize{Raw: int64(len(b))}
	if fi, err := os.Stat(path + ".gz"); err == nil {
		a.Gzip, a.GzipFile = fi.Size(), true
		return a, nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return a, err
	}
	a.Gzip = int64(buf.Len())
	return a, nil
}

// brotliSizes runs brotliJS under node.
func brotliSizes(ctx context.Context, files []string, quality int) (map[string]int64, error) {
	cmd := exec.CommandContext(ctx, "node", append([]string{"-e", brotliJS}, files...)...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("BROTLI_QUALITY=%d", quality))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("brotli sizes with node: %v\n%s", err, stderr.String())
	}
	sizes := map[string]int64{}
	if err := json.Unmarshal(out, &sizes); err != nil {
		return nil, fmt.Errorf("brotli sizes with node: %v: %q", err, truncate(string(out), 200))
	}
	for _, f := range files {
		if sizes[f] <= 0 {
			return nil, fmt.Errorf("brotli sizes with node: none for %s", f)
		}
	}
	return sizes, nil
}
