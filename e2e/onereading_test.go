package e2e

// One reading of a token everywhere: of duplicate members the last one
// counts, for the verdict and for every view (the claims table marks the
// row's ignored values in a .duplicate note and sets data-duplicate); a
// token whose "crit" the playground does not understand is refused on the
// badge; Generate keeps the header text as written; a leeway out of range
// says so on the badge.

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDuplicateExpOnePicture pastes {"exp": <expired>, "exp": <in an hour>}:
// it verifies (the last exp counts, as RFC 7519 §4 allows), and the claims
// table, the timeline, the hints and the lints must all show that exp, not
// the first, expired one.
func TestDuplicateExpOnePicture(t *testing.T) {
	t.Parallel()
	p := openTeach(t)
	now := time.Now().Unix()
	exp := now + 3600
	// The header's alg is written twice too: the last, HS256, counts.
	token := hs256(`{"alg":"none","typ":"JWT","alg":"HS256"}`, fmt.Sprintf(`{"sub":"e2e-dup","exp":1600000000,"exp":%d}`, exp), []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	s := waitTeach(p, "one exp row, the last exp's, and the now marker inside the window", func(s teachState) bool {
		return s.Token == token && len(s.Rows) == 2 && teachHasClass(s.marker("now"), "inside")
	})
	r, _ := s.row("exp")
	if r.Value != fmt.Sprint(exp) || !strings.HasPrefix(r.Relative, "in ") {
		t.Errorf("the exp row shows %q (%q), want the exp that counts, %d, in the future\n%s", r.Value, r.Relative, exp, s)
	}
	note := mustEval[string](p, `document.querySelector('[data-testid="claims-table"] tr[data-claim="exp"][data-duplicate="true"] .duplicate')?.textContent ?? ""`)
	if !strings.Contains(note, "The last one, shown here, counts; ignored: 1600000000.") {
		t.Errorf("the exp row's duplicate note is %q, want it to name the ignored 1600000000", note)
	}
	if !strings.Contains(s.TimelineLabel, "expires (in ") || !strings.Contains(s.TimelineLabel, "now is inside") {
		t.Errorf("the timeline says %q, want the last exp, with now inside", s.TimelineLabel)
	}
	dups := 0
	for _, f := range s.Findings {
		if f.Code == "duplicate_member" && f.Severity == "high" && (strings.Contains(f.Message, `member "exp"`) || strings.Contains(f.Message, `member "alg"`)) {
			dups++
		}
	}
	if dups != 2 {
		t.Errorf("lint has %d high duplicate_member findings naming exp and alg, want 2\n%s", dups, s)
	}

	// The caret on the first, ignored exp line says so.
	teachClickAt(p, teachLineOf(p, "payload-json", "exp"))
	waitTeach(p, "the hint of the first exp line to say it is ignored", func(s teachState) bool {
		return strings.HasPrefix(s.PayloadHint, "exp: this duplicate is ignored. The last \"exp\" counts") && strings.Contains(s.PayloadHint, fmt.Sprint(exp))
	})
	teachClickAt(p, teachLineOf(p, "header-json", "alg"))
	waitTeach(p, "the hint of the first alg line to say it is ignored", func(s teachState) bool {
		return strings.HasPrefix(s.HeaderHint, `alg: this duplicate is ignored. The last "alg" counts, as it does when verifying: "HS256".`)
	})
	if f, ok := s.finding("alg_none"); ok {
		t.Errorf("lint alg_none = %+v, but the alg that counts is HS256", f)
	}
}

// TestCritRefusedOnBadge pastes a token whose crit names an extension the
// playground does not implement: RFC 7515 §4.1.11 says a verifier must
// refuse it, and the badge must say why, naming the extension.
func TestCritRefusedOnBadge(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	token := hs256(`{"alg":"HS256","crit":["urn:x:must"],"urn:x:must":true}`, `{"sub":"e2e-crit"}`, []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	s := p.WaitFor("the badge to refuse the crit", func(s State) bool {
		return s.Token == token && s.Status == "unsupported"
	})
	if !strings.Contains(s.StatusText, `"crit" names "urn:x:must"`) {
		t.Errorf("the badge says %q, want it to name the extension", s.StatusText)
	}
}

// TestLeewayOutOfRange sets a leeway over 1e9 seconds: the badge must say
// the leeway is out of range (not point at a message under the token that
// is not there), and the lints stay.
func TestLeewayOutOfRange(t *testing.T) {
	t.Parallel()
	p := openTeach(t)
	p.WaitFor("the sample token to be verified", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	p.SetValue("check-leeway", "10000000000")
	s := p.WaitFor("the badge to refuse the leeway", func(s State) bool { return s.Status != stateVerified })
	if !strings.Contains(s.StatusText, `"leeway" must be between 0 and`) || strings.Contains(s.StatusText, "under the token") {
		t.Errorf("with a leeway of 1e10 the badge says %q, want it to say the leeway is out of range", s.StatusText)
	}
	p.Settle()
	if ts, err := readTeach(p); err != nil || !ts.LintShown {
		t.Errorf("the lint panel is hidden with a leeway out of range (%v)", err)
	}
	p.SetValue("check-leeway", "0")
	p.WaitFor("the sample token verified again", func(s State) bool { return s.Status == stateVerified })
}

// TestGenerateKeepsHeaderText writes a header with a number beyond float64,
// duplicate members and an escape, then generates keys: the header must keep
// all of it, as written, changing only alg and kid (JSON.parse and
// JSON.stringify rounded the number and dropped the first duplicate).
func TestGenerateKeepsHeaderText(t *testing.T) {
	t.Parallel()
	p := openPlayground(t)
	before := p.WaitFor("the sample token to be verified", func(s State) bool { return s.Token != "" && s.Status == stateVerified })
	header := `{"alg":"HS256","typ":"JWT","n":12345678901234567890,"x":1,"x":2,"e":"\u00e9","kid":"old"}`
	p.SetValue("header-json", header)
	edited := p.WaitFor("the token re-signed from the edited header", func(s State) bool {
		return s.Token != before.Token && strings.HasPrefix(s.Token, b64url.EncodeToString([]byte(header))+".")
	})
	for _, step := range []struct{ alg, want string }{
		{"HS384", `{"alg":"HS384","typ":"JWT","n":12345678901234567890,"x":1,"x":2,"e":"\u00e9"}`},
		{"ES256", `{"alg":"ES256","typ":"JWT","n":12345678901234567890,"x":1,"x":2,"e":"\u00e9","kid":%q}`},
	} {
		p.SetValue("gen-alg", step.alg)
		clickTestID(p, "gen-key")
		k := waitKeyPanel(p, "a new "+step.alg+" token, verified", genTimeout, func(k keyPanel) bool {
			h := headerOf(k.State.Token)
			return k.State.Token != edited.Token && k.State.Status == stateVerified && h != nil && h["alg"] == step.alg && !k.GenBusy
		})
		want := step.want
		if strings.Contains(want, "%q") {
			kid, _ := headerOf(k.State.Token)["kid"].(string)
			want = fmt.Sprintf(want, kid)
		}
		got, err := b64url.DecodeString(strings.Split(k.State.Token, ".")[0])
		if err != nil || string(got) != want {
			t.Errorf("after generating %s the header is %s, want %s", step.alg, got, want)
		}
		if !strings.Contains(k.State.Header, `"n": 12345678901234567890`) || strings.Count(k.State.Header, `"x":`) != 2 {
			t.Errorf("after generating %s the header editor holds\n%s", step.alg, k.State.Header)
		}
		edited = k.State
	}
}

// TestUnencodedPayloadOnPage pastes an RFC 7797 token ("b64": false): the
// payload editor holds the text as written, no claims are shown or
// checked, and the badge and the signature steps say why.
func TestUnencodedPayloadOnPage(t *testing.T) {
	t.Parallel()
	p := openTeach(t)
	// The payload is the text of {"exp":1} in base64url: read as claims, it
	// would be an expired token; it is text, signed as such.
	input := b64url.EncodeToString([]byte(`{"alg":"HS256","b64":false,"crit":["b64"]}`)) + ".eyJleHAiOjF9"
	m := hmac.New(sha256.New, []byte(testSecret))
	m.Write([]byte(input))
	token := input + "." + b64url.EncodeToString(m.Sum(nil))
	p.SetKey(testSecret)
	p.SetToken(token)
	s := p.WaitStatus(token, stateVerified)
	if s.Payload != "eyJleHAiOjF9" || !strings.Contains(s.StatusText, "RFC 7797") {
		t.Errorf("payload editor %q, badge %q; want the text as written and a badge naming RFC 7797", s.Payload, s.StatusText)
	}
	ts := waitTeach(p, "no claims and no timeline", func(s teachState) bool { return s.Token == token && len(s.Rows) == 0 && !s.TimelineShown })
	if ts.RowsShown {
		t.Errorf("the claims table is shown for an unencoded payload\n%s", ts)
	}
	mustEval[bool](p, `document.querySelector('[data-testid="signature-steps"]').open = true`)
	waitTeach(p, "step 1 to say the payload is signed as written", func(s teachState) bool {
		return len(s.StepItems) > 0 && strings.Contains(s.StepItems[0], `"." + the payload as written ("b64": false, RFC 7797)`)
	})
}
