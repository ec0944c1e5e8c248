package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// parseHeaders reads a _headers file into the headers of each path.
func parseHeaders(t *testing.T, text string) map[string]map[string]string {
	t.Helper()
	rules := map[string]map[string]string{}
	var cur map[string]string
	for i, line := range strings.Split(text, "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case !strings.HasPrefix(line, " "):
			if _, dup := rules[line]; dup {
				t.Errorf("line %d: a second rule for %s", i+1, line)
			}
			cur = map[string]string{}
			rules[line] = cur
		case cur == nil:
			t.Fatalf("line %d: a header before any path: %q", i+1, line)
		default:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok {
				t.Fatalf("line %d: not a header: %q", i+1, line)
			}
			if _, dup := cur[name]; dup {
				t.Errorf("line %d: %s set twice", i+1, name)
			}
			cur[name] = value
		}
	}
	return rules
}

func TestHeadersFile(t *testing.T) {
	out := buildFake(t, fakeWeb)
	m := readManifest(t, out)
	text := string(readFile(t, out, headersFile))
	if !strings.HasPrefix(text, "# ") {
		t.Errorf("_headers does not start with a comment:\n%s", text)
	}
	for _, h := range securityHeaders {
		if !strings.Contains(text, "# "+h.name+": ") {
			t.Errorf("the comment does not explain %s", h.name)
		}
	}
	rules := parseHeaders(t, text)
	all := rules["/*"]
	for name := range all {
		for path, r := range rules {
			if _, twice := r[name]; twice && path != "/*" {
				t.Errorf("%s sets %s, which /* sets too: the hosts would join the values", path, name)
			}
		}
	}
	// get returns the header called name of path, from its rule or /*.
	get := func(path, name string) (string, bool) {
		r, ok := rules[path]
		if !ok {
			t.Errorf("no rule for %s", path)
			return "", false
		}
		if v, ok := r[name]; ok {
			return v, true
		}
		v, ok := all[name]
		return v, ok
	}
	want := func(path, name, value string) {
		t.Helper()
		if got, _ := get(path, name); got != value {
			t.Errorf("%s: %s is %q, want %q", path, name, got, value)
		}
	}
	absent := func(path, name string) {
		t.Helper()
		if v, ok := get(path, name); ok {
			t.Errorf("%s: %s is set (%q)", path, name, v)
		}
	}
	for _, name := range m {
		want("/"+name, "Cache-Control", cacheForever)
	}
	for _, p := range []string{"/", "/index.html", "/embed.html", "/embed", "/sw.js", "/sw-assets.js", "/embed.js", "/jwt-playground.html", "/asset-manifest.json"} {
		want(p, "Cache-Control", cacheCheck)
	}
	for _, p := range []string{"/", "/index.html", "/" + m["app.js"], "/sw.js"} {
		want(p, "Content-Security-Policy", contentSecurityPolicy)
		want(p, "X-Frame-Options", "DENY")
		want(p, "Cross-Origin-Resource-Policy", "same-origin")
		want(p, "X-Content-Type-Options", "nosniff")
		absent(p, "Access-Control-Allow-Origin")
	}
	for _, p := range []string{"/embed.html", "/embed"} {
		want(p, "Content-Security-Policy", strings.Replace(contentSecurityPolicy, "frame-ancestors 'none'", "frame-ancestors *", 1))
		absent(p, "X-Frame-Options")
	}
	// embed.js and what it loads, directly or not.
	for _, p := range []string{"/embed.js", "/" + m["lib.js"], "/" + m["util.js"], "/" + m["core.wasm"], "/" + m["worker.js"], "/" + m["embed.css"]} {
		want(p, "Access-Control-Allow-Origin", "*")
		want(p, "Cross-Origin-Resource-Policy", "cross-origin")
	}
	single, _ := get("/jwt-playground.html", "Content-Security-Policy")
	if !strings.Contains(single, "script-src 'self' 'wasm-unsafe-eval' blob: 'sha256-") || !strings.Contains(single, "style-src 'self' 'sha256-") {
		t.Errorf("the single file's policy allows neither its loader nor its style: %s", single)
	}
	for _, name := range distFiles(t, out) {
		_, covered := rules["/"+name]
		if compressed := strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br"); covered == (compressed || name == headersFile) {
			t.Errorf("%s: has a rule: %v", name, covered)
		}
	}
}

