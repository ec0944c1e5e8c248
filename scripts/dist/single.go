package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"path"
	"slices"
	"strings"
)

// bundleID is the id of the <script type="application/json"> that
// carries the modules and assets of the single file.
const bundleID = "jwt-playground-bundle"

// loaderScript turns the bundle into URLs, dependencies first, hands the
// wasm and the worker to jwt.js, and imports the page's modules. file://
// has no CSP, so an inline script may run there.
//
// Modules become Blob URLs. A document from a file has an opaque origin,
// and Chromium starts no module worker from a Blob URL there, so for such
// a document the worker and its modules become data: URLs instead (a data:
// worker may import data: modules, not Blob ones).
const loaderScript = `<script type="module">
// The single-file build: every module and asset of the page travels in the
// JSON at the end of the body. Each becomes a URL, dependencies first, with
// the paths in each module swapped for the URLs of what they name.
const bundle = JSON.parse(document.getElementById("` + bundleID + `").textContent);
async function bytes({ base64, gzip }) {
  const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (!gzip) return raw;
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const urls = {};
const source = (name, map) => bundle.modules[name].map((p, i) => (i % 2 ? (map[p] ?? urls[p]) : p)).join("");
const inline = {};
for (const name of bundle.order) {
  let blob;
  if (bundle.modules[name]) {
    blob = new Blob([source(name, urls)], { type: "text/javascript" });
  } else {
    const data = await bytes(bundle.assets[name]);
    if (name === bundle.wasm) inline.wasm = data;
    blob = new Blob([data], { type: bundle.assets[name].type });
  }
  urls[name] = URL.createObjectURL(blob);
}
if (bundle.worker) {
  inline.workerURL = urls[bundle.worker];
  if (self.origin === "null") {
    const data = {};
    for (const name of bundle.workerModules) {
      data[name] = "data:text/javascript;charset=utf-8," + encodeURIComponent(source(name, data));
    }
    inline.workerURL = data[bundle.worker];
  }
}
globalThis.jwtPlaygroundInline = inline;
for (const entry of bundle.entries) await import(urls[entry]);
</script>`

// bundle is what the loader reads: the modules, split at their
// references, and the other assets they load.
type bundle struct {
	Entries []string               `json:"entries"` // the page's module scripts, in order
	Order   []string               `json:"order"`   // every file, dependencies first
	Modules map[string][]string    `json:"modules"` // text, name, text, name, …, text
	Assets  map[string]bundleAsset `json:"assets"`
	Wasm    string                 `json:"wasm,omitempty"`   // the asset handed to jwt.js as bytes
	Worker  string                 `json:"worker,omitempty"` // the module handed to jwt.js as the worker
	// WorkerModules are the worker and the modules it loads, directly or
	// not, dependencies first.
	WorkerModules []string `json:"workerModules,omitempty"`
}

// bundleAsset is a file that is not a module, such as the wasm.
type bundleAsset struct {
	Type   string `json:"type"`
	Gzip   bool   `json:"gzip,omitempty"`
	Base64 string `json:"base64"`
}

// edit replaces doc[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// singleFile returns the page called page as one self-contained file:
// stylesheets inlined in <style>, classic scripts inline, images and the
// like as data: URLs, and the module scripts with everything they load in
// a JSON bundle that an inline loader turns into Blob URLs.
func (s *site) singleFile(page string) ([]byte, error) {
	p, ok := s.assets[page]
	if !ok {
		return nil, fmt.Errorf("single file: no %s", page)
	}
	tags, err := htmlTags(p.data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", page, err)
	}
	var edits []edit
	var entries []string
	for _, t := range tags {
		e, entry, err := s.singleTag(p, t, len(entries) == 0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", page, err)
		}
		if e != nil {
			edits = append(edits, *e)
		}
		if entry != "" {
			entries = append(entries, entry)
		}
	}
	more, err := s.singleRefs(p, tags, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", page, err)
	}
	edits = append(edits, more...)
	if len(entries) > 0 {
		b, err := s.bundle(entries)
		if err != nil {
			return nil, fmt.Errorf("single file: %w", err)
		}
		js, err := json.Marshal(b) // escapes <, > and &: safe inside <script>
		if err != nil {
			return nil, err
		}
		at := bytes.LastIndex(bytes.ToLower(p.data), []byte("</body"))
		if at < 0 {
			at = len(p.data)
		}
		edits = append(edits, edit{at, at, fmt.Sprintf("<script type=\"application/json\" id=%q>%s</script>\n", bundleID, js)})
	}
	return applyEdits(p.data, edits), nil
}

