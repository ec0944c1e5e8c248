package e2e

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// hostileValues is markup, script and URLs that a claim or a header may
// hold. Each one would run, load something or add an element if the page
// wrote it as HTML, in an attribute or into a template. They set
// window.__xss, open a dialog or fetch from 127.0.0.1:1, where nothing
// listens.
var hostileValues = []string{
	`<img src=x onerror="window.__xss='img';alert('img')">`,
	`<img src="http://127.0.0.1:1/img">`,
	`<svg onload="window.__xss='svg';alert('svg')"></svg>`,
	`<svg><animate onbegin="alert('animate')" attributeName=x dur=1s></svg>`,
	`<script>window.__xss='script';alert('script')</script>`,
	`<script src="http://127.0.0.1:1/script.js"></script>`,
	`</textarea><script>alert('textarea')</script>`,
	`</pre><img src=x onerror="alert('pre')">`,
	`<a href="javascript:alert('a')">click me</a>`,
	`javascript:alert(1)`,
	` JaVaScRiPt:window.__xss='js-url'`,
	`<style>body{background:url(http://127.0.0.1:1/css)}</style>`,
	`<iframe src="javascript:alert('iframe')"></iframe>`,
	`<iframe srcdoc="<script>parent.alert('srcdoc')</script>"></iframe>`,
	`<link rel=stylesheet href="http://127.0.0.1:1/link.css">`,
	`<object data="http://127.0.0.1:1/object"></object><embed src="http://127.0.0.1:1/embed">`,
	`<base href="http://127.0.0.1:1/"><meta http-equiv="refresh" content="0;url=javascript:alert('meta')">`,
	`<form action="http://127.0.0.1:1/form"><button formaction="javascript:alert('button')">go</button></form>`,
	`<details open ontoggle="alert('details')"><summary>x</summary></details>`,
	`<input autofocus onfocus="alert('input')">`,
	`" onmouseover="alert('attr')" x="`,
	`' onfocus='alert("attr2")' autofocus='`,
	"`+alert('backtick')+`",
	`${window.__xss='template';alert('template')}`,
	`{{constructor.constructor('alert("angular")')()}}`,
	`<!-- <img src=x onerror="alert('comment')"> -->`,
	`&lt;b&gt;escaped&lt;/b&gt; &amp; &#60;script&#62; &nbsp;`,
	`<math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')">`,
}

// hostileNames are claim names made of markup.
var hostileNames = []string{
	`<img src=x onerror="alert('name')">`,
	`<script>alert('name')</script>`,
	`" onmouseover="alert('name')`,
	`{{7*7}}${7*7}`,
}

// dangerousTags are the elements that markup from a token could add to
// load, run or restyle something, and the other tags of hostileValues. The
// page never makes them while it renders a token, so none may be added, and
// their count in the whole document must not change.
var dangerousTags = []string{"img", "svg", "animate", "script", "iframe", "frame", "link", "style", "a",
	"object", "embed", "base", "meta", "form", "input", "details", "summary", "math", "mtext", "mglyph",
	"table", "b", "i", "u", "video", "audio", "source", "template", "noscript", "marquee"}

// tokenTextRE finds text from hostileValues and hostileNames.
const tokenTextRE = `/alert\(|__xss|127\.0\.0\.1:1\/|javascript:|e2e-hostile/i`

