package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// fakeWasm stands in for playground.wasm: a header and enough repetition
// to compress.
var fakeWasm = "\x00asm\x01\x00\x00\x00" + strings.Repeat("the token core ", 400)

// fakeWeb is a small web folder with the shapes of the real one: a page,
// a stylesheet, modules importing each other, a worker, a wasm, a service
// worker, an embed page and script, and files the build must skip.
var fakeWeb = map[string]string{
	"index.html": `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Fake</title>
  <link rel="icon" href="icon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="style.css">
  <script type="module" src="app.js"></script>
</head>
<body>
  <img src="./icon.svg" alt="">
  <a href="embed.html">embed</a>
</body>
</html>
`,
	"style.css": `body { background: url(icon.svg); }
.logo { background-image: url("./icon.svg"); }
`,
	"icon.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`,
	"app.js": `import { lib } from "./lib.js";
import './util.js';
const mention = "see lib.js"; // text that is no path stays as it is
const quotes = /["']/g;
document.documentElement.dataset.ready = String(lib.href.length > 0 && quotes.test(mention));
`,
	"lib.js": `// The loader.
import "./util.js";
export const lib = new URL("core.wasm", import.meta.url);
export const worker = () => new Worker(new URL("worker.js", import.meta.url), { type: "module" });
`,
	"util.js":        "globalThis.util = 1;\n",
	"worker.js":      "import \"./util.js\";\nself.onmessage = () => self.postMessage(globalThis.util);\n",
	"core.wasm":      fakeWasm,
	"sw.js":          "importScripts(\"sw-assets.js\");\nself.addEventListener(\"fetch\", () => {});\n",
	"sw-assets.js":   "self.ASSETS = [\"dev copy\"];\n",
	"embed.html":     "<!doctype html><link rel=stylesheet href=embed.css><script type=module src=embed.js></script><p>embedded</p>\n",
	"embed.js":       "import { lib } from \"./lib.js\";\nexport const css = new URL(\"embed.css\", import.meta.url);\n",
	"embed.css":      ".embed { color: red; }\n",
	"screenshot.png": "\x89PNG fake",
	"util.js.gz":     "stale",
	".hidden":        "secret",
}

// writeWeb writes files into a new folder and returns it.
func writeWeb(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// buildFake builds files into a new dist folder and returns it.
func buildFake(t *testing.T, files map[string]string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "dist")
	cfg := config{web: writeWeb(t, files), out: out, single: "jwt-playground.html", keep: []string{"sw.js", "embed.js", "screenshot*.png"}}
	var log bytes.Buffer
	if err := build(cfg, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "core.") || !strings.Contains(log.String(), "jwt-playground.html") {
		t.Errorf("report lacks the wasm or the single file:\n%s", log.String())
	}
	return out
}