// singleTag returns the edit, if any, that the single file makes to the
// start tag t of page p, and the module it loads if it is a module script.
// first reports whether no module script came before, so that this one
// is replaced by the loader.
func (s *site) singleTag(p *asset, t htmlTag, first bool) (*edit, string, error) {
	doc := p.data
	rel := strings.Fields(strings.ToLower(attrOf(doc, t, "rel")))
	local := func(attr string) (string, bool) {
		v, ok := t.attr(doc, attr)
		if !ok {
			return "", false
		}
		target, ok := s.resolve(p.name, v)
		return target, ok && !isHTML(target)
	}
	switch {
	case t.name == "link" && slices.Contains(rel, "stylesheet") && !slices.Contains(rel, "alternate"):
		target, ok := local("href")
		if !ok {
			return nil, "", nil
		}
		css, err := s.inlineCSS(target, 0)
		if err != nil {
			return nil, "", err
		}
		if bytes.Contains(bytes.ToLower(css), []byte("</style")) {
			return nil, "", fmt.Errorf("%s holds \"</style\", which would end the inline <style> early", target)
		}
		open := "<style>"
		if media, ok := t.attr(doc, "media"); ok {
			open = fmt.Sprintf("<style media=%q>", media)
		}
		return &edit{t.start, t.end, open + "\n" + string(css) + "</style>"}, "", nil
	case t.name == "link" && (slices.Contains(rel, "modulepreload") || slices.Contains(rel, "preload") || slices.Contains(rel, "prefetch")):
		if _, ok := local("href"); !ok {
			return nil, "", nil
		}
		e := wholeLines(doc, t.start, t.end)
		return &e, "", nil
	case t.name == "meta" && strings.EqualFold(attrOf(doc, t, "http-equiv"), "content-security-policy"):
		// A policy for a server: on file:// it would block the loader.
		e := wholeLines(doc, t.start, t.end)
		return &e, "", nil
	case t.name == "script":
		target, ok := local("src")
		if !ok {
			return nil, "", nil
		}
		if strings.EqualFold(attrOf(doc, t, "type"), "module") {
			text := ""
			if first {
				text = loaderScript
			}
			e := edit{t.start, t.elemEnd, text}
			if !first {
				e = wholeLines(doc, t.start, t.elemEnd)
			}
			return &e, target, nil
		}
		js := s.assets[target].data
		if bytes.Contains(bytes.ToLower(js), []byte("</script")) {
			return nil, "", fmt.Errorf("%s holds \"</script\", which would end the inline <script> early", target)
		}
		return &edit{t.start, t.elemEnd, "<script>\n" + string(js) + "</script>"}, "", nil
	}
	return nil, "", nil
}

// attrOf returns the value of the attribute called name of t, or "".
func attrOf(doc []byte, t htmlTag, name string) string {
	v, _ := t.attr(doc, name)
	return v
}

// singleRefs returns the edits that turn the references of page p left
// outside the tags already edited into data: URLs: icons, images, url()
// in inline styles. Those in inline scripts and those to pages stay.
func (s *site) singleRefs(p *asset, tags []htmlTag, done []edit) ([]edit, error) {
	var out []edit
	for _, r := range p.refs {
		if isHTML(r.target) || path.Base(r.target) == swScript || inEdit(done, r.start) || inScript(tags, r.start) {
			continue
		}
		u, err := s.dataURL(r.target, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, edit{r.start, r.end, u})
	}
	return out, nil
}

// inEdit reports whether position at lies inside one of edits.
func inEdit(edits []edit, at int) bool {
	return slices.ContainsFunc(edits, func(e edit) bool { return e.start <= at && at < e.end })
}

// inScript reports whether position at lies in the text of a script.
func inScript(tags []htmlTag, at int) bool {
	return slices.ContainsFunc(tags, func(t htmlTag) bool {
		return t.name == "script" && t.text.start <= at && at < t.text.end
	})
}

// wholeLines returns the edit that removes doc[start:end], with the line
// it stands on if nothing else does.
func wholeLines(doc []byte, start, end int) edit {
	ls := bytes.LastIndexByte(doc[:start], '\n') + 1
	le := bytes.IndexByte(doc[end:], '\n')
	if le < 0 || len(bytes.TrimSpace(doc[ls:start])) > 0 || len(bytes.TrimSpace(doc[end:end+le])) > 0 {
		return edit{start, end, ""}
	}
	return edit{ls, end + le + 1, ""}
}

