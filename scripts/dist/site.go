package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// Names with a meaning of their own to the build.
const (
	indexPage   = "index.html"   // the page the single file is made from
	swScript    = "sw.js"        // the service worker, whose URL must not change
	swAssets    = "sw-assets.js" // written here: what the service worker caches
	manifest    = "asset-manifest.json"
	headersFile = "_headers"
	embedScript = "embed.js"   // loaded by other sites as a module script
	embedPage   = "embed.html" // framed by other sites
	workerName  = "worker.js"  // the engine worker, which the single file hands to jwt.js
)

// asset is one file of the web folder.
type asset struct {
	name   string // its path below the web folder, with slashes
	data   []byte // its contents in the web folder
	refs   []ref  // its references to other assets, in order
	hashed bool   // whether dist gives it a content-hashed name

	out     string // its name in dist
	outData []byte // its contents in dist: references rewritten
}

// ref is a reference from one asset to another: data[start:end] is the
// path as written, and it names the asset target.
type ref struct {
	start, end int
	target     string
}

// site is a web folder: its assets and the references between them.
type site struct {
	assets map[string]*asset
	names  []string // sorted
}

// skipInput reports whether the file called name in the web folder is
// left out of dist: compressed variants are made afresh, and the files
// the build writes itself replace any copy in the folder.
func skipInput(name, single string) bool {
	switch name {
	case swAssets, manifest, headersFile, single:
		return true
	}
	// test/ holds the page modules' node tests: nothing a visitor loads.
	return strings.HasPrefix(name, "test/") || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br")
}

