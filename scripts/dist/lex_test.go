package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// texts returns the text of each span of src.
func texts(src string, spans []span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, src[s.start:s.end])
	}
	return out
}

func TestJSStrings(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"quotes", `import a from "./a.js"; import 'b.js';`, []string{"./a.js", "b.js"}},
		{"escapes", `x = "a\"b.js"; y = 'it\'s'`, []string{`a\"b.js`, `it\'s`}},
		{"line comment", "// \"not.js\"\nx = 'yes.js'", []string{"yes.js"}},
		{"block comment", "/* 'not.js' */ x = \"yes.js\"", []string{"yes.js"}},
		{"regex with quotes", `s.replace(/["']/g, ""); y = "yes.js"`, []string{"", "yes.js"}},
		{"regex with slash in class", `r = /[/"]/; y = "yes.js"`, []string{"yes.js"}},
		{"division", `a = b / 2 / c; y = "yes.js"`, []string{"yes.js"}},
		{"division after call", `a = f(x) / g("k") / 2`, []string{"k"}},
		{"regex after return", "function f() { return /'/.test(x) } y = 'yes.js'", []string{"yes.js"}},
		{"template", "t = `plain.js`; u = `a ${b} c`", []string{"plain.js"}},
		{"template nesting", "t = `a ${ {k: \"in.js\"}.k + `x${'deep.js'}` } b`; z = 'out.js'", []string{"in.js", "deep.js", "out.js"}},
		{"json", `{"a": ["b.js", 1, true]}`, []string{"a", "b.js"}},
		{"new URL", `new URL("worker.js", import.meta.url)`, []string{"worker.js"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans, err := jsStrings([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(tt.src, spans); !slices.Equal(got, tt.want) {
				t.Errorf("jsStrings(%s) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestJSStringsErrors(t *testing.T) {
	for _, src := range []string{`x = "open`, "x = 'a\nb'", "/* open", "x = `open", "x = `a ${b"} {
		if _, err := jsStrings([]byte(src)); err == nil {
			t.Errorf("jsStrings(%q): no error", src)
		}
	}
}

func TestCSSRefs(t *testing.T) {
	src := `@import "a.css"; /* url(no.svg) */ b { background: url( i.svg ) } c { background: URL('j.svg') } d { content: "k" } e-url(x) {}`
	spans, err := cssRefs([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.css", "i.svg", "j.svg", "k"}
	if got := texts(src, spans); !slices.Equal(got, want) {
		t.Errorf("cssRefs = %q, want %q", got, want)
	}
}

func TestHTMLTags(t *testing.T) {
	doc := `<!doctype html><!-- <img src="no.svg"> --><html><head>
<link rel=stylesheet href=style.css><script type="module" src='app.js'></script>
<script>if (a < b) document.write("<img src='x.svg'>")</script><title>a <b> c</title>
</head><body><img src="i.svg" alt=""><input disabled value = "v"/></body></html>`
	tags, err := htmlTags([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tag := range tags {
		s := tag.name
		for _, a := range tag.attrs {
			s += " " + a.name + "=" + doc[a.value.start:a.value.end]
		}
		got = append(got, s)
	}
	want := []string{"html", "head", "link rel=stylesheet href=style.css", "script type=module src=app.js",
		"script", "title", "body", "img src=i.svg alt=", "input disabled= value=v"}
	if !slices.Equal(got, want) {
		t.Errorf("tags:\n got %q\nwant %q", got, want)
	}
	script := tags[4]
	if text := doc[script.text.start:script.text.end]; !strings.HasPrefix(text, "if (a < b)") || !strings.HasSuffix(doc[:script.elemEnd], "</script>") {
		t.Errorf("inline script text %q, element ends %q", text, doc[:script.elemEnd])
	}
}

// TestRealWebParses reads the real web folder, so that a construct the
// lexers cannot follow shows up here rather than in a broken dist.
func TestRealWebParses(t *testing.T) {
	web := filepath.Join("..", "..", "web")
	if _, err := os.Stat(filepath.Join(web, indexPage)); err != nil {
		t.Skip("no web folder:", err)
	}
	s, err := loadSite(web, []string{"sw.js", "embed.js", "screenshot*.png"}, "jwt-playground.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.rename(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.assets["playground.wasm"]; !ok {
		t.Skip("no playground.wasm: run make build for the whole check")
	}
	if _, err := s.singleFile(indexPage); err != nil {
		t.Fatal(err)
	}
}
