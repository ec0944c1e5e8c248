package e2e

// SD-JWT (RFC 9901) on the page: a pasted SD-JWT shows its disclosures,
// where each lands, the processed claims and its key binding; the badge
// passes it only when the disclosures and the key binding pass too (a
// wrong nonce or an unreferenced disclosure is never "Signature
// verified"); the builder issues one from the editors, and unticking a
// disclosure in the presentation takes the claim from the verifier's view.

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// sdMade is an SD-JWT made in the page with its own API, and the issuer's
// public key that verifies it.
type sdMade struct {
	SDJWT   string `json:"sdjwt"`
	Foreign string `json:"foreign"`
	Key     string `json:"key"`
	Error   string `json:"error"`
}

// makeSDJS issues {given_name, age} as disclosures with an ES256 issuer
// key, bound to a holder key, and presents both with a key-binding JWT for
// audience https://v.example and nonce n-123 (kb true), or neither without
// key binding (kb false). foreign is a disclosure of another SD-JWT.
const makeSDJS = `(async (kb) => {
	// The page's engine answers asynchronously, from a worker: the core on
	// this thread (local.js, the lessons') answers synchronously.
	const api = await (await import(new URL("local.js", location.href))).ready;
	const issuer = api.generateKey("ES256"), holder = api.generateKey("ES256");
	const payload = '{"iss":"https://issuer.example","given_name":"Ada","age":36}';
	const is = api.issueSD({ header: { alg: "ES256", typ: "dc+sd-jwt" }, payload, disclose: ["/given_name", "/age"],
		holderKey: holder.privateKeyPem, key: issuer.privateKeyPem });
	const other = api.issueSD({ header: { alg: "ES256" }, payload: '{"admin":true}', disclose: ["/admin"], key: issuer.privateKeyPem });
	if (!is.ok || !other.ok) return { error: JSON.stringify(is.error ?? other.error) };
	const input = { sdjwt: is.sdjwt, reveal: [0, 1] };
	if (kb) Object.assign(input, { holderKey: holder.privateKeyPem, audience: "https://v.example", nonce: "n-123" });
	const pres = api.presentSD(input);
	if (!pres.ok) return { error: JSON.stringify(pres.error) };
	return { sdjwt: pres.sdjwt, foreign: other.disclosures[0].text, key: issuer.publicKeyPem };
})`

func makeSD(t *testing.T, p *Page, kb bool) sdMade {
	t.Helper()
	arg := "false"
	if kb {
		arg = "true"
	}
	m := mustEval[sdMade](p, makeSDJS+"("+arg+")")
	if m.Error != "" {
		t.Fatalf("making the SD-JWT: %s", m.Error)
	}
	return m
}

// sdPanel is what the SD-JWT panel shows.
type sdPanel struct {
	Hidden      bool     `json:"hidden"`
	Rows        []string `json:"rows"`
	RowCodes    []string `json:"rowCodes"` // the error codes shown in each row, space-separated
	Processed   string   `json:"processed"`
	Undisclosed string   `json:"undisclosed"`
	KB          string   `json:"kb"`
}

func readSDPanel(p *Page) sdPanel {
	p.t.Helper()
	return mustEval[sdPanel](p, `(() => ({
		hidden: document.getElementById("sd-panel").hidden,
		rows: [...document.querySelectorAll("#sd-disclosure-rows tr[data-testid=sd-disclosure]")].map((r) => r.textContent.replace(/\s+/g, " ").trim()),
		rowCodes: [...document.querySelectorAll("#sd-disclosure-rows tr[data-testid=sd-disclosure]")].map((r) =>
			[...document.querySelectorAll('#sd-disclosure-rows tr.sd-error-row[data-for="' + r.dataset.index + '"] li')].map((li) => li.dataset.code).join(" ")),
		processed: document.getElementById("sd-processed").textContent,
		undisclosed: document.getElementById("sd-undisclosed").textContent,
		kb: document.getElementById("sd-kb").textContent,
	}))()`)
}

