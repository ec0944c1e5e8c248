package main

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"path"
	"strings"
)

// contentSecurityPolicy is the policy serve/handler.go sends with every
// response; TestHeadersMatchServe fails if the two drift apart.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data:; " +
	"connect-src 'self' https: http://localhost:* http://127.0.0.1:*; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// embedPolicy is the policy of the embed page: the same, but any site may
// frame it.
var embedPolicy = strings.Replace(contentSecurityPolicy, "frame-ancestors 'none'", "frame-ancestors *", 1)

// Cache-Control values.
const (
	cacheForever = "public, max-age=31536000, immutable"
	cacheCheck   = "no-cache"
)

// header is one response header, with what it is for.
type header struct {
	name, value string
	why         string
}

// securityHeaders are the headers serve/handler.go sets on every response,
// in its order, less Cache-Control, which depends on the file here;
// TestHeadersMatchServe keeps them equal.
var securityHeaders = []header{
	{"Content-Security-Policy", contentSecurityPolicy,
		"only our own files may run, style or load; 'wasm-unsafe-eval' lets the page compile playground.wasm; connect-src lets the user fetch a key set; frame-ancestors 'none' stops other sites framing a page (embed.html has frame-ancestors *; the single-file page also allows the hashes of its inline loader and style, and blob: for the modules the loader makes)"},
	{"X-Content-Type-Options", "nosniff",
		"never guess a type: a file runs as script or style only if its type says so"},
	{"Referrer-Policy", "no-referrer",
		"tell no site which page, or which #token link, a request came from"},
	{"X-Frame-Options", "DENY",
		"the older form of frame-ancestors, against clickjacking (not on embed.html)"},
	{"Cross-Origin-Opener-Policy", "same-origin",
		"a page opened from another site gets no handle on ours, nor ours on it"},
	{"Cross-Origin-Embedder-Policy", "require-corp",
		"with the line above, the page is cross-origin isolated: it may share memory with its engine and paint a keystroke's verdict with the typed text"},
	{"Cross-Origin-Resource-Policy", "same-origin",
		"other sites may not load our files, except what embed.js needs (cross-origin)"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()",
		"the page needs no device or tracking feature, so none may be used"},
}

// extraHeaders are set on some files only; they are described in the
// comment at the top of _headers.
var extraHeaders = []header{
	{"Cache-Control", cacheForever,
		"a hashed name (app.0123456789.js) never changes contents, so it may be kept for good"},
	{"Cache-Control", cacheCheck,
		"pages, sw.js, sw-assets.js and other fixed names: check for a new version on every use"},
	{"Access-Control-Allow-Origin", "*",
		"embed.js and what it loads may be read by any site (public files, no credentials)"},
}

// perFile are the security headers whose value depends on the file. They
// are set only by the rule for that file, never by /*: Netlify and
// Cloudflare Pages apply every rule that matches a path and join the
// values of a header set twice.
var perFile = map[string]bool{
	"Content-Security-Policy":      true,
	"X-Frame-Options":              true,
	"Cross-Origin-Resource-Policy": true,
}

// maxRules is the most rules Cloudflare Pages reads from _headers.
const maxRules = 100

// headerRule is one rule of _headers: the headers for a path.
type headerRule struct {
	path    string
	headers [][2]string
}

// fileInfo is what the headers of a file depend on.
type fileInfo struct {
	hashed      bool   // it has a content-hashed name
	crossOrigin bool   // other sites may load it
	framable    bool   // other sites may frame it
	policy      string // its Content-Security-Policy
}

// fileRules returns the rules for the files called names in dist, as info
// describes each.
func fileRules(names []string, info func(string) fileInfo) []headerRule {
	var rules []headerRule
	for _, name := range names {
		h := fileHeaders(info(name))
		for _, p := range urlPaths(name) {
			rules = append(rules, headerRule{p, h})
		}
	}
	return rules
}