// installHostileJS starts to watch the page before any token: a
// MutationObserver keeps every element and comment added to the document,
// and the HTML sinks (innerHTML, insertAdjacentHTML, document.write,
// DOMParser and the like) note every call whose markup holds text from a
// token. The page writes token text with textContent, so none may reach a
// sink.
const installHostileJS = `(() => {
	const w = window.__e2eHostile = { added: new Set(), comments: [], sinks: [] };
	const fromToken = ` + tokenTextRE + `;
	const take = (records) => {
		for (const r of records) {
			for (const n of r.addedNodes) {
				if (n.nodeType === Node.COMMENT_NODE) w.comments.push(n.data);
				if (n.nodeType !== Node.ELEMENT_NODE) continue;
				w.added.add(n);
				for (const e of n.querySelectorAll("*")) w.added.add(e);
				const comments = document.createTreeWalker(n, NodeFilter.SHOW_COMMENT);
				while (comments.nextNode()) w.comments.push(comments.currentNode.data);
			}
		}
	};
	w.observer = new MutationObserver(take);
	w.observer.observe(document, { childList: true, subtree: true });
	w.take = () => take(w.observer.takeRecords());
	const note = (sink, value) => {
		const s = String(value);
		if (fromToken.test(s)) w.sinks.push(sink + ": " + s.slice(0, 200));
	};
	const setter = (proto, name) => {
		const d = proto && Object.getOwnPropertyDescriptor(proto, name);
		if (!d || !d.set) return;
		Object.defineProperty(proto, name, { ...d, set(v) { note(name, v); d.set.call(this, v); } });
	};
	const method = (obj, name, arg) => {
		const f = obj && obj[name];
		if (typeof f !== "function") return;
		obj[name] = function (...args) { note(name, args[arg]); return f.apply(this, args); };
	};
	setter(Element.prototype, "innerHTML");
	setter(Element.prototype, "outerHTML");
	setter(ShadowRoot.prototype, "innerHTML");
	setter(HTMLIFrameElement.prototype, "srcdoc");
	method(Element.prototype, "insertAdjacentHTML", 1);
	method(Element.prototype, "setHTMLUnsafe", 0);
	method(ShadowRoot.prototype, "setHTMLUnsafe", 0);
	method(Document.prototype, "write", 0);
	method(Document.prototype, "writeln", 0);
	method(Document, "parseHTMLUnsafe", 0);
	method(Range.prototype, "createContextualFragment", 0);
	method(DOMParser.prototype, "parseFromString", 0);
	return true;
})()`

// checkHostileJS inspects the page for anything that markup from a token
// could have done, and returns what it found.
const checkHostileJS = `((dangerous) => {
	const w = window.__e2eHostile;
	w.take();
	const found = [];
	const fromToken = ` + tokenTextRE + `;
	const html = (e) => e.outerHTML.slice(0, 200);
	// Text nodes serialize with &, <, > and U+00A0 escaped, and nothing else.
	const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
	const textOnly = (e, what) => {
		if (e.children.length > 0) found.push(what + " holds elements: " + html(e));
		else if (e.innerHTML !== esc(e.textContent)) found.push(what + " holds more than text: " + html(e));
	};

	// What the page added since the last check.
	for (const e of w.added) {
		if (dangerous.includes(e.localName)) found.push("an element that the page does not make: " + html(e));
	}
	w.added.clear();
	for (const c of w.comments) found.push("a comment: <!--" + c.slice(0, 200) + "-->");
	w.comments = [];
	for (const s of w.sinks) found.push("token text went to an HTML sink, " + s);
	w.sinks = [];

	// The boxes that show messages, and the other text that the page sets
	// (those the page has: it grows).
	for (const id of ["token-error", "header-error", "payload-error", "key-error", "sign-error", "key-help",
		"key-purpose", "formula", "version", "loading", "key-info", "key-note", "gen-status", "fetch-status",
		"fetch-error", "fetch-issuer"]) {
		const e = document.getElementById(id);
		if (e) textOnly(e, "#" + id);
	}
	for (const e of document.querySelectorAll("#verify-status .status-title, #verify-status .status-detail, #token-warnings li")) {
		textOnly(e, "#" + e.parentElement.id + " ." + e.className);
	}
	// The line under an editor that shows where its JSON goes wrong:
	// text and a mark on the bad character.
	for (const e of document.querySelectorAll(".json-at")) {
		for (const c of e.querySelectorAll("*")) {
			if (!c.matches("mark.bad-char")) found.push(".json-at holds an element that the page does not make: " + html(c));
			else textOnly(c, "the mark of .json-at");
		}
	}
	// The token view of the contract: spans of the segments, a mark on a
	// bad character, and text.
	const view = document.querySelector("[data-testid=token-view]");
	for (const e of view.querySelectorAll("*")) {
		if (!e.matches("span.seg-header, span.seg-payload, span.seg-signature, span.seg-dot, mark.bad-char")) {
			found.push("token-view holds an element that the page does not make: " + html(e));
		} else if (e.localName === "mark") textOnly(e, "the mark of token-view");
	}

	// Anywhere: event handler attributes, and token text in an attribute
	// that is not inert (a URL, a style).
	const inert = (name) => /^(data-|aria-)/.test(name) || ["title", "alt", "placeholder", "value", "label"].includes(name);
	const tags = {};
	for (const e of document.querySelectorAll("*")) {
		if (dangerous.includes(e.localName)) tags[e.localName] = (tags[e.localName] || 0) + 1;
		for (const a of e.attributes) {
			if (a.name.startsWith("on")) found.push("an event handler attribute: " + html(e));
			else if (!inert(a.name) && fromToken.test(a.value)) found.push("token text in the attribute " + a.name + ": " + html(e));
		}
	}
	return {
		found,
		tags,
		xss: typeof window.__xss === "undefined" ? "" : String(window.__xss),
		frames: window.frames.length,
		styleSheets: document.styleSheets.length,
		background: getComputedStyle(document.body).backgroundImage,
		location: location.href,
		title: document.title,
	};
})`