// TestSDJWTDecodeVerify pastes an SD-JWT with a key-binding JWT: the
// disclosures and the processed claims show, and the badge verifies it
// with the expected audience and nonce, and refuses a wrong nonce and an
// unreferenced disclosure.
func TestSDJWTDecodeVerify(t *testing.T) {
	p := openPlayground(t)
	m := makeSD(t, p, true)
	p.SetKey(m.Key)
	p.SetValue("check-nonce", "n-123")
	// Pasted as a header line: the finder keeps the "~" form whole.
	p.SetToken("Authorization: Bearer " + m.SDJWT)
	s := p.WaitStatus(m.SDJWT, "verified")
	if !s.TokenError.clear() || !strings.Contains(s.Header, "dc+sd-jwt") || !strings.Contains(s.Payload, "_sd") {
		t.Fatalf("the issuer JWT is not shown as a JWT: %v", s)
	}
	if !strings.Contains(s.StatusText, "key binding") {
		t.Errorf("the verdict does not speak of the key binding: %q", s.StatusText)
	}
	sd := readSDPanel(p)
	if sd.Hidden || len(sd.Rows) != 2 {
		t.Fatalf("SD-JWT panel = %+v, want two disclosures shown", sd)
	}
	rows := strings.Join(sd.Rows, "\n")
	for _, want := range []string{`"given_name","Ada"]`, `"age",36]`, "/given_name", "/age"} {
		if !strings.Contains(rows, want) {
			t.Errorf("disclosure rows = %q, want %s (the disclosure and where it lands)", rows, want)
		}
	}
	if !strings.Contains(sd.Processed, `"given_name": "Ada"`) || !strings.Contains(sd.Processed, `"age": 36`) || strings.Contains(sd.Processed, "_sd") {
		t.Errorf("processed payload = %q", sd.Processed)
	}
	if !strings.Contains(sd.KB, "n-123") || !strings.Contains(sd.KB, "sd_hash") {
		t.Errorf("key binding shown = %q", sd.KB)
	}

	// Attacker: the presentation was made for another nonce (a replay).
	p.SetValue("check-nonce", "fresh-nonce")
	b := waitBadge(p, "a wrong nonce refused", func(b badge) bool { return b.State == "claims-invalid" })
	if strings.HasPrefix(b.Title, "Signature verified") && !strings.Contains(b.Title, "key binding fails") || !strings.Contains(b.Detail, "nonce") {
		t.Errorf("wrong nonce: badge = %+v", b)
	}
	if kb := mustEval[string](p, `document.getElementById("sd-kb-verify").textContent`); !strings.Contains(kb, "fresh-nonce") {
		t.Errorf("beside the key binding: %q, want the nonce mismatch", kb)
	}
	p.SetValue("check-nonce", "")

	// Attacker: a disclosure the issuer never signed, slipped into an
	// SD-JWT without key binding.
	plain := makeSD(t, p, false)
	p.SetKey(plain.Key)
	forged := plain.SDJWT + plain.Foreign + "~"
	p.SetToken(forged)
	s = p.WaitStatus(forged, "claims-invalid")
	if !strings.Contains(s.StatusText, "disclosures fail") {
		t.Errorf("unreferenced disclosure: badge = %q", s.StatusText)
	}
	sd = readSDPanel(p)
	if len(sd.Rows) != 3 || !strings.Contains(sd.Rows[2], "not referenced") || sd.RowCodes[2] != "sd_unreferenced" || sd.RowCodes[0] != "" || strings.Contains(sd.Processed, "admin") {
		t.Errorf("forged SD-JWT panel = %+v, want the third disclosure not referenced and not in the claims", sd)
	}
	if !strings.Contains(sd.KB, "No key-binding JWT") {
		t.Errorf("key binding shown = %q", sd.KB)
	}

	// A plain JWT (the issuer JWT alone) hides the panel again.
	p.SetToken(plain.SDJWT[:strings.Index(plain.SDJWT, "~")])
	p.WaitFor("the SD-JWT panel hidden", func(State) bool { return readSDPanel(p).Hidden })
}

