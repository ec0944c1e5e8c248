package e2e

// SD-JWT (RFC 9901) on the page: a pasted SD-JWT shows its disclosures,
// where each lands, the processed claims and its key binding; the badge
// passes it only when the disclosures and the key binding pass too (a
// wrong nonce or an unreferenced disclosure is never "Signature
// verified"); the builder issues one from the editors, and unticking a
// disclosure in the presentation takes the claim from the verifier's view.

import (
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
		rows: [...document.querySelectorAll("#sd-disclosure-rows tr")].map((r) => r.textContent.replace(/\s+/g, " ").trim()),
		rowCodes: [...document.querySelectorAll("#sd-disclosure-rows tr")].map((r) => [...r.querySelectorAll("li")].map((li) => li.dataset.code).join(" ")),
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
	for _, want := range []string{`"given_name", "Ada"]`, `"age", 36]`, "/given_name", "/age"} {
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
	mustEval[bool](p, `(() => { const d = document.getElementById("sd-build-details"); d.open = true; return true; })()`)
	click := func(id string) { mustEval[bool](p, `(document.getElementById("`+id+`").click(), true)`) }
	waitJS := func(desc, expr string) {
		t.Helper()
		deadline := time.Now().Add(waitTimeout)
		for !mustEval[bool](p, expr) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", desc)
			}
			p.sleep(pollInterval)
		}
	}
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
