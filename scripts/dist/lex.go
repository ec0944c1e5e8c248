package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// span is the half-open byte range [start, end) of a file.
type span struct{ start, end int }

// lexError reports where in a file a lexer gave up.
func lexError(src []byte, at int, format string, args ...any) error {
	line := 1 + bytes.Count(src[:at], []byte("\n"))
	return fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
}

// jsStrings returns the string literals of the JavaScript (or JSON) src,
// each as the span between its quotes: '…', "…" and template literals
// without substitutions. Comments and regular expressions are skipped, so
// that a quote inside one is never taken for the start of a string.
func jsStrings(src []byte) ([]span, error) {
	l := &jsLexer{src: src, regexOK: true}
	if err := l.run(); err != nil {
		return nil, err
	}
	return l.strings, nil
}

// exprKeywords are the words after which a slash starts a regular
// expression rather than a division.
var exprKeywords = map[string]bool{
	"return": true, "typeof": true, "instanceof": true, "in": true, "of": true,
	"new": true, "delete": true, "void": true, "throw": true, "case": true,
	"do": true, "else": true, "yield": true, "await": true,
}

// jsLexer splits JavaScript just finely enough to find its strings.
type jsLexer struct {
	src     []byte
	i       int
	regexOK bool   // whether a slash here would start a regular expression
	braces  []bool // the open braces, true for a template's "${"
	strings []span
}

// run scans the whole source.
func (l *jsLexer) run() error {
	for l.i < len(l.src) {
		if err := l.step(); err != nil {
			return err
		}
	}
	if slices.Contains(l.braces, true) {
		return lexError(l.src, len(l.src), "unterminated template literal")
	}
	return nil
}

// step scans one token, or one character of punctuation or space.
func (l *jsLexer) step() error {
	c := l.src[l.i]
	switch {
	case c == '/' && l.peek(1) == '/':
		l.skipTo("\n")
	case c == '/' && l.peek(1) == '*':
		start := l.i
		if !l.skipTo("*/") {
			return lexError(l.src, start, "unterminated comment")
		}
		l.i += 2
	case c == '"' || c == '\'':
		l.regexOK = false
		return l.quoted(c)
	case c == '`':
		l.i++
		return l.template(true)
	case c == '/' && l.regexOK:
		l.regex()
	case c == '{':
		l.braces = append(l.braces, false)
		l.i++
		l.regexOK = true
	case c == '}':
		l.i++
		if n := len(l.braces); n > 0 {
			sub := l.braces[n-1]
			l.braces = l.braces[:n-1]
			if sub {
				return l.template(false)
			}
		}
		l.regexOK = true
	case c == ')' || c == ']':
		l.i++
		l.regexOK = false
	case isIdentByte(c):
		start := l.i
		for l.i < len(l.src) && isIdentByte(l.src[l.i]) {
			l.i++
		}
		l.regexOK = exprKeywords[string(l.src[start:l.i])]
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		l.i++
	default:
		l.i++
		l.regexOK = true
	}
	return nil
}

// peek returns the byte n places ahead, or 0 past the end.
func (l *jsLexer) peek(n int) byte {
	if l.i+n < len(l.src) {
		return l.src[l.i+n]
	}
	return 0
}

// skipTo moves to the next occurrence of s, or to the end if there is
// none, and reports whether it found one.
func (l *jsLexer) skipTo(s string) bool {
	k := bytes.Index(l.src[l.i:], []byte(s))
	if k < 0 {
		l.i = len(l.src)
		return false
	}
	l.i += k
	return true
}

// quoted scans a '…' or "…" string and records its contents.
func (l *jsLexer) quoted(q byte) error {
	start := l.i
	for l.i++; l.i < len(l.src); l.i++ {
		switch l.src[l.i] {
		case '\\':
			l.i++
		case q:
			l.strings = append(l.strings, span{start + 1, l.i})
			l.i++
			return nil
		case '\n':
			return lexError(l.src, start, "unterminated string")
		}
	}
	return lexError(l.src, start, "unterminated string")
}

