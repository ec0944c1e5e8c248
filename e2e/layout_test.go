package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// The sizes the issue about the layout names: a laptop and a phone.
var (
	laptop = device{"laptop", 1280, 800, nil}
	phone  = device{"phone", 390, 844, []chromedp.EmulateViewportOption{
		chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait,
	}}
)

// idToken signs an OpenID Connect ID token of 25 claims with the RS256 test
// key, as a real identity provider would issue it: the case in which the
// token, the verdict and the key used to be screens apart.
func idToken(t testing.TB) string {
	t.Helper()
	k := testKey(t, "RS256")
	now := time.Now().Unix()
	claims := jwt.MapClaims{
		"iss":                   "https://accounts.example.com",
		"azp":                   "1234987819200-5k8j2f3m0q9v7c6b1n4x8z2p.apps.example.com",
		"aud":                   "1234987819200-5k8j2f3m0q9v7c6b1n4x8z2p.apps.example.com",
		"sub":                   "110169484474386276334",
		"email":                 "ada.lovelace@example.com",
		"email_verified":        true,
		"at_hash":               "HK6E_P6Dh8Y93mRNtsDB1Q",
		"nonce":                 "n-0S6_WzA2Mj",
		"name":                  "Ada Lovelace",
		"picture":               "https://lh3.example.com/a/ACg8ocJ7Kq3Z9xYtW2vR5uN8mP1sL4kH6gF0dB-cA_eE7iO3=s96-c",
		"given_name":            "Ada",
		"family_name":           "Lovelace",
		"locale":                "en-GB",
		"iat":                   now - 60,
		"exp":                   now + 3540,
		"auth_time":             now - 120,
		"acr":                   "urn:mace:incommon:iap:silver",
		"amr":                   []string{"pwd", "mfa"},
		"sid":                   "f3b5c1d2-7e8a-4b9c-a0d1-e2f3a4b5c6d7",
		"hd":                    "example.com",
		"preferred_username":    "ada",
		"updated_at":            now - 86400,
		"zoneinfo":              "Europe/London",
		"phone_number":          "+44 20 7946 0958",
		"phone_number_verified": false,
	}
	if len(claims) != 25 {
		t.Fatalf("the ID token has %d claims, want 25", len(claims))
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = "1f40f0a8ef3d880978dc82f25c3ec317c6a5b781"
	s, err := tok.SignedString(k.private)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openAtSize opens the playground at a device's size and waits until it is ready.
func openAtSize(t *testing.T, d device) *Page {
	t.Helper()
	return openPage(t, pageOptions{setup: []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(d.width, d.height, d.opts...),
	}})
}

// box is an element's place on the page, in CSS pixels from the top left
// of the document (not of the viewport): the part of it that shows, once
// clipped by every box around it that scrolls.
type box struct {
	Found                    bool
	Top, Bottom, Left, Right float64
}

func (b box) String() string {
	if !b.Found {
		return "missing or not rendered"
	}
	return fmt.Sprintf("top %.0f, bottom %.0f, left %.0f, right %.0f", b.Top, b.Bottom, b.Left, b.Right)
}

// boxesJS measures each data-testid (or #id, with a leading #) in the document.
const boxesJS = `((ids) => Object.fromEntries(ids.map((id) => {
	const el = id.startsWith("#") ? document.getElementById(id.slice(1)) : document.querySelector('[data-testid="' + id + '"]');
	if (!el || !el.getClientRects().length) return [id, {Found: false}];
	let {top, bottom, left, right} = el.getBoundingClientRect();
	for (let a = el.parentElement; a; a = a.parentElement) {
		const s = getComputedStyle(a);
		if (s.overflowX === "visible" && s.overflowY === "visible") continue;
		const c = a.getBoundingClientRect();
		top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
		left = Math.max(left, c.left); right = Math.min(right, c.right);
	}
	return [id, {Found: true, Top: top + scrollY, Bottom: bottom + scrollY, Left: left + scrollX, Right: right + scrollX}];
})))`

// boxes measures the elements named by ids.
func boxes(p *Page, ids ...string) map[string]box {
	p.t.Helper()
	b, err := json.Marshal(ids)
	if err != nil {
		p.t.Fatal(err)
	}
	return mustEval[map[string]box](p, boxesJS+"("+string(b)+")")
}

// spillJS lists what sticks out: of the document sideways, and of each card
// (.pane) of the workbench, any rendered element or line of text that
// reaches past the card's left or right edge. A box that scrolls its own
// content (a textarea, a table scroller) clips it, so what is inside such a
// box is measured against the box instead.
const spillJS = `(() => {
	const out = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > doc.clientWidth) out.push("the page is " + doc.scrollWidth + " px wide in a " + doc.clientWidth + " px viewport");
	const clipper = (el, pane) => {
		for (let a = el.parentElement; a && a !== pane; a = a.parentElement) {
			if (getComputedStyle(a).overflowX !== "visible") return a;
		}
		return pane;
	};
	const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
	for (const pane of document.querySelectorAll(".pane")) {
		const check = (rects, el, what) => {
			const c = clipper(el, pane).getBoundingClientRect();
			for (const r of rects) {
				if (r.width === 0 && r.height === 0) continue;
				if (r.right > c.right + 1 || r.left < c.left - 1) {
					out.push(what + " in " + describe(pane) + " spans x " + Math.round(r.left) + ".." + Math.round(r.right) + ", its box x " + Math.round(c.left) + ".." + Math.round(c.right));
					return;
				}
			}
		};
		for (const el of pane.querySelectorAll("*")) {
			if (!el.getClientRects().length || el.closest(".visually-hidden")) continue;
			check(el.getClientRects(), el, describe(el));
		}
		const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (!n.textContent.trim() || n.parentElement.closest(".visually-hidden")) continue;
			const range = document.createRange();
			range.selectNodeContents(n);
			check(range.getClientRects(), n.parentElement, "the text " + JSON.stringify(n.textContent.trim().slice(0, 40)) + " of " + describe(n.parentElement));
		}
	}
	return out.slice(0, 12);
})()`

// checkNoSpill fails the test for whatever spillJS finds.
func checkNoSpill(t *testing.T, p *Page, what string) {
	t.Helper()
	for _, s := range mustEval[[]string](p, spillJS) {
		t.Errorf("%s: %s", what, s)
	}
}

// checkTypingShown types at the end of the token in the box, which is
// longer than the box: the box scrolls to show the line typed on, as a
// textarea of its own would, though what shows is a coloured copy of the
// text that scrolls with it.
func checkTypingShown(t *testing.T, p *Page, token string) {
	t.Helper()
	if err := p.do(callTimeout, chromedp.Focus(chromedp.CSS(`[data-testid="token-input"]`))); err != nil {
		t.Fatalf("focus token-input: %v", err)
	}
	mustEval[chromedp.Void](p, `(() => {
		const e = document.querySelector('[data-testid="token-input"]');
		e.setSelectionRange(e.value.length, e.value.length);
	})()`)
	if err := p.do(callTimeout, chromedp.KeyEvent("x")); err != nil {
		t.Fatalf("type in token-input: %v", err)
	}
	p.WaitFor("the typed character in the token", func(s State) bool { return s.Token == token+"x" })
	p.Settle()
	got := mustEval[struct{ Box, Last box }](p, `(() => {
		const view = document.querySelector('[data-testid="token-view"]');
		const spans = view.querySelectorAll("span");
		const b = (r) => ({Found: true, Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right});
		let a = view.parentElement;
		while (a && getComputedStyle(a).overflowY === "visible") a = a.parentElement;
		const box = a ? a.getBoundingClientRect() : {top: 0, bottom: innerHeight, left: 0, right: innerWidth};
		return {Box: b(box), Last: b(spans[spans.length - 1].getBoundingClientRect())};
	})()`)
	if got.Last.Bottom > got.Box.Bottom+1 || got.Last.Bottom < got.Box.Top {
		t.Errorf("the line typed on is at %s, outside the box that shows the token (%s)", got.Last, got.Box)
	}
}

// TestLayoutLaptopFirstScreen opens an RS256 ID token of 25 claims with its
// public key (PEM, then JWK) at 1280×800: the token, the verdict and the key
// box are all on the first screen; opening the claims, the timeline and the
// signature steps moves none of them; an error about the key shows on the
// first screen too; and typing at the end of the token shows the line typed.
func TestLayoutLaptopFirstScreen(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	token := idToken(t)
	for name, key := range map[string]string{"PEM": k.publicPEM, "JWK": k.jwk} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := openAtSize(t, laptop)
			p.SetToken(token)
			p.SetKey(key)
			p.WaitStatus(token, stateVerified)
			mustEval[chromedp.Void](p, `window.scrollTo(0, 0)`)
			p.Settle()
			ids := []string{"token-input", "verify-status", "key-input"}
			first := boxes(p, ids...)
			for _, id := range ids {
				b := first[id]
				if !b.Found || b.Top < 0 || b.Bottom > float64(laptop.height) {
					t.Errorf("%s is at %s, want it all within the first screen, y 0..%d", id, b, laptop.height)
				}
			}
			// The details that grow the page: the claims table, the
			// signature's steps. They must not push the key away.
			mustEval[chromedp.Void](p, `(() => {
				document.getElementById("claims-details").open = true;
				document.getElementById("signature-steps").open = true;
				for (const d of document.querySelectorAll("details")) d.open = true;
			})()`)
			p.Settle()
			after := boxes(p, append(ids, "claims-table", "timeline")...)
			for _, id := range ids {
				if after[id] != first[id] {
					t.Errorf("with every section open, %s moved from %s to %s", id, first[id], after[id])
				}
			}
			if !after["claims-table"].Found || !after["timeline"].Found {
				t.Errorf("the claims table (%s) or the timeline (%s) is not rendered", after["claims-table"], after["timeline"])
			}
			checkNoSpill(t, p, "laptop, ID token")

			// A key of the wrong kind: what is wrong with it shows
			// under the key box, on the first screen too.
			p.SetKey(testSecret)
			p.WaitStatus(token, stateKeyError)
			mustEval[chromedp.Void](p, `window.scrollTo(0, 0)`)
			if b := boxes(p, "key-error")["key-error"]; !b.Found || b.Bottom > float64(laptop.height) {
				t.Errorf("key-error is at %s, want it within the first screen, y 0..%d", b, laptop.height)
			}
			checkTypingShown(t, p, token)
		})
	}
}