// TestSDJWTBuilder issues an SD-JWT from the editors, presents it with a
// key-binding JWT, and unticks a disclosure: the verifier's view loses the
// claim, and the presentation opens in the token box and verifies.
func TestSDJWTBuilder(t *testing.T) {
	p := openPlayground(t)
	p.WaitFor("the sample verified", func(s State) bool { return s.Status == "verified" })
	p.SetValue("payload-json", `{"iss":"https://issuer.example","given_name":"Ada","age":36}`)
	p.WaitFor("the token re-signed", func(s State) bool {
		return strings.Contains(s.Token, ".") && s.Status == "verified" && strings.Contains(s.Payload, "Ada")
	})
	openBuilder(p)
	click := func(id string) { clickID(p, id) }
	waitJS := func(desc, expr string) { t.Helper(); waitTrue(p, desc, expr) }
	waitJS("the claims listed", `document.querySelectorAll("#sd-claims input").length === 3`)
	ticked := mustEval[[]string](p, `[...document.querySelectorAll("#sd-claims input:checked")].map((b) => b.value)`)
	if strings.Join(ticked, " ") != "/given_name /age" {
		t.Errorf("ticked at first = %v, want the private claims", ticked)
	}
	click("sd-holder-generate")
	waitJS("a holder key", `document.getElementById("sd-holder-key").value.includes("PRIVATE KEY")`)
	click("sd-issue")
	waitJS("the presentation", `!document.getElementById("sd-present").hidden`)
	view := mustEval[string](p, `document.getElementById("sd-verifier-view").textContent`)
	if !strings.Contains(view, `"given_name": "Ada"`) || !strings.Contains(view, `"age": 36`) {
		t.Fatalf("verifier view = %q", view)
	}
	p.SetValue("sd-kb-aud", "https://v.example")
	p.SetValue("sd-kb-nonce", "n-9")
	mustEval[bool](p, `(() => { const b = document.getElementById("sd-kb-on"); b.click(); return b.checked; })()`)
	p.Settle() // the engine presents it asynchronously
	presented := mustEval[string](p, `document.getElementById("sd-presented").value`)
	if strings.HasSuffix(presented, "~") || strings.Count(presented, "~") != 3 {
		t.Fatalf("presented = %q, want two disclosures and a key-binding JWT", presented)
	}

	// Untick given_name: the verifier no longer learns it.
	mustEval[bool](p, `(() => {
		const b = document.querySelector('#sd-reveal input[data-path="/given_name"]');
		b.click();
		return !b.checked;
	})()`)
	p.Settle()
	view = mustEval[string](p, `document.getElementById("sd-verifier-view").textContent`)
	if strings.Contains(view, "given_name") || strings.Contains(view, "Ada") || !strings.Contains(view, `"age": 36`) {
		t.Errorf("verifier view after unticking given_name = %q", view)
	}
	presented = mustEval[string](p, `document.getElementById("sd-presented").value`)
	if strings.Count(presented, "~") != 2 {
		t.Errorf("presented after unticking = %q, want one disclosure and a key-binding JWT", presented)
	}

	// Open it: the page verifies it with the key box's secret, the nonce given.
	p.SetValue("check-nonce", "n-9")
	click("sd-open")
	p.WaitStatus(presented, "verified")
	if sd := readSDPanel(p); sd.Hidden || len(sd.Rows) != 1 || strings.Contains(sd.Processed, "Ada") {
		t.Errorf("opened presentation panel = %+v", sd)
	}

	// Editing the issuer JWT re-signs it and keeps the disclosures and the
	// key binding, whose sd_hash no longer matches.
	tail := presented[strings.Index(presented, "~"):]
	edited := strings.Replace(p.State().Payload, "{", `{"extra":1,`, 1)
	p.SetValue("payload-json", edited)
	s := p.WaitFor("the issuer JWT re-signed, the disclosures kept", func(s State) bool {
		return s.Token != presented && strings.HasSuffix(s.Token, tail)
	})
	p.WaitStatus(s.Token, "claims-invalid")
}

