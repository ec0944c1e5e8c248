package e2e

// The Learn page (web/learn/): six lessons, each with a task the token core
// checks, and an attack lab with a secret cracker in a Web Worker.
//
// The contract:
//
//   - learn/ loads the core and sets dataset.ready = "true"; #<lesson id>
//     shows that lesson.
//   - Each task's "check" button writes its verdict to #lN-result with
//     data-state "done" or "wrong"; a done lesson's number is kept in
//     localStorage["jwt-playground:learn-progress"] (numbers only), and
//     #progress-reset clears it.
//   - The cracker (#l5-crack) reports in #l5-found with data-state "found"
//     or "not-found", and its rate in #l5-rate's data-rate.
//   - Each lesson's #lN-open links to the main page with its token in the
//     fragment; the main page links to learn/.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// crackTimeout bounds a run of the cracker over the whole list, on a
// machine whose two cores other tests share.
const crackTimeout = 60 * time.Second

// openLearn opens the Learn page at a lesson, in a browser context of its
// own (so that no other test's progress is in its localStorage), and waits
// for the core.
func openLearn(t *testing.T, lesson string) *Page {
	t.Helper()
	return openAt(t, baseURL+"learn/#"+lesson, atOptions{parent: newBrowserContext(t)})
}

// byID runs a JS expression on the element with the id (as e) and returns
// its string result.
func byID(p *Page, id, expr string) string {
	p.t.Helper()
	return mustEval[string](p, fmt.Sprintf(`(() => { const e = document.getElementById(%s); if (!e) return "<no #%s>"; return String(%s); })()`, jsString(id), id, expr))
}

// setID sets a form field by id as a user's edit does.
func setID(p *Page, id, value string) {
	p.t.Helper()
	got := byID(p, id, fmt.Sprintf(`(e.value = %s, e.dispatchEvent(new Event("input", { bubbles: true })), e.dispatchEvent(new Event("change", { bubbles: true })), "")`, jsString(value)))
	if got != "" {
		p.t.Fatalf("set #%s: %s", id, got)
	}
}

// clickID clicks the element with the id, which must be visible and enabled.
func clickID(p *Page, id string) {
	p.t.Helper()
	clickSel(p, "#"+id)
}

// clickSel clicks the element a CSS selector names, once it is visible and
// enabled.
func clickSel(p *Page, sel string) {
	p.t.Helper()
	waitJS(p.t, p, sel+" to be enabled", fmt.Sprintf(`(() => { const e = document.querySelector(%s); return !!e && !e.disabled && e.checkVisibility(); })()`, jsString(sel)), "", waitTimeout)
	if err := p.do(callTimeout, chromedp.Click(chromedp.CSS(sel))); err != nil {
		p.t.Fatalf("click %s: %v", sel, err)
	}
}

// result clicks a task's check button and waits for its verdict.
func result(p *Page, n int) (state, text string) {
	p.t.Helper()
	id := fmt.Sprintf("l%d-result", n)
	byID(p, id, `(e.textContent = "", e.dataset.state = "", "")`)
	clickID(p, fmt.Sprintf("l%d-check", n))
	waitJS(p.t, p, "#"+id+" to show a verdict", fmt.Sprintf(`document.getElementById(%s).dataset.state !== ""`, jsString(id)), "", waitTimeout)
	return byID(p, id, "e.dataset.state"), byID(p, id, "e.textContent")
}

// wantResult checks a task's verdict.
func wantResult(t *testing.T, p *Page, n int, want, contains string) {
	t.Helper()
	state, text := result(p, n)
	if state != want || !strings.Contains(text, contains) {
		t.Fatalf("lesson %d: the task says %s %q, want %s containing %q", n, state, text, want, contains)
	}
}

// progressOf reads the stored progress.
func progressOf(p *Page) string {
	p.t.Helper()
	return mustEval[string](p, `localStorage.getItem("jwt-playground:learn-progress") ?? ""`)
}