// readManifest returns dist's asset-manifest.json.
func readManifest(t *testing.T, out string) map[string]string {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal(readFile(t, out, manifest), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// readFile returns the file called name below dir.
func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// with returns a copy of files with the file called name set to data.
func with(files map[string]string, name, data string) map[string]string {
	m := make(map[string]string, len(files))
	for k, v := range files {
		m[k] = v
	}
	m[name] = data
	return m
}

var hashedPattern = regexp.MustCompile(`^[a-z_-]+\.[0-9a-f]{10}\.[a-z]+$`)

func TestHashedNames(t *testing.T) {
	out := buildFake(t, fakeWeb)
	m := readManifest(t, out)
	hashed := []string{"app.js", "core.wasm", "embed.css", "icon.svg", "lib.js", "style.css", "util.js", "worker.js"}
	if got := slices.Sorted(maps.Keys(m)); !slices.Equal(got, hashed) {
		t.Errorf("manifest names %q, want %q", got, hashed)
	}
	for orig, name := range m {
		if !hashedPattern.MatchString(name) || path.Ext(name) != path.Ext(orig) {
			t.Errorf("%s → %s: not name.<10 hex>.ext", orig, name)
		}
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	for _, kept := range []string{"index.html", "embed.html", "sw.js", "embed.js", "screenshot.png", "sw-assets.js", "_headers", "jwt-playground.html"} {
		if _, err := os.Stat(filepath.Join(out, kept)); err != nil {
			t.Errorf("%s: %v", kept, err)
		}
	}
	for _, skipped := range []string{".hidden", "util.js.gz", "app.js"} {
		if _, err := os.Stat(filepath.Join(out, skipped)); err == nil {
			t.Errorf("%s is in dist", skipped)
		}
	}
	if again := readManifest(t, buildFake(t, fakeWeb)); !maps.Equal(again, m) {
		t.Errorf("names differ between two builds of the same files:\n%v\n%v", m, again)
	}
}

func TestHashFollowsDependencies(t *testing.T) {
	before := readManifest(t, buildFake(t, fakeWeb))
	tests := []struct {
		change  string
		changed []string
	}{
		// util.js changes, so do lib.js and worker.js that import it,
		// and app.js that imports lib.js; the rest stays.
		{"util.js", []string{"app.js", "lib.js", "util.js", "worker.js"}},
		{"core.wasm", []string{"app.js", "core.wasm", "lib.js"}},
		{"icon.svg", []string{"icon.svg", "style.css"}},
		{"embed.css", []string{"embed.css"}},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			after := readManifest(t, buildFake(t, with(fakeWeb, tt.change, fakeWeb[tt.change]+"\n/* changed */\n")))
			var changed []string
			for name := range before {
				if before[name] != after[name] {
					changed = append(changed, name)
				}
			}
			slices.Sort(changed)
			if !slices.Equal(changed, tt.changed) {
				t.Errorf("changing %s renamed %q, want %q", tt.change, changed, tt.changed)
			}
		})
	}
}

func TestReferencesRewritten(t *testing.T) {
	out := buildFake(t, fakeWeb)
	m := readManifest(t, out)
	checks := map[string][]string{
		"index.html": {`href="` + m["icon.svg"] + `"`, `href="` + m["style.css"] + `"`, `src="` + m["app.js"] + `"`,
			`src="./` + m["icon.svg"] + `"`, `href="embed.html"`},
		m["style.css"]:        {"url(" + m["icon.svg"] + ")", `url("./` + m["icon.svg"] + `")`},
		m["app.js"]:           {`from "./` + m["lib.js"] + `"`, `import './` + m["util.js"] + `'`, `"see lib.js"`, `/["']/g`},
		m["lib.js"]:           {`new URL("` + m["core.wasm"] + `"`, `new URL("` + m["worker.js"] + `"`},
		"embed.html":          {"href=" + m["embed.css"] + ">", "src=embed.js>"},
		"embed.js":            {`"./` + m["lib.js"] + `"`, `new URL("` + m["embed.css"] + `"`},
		"sw.js":               {`importScripts("sw-assets.js")`},
		"sw-assets.js":        {`"./"`, `"` + m["app.js"] + `"`, `"embed.js"`, "self.VERSION = "},
		"asset-manifest.json": {`"app.js": "` + m["app.js"] + `"`},
	}
	for name, wants := range checks {
		text := string(readFile(t, out, name))
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %s:\n%s", name, want, text)
			}
		}
	}
	assets := string(readFile(t, out, swAssets))
	// index.html is cached as "./" only: sw.js answers for it from there.
	for _, not := range []string{"sw.js", "screenshot", "jwt-playground.html", "dev copy", `"app.js"`, `"index.html"`} {
		if strings.Contains(assets, not) {
			t.Errorf("sw-assets.js lists %s:\n%s", not, assets)
		}
	}
}

// TestSubfolderPage: a page in a subfolder (the lessons in learn/) keeps
// its name, its references up to the root are rewritten, and the service
// worker caches it at its folder's URL, which links use (and only there).
func TestSubfolderPage(t *testing.T) {
	files := with(fakeWeb, "learn/index.html", `<!doctype html><link rel="stylesheet" href="../style.css"><script type="module" src="learn.js"></script>`)
	files = with(files, "learn/learn.js", "import { lib } from \"../lib.js\";\nexport const w = new URL(\"crack.js\", import.meta.url);\n")
	files = with(files, "learn/crack.js", "self.onmessage = () => {};\n")
	out := buildFake(t, files)
	m := readManifest(t, out)
	page := string(readFile(t, out, "learn/index.html"))
	if want := `href="../` + m["style.css"] + `"`; !strings.Contains(page, want) {
		t.Errorf("learn/index.html lacks %s:\n%s", want, page)
	}
	learnJS := string(readFile(t, out, m["learn/learn.js"]))
	for _, want := range []string{`"../` + m["lib.js"] + `"`, `new URL("` + path.Base(m["learn/crack.js"]) + `"`} {
		if !strings.Contains(learnJS, want) {
			t.Errorf("%s lacks %s:\n%s", m["learn/learn.js"], want, learnJS)
		}
	}
	assets := string(readFile(t, out, swAssets))
	for _, want := range []string{`"learn/"`, `"` + m["learn/learn.js"] + `"`, `"` + m["learn/crack.js"] + `"`} {
		if !strings.Contains(assets, want) {
			t.Errorf("sw-assets.js lacks %s:\n%s", want, assets)
		}
	}
	if strings.Contains(assets, "index.html") {
		t.Errorf("sw-assets.js lists an index.html, which it caches at its folder's URL already:\n%s", assets)
	}
}

