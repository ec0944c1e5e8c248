package e2e

// Input is never lost, and never misread: a token is found in whatever is
// pasted, jwt.io's classic links open, a link that cannot be read says so,
// and what is typed while the core loads is kept.
//
// The contract:
//
//   - When the token box's text is not itself a token but holds one, the
//     box gets the token and [data-testid=paste-found] says where it was
//     found ("Found the id_token in the JSON body (2 tokens found:
//     id_token, access_token)."), with a [data-testid=paste-choice] button
//     per token when there are several, and [data-testid=paste-show-original]
//     showing the pasted text in [data-testid=paste-original].
//   - #debugger-io?token=…&publicKey=… opens with the key "from the link";
//     the publicKey leaves the address. A fragment with no token shows
//     [data-testid=link-warning] saying so.
//   - dataset.ready is "loading" from the moment the page takes input
//     until the core is ready. Text typed in token-input or key-input
//     then is kept; a button clicked then says it waits in #loading, and
//     runs once the core is ready.

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// pasteView is what the paste notice shows.
type pasteView struct {
	Found        bool     `json:"found"`
	Visible      bool     `json:"visible"`
	Line         string   `json:"line"`
	Choices      []string `json:"choices"`
	Pressed      []string `json:"pressed"`
	Original     string   `json:"original"`
	OriginalShow bool     `json:"originalShown"`
	Token        string   `json:"token"`
}

const readPasteJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const box = q("paste-found"), original = q("paste-original");
	const shown = (e) => !!e && e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
	const choices = box ? [...box.querySelectorAll('[data-testid="paste-choice"]')].filter(shown) : [];
	return {
		found: !!box,
		visible: shown(box),
		line: box ? (box.querySelector("p")?.textContent ?? "") : "",
		choices: choices.map((b) => b.textContent),
		pressed: choices.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.textContent),
		original: original ? original.value : "",
		originalShown: shown(original),
		token: q("token-input").value,
	};
})()`

func waitPaste(p *Page, desc string, cond func(pasteView) bool) pasteView {
	p.t.Helper()
	v, ok, err := poll(p, waitTimeout, func() (pasteView, error) { return eval[pasteView](p, readPasteJS) }, cond)
	if !ok {
		p.t.Fatalf("timed out waiting for %s; the paste notice shows %+v (read error: %v)\nthe page:\n%s", desc, v, err, p.State())
	}
	return v
}

// TestPasteFindsToken pastes a token wrapped in what it is found in, and
// checks that the box then holds the token, verified, and says where it was.
func TestPasteFindsToken(t *testing.T) {
	id := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-paste-id"}), []byte(testSecret))
	access := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-paste-access"}), []byte(testSecret))
	cases := []struct {
		name, text, token, line string
	}{
		{"Authorization line", "Authorization: Bearer " + access, access, "Found the Bearer token in the Authorization header."},
		{"Cookie line", "Cookie: theme=dark; session=" + id + "; lang=en", id, "Found the session cookie in the Cookie header."},
		{"Set-Cookie line", "Set-Cookie: id=" + id + "; Path=/; HttpOnly", id, "Found the id cookie in the Set-Cookie header."},
		{"URL query", "https://app.example/cb?code=x&id_token=" + id, id, "Found the id_token in the URL's query."},
		{"URL fragment", "https://app.example/cb#state=1&access_token=" + access + "&token_type=Bearer", access, "Found the access_token in the URL's fragment."},
		{"curl", "curl https://api.example/me \\\n  -H 'Accept: application/json' \\\n  -H 'Authorization: Bearer " + access + "'", access,
			"Found the Bearer token in the Authorization header of the curl command."},
		{"raw HTTP request", "GET /me HTTP/1.1\r\nHost: api.example\r\nAuthorization: Bearer " + access + "\r\n\r\n", access,
			"Found the Bearer token in the Authorization header of the HTTP request."},
	}
	p := openPlayground(t)
	p.SetKey(testSecret)
	for _, c := range cases {
		p.SetToken(c.text)
		v := waitPaste(p, c.name+": the token found", func(v pasteView) bool { return v.Token == c.token && v.Visible })
		// A textarea's value has its line breaks as "\n".
		if v.Line != c.line || len(v.Choices) != 0 || v.Original != strings.ReplaceAll(c.text, "\r\n", "\n") || v.OriginalShow {
			t.Errorf("%s: the notice shows %+v, want the line %q, no choices, and the pasted text kept but hidden", c.name, v, c.line)
		}
		p.WaitStatus(c.token, stateVerified)
	}

	// Two tokens: the first is opened, the other one click away.
	body := `{"id_token": "` + id + `", "access_token": "` + access + `", "token_type": "Bearer"}`
	p.SetToken(body)
	two := "(2 tokens found: id_token, access_token)."
	v := waitPaste(p, "the id_token of the JSON body", func(v pasteView) bool { return v.Token == id && v.Visible })
	if v.Line != "Found the id_token in the JSON body "+two || strings.Join(v.Choices, ",") != "id_token,access_token" || strings.Join(v.Pressed, ",") != "id_token" {
		t.Errorf("the notice for a JSON body with two tokens shows %+v", v)
	}
	clickSel(p, `[data-testid="paste-choice"]:nth-child(2)`)
	// The notice follows once the engine has read the picked token: wait for both.
	v = waitPaste(p, "the access_token, once picked", func(v pasteView) bool {
		return v.Token == access && strings.Join(v.Pressed, ",") == "access_token"
	})
	if v.Line != "Found the access_token in the JSON body "+two || strings.Join(v.Pressed, ",") != "access_token" {
		t.Errorf("after picking the access_token the notice shows %+v", v)
	}
	p.WaitStatus(access, stateVerified)
	clickTestID(p, "paste-show-original")
	waitPaste(p, "the pasted text shown", func(v pasteView) bool { return v.OriginalShow && v.Original == body })

	// Another token typed in leaves the notice behind.
	other := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-paste-other"}), []byte(testSecret))
	p.SetToken(other)
	waitPaste(p, "no notice for a token typed in", func(v pasteView) bool { return !v.Visible })

	// A space typed into a token is a typo the core explains: the token is
	// not cut out of it, as it is out of pasted text.
	p.SetToken(other)
	typo := mustEval[string](p, `(() => { const e = document.querySelector('[data-testid="token-input"]');
		e.focus(); e.setSelectionRange(e.value.length - 3, e.value.length - 3);
		document.execCommand("insertText", false, " "); return e.value; })()`)
	p.WaitFor("the core's error for a typed space", func(s State) bool { return s.Token == typo && s.TokenError.shown() })
	if v := mustEval[pasteView](p, readPasteJS); v.Visible {
		t.Errorf("a space typed into a token made the notice show %+v", v)
	}

	// Text with no token keeps today's precise error, and is not replaced.
	// Nor is a broken token cut short at its bad character.
	unsigned := id[:strings.LastIndex(id, ".")+1]
	for _, text := range []string{"Authorization: Basic dXNlcjpwYXNz", id + "+x", `{"token": "` + id + `="}`, unsigned + "<svg onload=alert(1)>"} {
		p.SetToken(text)
		s := p.WaitFor("the core's error for "+text, func(s State) bool { return s.Token == text && s.TokenError.shown() })
		if v := mustEval[pasteView](p, readPasteJS); v.Visible {
			t.Errorf("%q: the notice shows %+v for text with no whole token in it\n%s", text, v, s)
		}
	}
}

// TestClassicLinkOpens opens jwt.io's classic #debugger-io?token=…&publicKey=…
// link: the token and the key open, the key as from the link, and the key
// leaves the address.
func TestClassicLinkOpens(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	token := sign(t, jwt.SigningMethodES256, freshClaims(jwt.MapClaims{"sub": "e2e-classic"}), priv)
	// jwt.io wrote its values with encodeURIComponent: "+" stays a plus.
	enc := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D", "\n", "%0A", " ", "%20")
	p := openAt(t, baseURL+"#debugger-io?token="+token+"&publicKey="+enc.Replace(pub), atOptions{})
	s := p.WaitFor("the classic link's token and key", func(s State) bool { return s.Token == token && s.Key == pub })
	b := waitBadge(p, "a verdict", func(b badge) bool { return b.State == stateVerified })
	if strings.HasPrefix(b.Title, "Signature verified") || !strings.Contains(b.Detail, "Key from the link") {
		t.Errorf("a key from a classic link reads %+v, want it said to come from the link", b)
	}
	if href := mustEval[string](p, "location.href"); strings.Contains(href, "publicKey") || strings.Contains(href, "BEGIN") || !strings.Contains(href, "#token="+token) {
		t.Errorf("after reading the classic link the address is %s, want #token=… without the key\n%s", href, s)
	}
}

// TestUnreadableLinkSaysSo opens links the page cannot read: it says so,
// rather than silently showing the sample as if nothing was wrong.
func TestUnreadableLinkSaysSo(t *testing.T) {
	id := sign(t, jwt.SigningMethodHS256, freshClaims(nil), []byte(testSecret))
	access := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "other"}), []byte(testSecret))
	cases := []struct{ frag, want string }{
		{"tokn=" + id, "holds no token this page can read"},
		{"debugger-io?publicKey=abc", "This jwt.io link (#debugger-io) carries no token"},
		{"token=" + id + "&token=" + access, "token= 2 times, with different tokens"},
		{"token=" + id + "&key=a&key=b", "key= twice, with different values"},
	}
	for _, c := range cases {
		p := openAt(t, baseURL+"#"+c.frag, atOptions{})
		w := mustEval[errorBox](p, `(() => { const e = document.querySelector('[data-testid="link-warning"]');
			return { found: !!e, text: e.textContent, hidden: e.hidden, visible: e.checkVisibility() }; })()`)
		if !w.shown() || !strings.Contains(w.Text, c.want) || !strings.HasSuffix(w.Text, "The sample token is shown instead.") {
			t.Errorf("#%s: link-warning is %s, want it to say %q", truncate(c.frag, 40), w, c.want)
		}
		if s := p.State(); s.Token == id || s.Token == access || s.Key == "abc" {
			t.Errorf("#%s: the page opened part of a link it cannot read:\n%s", truncate(c.frag, 40), s)
		}
	}

	// An OAuth redirect with two tokens opens the id_token, the other a click away.
	p := openAt(t, baseURL+"#"+url.Values{"id_token": {id}, "access_token": {access}}.Encode(), atOptions{})
	v := waitPaste(p, "both tokens of the link offered", func(v pasteView) bool { return v.Token == id && len(v.Choices) == 2 })
	if !strings.HasPrefix(v.Line, "Found the id_token in the link (2 tokens found") {
		t.Errorf("for a link with two tokens the notice shows %+v", v)
	}

	// An unreadable link opened in the same tab says so too, and leaves
	// the token shown as it was.
	mustEval[chromedp.Void](p, `location.hash = "#tokn=x"`)
	waitJS(t, p, "link-warning for #tokn=x", `document.querySelector('[data-testid="link-warning"]').textContent.includes("holds no token this page can read")`,
		`document.querySelector('[data-testid="link-warning"]').textContent`, waitTimeout)
	if s := p.State(); s.Token != id {
		t.Errorf("an unreadable link opened in the tab changed the token:\n%s", s)
	}
}

// slowWasm serves the playground through a proxy that holds
// playground.wasm until release is closed, so a test can act while the
// core is loading.
func slowWasm(t *testing.T) (base string, release func()) {
	t.Helper()
	target, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	gate := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	var once bool
	release = func() {
		if !once {
			once = true
			close(gate)
		}
	}
	t.Cleanup(func() {
		release()
		srv.Close()
	})
	return srv.URL + "/", release
}

// TestTypedWhileLoadingIsKept types a token and its key while the core is
// still loading: neither the sample nor a link replaces them, they are
// checked once it is ready, and a button clicked meanwhile says it waits.
func TestTypedWhileLoadingIsKept(t *testing.T) {
	token := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-typed-early"}), []byte(testSecret))
	linked := sign(t, jwt.SigningMethodHS256, freshClaims(jwt.MapClaims{"sub": "e2e-link"}), []byte("a-link-secret-that-is-long-enough-for-hs256"))
	for _, frag := range []string{"", "#token=" + linked + "&key=a-link-secret-that-is-long-enough-for-hs256"} {
		base, release := slowWasm(t)
		p := openAt(t, base+frag, atOptions{parent: newBrowserContext(t), other: true})
		waitJS(t, p, `dataset.ready = "loading"`, `document.documentElement.dataset.ready === "loading"`, `document.documentElement.dataset.ready ?? "(none)"`, loadTimeout)
		p.SetToken("Authorization: Bearer " + token)
		p.SetKey(testSecret)
		clickSel(p, "#share-open")
		if ready := mustEval[string](p, `document.documentElement.dataset.ready ?? ""`); ready != "loading" {
			t.Fatalf("dataset.ready is %q with the wasm held back: the test does not test loading", ready)
		}
		loading := mustEval[string](p, `document.getElementById("loading").textContent`)
		if !strings.Contains(loading, `"Share" will run as soon as it is ready`) {
			t.Errorf("after a click while loading, #loading says %q, want it to say the click waits", loading)
		}
		release()
		p.waitReady()
		s := p.WaitStatus(token, stateVerified)
		if s.Key != testSecret {
			t.Errorf("%q: the key typed while loading was replaced:\n%s", frag, s)
		}
		if open := mustEval[bool](p, `!document.getElementById("share-panel").hidden`); !open {
			t.Errorf("%q: the Share click made while loading did not run once ready", frag)
		}
		if frag != "" {
			w := mustEval[string](p, `document.getElementById("link-warning").textContent`)
			if !strings.Contains(w, "typed while the page was loading is kept") {
				t.Errorf("the link's token was not opened, but link-warning says %q", w)
			}
			if href := mustEval[string](p, "location.href"); strings.Contains(href, "key=") {
				t.Errorf("the link's key is still in the address: %s", href)
			}
		}
	}
}