func TestInlinePolicy(t *testing.T) {
	doc := "<style>a{}</style><script type=module>go()</script><script type=application/json>{}</script><script src=x.js></script>"
	policy, err := inlinePolicy([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"script-src 'self' 'wasm-unsafe-eval' blob: " + sourceHash([]byte("go()")) + ";",
		"style-src 'self' " + sourceHash([]byte("a{}")) + ";",
	} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy lacks %q: %s", want, policy)
		}
	}
	if strings.Count(policy, "sha256-") != 2 {
		t.Errorf("policy hashes a script that never runs: %s", policy)
	}
}

// serveConsts returns the string constants of serve/handler.go, and the
// headers of its securityHeaders table.
func serveConsts(t *testing.T) (map[string]string, [][2]string) {
	t.Helper()
	src, err := os.ReadFile("../../serve/handler.go")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "handler.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var table *ast.CompositeLit
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			switch name := vs.Names[0].Name; {
			case gd.Tok == token.CONST:
				if v, err := stringValue(vs.Values[0], consts); err == nil {
					consts[name] = v
				}
			case name == "securityHeaders":
				table, _ = vs.Values[0].(*ast.CompositeLit)
			}
		}
	}
	if table == nil {
		t.Fatal("serve/handler.go has no securityHeaders table: update this test")
	}
	var headers [][2]string
	for _, elt := range table.Elts {
		pair, ok := elt.(*ast.CompositeLit)
		if !ok || len(pair.Elts) != 2 {
			t.Fatalf("securityHeaders: an entry that is not {name, value}: update this test")
		}
		name, err1 := stringValue(pair.Elts[0], consts)
		value, err2 := stringValue(pair.Elts[1], consts)
		if err1 != nil || err2 != nil {
			t.Fatalf("securityHeaders: %v %v", err1, err2)
		}
		headers = append(headers, [2]string{name, value})
	}
	return consts, headers
}

// stringValue evaluates a constant string expression: literals, names of
// constants already known, and + between them.
func stringValue(e ast.Expr, consts map[string]string) (string, error) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", fmt.Errorf("not a string: %s", e.Value)
		}
		return strconv.Unquote(e.Value)
	case *ast.Ident:
		if v, ok := consts[e.Name]; ok {
			return v, nil
		}
		return "", fmt.Errorf("unknown constant %s", e.Name)
	case *ast.ParenExpr:
		return stringValue(e.X, consts)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", fmt.Errorf("operator %s", e.Op)
		}
		x, err := stringValue(e.X, consts)
		if err != nil {
			return "", err
		}
		y, err := stringValue(e.Y, consts)
		return x + y, err
	}
	return "", fmt.Errorf("not a constant string expression: %T", e)
}

// TestHeadersMatchServe keeps the headers of dist and of serve in step: the
// policy in _headers must be serve's constant, and every other security
// header serve sends must be here with the same value.
func TestHeadersMatchServe(t *testing.T) {
	consts, serveHeaders := serveConsts(t)
	policy, ok := consts["contentSecurityPolicy"]
	if !ok {
		t.Fatal("serve/handler.go has no constant contentSecurityPolicy: update this test")
	}
	if policy != contentSecurityPolicy {
		t.Errorf("the policies differ:\nserve: %s\ndist:  %s", policy, contentSecurityPolicy)
	}
	rules := parseHeaders(t, string(readFile(t, buildFake(t, fakeWeb), headersFile)))
	for _, p := range []string{"/", "/index.html"} {
		if got := rules[p]["Content-Security-Policy"]; got != policy {
			t.Errorf("_headers %s: the policy differs from serve's:\nserve:    %s\n_headers: %s", p, policy, got)
		}
	}
	if !strings.Contains(policy, "frame-ancestors 'none'") || !strings.Contains(embedPolicy, "frame-ancestors *") {
		t.Errorf("the embed page's policy does not let others frame it: %s", embedPolicy)
	}
	var want [][2]string
	for _, h := range serveHeaders {
		if h[0] != "Cache-Control" { // set per file here
			want = append(want, h)
		}
	}
	var got [][2]string
	for _, h := range securityHeaders {
		got = append(got, [2]string{h.name, h.value})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("security headers differ:\nserve: %q\ndist:  %q", want, got)
	}
}