func TestLearnThreeParts(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "three-parts")
	if v := byID(p, "l1-verdict", "e.dataset.state"); v != "valid" {
		t.Fatalf("the lesson's own token is %q, want valid: %s", v, byID(p, "l1-verdict", "e.textContent"))
	}
	part := byID(p, "l1-part", "e.textContent")
	for _, want := range []string{"base64url", "Bytes", "Padding", `"name":"Ada Lovelace"`} {
		if !strings.Contains(part, want) {
			t.Errorf("the payload's view lacks %q: %s", want, part)
		}
	}
	clickSel(p, "#three-parts [data-part=signature]")
	if part := byID(p, "l1-part", "e.textContent"); !strings.Contains(part, "32 raw bytes") {
		t.Errorf("the signature's view does not say it is 32 raw bytes: %s", part)
	}

	// Unchanged, or broken, is not the task.
	wantResult(t, p, 1, "wrong", "payload is unchanged")
	token := byID(p, "l1-token", "e.value")
	parts := strings.Split(token, ".")
	setID(p, "l1-token", parts[0]+"."+parts[1]+"."+parts[2][:10])
	wantResult(t, p, 1, "wrong", "keep the header and the signature")
	if got := progressOf(p); got != "" {
		t.Fatalf("a wrong answer stored progress %q", got)
	}

	// One character of the payload.
	i := len(parts[1]) / 2
	c := "A"
	if parts[1][i] == 'A' {
		c = "B"
	}
	setID(p, "l1-token", parts[0]+"."+parts[1][:i]+c+parts[1][i+1:]+"."+parts[2])
	if v := byID(p, "l1-verdict", "e.textContent"); !strings.Contains(v, "Refused") {
		t.Errorf("the verdict of the changed token is %q, want a refusal", v)
	}
	wantResult(t, p, 1, "done", "no longer matches")
	if got := progressOf(p); got != "[1]" {
		t.Errorf("the stored progress is %q, want [1]", got)
	}
	if !mustEval[bool](p, `document.querySelector('#toc a[data-lesson="1"]').classList.contains("done")`) {
		t.Errorf("the contents do not mark lesson 1 done")
	}

	// The attack lab generates its keys only once it is shown.
	if n := byID(p, "l5-attacks", "e.children.length"); n != "0" {
		t.Errorf("lesson 1 set up the attack lab (%s cards)", n)
	}
	clickSel(p, `#toc a[data-lesson="5"]`)
	waitJS(t, p, "the attack lab", `!document.getElementById("attacks").hidden && document.getElementById("l5-attacks").children.length === 8`, "", waitTimeout)
	if lesson1 := mustEval[bool](p, `document.getElementById("three-parts").hidden`); !lesson1 {
		t.Errorf("lesson 1 still shows beside lesson 5")
	}
}

func TestLearnClaims(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "claims")
	// The payload as the lesson starts lives an hour.
	clickID(p, "l2-sign")
	wantResult(t, p, 2, "wrong", "still valid in 6 minutes")
	// Milliseconds are no better.
	now := time.Now().Unix()
	setID(p, "l2-payload", fmt.Sprintf(`{"sub":"learner","iat":%d,"exp":%d}`, now, (now+300)*1000))
	clickID(p, "l2-sign")
	wantResult(t, p, 2, "wrong", "still valid in 6 minutes")
	// Too short.
	setID(p, "l2-payload", fmt.Sprintf(`{"sub":"learner","iat":%d,"exp":%d}`, now, now+120))
	clickID(p, "l2-sign")
	wantResult(t, p, 2, "wrong", "still be valid in 4 minutes")

	clickID(p, "l2-fill")
	clickID(p, "l2-sign")
	wantResult(t, p, 2, "done", "expired in 6")
	setID(p, "l2-travel", "6")
	if v := byID(p, "l2-verdict", "e.textContent"); !strings.Contains(v, "At +6 min") || !strings.Contains(v, "expired") {
		t.Errorf("at +6 minutes the verdict is %q, want an expiry", v)
	}
	if claims := byID(p, "l2-claims", "e.textContent"); !strings.Contains(claims, "exp (registered)") {
		t.Errorf("the claims list lacks exp: %s", claims)
	}
}