// TestSDJWTEmbedRefusesForgedDisclosure: <jwt-playground mode="verify">
// given an SD-JWT with a disclosure its issuer never signed says the
// claims fail, not "Signature verified".
func TestSDJWTEmbedRefusesForgedDisclosure(t *testing.T) {
	p := openPlayground(t)
	m := makeSD(t, p, false)
	forged := m.SDJWT + m.Foreign + "~"
	mustEval[bool](p, `(async (token, key) => {
		await import("./embed.js");
		const el = document.createElement("jwt-playground");
		el.id = "sd-embed";
		el.setAttribute("mode", "verify");
		el.setAttribute("token", token);
		el.setAttribute("key", key);
		document.body.append(el);
		el.scrollIntoView(); // the element starts its engine when about to be seen
		return true;
	})(`+jsString(forged)+`, `+jsString(m.Key)+`)`)
	v := waitEmbed(t, p, "the embedded SD-JWT", func() (embedView, error) {
		return eval[embedView](p, readEmbedJS+`("#sd-embed")`)
	}, "claims-invalid")
	if !strings.Contains(v.StatusText, "not referenced") && !strings.Contains(v.StatusText, "disclosure") {
		t.Errorf("embed status = %q, want the unreferenced disclosure named", v.StatusText)
	}
}

// openBuilder opens "Build an SD-JWT", which lists the payload's claims.
func openBuilder(p *Page) {
	p.t.Helper()
	mustEval[bool](p, `(() => { const d = document.getElementById("sd-build-details"); d.open = true; return true; })()`)
}

// waitTrue waits until the JavaScript expression expr is true.
func waitTrue(p *Page, desc, expr string) {
	p.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !mustEval[bool](p, expr) {
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s", desc)
		}
		p.sleep(pollInterval)
	}
}

func textOf(p *Page, id string) string {
	p.t.Helper()
	return mustEval[string](p, `document.getElementById(`+jsString(id)+`).textContent`)
}

// issueOnPage puts payload in the payload editor (re-signed with the key
// box's key), opens the builder, sets the decoys and issues.
func issueOnPage(t *testing.T, p *Page, payload, decoys string) {
	t.Helper()
	p.WaitFor("the sample verified", func(s State) bool { return s.Status == stateVerified })
	p.SetValue("payload-json", payload)
	p.WaitFor("the token re-signed", func(s State) bool { return s.Status == stateVerified && strings.Contains(s.Token, ".") })
	openBuilder(p)
	waitTrue(p, "the claims listed", `document.querySelectorAll("#sd-claims input").length > 0`)
	p.SetValue("sd-decoys", decoys)
	clickID(p, "sd-issue")
	waitTrue(p, "the presentation", `!document.getElementById("sd-present").hidden && document.getElementById("sd-presented").value !== ""`)
}