// loadSite reads every regular file below dir, except hidden ones and
// those skipInput leaves out, and finds the references between them.
// keep lists patterns (as in path.Match, against the base name) of files
// that keep their names; HTML pages always do.
func loadSite(dir string, keep []string, single string) (*site, error) {
	s := &site{assets: map[string]*asset{}}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || skipInput(name, single) {
			return nil
		}
		data, err := os.ReadFile(path.Join(dir, name))
		if err != nil {
			return err
		}
		s.assets[name] = &asset{name: name, data: data, hashed: !keepsName(name, keep)}
		s.names = append(s.names, name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	slices.Sort(s.names)
	for _, name := range s.names {
		if err := s.scan(s.assets[name]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// keepsName reports whether the file called name keeps its name in dist.
func keepsName(name string, keep []string) bool {
	if isHTML(name) {
		return true
	}
	for _, pattern := range keep {
		if ok, _ := path.Match(pattern, path.Base(name)); ok {
			return true
		}
	}
	return false
}

// isHTML reports whether name is an HTML page.
func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// scan finds the references of a to other assets.
func (s *site) scan(a *asset) error {
	spans, err := candidates(a.name, a.data)
	if err != nil {
		return fmt.Errorf("%s: %w", a.name, err)
	}
	for _, sp := range spans {
		if target, ok := s.resolve(a.name, string(a.data[sp.start:sp.end])); ok {
			a.refs = append(a.refs, ref{sp.start, sp.end, target})
		}
	}
	return nil
}

// candidates returns the places in a file that may hold a path to another
// file, by the kind of file: strings in scripts and JSON, strings and
// url() in stylesheets, attribute values and inline scripts and styles in
// pages. Other files refer to nothing.
func candidates(name string, data []byte) ([]span, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".js", ".mjs", ".json", ".webmanifest":
		return jsStrings(data)
	case ".css":
		return cssRefs(data)
	case ".html", ".htm":
		return htmlCandidates(data)
	}
	return nil, nil
}

// htmlCandidates returns the attribute values of a page, and the places
// in its inline scripts and styles that may hold a path.
func htmlCandidates(doc []byte) ([]span, error) {
	tags, err := htmlTags(doc)
	if err != nil {
		return nil, err
	}
	var out []span
	for _, t := range tags {
		for _, a := range t.attrs {
			out = append(out, a.value)
		}
		var inner []span
		switch t.name {
		case "script":
			inner, err = jsStrings(doc[t.text.start:t.text.end])
		case "style":
			inner, err = cssRefs(doc[t.text.start:t.text.end])
		}
		if err != nil {
			return nil, fmt.Errorf("inline <%s> at byte %d: %w", t.name, t.start, err)
		}
		for _, sp := range inner {
			out = append(out, span{t.text.start + sp.start, t.text.start + sp.end})
		}
	}
	return out, nil
}

// resolve returns the asset that spec, written in the file called from,
// names exactly: a relative path ("jwt.js", "./jwt.js", "../x.css") or
// one from the root ("/jwt.js"), with no scheme, query or fragment.
func (s *site) resolve(from, spec string) (string, bool) {
	if spec == "" || strings.ContainsAny(spec, "?#\\ \t\r\n:") || strings.HasPrefix(spec, "//") {
		return "", false
	}
	var p string
	if rest, ok := strings.CutPrefix(spec, "/"); ok {
		p = path.Clean(rest)
	} else {
		p = path.Join(path.Dir(from), spec)
	}
	if _, ok := s.assets[p]; !ok || strings.HasSuffix(spec, "/") {
		return "", false
	}
	return p, true
}

// order returns the names of the assets so that every asset comes after
// those it refers to through an edge that follow accepts. Ties go by
// name, so the order is the same on every run. A cycle is an error, since
// no asset on it could be processed first.
func (s *site) order(names []string, follow func(*asset, ref) bool) ([]string, error) {
	const (
		unseen = iota
		visiting
		done
	)
	state := map[string]int{}
	var out, stack []string
	var visit func(name string) error
	visit = func(name string) error {
		switch state[name] {
		case done:
			return nil
		case visiting:
			cycle := append(slices.Clone(stack[slices.Index(stack, name):]), name)
			return fmt.Errorf("dependency cycle: %s: no file on it can be hashed before the others", strings.Join(cycle, " → "))
		}
		state[name] = visiting
		stack = append(stack, name)
		a := s.assets[name]
		for _, r := range a.refs {
			if follow(a, r) {
				if err := visit(r.target); err != nil {
					return err
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[name] = done
		out = append(out, name)
		return nil
	}
	for _, name := range names {
		if err := visit(name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// hashRefs accepts the references whose targets get hashed names: only
// those change the file that holds them.
func (s *site) hashRefs(_ *asset, r ref) bool {
	return s.assets[r.target].hashed
}

// rename gives every asset its dist name and contents: references to
// hashed assets are rewritten, and then the hash of the result names the
// asset if it is hashed. Assets are processed in dependency order, so a
// hash covers the hashed names of everything the asset refers to.
func (s *site) rename() error {
	order, err := s.order(s.names, s.hashRefs)
	if err != nil {
		return err
	}
	for _, name := range order {
		a := s.assets[name]
		a.outData = rewrite(a.data, a.refs, func(r ref) (string, bool) {
			t := s.assets[r.target]
			if !t.hashed {
				return "", false
			}
			spec := string(a.data[r.start:r.end])
			return spec[:strings.LastIndex(spec, "/")+1] + path.Base(t.out), true
		})
		a.out = a.name
		if a.hashed {
			a.out = hashedName(a.name, a.outData)
		}
	}
	return nil
}

// rewrite returns data with each reference replaced by what with returns
// for it; a reference for which with returns false stays as it is.
func rewrite(data []byte, refs []ref, with func(ref) (string, bool)) []byte {
	out := make([]byte, 0, len(data))
	last := 0
	for _, r := range refs {
		if s, ok := with(r); ok {
			out = append(out, data[last:r.start]...)
			out = append(out, s...)
			last = r.end
		}
	}
	return append(out, data[last:]...)
}

// hashedName returns name with the first 10 hex digits of the SHA-256 of
// data before its extension: app.js becomes app.0123456789.js.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:5])
	ext := path.Ext(name)
	if ext == "" || ext == name || strings.HasSuffix(name, "/"+ext) {
		return name + "." + h
	}
	return strings.TrimSuffix(name, ext) + "." + h + ext
}

// closure returns the assets that name refers to, directly or not, and
// name itself, leaving out pages: what a script loaded by other sites
// needs from us.
func (s *site) closure(name string) map[string]bool {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(n string) {
		a, ok := s.assets[n]
		if !ok || seen[n] || isHTML(n) {
			return
		}
		seen[n] = true
		for _, r := range a.refs {
			visit(r.target)
		}
	}
	visit(name)
	return seen
}
