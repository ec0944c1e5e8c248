package e2e

// Nested tokens and comparing two tokens (issue 13).
//
// The contract:
//
//   - A token whose header has "cty": "JWT" over a payload that is a compact
//     token is verified at its outer level without claims (the verdict says
//     the payload is a nested token), and [data-testid=nested-panel] shows
//     each inner level ([data-testid=nested-level]) with its header,
//     payload, claims and its own verdict ([data-testid=nested-verdict],
//     data-state as the badge's), verified with [data-testid=nested-key],
//     or with the outer key while that box is empty.
//   - A payload that is a token without such a cty is offered
//     ([data-testid=nested-offer]), and opened as a level on a click.
//   - [data-testid=compare-input] takes a second token, and
//     [data-testid=token-diff] shows the header parameters and claims
//     added, removed and changed, times with their dates and difference.
//     A link #token=…&compare=… opens both, and Share writes compare=.

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// signRaw signs a header and payload given as text, for a payload that is
// not a claims set (a nested token).
func signRaw(t testing.TB, method jwt.SigningMethod, header, payload string, key any) string {
	t.Helper()
	input := b64url.EncodeToString([]byte(header)) + "." + b64url.EncodeToString([]byte(payload))
	sig, err := method.Sign(input, key)
	if err != nil {
		t.Fatalf("sign %s: %v", method.Alg(), err)
	}
	return input + "." + b64url.EncodeToString(sig)
}

// levelsView is what the nested panel shows.
type levelsView struct {
	Visible    bool     `json:"visible"`
	Offer      bool     `json:"offer"`
	Titles     []string `json:"titles"`
	States     []string `json:"states"`
	Verdicts   []string `json:"verdicts"`
	Payloads   []string `json:"payloads"`
	ClaimsText []string `json:"claims"`
}

func (v levelsView) String() string {
	return fmt.Sprintf("visible=%v offer=%v\n  titles %q\n  states %q\n  verdicts %q\n  payloads %q\n  claims %q", v.Visible, v.Offer, v.Titles, v.States, v.Verdicts, v.Payloads, v.ClaimsText)
}

const readLevelsJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const shown = (e) => !!e && e.checkVisibility({ visibilityProperty: true });
	const levels = [...document.querySelectorAll('[data-testid="nested-level"]')];
	const text = (e) => e ? e.textContent.replace(/\s+/g, " ").trim() : "";
	return {
		visible: shown(q("nested-panel")),
		offer: shown(q("nested-offer")),
		titles: levels.map((l) => text(l.querySelector("h3"))),
		states: levels.map((l) => l.querySelector('[data-testid="nested-verdict"]')?.dataset.state ?? ""),
		verdicts: levels.map((l) => text(l.querySelector('[data-testid="nested-verdict"]'))),
		payloads: levels.map((l) => text(l.querySelectorAll("pre")[1])),
		claims: levels.map((l) => text(l.querySelector("dl"))),
	};
})()`

func waitLevels(t *testing.T, p *Page, desc string, cond func(levelsView) bool) levelsView {
	t.Helper()
	v, ok, err := poll(p, waitTimeout, func() (levelsView, error) { return eval[levelsView](p, readLevelsJS) }, cond)
	if !ok {
		t.Fatal(p.timedOut(waitTimeout, desc, "the nested panel", v, err))
	}
	return v
}

// TestNestedLevels: an HS256 token inside an RS256 one (cty JWT). The outer
// verdict is about the outer signature only, never "claims fail"; the inner
// level has its own, with its own key.
func TestNestedLevels(t *testing.T) {
	kp, err := keys()
	if err != nil {
		t.Fatal(err)
	}
	rs := kp["RS256"]
	const secret = "inner-secret-of-the-nested-token-32b!"
	now := time.Now().Unix()
	inner := signWithHeader(t, jwt.SigningMethodHS256, nil, jwt.MapClaims{"sub": "inner-42", "exp": now + 600}, []byte(secret))
	outer := signRaw(t, jwt.SigningMethodRS256, `{"alg":"RS256","cty":"JWT"}`, inner, rs.private)

	p := openPlayground(t)
	p.SetKey(rs.publicPEM)
	p.SetToken(outer)
	s := p.WaitStatus(outer, "verified")
	if !strings.Contains(s.StatusText, "nested token") {
		t.Errorf("outer verdict = %q; want it to say the payload is a nested token", s.StatusText)
	}
	// The inner key box is empty: the outer RSA key is tried, and refused
	// for HS256 (algorithm confusion), never taken as a secret.
	v := waitLevels(t, p, "one level, refused with the outer RSA key", func(v levelsView) bool {
		return v.Visible && len(v.States) == 1 && v.States[0] == "key-error"
	})
	if !strings.Contains(v.Titles[0], "Level 2") || !strings.Contains(v.Payloads[0], `"sub": "inner-42"`) || !strings.Contains(v.ClaimsText[0], "exp") {
		t.Errorf("level = %s; want level 2 with the inner payload and claims", v)
	}
	p.SetValue("nested-key", secret)
	waitLevels(t, p, "the inner level verified with its own secret", func(v levelsView) bool {
		return len(v.States) == 1 && v.States[0] == "verified" && strings.Contains(v.Verdicts[0], "Signature verified")
	})
	p.SetValue("nested-key", secret+"x")
	waitLevels(t, p, "a wrong inner secret", func(v levelsView) bool {
		return len(v.States) == 1 && v.States[0] == "invalid-signature"
	})

	// An expired inner token: the outer level stays verified, the inner says expired.
	expired := signWithHeader(t, jwt.SigningMethodHS256, nil, jwt.MapClaims{"sub": "inner-42", "exp": now - 600}, []byte(secret))
	outer2 := signRaw(t, jwt.SigningMethodRS256, `{"alg":"RS256","cty":"JWT"}`, expired, rs.private)
	p.SetValue("nested-key", secret)
	p.SetToken(outer2)
	p.WaitStatus(outer2, "verified")
	waitLevels(t, p, "the expired inner level", func(v levelsView) bool {
		return len(v.States) == 1 && v.States[0] == "expired"
	})

	// Not nested: the panel is hidden.
	plain := signWithHeader(t, jwt.SigningMethodRS256, nil, freshClaims(nil), rs.private)
	p.SetToken(plain)
	p.WaitStatus(plain, "verified")
	waitLevels(t, p, "no panel for a plain token", func(v levelsView) bool { return !v.Visible && len(v.States) == 0 })
}

// TestNestedOffer: a payload that is a token with no cty is offered, and
// opened as a level only on a click; the outer verdict is unchanged.
func TestNestedOffer(t *testing.T) {
	const secret = "offer-secret-of-the-nested-token-32b!"
	inner := signWithHeader(t, jwt.SigningMethodHS256, nil, freshClaims(nil), []byte(secret))
	outer := signRaw(t, jwt.SigningMethodHS256, `{"alg":"HS256"}`, inner, []byte(secret))
	p := openPlayground(t)
	p.SetKey(secret)
	p.SetToken(outer)
	p.WaitStatus(outer, "claims-invalid")
	waitLevels(t, p, "the offer, and no level yet", func(v levelsView) bool { return v.Visible && v.Offer && len(v.States) == 0 })
	mustEval[bool](p, `(document.querySelector('[data-testid="nested-offer"]').click(), true)`)
	v := waitLevels(t, p, "the offered token opened", func(v levelsView) bool { return len(v.States) == 1 && v.States[0] == "verified" })
	if !strings.Contains(v.Titles[0], "no cty") {
		t.Errorf("title = %q; want it to say no cty declares the token", v.Titles[0])
	}
}

// diffView is what the token diff shows: its rows, and its text.
type diffView struct {
	Rows []string `json:"rows"`
	Text string   `json:"text"`
	Link string   `json:"link"`
}

func (v diffView) String() string {
	return fmt.Sprintf("rows %q\n  text %q\n  link %q", v.Rows, truncate(v.Text, 400), v.Link)
}

const readDiffJS = `(() => {
	const out = document.querySelector('[data-testid="token-diff"]');
	if (!out) return { rows: [], text: "" };
	return {
		rows: [...out.querySelectorAll("tbody tr")].map((r) => r.dataset.name + " " + r.dataset.change + ": " +
			[...r.cells].map((c) => c.textContent).join(" | ")),
		text: out.textContent,
		link: document.querySelector('[data-testid="share-link"]')?.value ?? "",
	};
})()`

// TestCompareTokens: an ID token before and after refresh, opened from a
// link: exp an hour later, a claim added and one removed.
func TestCompareTokens(t *testing.T) {
	kp, err := keys()
	if err != nil {
		t.Fatal(err)
	}
	rs := kp["RS256"]
	const exp = 1800000000
	before := signWithHeader(t, jwt.SigningMethodRS256, map[string]any{"kid": "k1"}, jwt.MapClaims{"iss": "https://id.example", "sub": "42", "exp": exp, "nonce": "n-1"}, rs.private)
	after := signWithHeader(t, jwt.SigningMethodRS256, map[string]any{"kid": "k1"}, jwt.MapClaims{"iss": "https://id.example", "sub": "42", "exp": exp + 3600, "at_hash": "h-2"}, rs.private)

	p := openAt(t, baseURL+"#"+url.Values{"token": {before}, "compare": {after}}.Encode(), atOptions{})
	mustEval[bool](p, `(document.querySelector('[data-testid="share-open"]').click(), true)`)
	v, ok, err := poll(p, waitTimeout, func() (diffView, error) { return eval[diffView](p, readDiffJS) }, func(v diffView) bool { return len(v.Rows) == 3 })
	if !ok {
		t.Fatal(p.timedOut(waitTimeout, "three rows in the diff", "the diff", v, err))
	}
	want := []string{
		"exp changed: exp | changed (+1 h) | 1800000000 (2027-01-15T08:00:00.000Z) | 1800003600 (2027-01-15T09:00:00.000Z)",
		"nonce removed: nonce | removed | \"n-1\" | —",
		"at_hash added: at_hash | added | — | \"h-2\"",
	}
	for i, w := range want {
		if v.Rows[i] != w {
			t.Errorf("row %d = %q\n want %q", i, v.Rows[i], w)
		}
	}
	if !strings.Contains(v.Text, "Unchanged: iss, sub") || !strings.Contains(v.Text, "The same in both tokens") {
		t.Errorf("diff text = %q; want the unchanged claims named and the header the same", v.Text)
	}
	link, _ := url.Parse(v.Link)
	if q, _ := url.ParseQuery(link.Fragment); q.Get("compare") != after || q.Get("token") != before {
		t.Errorf("share link = %q; want token= and compare=", v.Link)
	}
}