// TestSDJWTDecoys issues an SD-JWT with decoy digests on the page: the
// builder counts them, the verifier's view and the pasted SD-JWT's panel
// count them with the claims left hidden, and no decoy is ever shown as a
// disclosure.
func TestSDJWTDecoys(t *testing.T) {
	p := openPlayground(t)
	issueOnPage(t, p, `{"iss":"https://issuer.example","given_name":"Ada","age":36}`, "3")
	issuedNote := textOf(p, "sd-issued")
	if !strings.Contains(issuedNote, "2 disclosures") || !strings.Contains(issuedNote, "3 decoy digests") {
		t.Errorf("issued note = %q, want 2 disclosures and 3 decoys counted", issuedNote)
	}
	if n := mustEval[int](p, `document.querySelectorAll("#sd-reveal input").length`); n != 2 {
		t.Errorf("%d disclosures offered to reveal, want 2 (decoys have none)", n)
	}
	notes := textOf(p, "sd-verifier-notes")
	if !strings.Contains(notes, "3 undisclosed digests (3 in the top level)") {
		t.Errorf("verifier notes = %q, want the 3 decoys counted as undisclosed", notes)
	}
	// Hide given_name: the verifier sees 4 hidden digests, and cannot tell
	// the claim from the decoys.
	mustEval[bool](p, `(document.querySelector('#sd-reveal input[data-path="/given_name"]').click(), true)`)
	waitTrue(p, "given_name hidden", `!document.getElementById("sd-verifier-view").textContent.includes("given_name")`)
	if notes := textOf(p, "sd-verifier-notes"); !strings.Contains(notes, "4 undisclosed digests (4 in the top level)") {
		t.Errorf("verifier notes after hiding given_name = %q", notes)
	}
	presented := mustEval[string](p, `document.getElementById("sd-presented").value`)
	clickID(p, "sd-open")
	p.WaitStatus(presented, stateVerified)
	sd := readSDPanel(p)
	if len(sd.Rows) != 1 || !strings.Contains(sd.Rows[0], `"age",36]`) {
		t.Errorf("panel rows = %q, want the one disclosure and no decoy", sd.Rows)
	}
	if !strings.HasPrefix(sd.Undisclosed, "4 undisclosed digests (4 in the top level)") || strings.Contains(sd.Processed, "given_name") {
		t.Errorf("panel = %+v, want 4 undisclosed digests and no given_name", sd)
	}
	// The issuer JWT holds 5 digests: the two disclosures' and the 3 decoys'.
	var issuer struct {
		SD []string `json:"_sd"`
	}
	if err := json.Unmarshal([]byte(p.State().Payload), &issuer); err != nil || len(issuer.SD) != 5 {
		t.Fatalf("issuer payload _sd = %v (%v), want 5 digests", issuer.SD, err)
	}
	// The builder named the 3 that are decoys: none is a disclosure's.
	digests := strings.Join(mustEval[[]string](p, `[...document.querySelectorAll("#sd-disclosure-rows .sd-digest")].map((td) => td.textContent)`), " ")
	decoys := 0
	for _, d := range issuer.SD {
		if strings.Contains(issuedNote, d[:12]+"…") {
			decoys++
			if strings.Contains(digests, d) {
				t.Errorf("the decoy %s is shown as a disclosure's digest", d)
			}
		}
	}
	if decoys != 3 {
		t.Errorf("issued note %q names %d of the issuer JWT's digests %v as decoys, want 3", issuedNote, decoys, issuer.SD)
	}
}

// tamper rewrites the disclosure of claim name in sdjwt with value, its
// salt kept: what an attacker who wants another value does.
func tamper(t *testing.T, sdjwt, name string, value any) string {
	t.Helper()
	parts := strings.Split(sdjwt, "~")
	for i := 1; i < len(parts)-1; i++ {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			continue
		}
		var d []any
		if json.Unmarshal(raw, &d) != nil || len(d) != 3 || d[1] != name {
			continue
		}
		d[2] = value
		b, _ := json.Marshal(d)
		parts[i] = base64.RawURLEncoding.EncodeToString(b)
		return strings.Join(parts, "~")
	}
	t.Fatalf("no disclosure of %q in %q", name, sdjwt)
	return ""
}