// TestLayoutPhoneOrder opens the ID token on a phone: the page reads token,
// verdict, key, header, payload, then the rest, and nothing scrolls sideways.
func TestLayoutPhoneOrder(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	token := idToken(t)
	p := openAtSize(t, phone)
	p.SetToken(token)
	p.SetKey(k.jwk)
	p.WaitStatus(token, stateVerified)
	mustEval[chromedp.Void](p, `for (const d of document.querySelectorAll("details")) d.open = true`)
	p.Settle()
	order := []string{"token-input", "verify-status", "key-input", "header-json", "payload-json"}
	// Every card has a place: one the stylesheet forgot (compare, once)
	// jumps above the token.
	rest := []string{"claims-table", "timeline", "lint-panel", "signature-steps", "gen-key", "fetch-jwks", "key-formats", "#check-issuer", "compare-input", "jwe-enc-header"}
	b := boxes(p, append(order, rest...)...)
	for i := 1; i < len(order); i++ {
		prev, cur := b[order[i-1]], b[order[i]]
		if !prev.Found || !cur.Found || cur.Top < prev.Bottom {
			t.Errorf("%s (%s) is not below %s (%s)", order[i], cur, order[i-1], prev)
		}
	}
	payload := b["payload-json"]
	for _, id := range rest {
		if !b[id].Found || b[id].Top < payload.Bottom {
			t.Errorf("%s (%s) comes before the payload's end (%s), want it after", id, b[id], payload)
		}
	}
	checkNoSpill(t, p, "phone, ID token")
}