// hostileCheck is what checkHostileJS returns.
type hostileCheck struct {
	Found       []string       `json:"found"`
	Tags        map[string]int `json:"tags"` // dangerousTags in the whole document
	XSS         string         `json:"xss"`
	Frames      int            `json:"frames"`
	StyleSheets int            `json:"styleSheets"`
	Background  string         `json:"background"`
	Location    string         `json:"location"`
	Title       string         `json:"title"`
}

// hostileWatch holds what the page was before any token, to compare with.
type hostileWatch struct {
	p        *Page
	w        *netWatch
	base     hostileCheck
	requests int // requests checked so far
	dialogs  int // dialogs so far
}

// watchHostile opens a watched page, waits for its load to finish, proves
// that the dialog watch works, starts to watch the document and records it
// as it is.
func watchHostile(t *testing.T) *hostileWatch {
	t.Helper()
	p, w := openWatched(t)
	w.waitQuiet(p, 300*time.Millisecond)
	h := &hostileWatch{p: p, w: w}
	h.dialogs = w.checkDialogCanary(t, p)
	p.Settle()
	mustEval[bool](p, installHostileJS)
	h.base = h.read()
	if len(h.base.Found) > 0 {
		t.Fatalf("the page, before any token, already fails the checks:\n  %s", strings.Join(h.base.Found, "\n  "))
	}
	h.requests = w.count()
	return h
}

func (h *hostileWatch) read() hostileCheck {
	h.p.t.Helper()
	return mustEval[hostileCheck](h.p, checkHostileJS+"("+mustJSON(dangerousTags)+")")
}

// check fails the test if markup from a token became an element, ran, opened
// a dialog or fired a request since the last check.
func (h *hostileWatch) check(t *testing.T, when string) {
	t.Helper()
	p := h.p
	p.Settle()
	// An injected image or frame loads, and its handlers run, a little
	// later than the frame after the input.
	p.sleep(100 * time.Millisecond)
	p.Settle()
	c := h.read()
	for _, f := range c.Found {
		t.Errorf("%s: %s", when, f)
	}
	if c.XSS != "" {
		t.Errorf("%s: window.__xss = %q: script from the token ran", when, c.XSS)
	}
	for _, tag := range dangerousTags {
		if got, want := c.Tags[tag], h.base.Tags[tag]; got != want {
			t.Errorf("%s: the page has %d <%s> element(s), %d before the token", when, got, tag, want)
		}
	}
	if c.Frames != h.base.Frames || c.StyleSheets != h.base.StyleSheets || c.Background != h.base.Background {
		t.Errorf("%s: frames %d, style sheets %d, body background %q; before the token %d, %d, %q",
			when, c.Frames, c.StyleSheets, c.Background, h.base.Frames, h.base.StyleSheets, h.base.Background)
	}
	if c.Location != h.base.Location || c.Title != h.base.Title {
		t.Errorf("%s: the page is now %q titled %q, was %q titled %q", when, c.Location, c.Title, h.base.Location, h.base.Title)
	}
	if d := h.w.dialogsSince(h.dialogs); len(d) > 0 {
		t.Errorf("%s: JavaScript dialogs opened (and were dismissed by the test): %q", when, d)
		h.dialogs += len(d)
	}
	// The browser may fetch the tab's icon late: that is not the token's.
	all := h.w.since(h.requests)
	h.requests += len(all)
	if r := slices.DeleteFunc(all, browserIcon); len(r) > 0 {
		t.Errorf("%s: the page made %d request(s):\n  %s", when, len(r), strings.Join(stringsOf(r), "\n  "))
	}
}

// mustJSON encodes a value that the test made as JSON, for page JS.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// extras are the parts of the page that State does not read.
type extras struct {
	Formula      string   `json:"formula"`
	Warnings     []string `json:"warnings"`
	SignError    string   `json:"signError"`
	StatusDetail string   `json:"statusDetail"`
	KeyError     string   `json:"keyError"`
	TokenError   string   `json:"tokenError"`
	HeaderError  string   `json:"headerError"`
	PayloadError string   `json:"payloadError"`
	BadChar      []string `json:"badChar"`
}