// TestSDJWTTamperedDisclosure changes a disclosure's value (age 36 to 17,
// its salt kept): its digest is in no _sd, so the row says it is not
// referenced, the claim stays out of the processed payload, its real
// digest counts as undisclosed, and the badge refuses it; under a key
// binding, the sd_hash fails too.
func TestSDJWTTamperedDisclosure(t *testing.T) {
	p := openPlayground(t)
	for _, kb := range []bool{false, true} {
		m := makeSD(t, p, kb)
		p.SetKey(m.Key)
		forged := tamper(t, m.SDJWT, "age", 17)
		p.SetToken(forged)
		s := p.WaitStatus(forged, "claims-invalid")
		if !strings.Contains(s.StatusText, "disclosures fail") || strings.Contains(s.StatusText, "Signature verified.") {
			t.Errorf("kb %v: badge = %q, want the disclosures to fail", kb, s.StatusText)
		}
		sd := readSDPanel(p)
		bad := -1
		for i, r := range sd.Rows {
			if strings.Contains(r, `"age",17]`) {
				bad = i
			}
		}
		if bad < 0 || !strings.Contains(sd.Rows[bad], "not referenced") || sd.RowCodes[bad] != "sd_unreferenced" {
			t.Fatalf("kb %v: panel = %+v, want the tampered disclosure not referenced (sd_unreferenced) in its row", kb, sd)
		}
		if strings.Contains(sd.Processed, "age") || !strings.Contains(sd.Processed, `"given_name": "Ada"`) {
			t.Errorf("kb %v: processed = %q, want given_name and no age", kb, sd.Processed)
		}
		if !strings.HasPrefix(sd.Undisclosed, "1 undisclosed digest (1 in the top level)") {
			t.Errorf("kb %v: undisclosed = %q, want the real age's digest counted", kb, sd.Undisclosed)
		}
		if kb {
			codes := mustEval[string](p, `[...document.querySelectorAll("#sd-kb-verify li")].map((li) => li.dataset.code).join(" ")`)
			if !strings.Contains(codes, "kb_sd_hash_mismatch") {
				t.Errorf("beside the key binding: %q, want kb_sd_hash_mismatch", codes)
			}
		}
	}
}

// TestSDJWTKeyBindingAudienceNonce checks a presentation's key binding
// against the expected audience and nonce given on the page: both right
// verifies; a wrong audience or nonce is named beside the key binding and
// is never "Signature verified".
func TestSDJWTKeyBindingAudienceNonce(t *testing.T) {
	p := openPlayground(t)
	m := makeSD(t, p, true)
	p.SetKey(m.Key)
	setByID(t, p, "check-audience", "https://v.example")
	setByID(t, p, "check-nonce", "n-123")
	p.SetToken(m.SDJWT)
	p.WaitStatus(m.SDJWT, stateVerified)
	if kb := readSDPanel(p).KB; !strings.Contains(kb, `"typ": "kb+jwt"`) || !strings.Contains(kb, `"aud": "https://v.example"`) {
		t.Errorf("key binding shown = %q, want its header and claims", kb)
	}
	// Explained: the claims the verifier sees and the key binding's.
	mustEval[bool](p, `(document.querySelector(".sd-explained-box").open = true, true)`)
	waitTrue(p, "the explanations", `document.querySelectorAll("#sd-explained tr").length > 0`)
	explained := mustEval[[]string](p, `[...document.querySelectorAll("#sd-explained tr")].map((r) => r.cells[0].textContent + " " + r.cells[1].textContent)`)
	for _, want := range []string{"claims given_name", "key-binding header typ", "key-binding claims sd_hash", "key-binding claims nonce"} {
		if !slices.ContainsFunc(explained, func(r string) bool { return strings.HasPrefix(r, want+" ") }) {
			t.Errorf("explained rows = %q, want %q", explained, want)
		}
	}
	for _, c := range []struct{ field, value, code, named string }{
		{"check-audience", "https://attacker.example", "invalid_audience", "https://attacker.example"},
		{"check-nonce", "n-999", "kb_nonce_mismatch", "n-999"},
	} {
		good := mustEval[string](p, `document.getElementById(`+jsString(c.field)+`).value`)
		setByID(t, p, c.field, c.value)
		b := waitBadge(p, c.field+" wrong", func(b badge) bool { return b.State == "claims-invalid" })
		if !strings.Contains(b.Title, "key binding fails") {
			t.Errorf("%s %q: badge = %+v, want the key binding named", c.field, c.value, b)
		}
		codes := mustEval[string](p, `[...document.querySelectorAll("#sd-kb-verify li")].map((li) => li.dataset.code + " " + li.textContent).join("\n")`)
		if !strings.Contains(codes, c.code) || !strings.Contains(codes, c.named) {
			t.Errorf("%s %q: beside the key binding %q, want %s naming %s", c.field, c.value, codes, c.code, c.named)
		}
		setByID(t, p, c.field, good)
		waitBadge(p, c.field+" right again", func(b badge) bool { return b.State == stateVerified })
	}
	if kb := textOf(p, "sd-kb-verify"); kb != "" {
		t.Errorf("beside a good key binding: %q", kb)
	}
	if note := textOf(p, "sd-kb-unchecked"); note != "" {
		t.Errorf("with the audience and nonce expected, the page says %q", note)
	}

	// No nonce expected: the key binding passes, and the page says the
	// nonce was only found, not compared.
	setByID(t, p, "check-nonce", "")
	waitTrue(p, "the note on the nonce", `document.getElementById("sd-kb-unchecked").textContent.includes("nonce was not compared")`)
	if b := readBadge(p); b.State != stateVerified {
		t.Errorf("without an expected nonce: badge = %+v", b)
	}

	// Checked 10 minutes later, the key binding is stale: a replay.
	setByID(t, p, "check-nonce", "n-123")
	mustEval[bool](p, `(() => {
		const d = new Date(Date.now() + 600e3), pad = (n) => String(n).padStart(2, "0");
		const e = document.getElementById("check-now");
		e.value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
		e.dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`)
	b := waitBadge(p, "a stale key binding", func(b badge) bool { return b.State == "claims-invalid" })
	codes := mustEval[string](p, `[...document.querySelectorAll("#sd-kb-verify li")].map((li) => li.dataset.code).join(" ")`)
	if !strings.Contains(b.Title, "key binding fails") || codes != "kb_stale" {
		t.Errorf("10 minutes later: badge %+v, beside the key binding %q, want kb_stale", b, codes)
	}
}