// TestLayoutNoSidewaysScroll opens tokens full of long unbroken text (URLs
// in jku, x5u, iss and aud, a long kid, long claim names and values) on a
// phone and on a laptop: nothing sticks out of its card, and the page never
// scrolls sideways. A jku URL in the security checks used to make a phone's
// page 415 px wide.
func TestLayoutNoSidewaysScroll(t *testing.T) {
	t.Parallel()
	long := "https://keys.attacker.example/" + strings.Repeat("a1b2c3d4e5", 12) + "/.well-known/jwks.json"
	header := fmt.Sprintf(`{"alg":"HS256","typ":"JWT","jku":%q,"x5u":%q,"kid":%q}`, long, long, strings.Repeat("k", 120))
	payload := fmt.Sprintf(`{"iss":%q,"aud":[%q],"sub":%q,%q:"x","password":"hunter2","exp":%d}`,
		long, long, strings.Repeat("s", 150), strings.Repeat("claim", 30), time.Now().Unix()+600)
	token := hs256(header, payload, []byte(testSecret))
	for _, d := range []device{phone, laptop} {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			p := openAtSize(t, d)
			p.SetToken(token)
			p.SetKey(testSecret)
			p.WaitStatus(token, stateVerified)
			p.WaitFor("the security checks to list the jku", func(State) bool {
				return mustEval[bool](p, `!!document.querySelector('#lint-findings [data-code]')`)
			})
			mustEval[chromedp.Void](p, `for (const d of document.querySelectorAll("details")) d.open = true`)
			p.Settle()
			checkNoSpill(t, p, d.name+", long URLs")
		})
	}
}