// applyEdits returns doc with the edits made; they must not overlap.
func applyEdits(doc []byte, edits []edit) []byte {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(doc[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(doc[last:])
	return out.Bytes()
}

// maxDepth bounds the nesting of stylesheets inlined into each other.
const maxDepth = 16

// inlineCSS returns the stylesheet called name with every file it refers
// to as a data: URL.
func (s *site) inlineCSS(name string, depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s: stylesheets nested more than %d deep (a cycle?)", name, maxDepth)
	}
	a := s.assets[name]
	var err error
	out := rewrite(a.data, a.refs, func(r ref) (string, bool) {
		if err != nil || isHTML(r.target) {
			return "", false
		}
		var u string
		u, err = s.dataURL(r.target, depth+1)
		return u, err == nil
	})
	return out, err
}

// dataURL returns the file called name as a data: URL, stylesheets with
// their own references inlined.
func (s *site) dataURL(name string, depth int) (string, error) {
	data := s.assets[name].data
	if strings.EqualFold(path.Ext(name), ".css") {
		var err error
		if data, err = s.inlineCSS(name, depth); err != nil {
			return "", err
		}
	}
	return "data:" + mediaType(name) + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}

// inBundle reports whether a reference from a module to the file called
// target goes into the bundle: pages are navigated to, and a service
// worker cannot run from a Blob URL, so those keep their paths.
func inBundle(target string) bool {
	return !isHTML(target) && path.Base(target) != swScript
}

// isModule reports whether the file called name is a JavaScript module.
func isModule(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".js" || ext == ".mjs"
}

// bundle returns the bundle of the modules called entries and everything
// they load, directly or not.
func (s *site) bundle(entries []string) (*bundle, error) {
	follow := func(a *asset, r ref) bool { return isModule(a.name) && inBundle(r.target) }
	order, err := s.order(entries, follow)
	if err != nil {
		return nil, err
	}
	b := &bundle{Entries: entries, Order: order, Modules: map[string][]string{}, Assets: map[string]bundleAsset{}}
	for _, name := range order {
		a := s.assets[name]
		if isModule(name) {
			b.Modules[name] = splitRefs(a, follow)
			if path.Base(name) == workerName {
				b.Worker = name
			}
			continue
		}
		if strings.EqualFold(path.Ext(name), ".wasm") {
			if b.Wasm != "" {
				return nil, fmt.Errorf("two wasm files, %s and %s: jwt.js takes one", b.Wasm, name)
			}
			b.Wasm = name
		}
		asset, err := s.bundleAsset(name)
		if err != nil {
			return nil, err
		}
		b.Assets[name] = asset
	}
	if b.Worker != "" {
		wm, err := s.order([]string{b.Worker}, follow)
		if err != nil {
			return nil, err
		}
		b.WorkerModules = slices.DeleteFunc(wm, func(n string) bool { return !isModule(n) })
	}
	return b, nil
}

// splitRefs returns the text of module a split at the references that
// follow accepts: text, target, text, target, …, text.
func splitRefs(a *asset, follow func(*asset, ref) bool) []string {
	parts := []string{}
	last := 0
	for _, r := range a.refs {
		if follow(a, r) {
			parts = append(parts, string(a.data[last:r.start]), r.target)
			last = r.end
		}
	}
	return append(parts, string(a.data[last:]))
}

// bundleAsset returns the file called name for the bundle, gzipped if
// that makes it smaller (the wasm shrinks to about a quarter).
func (s *site) bundleAsset(name string) (bundleAsset, error) {
	data := s.assets[name].data
	if strings.EqualFold(path.Ext(name), ".css") {
		var err error
		if data, err = s.inlineCSS(name, 0); err != nil {
			return bundleAsset{}, err
		}
	}
	ba := bundleAsset{Type: mediaType(name)}
	var z bytes.Buffer
	if err := gzipData(&z, data); err != nil {
		return ba, fmt.Errorf("gzipping %s: %w", name, err)
	}
	if z.Len() < len(data) {
		data, ba.Gzip = z.Bytes(), true
	}
	ba.Base64 = base64.StdEncoding.EncodeToString(data)
	return ba, nil
}

// mediaTypes pins the types that matter, as serve/handler.go does.
var mediaTypes = map[string]string{
	".js":   "text/javascript",
	".mjs":  "text/javascript",
	".css":  "text/css",
	".wasm": "application/wasm",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

// mediaType returns the media type of the file called name, with no
// parameters, so that it fits in a data: URL.
func mediaType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := mediaTypes[ext]; ok {
		return t
	}
	if t, _, _ := strings.Cut(mime.TypeByExtension(ext), ";"); t != "" {
		return strings.TrimSpace(t)
	}
	return "application/octet-stream"
}