func TestLearnSigning(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "signing")
	wantResult(t, p, 3, "wrong", "sign a token first")
	clickID(p, "l3-generate")
	clickID(p, "l3-sign")
	waitJS(t, p, "a signed token", `document.getElementById("l3-token").value.split(".").length === 3`, `document.getElementById("l3-status").textContent`, waitTimeout)

	setID(p, "l3-verifier", byID(p, "l3-private", "e.value"))
	wantResult(t, p, 3, "wrong", "holds the private key")
	// The public key with the private one after it, in one text.
	setID(p, "l3-verifier", byID(p, "l3-public", "e.value")+"\n"+byID(p, "l3-private", "e.value"))
	wantResult(t, p, 3, "wrong", "holds the private key")
	setID(p, "l3-verifier", "a-shared-secret-of-at-least-32-bytes!!")
	wantResult(t, p, 3, "wrong", "HMAC secret")

	// Another pair's public key does not verify it.
	pub := byID(p, "l3-public", "e.value")
	clickID(p, "l3-generate")
	waitJS(t, p, "a new key pair", fmt.Sprintf(`document.getElementById("l3-public").value !== %s`, jsString(pub)), "", waitTimeout)
	setID(p, "l3-verifier", byID(p, "l3-public", "e.value"))
	wantResult(t, p, 3, "wrong", "refuses")

	setID(p, "l3-verifier", pub)
	wantResult(t, p, 3, "done", "only a public key")
	waitJS(t, p, "the API's verdict", `document.getElementById("l3-verdict").dataset.state === "valid"`, `document.getElementById("l3-verdict").textContent`, waitTimeout)
}

func TestLearnVerifier(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "verifier")
	wantResult(t, p, 4, "wrong", "pick a reason")
	for _, wrong := range []string{"alg", "signature_invalid", "token_expired", "invalid_issuer", "typ"} {
		clickSel(p, fmt.Sprintf(`#verifier input[value="%s"]`, wrong))
		wantResult(t, p, 4, "wrong", "that check passes")
	}
	checks := byID(p, "l4-checks", "e.textContent")
	if !strings.Contains(checks, "✗ Audience") {
		t.Errorf("the checks do not show the audience failing: %s", checks)
	}
	// Exploring the settings does not change the answer.
	setID(p, "l4-aud", "https://billing.example.com")
	if checks := byID(p, "l4-checks", "e.textContent"); !strings.Contains(checks, "✓ Audience") {
		t.Errorf("with the token's audience expected, the checks say: %s", checks)
	}
	clickSel(p, `#verifier input[value="invalid_audience"]`)
	wantResult(t, p, 4, "done", "does not include")
}

func TestLearnInApps(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "in-apps")
	wantResult(t, p, 6, "wrong", "looks sensitive")
	if f := byID(p, "l6-findings", "e.textContent"); !strings.Contains(f, "password") {
		t.Errorf("the findings do not name the password: %s", f)
	}
	now := time.Now().Unix()
	setID(p, "l6-payload", fmt.Sprintf(`{"sub":"user-42","role":"editor","iat":%d,"exp":%d}`, now, now+3600))
	clickID(p, "l6-sign")
	wantResult(t, p, 6, "wrong", "15 minutes or less")
	setID(p, "l6-payload", fmt.Sprintf(`{"sub":"user-42","role":"editor","iat":%d,"exp":%d}`, now, now+900))
	clickID(p, "l6-sign")
	wantResult(t, p, 6, "done", "short-lived")
}