// TestSampleNoAlarm opens the page as a first visitor: the sample verifies
// with a secret made fresh for the visit, which the security checks do not
// call well-known, so nothing on the first screen is a HIGH alarm about the
// page's own sample.
func TestSampleNoAlarm(t *testing.T) {
	t.Parallel()
	var secrets []string
	for range 2 {
		p := openAtSize(t, laptop)
		s := p.WaitFor("the sample token to be verified", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
		verify(t, s.Token, "HS256", []byte(s.Key))
		if len(s.Key) < 32 {
			t.Errorf("the sample's secret %q is %d bytes, want at least 32 for HS256", s.Key, len(s.Key))
		}
		high := mustEval[[]string](p, `[...document.querySelectorAll("#lint-findings .sev-high")].map((li) => li.textContent)`)
		if len(high) > 0 {
			t.Errorf("the sample greets the visitor with high findings: %q", high)
		}
		secrets = append(secrets, s.Key)
	}
	if secrets[0] == secrets[1] {
		t.Errorf("two visits got the same sample secret %q, want a fresh random one each", secrets[0])
	}
}

// TestStatusIconsDrawn reads the verdict's icon in each state: an SVG
// drawing, one for the state, and no text glyph, which a machine without an
// emoji font shows as a box (⏱ did).
func TestStatusIconsDrawn(t *testing.T) {
	t.Parallel()
	past := time.Now().Add(-time.Hour).Unix()
	expired := hs256(`{"alg":"HS256","typ":"JWT"}`, fmt.Sprintf(`{"sub":"42","exp":%d}`, past), []byte(testSecret))
	good := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"42"}`, []byte(testSecret))
	rs := sign(t, jwt.SigningMethodRS256, jwt.MapClaims{"sub": "42"}, testKey(t, "RS256").private)
	p := openPlayground(t)
	for _, c := range []struct {
		token, key, state, icon string
	}{
		{good, testSecret, stateVerified, "i-ok"},
		{expired, testSecret, stateExpired, "i-clock"},
		{good, testSecret + "x", stateInvalidSignature, "i-bad"},
		{rs, testSecret, stateKeyError, "i-ask"},
		{"", testSecret, stateEmpty, "i-idle"},
	} {
		p.SetKey(c.key)
		p.SetToken(c.token)
		p.WaitStatus(c.token, c.state)
		got := mustEval[struct {
			Shown  []string
			Before string
		}](p, `(() => {
			const icon = document.querySelector("[data-testid=verify-status] .status-icon");
			return {
				Shown: [...icon.querySelectorAll("svg")].filter((s) => s.getClientRects().length).map((s) => s.getAttribute("class")),
				Before: getComputedStyle(icon, "::before").content,
			};
		})()`)
		if len(got.Shown) != 1 || got.Shown[0] != c.icon {
			t.Errorf("in state %s the icon shows drawings %q, want just %s", c.state, got.Shown, c.icon)
		}
		if got.Before != "none" && got.Before != "normal" {
			t.Errorf("in state %s the icon has text content %s, want none", c.state, got.Before)
		}
	}
}

// TestHexGroupedByByte opens the signature's steps on a phone and narrows
// the blocks of hex pixel by pixel, so that they wrap at every place they
// can: each line break falls between two bytes, never inside one.
func TestHexGroupedByByte(t *testing.T) {
	t.Parallel()
	token := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"a subject long enough to make the signing input wrap a few times"}`, []byte(testSecret))
	p := openAtSize(t, phone)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	mustEval[chromedp.Void](p, `document.getElementById("signature-steps").open = true`)
	p.WaitFor("the steps to show hex", func(State) bool {
		return mustEval[bool](p, `[...document.querySelectorAll("#step-list code")].some((c) => /^([0-9a-f]{2} )+[0-9a-f]{2}$/.test(c.textContent))`)
	})
	res := mustEval[struct {
		Blocks, Wrapped int
		Split           []string
	}](p, `(() => {
		const out = {Blocks: 0, Wrapped: 0, Split: []};
		for (const code of document.querySelectorAll("#step-list code")) {
			const text = code.firstChild;
			if (code.childNodes.length !== 1 || !/^([0-9a-f]{2} )+[0-9a-f]{2}$/.test(text.textContent)) continue;
			out.Blocks++;
			for (let w = 120; w <= 320; w++) {
				code.style.width = w + "px";
				const tops = new Set();
				for (let i = 0; i + 2 <= text.length; i += 3) {
					const r = document.createRange();
					r.setStart(text, i);
					r.setEnd(text, i + 2);
					const rects = r.getClientRects();
					if (rects.length !== 1 && out.Split.length < 5) out.Split.push(text.textContent.slice(i, i + 2) + " at " + i + " in a block " + w + " px wide");
					tops.add(Math.round(rects[0].top));
				}
				if (tops.size > 1) out.Wrapped++;
			}
			code.style.width = "";
		}
		return out;
	})()`)
	if res.Blocks == 0 || res.Wrapped == 0 {
		t.Fatalf("%d blocks of hex, %d widths at which they wrap: want some", res.Blocks, res.Wrapped)
	}
	if len(res.Split) > 0 {
		t.Errorf("bytes split across two lines: %q", res.Split)
	}
}