// template scans the text of a template literal up to its closing
// backquote or its next "${". first reports whether the text starts right
// after the opening backquote; a literal that has no substitution is
// recorded like a string.
func (l *jsLexer) template(first bool) error {
	start := l.i
	for ; l.i < len(l.src); l.i++ {
		switch l.src[l.i] {
		case '\\':
			l.i++
		case '`':
			if first {
				l.strings = append(l.strings, span{start, l.i})
			}
			l.i++
			l.regexOK = false
			return nil
		case '$':
			if l.peek(1) == '{' {
				l.i += 2
				l.braces = append(l.braces, true)
				l.regexOK = true
				return nil
			}
		}
	}
	return lexError(l.src, start, "unterminated template literal")
}

// regex scans a regular expression literal. A slash that turns out to
// start none (no closing slash on its line) is taken for a division.
func (l *jsLexer) regex() {
	start := l.i
	inClass := false
	for l.i++; l.i < len(l.src); l.i++ {
		switch c := l.src[l.i]; {
		case c == '\\':
			l.i++
		case c == '\n':
			l.i = start + 1
			l.regexOK = true
			return
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			l.i++
			for l.i < len(l.src) && isIdentByte(l.src[l.i]) {
				l.i++
			}
			l.regexOK = false
			return
		}
	}
	l.i = start + 1
	l.regexOK = true
}

// isIdentByte reports whether c can be part of an identifier, keyword or
// number. Every non-ASCII byte counts, which is right for identifiers and
// harmless elsewhere.
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// cssRefs returns the places in the stylesheet src that can hold a URL:
// the contents of its strings (url("…"), @import "…") and of its unquoted
// url(…) tokens. Comments are skipped.
func cssRefs(src []byte) ([]span, error) {
	var out []span
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case bytes.HasPrefix(src[i:], []byte("/*")):
			k := bytes.Index(src[i+2:], []byte("*/"))
			if k < 0 {
				return nil, lexError(src, i, "unterminated comment")
			}
			i += 2 + k + 2
		case c == '"' || c == '\'':
			end, err := cssString(src, i)
			if err != nil {
				return nil, err
			}
			out = append(out, span{i + 1, end})
			i = end + 1
		case isURLToken(src, i):
			i += len("url(")
			for i < len(src) && isSpace(src[i]) {
				i++
			}
			if i < len(src) && (src[i] == '"' || src[i] == '\'') {
				continue // a string, found by the next step
			}
			k := bytes.IndexByte(src[i:], ')')
			if k < 0 {
				return nil, lexError(src, i, "unterminated url(")
			}
			v := span{i, i + k}
			for v.end > v.start && isSpace(src[v.end-1]) {
				v.end--
			}
			out = append(out, v)
			i += k + 1
		default:
			i++
		}
	}
	return out, nil
}

// cssString returns the position of the quote that closes the string
// starting at src[start].
func cssString(src []byte, start int) (int, error) {
	q := src[start]
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case q:
			return i, nil
		case '\n':
			return 0, lexError(src, start, "unterminated string")
		}
	}
	return 0, lexError(src, start, "unterminated string")
}

// isURLToken reports whether a url( function starts at src[i].
func isURLToken(src []byte, i int) bool {
	if len(src)-i < 4 || !strings.EqualFold(string(src[i:i+4]), "url(") {
		return false
	}
	return i == 0 || !(isIdentByte(src[i-1]) || src[i-1] == '-')
}

// isSpace reports whether c is HTML or CSS white space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// htmlTag is a start tag of an HTML document.
type htmlTag struct {
	name  string // in lower case
	start int    // the position of its "<"
	end   int    // just past its ">"
	attrs []htmlAttr
	// For script and style elements: the span of the text inside, and
	// the end of the element (just past its end tag).
	text    span
	elemEnd int
}

// htmlAttr is an attribute of a start tag.
type htmlAttr struct {
	name  string // in lower case
	value span   // the value, without quotes; empty for none
}

// attr returns the value of the attribute called name and whether the tag
// has it.
func (t *htmlTag) attr(doc []byte, name string) (string, bool) {
	for _, a := range t.attrs {
		if a.name == name {
			return string(doc[a.value.start:a.value.end]), true
		}
	}
	return "", false
}