const readExtrasJS = `(() => {
	const t = (id) => { const e = document.getElementById(id); return e ? e.textContent : ""; };
	return {
		formula: t("formula"),
		warnings: [...document.querySelectorAll("#token-warnings li")].map((li) => li.textContent),
		signError: t("sign-error"),
		statusDetail: document.querySelector("#verify-status .status-detail")?.textContent ?? "",
		keyError: t("key-error"),
		tokenError: t("token-error"),
		headerError: t("header-error"),
		payloadError: t("payload-error"),
		badChar: [...document.querySelectorAll("[data-testid=token-view] mark")].map((m) => m.textContent),
	};
})()`

// waitExtras polls the parts of the page that State does not read until
// cond holds.
func waitExtras(t *testing.T, p *Page, desc string, cond func(extras) bool) extras {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		x, err := eval[extras](p, readExtrasJS)
		if err == nil && cond(x) {
			return x
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s\nthe page shows: %+v (read error: %v)\n%s", waitTimeout, desc, x, err, p.State())
		}
		p.sleep(pollInterval)
	}
}

// jsonText is how s appears inside a JSON string written without HTML
// escaping: only quotes, backslashes and controls are escaped.
func jsonText(t testing.TB, s string) string {
	t.Helper()
	q := mustMarshalNoEscape(t, s)
	return q[1 : len(q)-1]
}