// TestSecretEncodingOnlyForSecrets: "Secret is" shows for a secret in the key
// box of an HMAC token, and not for a PEM or a JWK there, which has no
// secret encoding and is never read as a secret.
func TestSecretEncodingOnlyForSecrets(t *testing.T) {
	t.Parallel()
	k := testKey(t, "RS256")
	token := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"42"}`, []byte(testSecret))
	p := openPlayground(t)
	p.SetToken(token)
	for _, c := range []struct {
		what, key string
		shown     bool
	}{
		{"an RSA public PEM", k.publicPEM, false},
		{"a secret", testSecret, true},
		{"an RSA public JWK", k.jwk, false},
		{"nothing", "", true},
	} {
		p.SetKey(c.key)
		p.Settle()
		if got := mustEval[bool](p, `!!document.querySelector("[data-testid=secret-encoding]").getClientRects().length`); got != c.shown {
			t.Errorf("with %s in the key box of an HS256 token, secret-encoding shown = %v, want %v", c.what, got, c.shown)
		}
	}
}

// firstPaintJS records, at the first frame that has the page's DOM and
// styles, before the core is ready, where the token box, the verdict and the
// key box are, measured from the top of the workbench (the line that says
// the core is loading, above it, goes away when it is ready).
const firstPaintJS = `(() => {
	const frame = () => {
		const bench = document.getElementById("workbench");
		const key = document.querySelector("[data-testid=key-input]");
		if (!bench || !key || getComputedStyle(bench).display !== "grid") return requestAnimationFrame(frame);
		const top = bench.getBoundingClientRect().top;
		const at = (sel) => {
			const r = document.querySelector(sel).getBoundingClientRect();
			return {Found: true, Top: r.top - top, Bottom: r.bottom - top, Left: r.left, Right: r.right};
		};
		window.firstPaint = {Ready: document.documentElement.dataset.ready ?? "", Token: at(".token-scroll, .token-editor"),
			Status: at("[data-testid=verify-status]"), Key: at("[data-testid=key-input]")};
	};
	requestAnimationFrame(frame);
})()`

// TestFirstPaintKeepsPlaces opens the page at laptop size and compares where
// the token box, the verdict and the key box are before the core is ready
// and once it has put the sample in: nothing moves when the core answers,
// since the boxes get their sizes from CSS, not from what the core fills in.
func TestFirstPaintKeepsPlaces(t *testing.T) {
	t.Parallel()
	record := chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstPaintJS})
		return err
	})
	p := openPage(t, pageOptions{setup: []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(laptop.width, laptop.height), record,
	}})
	p.WaitFor("the sample token to be verified", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	p.Settle()
	got := mustEval[struct {
		Before struct {
			Ready              string
			Token, Status, Key box
		}
		After struct{ Token, Status, Key box }
	}](p, `(() => {
		const top = document.getElementById("workbench").getBoundingClientRect().top;
		const at = (sel) => {
			const r = document.querySelector(sel).getBoundingClientRect();
			return {Found: true, Top: r.top - top, Bottom: r.bottom - top, Left: r.left, Right: r.right};
		};
		return {Before: window.firstPaint ?? {}, After: {Token: at(".token-scroll, .token-editor"),
			Status: at("[data-testid=verify-status]"), Key: at("[data-testid=key-input]")}};
	})()`)
	if got.Before.Ready == "true" || !got.Before.Token.Found {
		t.Fatalf("the first paint was not recorded before the core was ready (ready %q, token box %s)", got.Before.Ready, got.Before.Token)
	}
	for _, c := range []struct {
		name          string
		before, after box
	}{
		{"the token box", got.Before.Token, got.After.Token},
		{"verify-status", got.Before.Status, got.After.Status},
		{"key-input", got.Before.Key, got.After.Key},
	} {
		if c.before != c.after {
			t.Errorf("%s moved when the core answered: from %s to %s (from the workbench's top)", c.name, c.before, c.after)
		}
	}
}

// stubFirstSampleDrawJS makes the first draw of 30 random bytes (the
// sample's secret) start with "{", whose base64url text starts "e…" as a
// JWK's does; the rest stays random.
const stubFirstSampleDrawJS = `(() => {
	const real = crypto.getRandomValues.bind(crypto);
	window.stubbedDraws = 0;
	crypto.getRandomValues = (a) => {
		real(a);
		if (a instanceof Uint8Array && a.length === 30 && window.stubbedDraws++ === 0) a[0] = 0x7b;
		return a;
	};
})()`

// TestSampleSecretOpeningWithABrace opens the page with the sample's random
// secret made to open with "{" once decoded from base64url (one visit in 256
// draws one): the core once took such text for a JWK written in base64 and
// refused it as a secret. It is a secret, and the sample verifies with it.
func TestSampleSecretOpeningWithABrace(t *testing.T) {
	t.Parallel()
	stub := chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: stubFirstSampleDrawJS})
		return err
	})
	p := openPage(t, pageOptions{setup: []chromedp.Action[chromedp.Void]{stub}})
	p.WaitFor("the sample's verdict", func(s State) bool { return s.Token != "" && s.Status != stateEmpty })
	p.Settle()
	s := p.State()
	if draws := mustEval[int](p, `window.stubbedDraws`); draws == 0 {
		t.Fatalf("the page drew no 30 random bytes: the stub was not used")
	}
	if s.Status != stateVerified || !strings.HasPrefix(s.Key, "e") {
		t.Errorf("with a draw that opens with \"{\" the sample is %s with the key %q, want verified with that key (\"e…\")", s.Status, s.Key)
	}
	if k := mustKeyPanel(p); !strings.Contains(k.Info.Text, "Shared secret, 40 bytes") || !k.Info.shown() {
		t.Errorf("key-info for the sample's secret is %s, want \"Shared secret, 40 bytes…\"", k.Info)
	}
}