// rawText are the elements whose text is not markup: a "<" in it starts
// no tag.
var rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true}

// htmlTags returns the start tags of the HTML document doc, skipping
// comments, end tags, doctypes and the text of raw-text elements.
func htmlTags(doc []byte) ([]htmlTag, error) {
	var tags []htmlTag
	for i := 0; i < len(doc); {
		switch {
		case bytes.HasPrefix(doc[i:], []byte("<!--")):
			k := bytes.Index(doc[i+4:], []byte("-->"))
			if k < 0 {
				return nil, lexError(doc, i, "unterminated comment")
			}
			i += 4 + k + 3
		case doc[i] == '<' && i+1 < len(doc) && isLetter(doc[i+1]):
			t, err := htmlStartTag(doc, i)
			if err != nil {
				return nil, err
			}
			tags = append(tags, t)
			i = max(t.end, t.elemEnd)
		case doc[i] == '<' && i+1 < len(doc) && (doc[i+1] == '/' || doc[i+1] == '!' || doc[i+1] == '?'):
			k := bytes.IndexByte(doc[i:], '>')
			if k < 0 {
				return nil, lexError(doc, i, "unterminated tag")
			}
			i += k + 1
		default:
			i++
		}
	}
	return tags, nil
}

// htmlStartTag parses the start tag at doc[start], and for a raw-text
// element finds its end tag too.
func htmlStartTag(doc []byte, start int) (htmlTag, error) {
	i := start + 1
	for i < len(doc) && !isSpace(doc[i]) && doc[i] != '>' && doc[i] != '/' {
		i++
	}
	t := htmlTag{name: strings.ToLower(string(doc[start+1 : i])), start: start}
	for {
		for i < len(doc) && (isSpace(doc[i]) || doc[i] == '/') {
			i++
		}
		if i >= len(doc) {
			return t, lexError(doc, start, "unterminated <%s> tag", t.name)
		}
		if doc[i] == '>' {
			t.end = i + 1
			break
		}
		a, next, err := htmlAttribute(doc, i)
		if err != nil {
			return t, err
		}
		t.attrs = append(t.attrs, a)
		i = next
	}
	if rawText[t.name] {
		closing := []byte("</" + t.name)
		k := bytes.Index(bytes.ToLower(doc[t.end:]), closing)
		if k < 0 {
			return t, lexError(doc, start, "no </%s> for this <%s>", t.name, t.name)
		}
		t.text = span{t.end, t.end + k}
		gt := bytes.IndexByte(doc[t.text.end:], '>')
		if gt < 0 {
			return t, lexError(doc, t.text.end, "unterminated </%s> tag", t.name)
		}
		t.elemEnd = t.text.end + gt + 1
	}
	return t, nil
}

// htmlAttribute parses the attribute at doc[i] and returns it with the
// position just past it.
func htmlAttribute(doc []byte, i int) (htmlAttr, int, error) {
	start := i
	for i < len(doc) && !isSpace(doc[i]) && doc[i] != '=' && doc[i] != '>' && doc[i] != '/' {
		i++
	}
	a := htmlAttr{name: strings.ToLower(string(doc[start:i])), value: span{i, i}}
	j := i
	for j < len(doc) && isSpace(doc[j]) {
		j++
	}
	if j >= len(doc) || doc[j] != '=' {
		return a, i, nil
	}
	for j++; j < len(doc) && isSpace(doc[j]); j++ {
	}
	if j >= len(doc) {
		return a, j, lexError(doc, start, "attribute %s has no value", a.name)
	}
	if q := doc[j]; q == '"' || q == '\'' {
		k := bytes.IndexByte(doc[j+1:], q)
		if k < 0 {
			return a, j, lexError(doc, start, "unterminated value of attribute %s", a.name)
		}
		a.value = span{j + 1, j + 1 + k}
		return a, j + 1 + k + 1, nil
	}
	k := j
	for k < len(doc) && !isSpace(doc[k]) && doc[k] != '>' {
		k++
	}
	a.value = span{j, k}
	return a, k, nil
}

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