// TestHostileClaimsRenderAsText pastes tokens whose header, claims and claim
// names hold markup, script, javascript: URLs and CSS, keys made of markup,
// and edits with markup, and checks after each step that nothing became an
// element, ran, opened a dialog or fired a request, that the JSON editors
// show the text as it is, and that the messages quoting it are plain text.
func TestHostileClaimsRenderAsText(t *testing.T) {
	t.Parallel()
	h := watchHostile(t)
	p := h.p
	now := time.Now().Unix()

	// 1. A verified token with markup everywhere.
	header := map[string]any{"alg": "HS256", "typ": "JWT", "kid": hostileValues[0], "cty": hostileValues[4],
		"jku": "http://127.0.0.1:1/jwks.json", "x5u": "javascript:alert('x5u')", hostileNames[0]: hostileValues[2]}
	claims := map[string]any{"sub": "e2e-hostile", "iat": now, "exp": now + 3600, "nbf": now - 60,
		"iss": hostileValues[0], "aud": []string{hostileValues[4], hostileValues[9]}}
	for i, v := range hostileValues {
		claims[fmt.Sprintf("v%02d", i)] = v
	}
	claims[hostileNames[0]] = "name-img"
	claims[hostileNames[1]] = []string{"<b>bold</b>", hostileValues[8]}
	claims[hostileNames[2]] = map[string]any{"<i>nested</i>": hostileValues[11]}
	claims[hostileNames[3]] = 49
	headerJSON, payloadJSON := mustMarshalNoEscape(t, header), mustMarshalNoEscape(t, claims)
	token := hs256(headerJSON, payloadJSON, []byte(testSecret))

	p.SetKey(testSecret)
	p.SetToken(token)
	s := p.WaitStatus(token, stateVerified)
	h.check(t, "a verified token with markup in its header and claims")
	for _, v := range hostileValues {
		if !strings.Contains(s.Payload, jsonText(t, v)) {
			t.Errorf("payload-json does not show the claim %s as written", v)
		}
	}
	for _, n := range hostileNames {
		if !strings.Contains(s.Payload, `"`+jsonText(t, n)+`": `) {
			t.Errorf("payload-json does not show the claim name %s as written", n)
		}
	}
	for _, v := range []string{hostileValues[0], hostileValues[4], hostileValues[2], hostileNames[0], "javascript:alert('x5u')"} {
		if !strings.Contains(s.Header, jsonText(t, v)) {
			t.Errorf("header-json does not show %s as written:\n%s", v, s.Header)
		}
	}
	if got, err := jsonObject(s.Payload); err != nil {
		t.Errorf("payload-json is not JSON: %v", err)
	} else if want := mustJSONObject(t, claims); !jsonEqualValues(got, want) {
		t.Errorf("payload-json holds other values than the token:\n got %v\nwant %v", got, want)
	}
	if got, err := jsonObject(s.Header); err != nil {
		t.Errorf("header-json is not JSON: %v", err)
	} else if want := mustJSONObject(t, header); !jsonEqualValues(got, want) {
		t.Errorf("header-json holds other values than the token:\n got %v\nwant %v", got, want)
	}

	// 2. The issuer check quotes the markup of iss in the badge.
	setByID(t, p, "check-issuer", "https://issuer.example")
	x := waitExtras(t, p, "the badge to quote the issuer", func(x extras) bool { return strings.Contains(x.StatusDetail, "<img src=x") })
	h.check(t, "the badge quoting an iss of markup")
	t.Logf("badge detail: %s", x.StatusDetail)
	setByID(t, p, "check-issuer", "")
	p.WaitStatus(token, stateVerified)

	// 3. An alg of markup: the key panel's formula, the warning and the
	// badge quote it.
	algMarkup := `<script>alert('alg')</script><img src=x onerror="alert('alg')">`
	badAlg := hs256(mustMarshalNoEscape(t, map[string]any{"alg": algMarkup, "kid": hostileValues[2]}), `{"sub":"e2e-hostile-alg"}`, []byte(testSecret))
	p.SetToken(badAlg)
	x = waitExtras(t, p, "the formula to name the unknown alg", func(x extras) bool { return strings.Contains(x.Formula, "<script>alert('alg')</script>") })
	h.check(t, "a token whose alg is markup")
	t.Logf("formula: %s; warnings: %q; badge: %s", x.Formula, x.Warnings, x.StatusDetail)
	if !slices.ContainsFunc(x.Warnings, func(w string) bool { return strings.Contains(w, "<script>alert('alg')</script>") }) {
		t.Errorf("no warning quotes the unknown alg as text: %q", x.Warnings)
	}

	// 4. Bad base64 around markup: the error quotes the bad character and
	// the token view marks it.
	for _, bad := range []string{
		`eyJhbGciOiJIUzI1NiJ9.<img src=x onerror="alert('b64')">.<script>alert('b64')</script>`,
		`<script>alert('hdr')</script>.eyJzdWIiOiJ4In0.c2ln`,
		`eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.<svg onload=alert('sig')>`,
	} {
		p.SetToken(bad)
		s := p.WaitStatus(bad, stateMalformed)
		x := waitExtras(t, p, "the token error to quote the bad character", func(x extras) bool { return strings.Contains(x.TokenError, "'<'") })
		h.check(t, "bad base64 around markup "+bad)
		if !slices.Equal(x.BadChar, []string{"<"}) {
			t.Errorf("token-view marks %q, want the one bad character <", x.BadChar)
		}
		if got := strings.Join(strings.Fields(s.View.Text), ""); got != strings.Join(strings.Fields(bad), "") {
			t.Errorf("token-view reads %q, want the token as text %q", s.View.Text, bad)
		}
		t.Logf("token-error: %s", x.TokenError)
	}

	// 5. Segments that decode to markup: a header that is not JSON, and a
	// payload that is not JSON and so is shown as text.
	notJSONHeader := b64url.EncodeToString([]byte(`<script>alert('hdr')</script>`)) + ".e30.c2ln"
	p.SetToken(notJSONHeader)
	p.WaitFor("a header of markup to be refused", func(s State) bool { return s.Token == notJSONHeader && s.TokenError.shown() })
	h.check(t, "a header segment that decodes to markup")
	payloadText := `<script>alert('payload')</script><img src=x onerror="alert('payload')"> {{7*7}}`
	textPayload := hs256(`{"alg":"HS256"}`, payloadText, []byte(testSecret))
	p.SetToken(textPayload)
	s = p.WaitFor("a payload of markup to show as text", func(s State) bool { return s.Token == textPayload && s.Payload != "" })
	h.check(t, "a payload segment that decodes to markup")
	if s.Payload != payloadText {
		t.Errorf("payload-json shows %q, want the payload text as it is %q", s.Payload, payloadText)
	}

	// 6. Keys made of markup. The key error quotes them.
	k := testKey(t, "ES256")
	es, err := func() (string, error) {
		tok := jwt.NewWithClaims(k.method, jwt.MapClaims{"sub": "e2e-hostile-key"})
		tok.Header["kid"] = `<img src=x onerror="alert('kid')">`
		return tok.SignedString(k.private)
	}()
	if err != nil {
		t.Fatal(err)
	}
	p.SetToken(es)
	jwkOf := func(extra map[string]any) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(k.jwk), &m); err != nil {
			t.Fatal(err)
		}
		maps.Copy(m, extra)
		return mustMarshalNoEscape(t, m)
	}
	for _, key := range []struct{ name, text, quoted string }{
		{"a JWK whose kty is markup", `{"kty":"<img src=x onerror=\"alert('kty')\">"}`, "<img src=x onerror="},
		{"an EC JWK whose crv is markup", jwkOf(map[string]any{"crv": "<svg onload=alert('crv')>"}), "<svg onload=alert('crv')>"},
		{"a JWKS whose kids are markup", `{"keys":[` + jwkOf(map[string]any{"kid": "<script>alert('jwks')</script>"}) + `]}`, "<script>alert('jwks')</script>"},
		{"a PEM whose type is markup", "-----BEGIN <SCRIPT>ALERT(1)</SCRIPT>-----\nMAA=\n-----END <SCRIPT>ALERT(1)</SCRIPT>-----\n", ""},
		{"a PEM holding markup", "-----BEGIN PUBLIC KEY-----\n<img src=x onerror=\"alert('pem')\">\n-----END PUBLIC KEY-----\n", ""},
		{"a PEM whose BEGIN and END differ", "-----BEGIN PUBLIC KEY-----\nMAA=\n-----END <IFRAME SRC=JAVASCRIPT:ALERT(1)>-----\n", ""},
	} {
		p.SetKey(key.text)
		s := p.WaitFor(key.name+" to be refused", func(s State) bool { return s.Token == es && s.Status == stateKeyError && s.KeyError.shown() })
		h.check(t, key.name)
		t.Logf("%s: key-error: %s", key.name, s.KeyError.Text)
		if key.quoted != "" && !strings.Contains(s.KeyError.Text, key.quoted) {
			t.Errorf("%s: key-error does not quote %s as text: %q", key.name, key.quoted, s.KeyError.Text)
		}
	}
	// A hex secret with markup in it: the error quotes the character.
	p.SetToken(token)
	p.SetEncoding("hex")
	p.SetKey(`00ff<script>alert('hex')</script>`)
	s = p.WaitFor("a hex secret of markup to be refused", func(s State) bool { return s.Token == token && s.KeyError.shown() })
	h.check(t, "a hex secret holding markup")
	if !strings.Contains(s.KeyError.Text, "'<'") {
		t.Errorf("key-error does not quote the bad character '<': %q", s.KeyError.Text)
	}
	p.SetEncoding("utf8")
	p.SetKey(testSecret)
	p.WaitStatus(token, stateVerified)

	// 7. Edits with markup: re-signed as text, and broken JSON whose error
	// quotes it.
	p.SetValue("header-json", `{"alg":"HS256","typ":"JWT","kid":"<iframe src=\"javascript:alert('edit')\"></iframe>"}`)
	s = p.WaitFor("a token re-signed after a header edit with markup", func(s State) bool {
		return s.Token != token && s.Status == stateVerified && strings.Contains(s.Header, "<iframe")
	})
	h.check(t, "a header edit with markup")
	if kid := segment(t, s.Token, 0)["kid"]; kid != `<iframe src="javascript:alert('edit')"></iframe>` {
		t.Errorf("the re-signed token has kid %q, want the markup as typed", kid)
	}
	p.SetValue("payload-json", `{"x": <img src=x onerror="alert('edit-payload')">}`)
	p.WaitFor("payload-error for a payload of markup", func(s State) bool { return s.PayloadError.shown() })
	h.check(t, "a payload edit that is markup, not JSON")
	p.SetValue("payload-json", `{"sub":"e2e-hostile-edit"}`)
	p.SetValue("header-json", `<script>alert('edit-header')</script>`)
	p.WaitFor("header-error for a header of markup", func(s State) bool { return s.HeaderError.shown() })
	h.check(t, "a header edit that is markup, not JSON")
	// A key that cannot sign: the banner quotes the key's problem.
	p.SetKey(`{"kty":"<svg onload=alert('sign')>"}`)
	p.SetValue("header-json", `{"alg":"ES256","kid":"<b>bold</b>"}`)
	x = waitExtras(t, p, "the sign error banner", func(x extras) bool { return x.SignError != "" || x.HeaderError != "" })
	h.check(t, "a re-sign with a key of markup")
	t.Logf("sign-error: %s; header-error: %s", x.SignError, x.HeaderError)
}