// TestLearnAttackLab forges each attack and checks the lab's API refuses
// it, cracks the weak secret and fails on a strong one, and walks the task.
func TestLearnAttackLab(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "attacks")
	waitJS(t, p, "the lab's keys", `document.getElementById("l5-status").textContent.startsWith("The lab is ready")`, `document.getElementById("l5-status").textContent`, loadTimeout)
	for _, a := range []struct{ id, want string }{
		{"none", "unsecured"},
		{"confusion", "algorithm-confusion"},
		{"kid-path", "signature does not match"},
		{"kid-sql", "signature does not match"},
		{"jku", "signature does not match"},
		{"jwk", "signature does not match"},
		{"ms", "longer"},
		{"replay", "has seen jti"},
	} {
		clickID(p, "l5-"+a.id+"-forge")
		waitJS(t, p, a.id+" to be judged", fmt.Sprintf(`document.getElementById("attack-%s").dataset.state === "forged"`, a.id), fmt.Sprintf(`document.getElementById("attack-%s").textContent`, a.id), waitTimeout)
		v := byID(p, "l5-"+a.id+"-verdict", "e.textContent")
		if !strings.Contains(v, "refused") || !strings.Contains(strings.ToLower(v), strings.ToLower(a.want)) {
			t.Errorf("%s: the API's verdict is %q, want a refusal saying %q", a.id, v, a.want)
		}
		if a.id != "replay" && strings.Contains(v, "accepted") {
			t.Errorf("%s: the API accepted a forgery: %q", a.id, v)
		}
	}
	if v := byID(p, "l5-replay-verdict", "e.textContent"); !strings.Contains(v, "First use, by its owner: accepted") || !strings.Contains(v, "expired") {
		t.Errorf("the replay card says %q, want the first use accepted and the late replay expired", v)
	}
	for id, code := range map[string]string{"none": "alg_none", "kid-sql": "suspicious_kid", "jku": "header_key_url", "jwk": "embedded_jwk", "ms": "exp_in_milliseconds", "confusion": "key_confusion"} {
		if l := byID(p, "l5-"+id+"-lint", "e.textContent"); !strings.Contains(l, code) {
			t.Errorf("%s: the security checks say %q, want %s", id, l, code)
		}
	}

	// A forgery is not the task.
	setID(p, "l5-answer", strings.TrimSpace(byID(p, "l5-none-token", "e.textContent")))
	wantResult(t, p, 5, "wrong", "refused")
	setID(p, "l5-secret", "not-the-secret")
	clickID(p, "l5-sign")
	wantResult(t, p, 5, "wrong", "signature does not match")

	found := crack(t, p, "weak")
	if found.state != "found" || !strings.Contains(found.text, `"Summer2024"`) {
		t.Fatalf("the cracker says %s %q, want the weak secret found", found.state, found.text)
	}
	t.Logf("found the weak secret at %s candidates per second", found.rate)
	if got := byID(p, "l5-secret", "e.value"); got != "Summer2024" {
		t.Fatalf("the secret box holds %q after the crack", got)
	}
	clickID(p, "l5-sign")
	wantResult(t, p, 5, "done", "accepted your admin token")
	setID(p, "l5-payload", `{"sub":"mallory","role":"user"}`)
	clickID(p, "l5-sign")
	wantResult(t, p, 5, "wrong", `not "admin"`)

	strong := crack(t, p, "strong")
	if strong.state != "not-found" || !strings.Contains(strong.text, "Not found") {
		t.Fatalf("on a strong secret the cracker says %s %q, want not found", strong.state, strong.text)
	}

	// The learner's own token, and one that is not HMAC.
	clickSel(p, `#attacks input[value="own"]`)
	setID(p, "l5-crack-token", strings.TrimSpace(byID(p, "l5-jwk-token", "e.textContent")))
	clickID(p, "l5-crack")
	if s := byID(p, "l5-found", "e.dataset.state"); s != "error" {
		t.Errorf("an RS256 token given to the cracker gives state %q, want error", s)
	}
}

// crackResult is what the cracker reported.
type crackResult struct{ state, text, rate string }