// TestNoUnhashedReference reads every file of dist as the build reads the
// web folder: no path in one may still name an asset by its old name, and
// every hashed name must exist.
func TestNoUnhashedReference(t *testing.T) {
	out := buildFake(t, fakeWeb)
	m := readManifest(t, out)
	for _, name := range distFiles(t, out) {
		if strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") || name == "jwt-playground.html" || name == manifest {
			continue
		}
		data := readFile(t, out, name)
		spans, err := candidates(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, sp := range spans {
			spec := string(data[sp.start:sp.end])
			p := path.Join(path.Dir(name), spec)
			if _, old := m[p]; old {
				t.Errorf("%s still refers to %s", name, spec)
			}
			if hashedPattern.MatchString(path.Base(p)) {
				if _, err := os.Stat(filepath.Join(out, p)); err != nil {
					t.Errorf("%s refers to %s, which dist lacks", name, spec)
				}
			}
		}
	}
}

// distFiles returns the names of the files below out, with slashes.
func distFiles(t *testing.T, out string) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestCompressedVariants(t *testing.T) {
	out := buildFake(t, fakeWeb)
	m := readManifest(t, out)
	decoders := map[string]func(io.Reader) (io.Reader, error){
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	}
	variants := 0
	for _, name := range distFiles(t, out) {
		ext := path.Ext(name)
		dec, ok := decoders[ext]
		if !ok {
			continue
		}
		variants++
		orig := readFile(t, out, strings.TrimSuffix(name, ext))
		zipped := readFile(t, out, name)
		if len(zipped) >= len(orig) {
			t.Errorf("%s (%d bytes) is no smaller than the original (%d)", name, len(zipped), len(orig))
		}
		r, err := dec(bytes.NewReader(zipped))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, orig) {
			t.Errorf("%s does not decompress to the original", name)
		}
	}
	for _, name := range []string{m["core.wasm"], m["app.js"], "index.html", "jwt-playground.html"} {
		for _, ext := range []string{".gz", ".br"} {
			if _, err := os.Stat(filepath.Join(out, name+ext)); err != nil {
				t.Errorf("no %s%s: %v", name, ext, err)
			}
		}
	}
	for _, name := range []string{"screenshot.png.gz", "screenshot.png.br", "_headers.gz"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s exists", name)
		}
	}
	if variants == 0 {
		t.Error("no compressed variants")
	}
}

func TestCycle(t *testing.T) {
	files := with(fakeWeb, "util.js", "import \"./app.js\";\n")
	cfg := config{web: writeWeb(t, files), out: filepath.Join(t.TempDir(), "dist"), single: "x.html"}
	err := build(cfg, io.Discard)
	if err == nil {
		t.Fatal("no error for app.js → lib.js → util.js → app.js")
	}
	if want := "dependency cycle: app.js → lib.js → util.js → app.js"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q lacks %q", err, want)
	}
	if _, err := os.Stat(cfg.out); err == nil {
		t.Error("a failed build left an output folder")
	}
}

func TestOutputFolderChecks(t *testing.T) {
	web := writeWeb(t, fakeWeb)
	foreign := writeWeb(t, map[string]string{"notes.txt": "mine"})
	for _, out := range []string{web, filepath.Join(web, "dist"), filepath.Dir(web), foreign} {
		err := build(config{web: web, out: out, single: "x.html"}, io.Discard)
		if err == nil {
			t.Errorf("-out %s: no error", out)
		}
	}
	if _, err := os.Stat(filepath.Join(foreign, "notes.txt")); err != nil {
		t.Errorf("a refused build removed a file: %v", err)
	}
	// A folder an earlier build wrote is replaced whole.
	out := filepath.Join(t.TempDir(), "dist")
	for range 2 {
		if err := build(config{web: web, out: out, single: "x.html"}, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
}

// decodeAsset returns the bytes of an asset of the single file's bundle.
func decodeAsset(t *testing.T, a bundleAsset) []byte {
	t.Helper()
	data, err := base64.StdEncoding.DecodeString(a.Base64)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Gzip {
		return data
	}
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	data, err = io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestNodeTestsLeftOut checks that web/test/, the page modules' node tests,
// is not shipped: no visitor loads it.
func TestNodeTestsLeftOut(t *testing.T) {
	files := with(fakeWeb, "test/paste.test.mjs", "import test from \"node:test\";\n")
	out := buildFake(t, files)
	for _, name := range distFiles(t, out) {
		if strings.HasPrefix(name, "test/") {
			t.Errorf("dist holds %s", name)
		}
	}
}