// fileHeaders returns the headers of one file, less those of /*.
func fileHeaders(f fileInfo) [][2]string {
	var h [][2]string
	for _, s := range securityHeaders {
		if !perFile[s.name] {
			continue
		}
		v := s.value
		switch {
		case s.name == "Content-Security-Policy":
			v = f.policy
		case s.name == "X-Frame-Options" && f.framable:
			continue
		case s.name == "Cross-Origin-Resource-Policy" && f.crossOrigin:
			v = "cross-origin"
		}
		h = append(h, [2]string{s.name, v})
	}
	if f.crossOrigin {
		h = append(h, [2]string{"Access-Control-Allow-Origin", "*"})
	}
	cache := cacheCheck
	if f.hashed {
		cache = cacheForever
	}
	return append(h, [2]string{"Cache-Control", cache})
}

// withSources returns policy with sources added to the directive called
// name, which it must have.
func withSources(policy, name string, sources ...string) string {
	directives := strings.Split(policy, "; ")
	for i, d := range directives {
		if d == name || strings.HasPrefix(d, name+" ") {
			directives[i] = strings.Join(append([]string{d}, sources...), " ")
		}
	}
	return strings.Join(directives, "; ")
}

// inlinePolicy returns the policy for a page that has inline scripts and
// styles (the single file, if a host serves it): the main policy, plus the
// hashes of those scripts and styles, and blob: for the modules and the
// worker that its loader makes. Data scripts (a type that is not
// JavaScript) are never run, so they need no hash.
func inlinePolicy(doc []byte) (string, error) {
	tags, err := htmlTags(doc)
	if err != nil {
		return "", err
	}
	scripts := []string{"blob:"}
	var styles []string
	for _, t := range tags {
		_, src := t.attr(doc, "src")
		switch {
		case t.name == "script" && !src && isScriptType(attrOf(doc, t, "type")):
			scripts = append(scripts, sourceHash(doc[t.text.start:t.text.end]))
		case t.name == "style":
			styles = append(styles, sourceHash(doc[t.text.start:t.text.end]))
		}
	}
	policy := withSources(contentSecurityPolicy, "script-src", scripts...)
	return withSources(policy, "style-src", styles...), nil
}

// isScriptType reports whether a <script> of the given type attribute
// runs: no type, module, or a JavaScript media type.
func isScriptType(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return t == "" || t == "module" || strings.HasSuffix(t, "javascript") || strings.HasSuffix(t, "ecmascript")
}

// sourceHash returns the CSP source that allows the inline text.
func sourceHash(text []byte) string {
	sum := sha256.Sum256(text)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// urlPaths returns the URL paths a static host serves the file called
// name at: pages also without ".html", and index pages at their folder,
// as Netlify's and Cloudflare's pretty URLs do.
func urlPaths(name string) []string {
	p := "/" + name
	if !isHTML(name) {
		return []string{p}
	}
	if path.Base(name) == indexPage {
		return []string{strings.TrimSuffix(p, indexPage), p}
	}
	return []string{p, strings.TrimSuffix(p, path.Ext(p))}
}

// headersText returns the _headers file for the given per-file rules.
func headersText(rules []headerRule) string {
	var b strings.Builder
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by `make dist`\n")
	b.WriteString("# (scripts/dist); serve/handler.go sends the same. Do not edit: rebuild.\n#\n")
	b.WriteString("# /* sets what is the same for every path; each file's own rule sets the rest,\n")
	b.WriteString("# so that no header is set by two rules (the hosts would join the values).\n#\n")
	for _, h := range append(securityHeaders[:len(securityHeaders):len(securityHeaders)], extraHeaders...) {
		fmt.Fprintf(&b, "# %s: %s\n#   %s\n", h.name, h.value, h.why)
	}
	b.WriteString("\n/*\n")
	for _, h := range securityHeaders {
		if !perFile[h.name] {
			fmt.Fprintf(&b, "  %s: %s\n", h.name, h.value)
		}
	}
	for _, r := range rules {
		fmt.Fprintf(&b, "\n%s\n", r.path)
		for _, h := range r.headers {
			fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
		}
	}
	return b.String()
}