// crack picks a target, runs the cracker and waits for its verdict.
func crack(t *testing.T, p *Page, target string) crackResult {
	t.Helper()
	clickSel(p, fmt.Sprintf(`#attacks input[value="%s"]`, target))
	waitJS(t, p, "the target token", `document.getElementById("l5-crack-token").value.split(".").length === 3`, "", waitTimeout)
	byID(p, "l5-found", `(e.dataset.state = "", "")`)
	clickID(p, "l5-crack")
	waitJS(t, p, "the cracker to finish", `["found", "not-found", "error", "cancelled"].includes(document.getElementById("l5-found").dataset.state)`,
		`document.getElementById("l5-rate").textContent`, crackTimeout)
	return crackResult{byID(p, "l5-found", "e.dataset.state"), byID(p, "l5-found", "e.textContent"), byID(p, "l5-rate", "e.dataset.rate")}
}

// TestLearnCrackerHMAC checks the cracker's JS HMAC-SHA-256 against
// WebCrypto at the lengths where padding changes, and the worker's three
// hashes and its cancel; it writes the rate of each engine to
// e2e/out/cracker-rate.txt for BENCHMARKS.md.
func TestLearnCrackerHMAC(t *testing.T) {
	p := openLearn(t, "attacks")
	bad := mustEval[string](p, `(async () => {
		const { hmacSHA256 } = await import("./sha256.js");
		const enc = new TextEncoder();
		for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 200]) {
			const msg = enc.encode("m".repeat(n));
			const mac = hmacSHA256(msg);
			for (const k of [0, 1, 32, 63, 64, 65, 130]) {
				const key = enc.encode("k".repeat(k));
				const want = k === 0 ? null : new Uint8Array(await crypto.subtle.sign("HMAC",
					await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]), msg));
				const got = mac(key);
				if (want && got.join() !== want.join()) return "message " + n + ", key " + k + ": " + got.join() + " != " + want.join();
			}
		}
		return "";
	})()`)
	if bad != "" {
		t.Fatalf("sha256.js disagrees with WebCrypto at %s", bad)
	}

	// The whole list against a token no candidate signs, per engine, three
	// times each in turn (other tests share the cores): the best run counts.
	run := func(alg, engine string) map[string]any {
		ctx, stop := context.WithTimeout(p.ctx, crackTimeout)
		defer stop()
		r, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](fmt.Sprintf(`new Promise((resolve) => {
			const w = new Worker("cracker.js", { type: "module" });
			const alg = %s;
			const bits = { HS256: 32, HS384: 48, HS512: 64 }[alg];
			w.onmessage = ({ data }) => {
				if (data.type !== "progress") { w.terminate(); resolve(data); }
			};
			w.postMessage({ type: "crack", alg, engine: %s, signingInput: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlMmUifQ", signature: new Uint8Array(bits) });
		})`, jsString(alg), jsString(engine)), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("the cracker worker, %s %s: %v", alg, engine, err)
		}
		return r
	}
	// Each hash finds a secret of the list.
	for _, alg := range []string{"HS256", "HS384", "HS512"} {
		ctx, stop := context.WithTimeout(p.ctx, crackTimeout)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(async () => {
			const alg = %s, input = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlMmUifQ";
			const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("letmein"), { name: "HMAC", hash: "SHA-" + alg.slice(2) }, false, ["sign"]);
			const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(input)));
			return new Promise((resolve) => {
				const w = new Worker("cracker.js", { type: "module" });
				w.onmessage = ({ data }) => { if (data.type !== "progress") { w.terminate(); resolve(String(data.found)); } };
				w.postMessage({ type: "crack", alg, signingInput: input, signature });
			});
		})()`, jsString(alg)), chromedp.EvalAwaitPromise))
		stop()
		if err != nil || got != "letmein" {
			t.Errorf("%s signed with letmein: the cracker found %q (%v)", alg, got, err)
		}
	}

	engines := []struct{ alg, engine string }{{"HS256", "js"}, {"HS256", "webcrypto"}, {"HS384", "webcrypto"}, {"HS512", "webcrypto"}}
	best := make([]float64, len(engines))
	for range 3 {
		for i, c := range engines {
			r := run(c.alg, c.engine)
			if r["type"] != "done" || r["found"] != nil || r["tried"] != r["total"] {
				t.Fatalf("%s %s over the whole list: %v", c.alg, c.engine, r)
			}
			best[i] = max(best[i], r["rate"].(float64))
		}
	}
	var lines []string
	for i, c := range engines {
		lines = append(lines, fmt.Sprintf("%s %s: %.0f candidates/s", c.alg, c.engine, best[i]))
	}

	// Cancel, as the page does it, before the run can end.
	clickSel(p, `#attacks input[value="strong"]`)
	waitJS(t, p, "the strong token", `document.getElementById("l5-crack-token").value.split(".").length === 3`, "", waitTimeout)
	mustEval[bool](p, `(document.getElementById("l5-crack").click(), document.getElementById("l5-cancel").click(), true)`)
	if s := byID(p, "l5-found", "e.dataset.state"); s != "cancelled" {
		t.Errorf("after Cancel the cracker's state is %q, want cancelled", s)
	}
	if s := mustEval[string](p, `new Promise((r) => setTimeout(() => r(document.getElementById("l5-found").dataset.state), 1500))`); s != "cancelled" {
		t.Errorf("a cancelled run went on to report %q", s)
	}
	if byID(p, "l5-crack", "e.disabled") != "false" {
		t.Errorf("the Crack button stays disabled after a cancel")
	}
	t.Log(strings.Join(lines, "\n"))
	out := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "cracker-rate.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLearnProgress: progress survives a reload, holds lesson numbers only,