// TestSDJWTBuilderNested presents a claim inside a selectively disclosable
// object: the object is revealed too (a claim cannot be seen inside a
// hidden object), and the page says so beside it.
func TestSDJWTBuilderNested(t *testing.T) {
	p := openPlayground(t)
	p.WaitFor("the sample verified", func(s State) bool { return s.Status == stateVerified })
	p.SetValue("payload-json", `{"iss":"https://issuer.example","address":{"street":"1 Main St","locality":"Town"}}`)
	p.WaitFor("the token re-signed", func(s State) bool { return s.Status == stateVerified && strings.Contains(s.Payload, "Main") })
	openBuilder(p)
	waitTrue(p, "the claims listed", `document.querySelectorAll("#sd-claims input").length === 4`)
	mustEval[bool](p, `(document.querySelector('#sd-claims input[value="/address/street"]').click(), true)`)
	clickID(p, "sd-issue")
	waitTrue(p, "the presentation", `document.querySelectorAll("#sd-reveal input").length === 2`)
	// Hide the address, keep its street.
	mustEval[bool](p, `(document.querySelector('#sd-reveal input[data-path="/address"]').click(), true)`)
	waitTrue(p, "the note on the address", `document.getElementById("sd-reveal").textContent.includes("revealed anyway")`)
	// The verifier view follows once the engine has made the presentation.
	p.Settle()
	view := textOf(p, "sd-verifier-view")
	if !strings.Contains(view, `"street": "1 Main St"`) || !strings.Contains(view, `"locality": "Town"`) {
		t.Errorf("verifier view = %q, want the address with its street", view)
	}
	// Hide the street too: the address goes, its digest counted.
	mustEval[bool](p, `(document.querySelector('#sd-reveal input[data-path="/address/street"]').click(), true)`)
	waitTrue(p, "the address hidden", `!document.getElementById("sd-verifier-view").textContent.includes("address")`)
	if notes := textOf(p, "sd-verifier-notes"); !strings.Contains(notes, "1 undisclosed digest (1 in the top level)") {
		t.Errorf("verifier notes = %q", notes)
	}
	if r := textOf(p, "sd-reveal"); strings.Contains(r, "revealed anyway") {
		t.Errorf("reveal list = %q, want no note once nothing inside is revealed", r)
	}
}
