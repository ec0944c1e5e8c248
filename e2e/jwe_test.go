package e2e

// Encrypted tokens (issue 15, JWE).
//
// The contract:
//
//   - A JWE (five parts) pasted in the token box shows its protected header
//     in the header editor at once, the badge says it is encrypted, and
//     [data-testid=jwe-panel] lists the five parts ([data-testid=jwe-parts]).
//   - A key in [data-testid=jwe-key] (encoding [data-testid=jwe-encoding])
//     decrypts it: the steps ([data-testid=jwe-steps]) and the plaintext
//     ([data-testid=jwe-plaintext], as text). A wrong key says which step
//     failed ([data-testid=jwe-error]).
//   - A plaintext that is a signed token is verified with
//     [data-testid=jwe-inner-key]: [data-testid=jwe-nested-status] has
//     data-state "ok" and says "Signature verified".
//   - [data-testid=jwe-encrypt] wraps the token in the box in a JWE for the
//     key in [data-testid=jwe-enc-key], which then opens as above.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
	"github.com/jwt-playground/jwt-playground/wasm/jwe"
	corekeys "github.com/jwt-playground/jwt-playground/wasm/keys"
)

// jweView is what the JWE panel shows.
type jweView struct {
	Visible      bool     `json:"visible"`
	Parts        []string `json:"parts"`
	Steps        []string `json:"steps"`
	Error        string   `json:"error"`
	Plaintext    string   `json:"plaintext"`
	Nested       bool     `json:"nested"`
	NestedState  string   `json:"nestedState"`
	NestedStatus string   `json:"nestedStatus"`
}

func (v jweView) String() string {
	return strings.Join([]string{"visible " + map[bool]string{true: "yes", false: "no"}[v.Visible], "parts " + strings.Join(v.Parts, " | "),
		"steps " + strings.Join(v.Steps, " | "), "error " + v.Error, "plaintext " + truncate(v.Plaintext, 100),
		"nested " + v.NestedState + " " + v.NestedStatus}, "\n  ")
}

const readJWEJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const shown = (e) => !!e && e.checkVisibility({ visibilityProperty: true });
	const text = (e) => e ? e.textContent.replace(/\s+/g, " ").trim() : "";
	return {
		visible: shown(q("jwe-panel")),
		parts: [...document.querySelectorAll('[data-testid="jwe-parts"] li')].map(text),
		steps: [...document.querySelectorAll('[data-testid="jwe-steps"] li')].map(text),
		error: shown(q("jwe-error")) ? text(q("jwe-error")) : "",
		plaintext: shown(q("jwe-plaintext")) ? q("jwe-plaintext").textContent : "",
		nested: shown(q("jwe-nested")),
		nestedState: q("jwe-nested-status")?.dataset.state ?? "",
		nestedStatus: text(q("jwe-nested-status")),
	};
})()`

func waitJWE(t *testing.T, p *Page, desc string, cond func(jweView) bool) jweView {
	t.Helper()
	v, ok, err := poll(p, waitTimeout, func() (jweView, error) { return eval[jweView](p, readJWEJS) }, cond)
	if !ok {
		t.Fatal(p.timedOut(waitTimeout, desc, "the JWE panel", v, err))
	}
	return v
}

// TestJWE pastes a signed-then-encrypted token, sees its header at once,
// decrypts it, verifies the token inside, then encrypts a token anew.
func TestJWE(t *testing.T) {
	const innerSecret = "the-inner-token-secret-of-32-bytes!"
	const dirKey = "GawgguFyGrWKav7AX4VKUgGawgguFyGrWKav7AX4VKU" // 32 bytes in base64url: A256GCM
	inner, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "<b>ada</b>", "exp": 4102444800}).SignedString([]byte(innerSecret))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwe.Encrypt(jwe.EncryptInput{Header: `{"alg":"dir","enc":"A256GCM","cty":"JWT","kid":"enc-1"}`, Payload: inner, Key: dirKey, SecretEncoding: corekeys.Base64URL})
	if err != nil {
		t.Fatal(err)
	}

	// A laptop's screen, dark: the screenshot shows the panel in the theme
	// whose colours are likelier to fail.
	p := openPage(t, pageOptions{setup: []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(laptop.width, laptop.height, laptop.opts...),
		colorScheme("dark"),
	}})
	p.SetToken(tok)
	s := p.WaitFor("the JWE's header in the editor and an 'encrypted' badge", func(s State) bool {
		return strings.Contains(s.Header, `"enc": "A256GCM"`) && strings.Contains(s.StatusText, "Encrypted token")
	})
	if !s.TokenError.clear() {
		t.Errorf("a JWE that reads has an error under the token: %s", s.TokenError)
	}
	if s.Status == "ok" || strings.Contains(s.StatusText, "verified") {
		t.Errorf("an encrypted token's badge says %q (%s)", s.StatusText, s.Status)
	}
	v := waitJWE(t, p, "the five parts", func(v jweView) bool { return v.Visible && len(v.Parts) == 5 })
	if !strings.HasPrefix(v.Parts[0], "Protected header") || !strings.Contains(v.Parts[1], "(empty)") {
		t.Errorf("parts = %q", v.Parts)
	}

	p.SetValue("jwe-encoding", "base64url")
	p.SetValue("jwe-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	v = waitJWE(t, p, "the wrong key refused at the tag", func(v jweView) bool { return strings.Contains(v.Error, "Tag check failed") })
	if v.Plaintext != "" {
		t.Errorf("a wrong key shows a plaintext: %q", v.Plaintext)
	}

	p.SetValue("jwe-key", dirKey)
	v = waitJWE(t, p, "the plaintext and the nested token", func(v jweView) bool { return v.Plaintext == inner && v.Nested })
	if len(v.Steps) != 3 || !strings.HasPrefix(v.Steps[0], "Key management (direct)") || v.Error != "" {
		t.Errorf("steps = %q, error %q", v.Steps, v.Error)
	}
	p.SetValue("jwe-inner-key", "not the secret")
	waitJWE(t, p, "the inner token refused with another key", func(v jweView) bool {
		return v.NestedState == "bad" && strings.Contains(v.NestedStatus, "Invalid signature")
	})
	p.SetValue("jwe-inner-key", innerSecret)
	waitJWE(t, p, "the inner token verified", func(v jweView) bool {
		return v.NestedState == "ok" && strings.Contains(v.NestedStatus, "Signature verified")
	})
	saveShot(t, p, "jwe-laptop-dark.png")

	// Encrypt the signed token anew, from the encrypt card.
	p.SetToken(inner)
	waitJWE(t, p, "the panel hidden for a signed token", func(v jweView) bool { return !v.Visible })
	p.SetValue("jwe-enc-header", `{"alg":"A128KW","enc":"A128CBC-HS256","cty":"JWT"}`)
	p.SetValue("jwe-enc-encoding", "base64url")
	p.SetValue("jwe-enc-key", "GawgguFyGrWKav7AX4VKUg")
	mustEval[bool](p, `(document.querySelector('[data-testid="jwe-encrypt"]').click(), true)`)
	p.WaitFor("a JWE in the token box", func(s State) bool { return strings.Count(s.Token, ".") == 4 && strings.Contains(s.Header, "A128KW") })
	v = waitJWE(t, p, "the new JWE decrypted with the same key", func(v jweView) bool { return v.Plaintext == inner })
	if !strings.HasPrefix(v.Steps[0], "Key management (unwrap)") {
		t.Errorf("steps = %q", v.Steps)
	}

	// Encrypt the payload editor's claims as they are: no cty, no signature inside.
	p.SetToken(inner)
	waitJWE(t, p, "the panel hidden for a signed token", func(v jweView) bool { return !v.Visible })
	claims := p.State().Payload
	mustEval[bool](p, `(document.querySelector('[data-testid="jwe-encrypt-claims"]').click(), true)`)
	p.WaitFor("a JWE of the claims in the token box", func(s State) bool {
		return strings.Count(s.Token, ".") == 4 && strings.Contains(s.Header, "A128KW") && !strings.Contains(s.Header, "cty")
	})
	v = waitJWE(t, p, "the claims decrypted with the same key", func(v jweView) bool { return v.Plaintext == claims })
	if v.Nested {
		t.Errorf("claims encrypted as they are read as a nested token: %v", v)
	}
	if errs := p.errorsSoFar(); len(errs) > 0 {
		t.Errorf("page errors: %q", errs)
	}
}

// saveShot saves the whole page to e2e/out, for a person to look at.
func saveShot(t *testing.T, p *Page, name string) {
	t.Helper()
	dir := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
