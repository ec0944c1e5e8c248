package e2e

// SD-JWTs in the embeddable forms: <jwt-playground> and embed.html decode
// an SD-JWT (the issuer JWT in the editors, the disclosed claims under
// them) and verify it whole, the key binding against the expected
// audience and nonce given as attributes or in embed.html's fragment.

import (
	"net/url"
	"strings"
	"testing"
)

// readEmbedSDJS reads an embed's SD-JWT part: the disclosed claims and the
// note under them, "" when hidden.
const readEmbedSDJS = `((root) => {
	const box = root.querySelector("[data-testid=embed-sd]");
	return box && !box.hidden ? box.textContent.replace(/\s+/g, " ") : "";
})`

func TestSDJWTEmbedKeyBinding(t *testing.T) {
	p := openPlayground(t)
	m := makeSD(t, p, true)
	mustEval[bool](p, `(async (token, key) => {
		await import("./embed.js");
		const el = document.createElement("jwt-playground");
		el.id = "sd-embed";
		for (const [k, v] of Object.entries({ mode: "verify", token, key, audience: "https://v.example", nonce: "n-123" })) el.setAttribute(k, v);
		document.body.append(el);
		return true;
	})(`+jsString(m.SDJWT)+`, `+jsString(m.Key)+`)`)
	read := func() (embedView, error) { return eval[embedView](p, readEmbedJS+`("#sd-embed")`) }
	v := waitEmbed(t, p, "the embedded SD-JWT with the right audience and nonce", read, stateVerified)
	if v.TokenError != "" || !strings.Contains(v.Header, "dc+sd-jwt") || !strings.Contains(v.Payload, "_sd") {
		t.Errorf("embed = %s, want the issuer JWT decoded", v)
	}
	sd := mustEval[string](p, readEmbedSDJS+`(document.getElementById("sd-embed").shadowRoot)`)
	if !strings.Contains(sd, `"given_name": "Ada"`) || !strings.Contains(sd, "2 disclosures, a key-binding JWT") {
		t.Errorf("embed's disclosed claims = %q", sd)
	}

	// A presentation replayed to another verifier: another nonce expected.
	mustEval[bool](p, `(document.getElementById("sd-embed").setAttribute("nonce", "n-999"), true)`)
	v = waitEmbed(t, p, "the embedded SD-JWT with another nonce expected", read, "claims-invalid")
	if !strings.Contains(v.StatusText, "nonce") || !strings.Contains(v.StatusText, "n-999") {
		t.Errorf("embed status = %q, want the nonce named", v.StatusText)
	}
	mustEval[bool](p, `(document.getElementById("sd-embed").setAttribute("nonce", "n-123"), document.getElementById("sd-embed").setAttribute("audience", "https://attacker.example"), true)`)
	v = waitEmbed(t, p, "the embedded SD-JWT with another audience expected", read, "claims-invalid")
	if !strings.Contains(v.StatusText, "https://attacker.example") {
		t.Errorf("embed status = %q, want the audience named", v.StatusText)
	}

	// embed.html reads the same from its fragment.
	frag := url.Values{"token": {m.SDJWT}, "key": {m.Key}, "audience": {"https://v.example"}, "nonce": {"n-123"}}
	f := openAt(t, baseURL+"embed.html#"+frag.Encode(), atOptions{other: true})
	readFrame := func() (embedView, error) { return eval[embedView](f, readEmbedJS+`("jwt-playground")`) }
	waitEmbed(t, f, "embed.html with the SD-JWT, audience and nonce", readFrame, stateVerified)
	if sd := mustEval[string](f, readEmbedSDJS+`(document.querySelector("jwt-playground").shadowRoot)`); !strings.Contains(sd, `"age": 36`) {
		t.Errorf("embed.html's disclosed claims = %q", sd)
	}
	frag.Set("nonce", "n-999")
	mustEval[bool](f, `(location.hash = `+jsString(frag.Encode())+`, true)`)
	v = waitEmbed(t, f, "embed.html with another nonce", readFrame, "claims-invalid")
	if !strings.Contains(v.StatusText, "n-999") {
		t.Errorf("embed.html status = %q, want the nonce named", v.StatusText)
	}
}