// and one button clears it.
func TestLearnProgress(t *testing.T) {
	t.Parallel()
	p := openLearn(t, "verifier")
	mustEval[bool](p, `(localStorage.setItem("jwt-playground:learn-progress", "[2, \"eyJ\", 99]"), true)`)
	reload(t, p)
	if got := byID(p, "progress", "e.textContent"); got != "1 of 6 done" {
		t.Errorf("with [2, \"eyJ\", 99] stored the page says %q, want 1 of 6 done", got)
	}
	clickSel(p, `#verifier input[value="invalid_audience"]`)
	wantResult(t, p, 4, "done", "")
	if got := progressOf(p); got != "[2,4]" {
		t.Errorf("the stored progress is %q, want [2,4]", got)
	}
	reload(t, p)
	if got := byID(p, "progress", "e.textContent"); got != "2 of 6 done" {
		t.Errorf("after a reload the page says %q", got)
	}
	clickID(p, "progress-reset")
	if got := progressOf(p); got != "" {
		t.Errorf("after the reset the storage holds %q", got)
	}
	if got := byID(p, "progress", "e.textContent"); got != "0 of 6 done" {
		t.Errorf("after the reset the page says %q", got)
	}
}

// TestLearnLinks: the main page links to the lessons, each lesson is
// linkable, and each opens its token in the main page, verified there.
func TestLearnLinks(t *testing.T) {
	t.Parallel()
	main := openPlayground(t)
	href := mustEval[string](main, `document.querySelector('[data-testid="learn-link"]').href`)
	if href != baseURL+"learn/" {
		t.Fatalf("the main page's link to the lessons is %q, want %q", href, baseURL+"learn/")
	}
	for _, lesson := range []struct {
		id, open string
		n        int
	}{{"three-parts", "l1-open", 1}, {"claims", "l2-open", 2}, {"verifier", "l4-open", 4}, {"in-apps", "l6-open", 6}} {
		p := openLearn(t, lesson.id)
		if shown := mustEval[string](p, `document.querySelector("section.lesson:not([hidden])").id`); shown != lesson.id {
			t.Errorf("learn/#%s shows %s", lesson.id, shown)
		}
		if lesson.n == 2 {
			clickID(p, "l2-sign")
		}
		link := byID(p, lesson.open, "e.href")
		token := byID(p, fmt.Sprintf("l%d-token", lesson.n), "e.value.trim()")
		u, err := url.Parse(link)
		if err != nil || u.Path != "/" {
			t.Fatalf("lesson %d links to %q, want the main page", lesson.n, link)
		}
		frag, _ := url.ParseQuery(u.Fragment)
		if frag.Get("token") != token {
			t.Fatalf("lesson %d's link carries token %q, want %q", lesson.n, frag.Get("token"), token)
		}
		q := openAt(t, link, atOptions{})
		s := q.WaitFor("the lesson's token to load", func(s State) bool { return s.Token == token && s.Status != "" })
		if s.Status != stateVerified {
			t.Errorf("lesson %d's token opens in the main page as %s, want verified", lesson.n, s)
		}
	}
}

