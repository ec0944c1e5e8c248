package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// config is what a build reads and writes.
type config struct {
	web    string   // the web folder
	out    string   // the folder to write
	single string   // the name of the single-file page in out
	keep   []string // patterns of base names that keep their names
}

// notOffline are patterns of base names that the service worker need not
// cache: pictures for the README, not for the page.
var notOffline = []string{"screenshot*.png"}

// build writes the dist folder that cfg describes and reports its sizes
// to w. The folder is made beside cfg.out and takes its place only when
// complete, so a failed build leaves the last one as it was.
func build(cfg config, w io.Writer) error {
	if err := checkDirs(cfg.web, cfg.out); err != nil {
		return err
	}
	s, err := loadSite(cfg.web, cfg.keep, cfg.single)
	if err != nil {
		return err
	}
	if err := s.rename(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(cfg.out)), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(cfg.out)), ".dist-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone by then if it was renamed
	// MkdirTemp makes the folder private; the host must be able to read it.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	served, err := s.write(tmp, cfg.single)
	if err != nil {
		return err
	}
	if err := compressAll(tmp, served); err != nil {
		return err
	}
	if err := replaceDir(tmp, cfg.out); err != nil {
		return err
	}
	return report(w, s, cfg)
}

// checkDirs refuses an output folder that holds the web folder or lies
// inside it: replacing it would destroy the sources.
func checkDirs(web, out string) error {
	absWeb, err := filepath.Abs(web)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if within(absWeb, absOut) || within(absOut, absWeb) {
		return fmt.Errorf("-out %s and -web %s must not contain each other", out, web)
	}
	return nil
}

// within reports whether path p is dir or lies below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// write writes everything but the compressed variants into dir, and
// returns the names (with slashes) of the files a host serves.
func (s *site) write(dir, single string) ([]string, error) {
	var served []string
	put := func(name string, data []byte) error {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		if name != headersFile {
			served = append(served, name)
		}
		return nil
	}
	for _, name := range s.names {
		a := s.assets[name]
		if err := put(a.out, a.outData); err != nil {
			return nil, err
		}
	}
	policies := map[string]string{embedPage: embedPolicy}
	files := []struct {
		name string
		data func() ([]byte, error)
	}{
		{manifest, s.manifestJSON},
		{swAssets, s.swAssetsJS},
		{single, func() ([]byte, error) {
			doc, err := s.singleFile(indexPage)
			if err != nil {
				return nil, err
			}
			policies[single], err = inlinePolicy(doc)
			return doc, err
		}},
	}
	for _, f := range files {
		if f.name == single {
			if _, ok := s.assets[indexPage]; !ok {
				continue
			}
		}
		data, err := f.data()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if err := put(f.name, data); err != nil {
			return nil, err
		}
	}
	slices.Sort(served)
	if err := put(headersFile, []byte(s.headers(served, policies))); err != nil {
		return nil, err
	}
	return served, nil
}

// manifestJSON returns asset-manifest.json: each hashed file's name in
// the web folder, and its name in dist.
func (s *site) manifestJSON() ([]byte, error) {
	m := map[string]string{}
	for _, a := range s.assets {
		if a.hashed {
			m[a.name] = a.out
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	return append(data, '\n'), err
}

// swAssetsJS returns sw-assets.js, which sw.js imports: the URLs of every
// file the page may need offline, relative to sw.js, and a version made
// from their names and contents, which names the service worker's cache.
// An index page is listed at its folder's URL only ("./", "learn/"), the
// one links use: sw.js answers a request for the index.html itself from
// that entry, so the page is not downloaded twice.
func (s *site) swAssetsJS() ([]byte, error) {
	var urls []string
	h := sha256.New()
	for _, name := range s.names {
		a := s.assets[name]
		if name == swScript || keepsName(name, notOffline) && !isHTML(name) {
			continue
		}
		switch dir, sub := strings.CutSuffix(a.out, "/"+indexPage); {
		case sub:
			urls = append(urls, dir+"/")
		case a.out != indexPage: // the root's is "./", first below
			urls = append(urls, a.out)
		}
		sum := sha256.Sum256(a.outData)
		fmt.Fprintf(h, "%s\x00%x\n", a.out, sum)
	}
	slices.Sort(urls)
	if _, ok := s.assets[indexPage]; ok {
		urls = append([]string{"./"}, urls...)
	}
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, err
	}
	version := hex.EncodeToString(h.Sum(nil))[:16]
	return fmt.Appendf(nil, "// Written by `make dist`: every file the service worker caches, and a\n"+
		"// version made from their names and contents.\n"+
		"self.ASSETS = %s;\nself.VERSION = %q;\n", list, version), nil
}

// headers returns the _headers file for the served files. policies
// holds the Content-Security-Policy of the files that do not have the
// main one.
func (s *site) headers(served []string, policies map[string]string) string {
	hashed := map[string]bool{}
	for _, a := range s.assets {
		if a.hashed {
			hashed[a.out] = true
		}
	}
	cross := map[string]bool{}
	for name := range s.closure(embedScript) {
		cross[s.assets[name].out] = true
	}
	rules := fileRules(served, func(name string) fileInfo {
		policy, ok := policies[name]
		if !ok {
			policy = contentSecurityPolicy
		}
		return fileInfo{hashed: hashed[name], crossOrigin: cross[name], framable: name == embedPage, policy: policy}
	})
	if n := len(rules) + 1; n > maxRules {
		fmt.Fprintf(os.Stderr, "dist: warning: _headers has %d rules; Cloudflare Pages reads only the first %d\n", n, maxRules)
	}
	return headersText(rules)
}

// replaceDir puts the folder tmp in the place of out. An existing out is
// removed only if an earlier build wrote it (it holds the manifest) or it
// is empty, so that a mistyped -out cannot wipe anything else.
func replaceDir(tmp, out string) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0 && !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == manifest }):
		return fmt.Errorf("%s exists and holds no %s, so dist did not write it: remove it or choose another -out", out, manifest)
	default:
		if err := os.RemoveAll(out); err != nil {
			return err
		}
	}
	return os.Rename(tmp, out)
}

// report writes the sizes of the wasm, raw and compressed, of the whole
// folder and of the single file.
func report(w io.Writer, s *site, cfg config) error {
	var files int
	var total int64
	err := filepath.WalkDir(cfg.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		files++
		total += fi.Size()
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d files, %d bytes\n", cfg.out, files, total)
	for _, name := range s.names {
		if a := s.assets[name]; strings.EqualFold(path.Ext(name), ".wasm") {
			fmt.Fprintf(w, "%s: %d bytes raw, %s gzip, %s brotli\n", a.out, len(a.outData),
				size(cfg.out, a.out+".gz"), size(cfg.out, a.out+".br"))
		}
	}
	if _, ok := s.assets[indexPage]; ok {
		fmt.Fprintf(w, "%s: %s bytes, one self-contained page\n", cfg.single, size(cfg.out, cfg.single))
	}
	return nil
}

// size returns the size of the file called name below dir, or "no".
func size(dir, name string) string {
	fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return "no"
	}
	return fmt.Sprint(fi.Size())
}
