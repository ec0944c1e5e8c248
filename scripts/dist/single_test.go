package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// readBundle returns the JSON bundle of the single file doc.
func readBundle(t *testing.T, doc []byte, tags []htmlTag) bundle {
	t.Helper()
	for _, tag := range tags {
		if id, _ := tag.attr(doc, "id"); tag.name == "script" && id == bundleID {
			var b bundle
			if err := json.Unmarshal(doc[tag.text.start:tag.text.end], &b); err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatal("no bundle in the single file")
	return bundle{}
}

func TestSingleFile(t *testing.T) {
	out := buildFake(t, fakeWeb)
	doc := readFile(t, out, "jwt-playground.html")
	tags, err := htmlTags(doc)
	if err != nil {
		t.Fatal(err)
	}
	// No tag may load a file of ours: every src and href is a data: URL,
	// or a link to another page.
	var styles, loaders int
	for _, tag := range tags {
		for _, a := range tag.attrs {
			v := string(doc[a.value.start:a.value.end])
			if (a.name == "src" || a.name == "href") && !strings.HasPrefix(v, "data:") && v != "embed.html" {
				t.Errorf("<%s %s=%q> refers to a file", tag.name, a.name, v)
			}
		}
		switch t := attrOf(doc, tag, "type"); {
		case tag.name == "style":
			styles++
		case tag.name == "script" && t == "module":
			loaders++
		}
	}
	if styles != 1 || loaders != 1 {
		t.Errorf("%d <style> and %d module scripts, want one of each", styles, loaders)
	}
	text := string(doc)
	for _, want := range []string{"<title>Fake</title>", `<a href="embed.html">`, "url(data:image/svg+xml;base64,", `<link rel="icon" href="data:image/svg+xml;base64,`} {
		if !strings.Contains(text, want) {
			t.Errorf("the single file lacks %s", want)
		}
	}
	if strings.Contains(text, `rel="stylesheet"`) || strings.Contains(text, `src="app.js"`) {
		t.Error("the single file kept the tags it replaces")
	}

	b := readBundle(t, doc, tags)
	if !slices.Equal(b.Entries, []string{"app.js"}) || b.Wasm != "core.wasm" || b.Worker != "worker.js" {
		t.Errorf("entries %q, wasm %q, worker %q", b.Entries, b.Wasm, b.Worker)
	}
	if want := []string{"util.js", "worker.js"}; !slices.Equal(b.WorkerModules, want) {
		t.Errorf("worker modules %q, want %q", b.WorkerModules, want)
	}
	if got := decodeAsset(t, b.Assets["core.wasm"]); string(got) != fakeWasm {
		t.Error("the wasm does not decode to the original")
	}
	// Every module comes after what it loads, and its text names no file
	// of ours but through the bundle.
	seen := map[string]bool{}
	for _, name := range b.Order {
		parts, module := b.Modules[name]
		if _, asset := b.Assets[name]; module == asset {
			t.Errorf("%s: module %v, asset %v", name, module, asset)
		}
		for i, p := range parts {
			if i%2 == 1 {
				if !seen[p] {
					t.Errorf("%s loads %s, which comes later", name, p)
				}
				continue
			}
			for file := range fakeWeb {
				if strings.Contains(p, `"`+file+`"`) || strings.Contains(p, `"./`+file+`"`) || strings.Contains(p, `'./`+file+`'`) {
					t.Errorf("%s still names %s: %q", name, file, p)
				}
			}
		}
		seen[name] = true
	}
	for _, name := range []string{"app.js", "lib.js", "util.js", "worker.js", "core.wasm"} {
		if !seen[name] {
			t.Errorf("the bundle lacks %s", name)
		}
	}
	for _, name := range []string{"sw.js", "embed.js", "index.html", "style.css"} {
		if seen[name] {
			t.Errorf("the bundle holds %s", name)
		}
	}
	app := strings.Join(b.Modules["app.js"], "|")
	if want := `import { lib } from "|lib.js|";` + "\nimport '|util.js|';"; !strings.HasPrefix(app, want) {
		t.Errorf("app.js is split as %q, want it to start %q", app, want)
	}
}

func TestSingleFileInlinesClassicScripts(t *testing.T) {
	files := with(fakeWeb, "index.html", `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<script src="classic.js"></script>
<link rel="modulepreload" href="lib.js">
<script type="module" src="app.js"></script>
<script type="module" src="embed.js"></script>
</head><body></body></html>`)
	files["classic.js"] = "var classic = 1;\n"
	doc := readFile(t, buildFake(t, files), "jwt-playground.html")
	for _, not := range []string{"http-equiv", "modulepreload", `src="classic.js"`} {
		if bytes.Contains(doc, []byte(not)) {
			t.Errorf("the single file keeps %s", not)
		}
	}
	if !bytes.Contains(doc, []byte("<script>\nvar classic = 1;\n</script>")) {
		t.Error("the classic script is not inline")
	}
	tags, err := htmlTags(doc)
	if err != nil {
		t.Fatal(err)
	}
	if b := readBundle(t, doc, tags); !slices.Equal(b.Entries, []string{"app.js", "embed.js"}) || b.Assets["embed.css"].Type != "text/css" {
		t.Errorf("entries %q, assets %v", b.Entries, b.Assets)
	}
}