// TestLearnScreenshots saves two lessons at laptop and phone widths, light
// and dark, to e2e/out/ for a person to look at.
func TestLearnScreenshots(t *testing.T) {
	t.Parallel()
	outDir := filepath.Join(repoRoot, "e2e", "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	devices := []device{
		{"laptop", 1280, 800, nil},
		{"phone", 390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait}},
	}
	for _, d := range devices {
		for _, scheme := range []string{"light", "dark"} {
			for _, lesson := range []string{"three-parts", "attacks"} {
				name := fmt.Sprintf("learn-%s-%s-%s", lesson, d.name, scheme)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					p := openAt(t, baseURL+"learn/#"+lesson, atOptions{parent: newBrowserContext(t), setup: []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(d.width, d.height, d.opts...), colorScheme(scheme)}})
					if lesson == "attacks" {
						waitJS(t, p, "the lab's keys", `document.getElementById("l5-status").textContent.startsWith("The lab is ready")`, "", loadTimeout)
						clickID(p, "l5-none-forge")
						clickID(p, "l5-confusion-forge")
						crack(t, p, "weak")
					} else {
						// The attack the lesson is about: admin true, the old signature kept.
						setID(p, "l1-token", byID(p, "l1-token", `(() => {
							const [h, b, s] = e.value.split(".");
							const claims = JSON.parse(atob(b.replace(/-/g, "+").replace(/_/g, "/")));
							claims.admin = true;
							return [h, btoa(JSON.stringify(claims)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"), s].join(".");
						})()`))
						clickID(p, "l1-check")
					}
					// A click scrolls its button into view, and the contents stick to the top.
					mustEval[bool](p, `(scrollTo(0, 0), true)`)
					ctx, cancel := context.WithTimeout(p.ctx, loadTimeout)
					defer cancel()
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatalf("screenshot %s: %v", name, err)
					}
					if err := os.WriteFile(filepath.Join(outDir, name+".png"), png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		}
	}
}

// TestLearnOffline: a first visit to the lessons installs the service
// worker, and then the lessons, the cracker's worker and the main page all
// open with no network.
func TestLearnOffline(t *testing.T) {
	t.Parallel()
	inst := startInstance(t, servedDir(t), false)
	bctx := newBrowserContext(t)
	p := openAt(t, inst.url+"learn/#attacks", atOptions{parent: bctx})
	waitControlled(t, p)
	if err := p.do(callTimeout, offline); err != nil {
		t.Fatalf("go offline: %v", err)
	}
	serviceWorkerOffline(t, bctx, inst.url+"sw.js")
	linesOnline := len(parseLog(inst.Log()))

	q := openAt(t, inst.url+"learn/#attacks", atOptions{parent: bctx, setup: []chromedp.Action[chromedp.Void]{offline}})
	if found := crack(t, q, "weak"); found.state != "found" {
		t.Errorf("offline, the cracker says %s %q", found.state, found.text)
	}
	clickID(q, "l5-none-forge")
	waitJS(t, q, "the forgery to be judged", `document.getElementById("attack-none").dataset.state === "forged"`, "", waitTimeout)
	link := byID(q, "l5-none-token", "e.textContent")
	r := openAt(t, inst.url+"#token="+link, atOptions{parent: bctx, setup: []chromedp.Action[chromedp.Void]{offline}})
	r.WaitStatus(link, stateUnsecured)

	var leaked []string
	for _, l := range parseLog(inst.Log())[linesOnline:] {
		if l.Path != "/sw.js" && l.Path != "/sw-assets.js" {
			leaked = append(leaked, l.String())
		}
	}
	if len(leaked) > 0 {
		t.Errorf("while offline, the lessons' requests reached the server: %q", leaked)
	}
}
