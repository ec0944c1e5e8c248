package e2e

// The teaching views of the page, as the tests below read them:
//
//   - [data-testid=claims-table] has one tr[data-claim=NAME] per payload
//     member, in token order: the name, a .kind badge (registered, public or
//     private), the value as JSON text in the second cell, for NumericDates a
//     .when with a <time> holding the UTC date and a .relative text ("in 14
//     minutes", "3 days ago"), and the meaning with a .source.
//   - [data-testid=payload-hint] and header-hint explain the member on the
//     caret's line of their editor; hovering a line sets the editor's title
//     to the same explanation.
//   - [data-testid=timeline] has .marker elements .mark-iat, .mark-nbf,
//     .mark-exp and .mark-now (.inside or .outside), and an aria-label.
//   - [data-testid=check-now] (datetime-local, local time, empty = now) and
//     check-leeway (seconds) move the time that verification, relative
//     times and lints use; #now-reset empties check-now.
//   - [data-testid=lint-panel] lists li.finding[data-code=CODE] with
//     .severity, .message, .fix and .ref, or "No problems found.".
//   - [data-testid=signature-steps] is a <details>; open, #step-list
//     explains the signature, and for HMAC shows the recomputed signature
//     beside the token's ("recomputed:" and "in token:" lines of
//     code.mono), with the differing part in a <mark>.
//   - Hovering or focusing a part adds class lit to its .part-header,
//     .part-payload or .part-signature section and to the token view's
//     .seg-… span(s).

import (
	"context"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// teachState is what the teaching views show, read in one round trip.
type teachState struct {
	Token  string `json:"token"`
	Status string `json:"status"`

	Rows      []teachRow `json:"rows"` // nil when the table is missing
	RowsShown bool       `json:"rowsShown"`

	PayloadHint  string `json:"payloadHint"`
	HeaderHint   string `json:"headerHint"`
	PayloadTitle string `json:"payloadTitle"`
	HeaderTitle  string `json:"headerTitle"`
	Active       string `json:"active"` // data-testid or id of document.activeElement

	TimelineShown bool     `json:"timelineShown"`
	TimelineLabel string   `json:"timelineLabel"`
	Markers       []string `json:"markers"` // class lists of the .marker elements

	CheckNow    string `json:"checkNow"`
	CheckLeeway string `json:"checkLeeway"`

	LintShown bool           `json:"lintShown"`
	LintText  string         `json:"lintText"`
	Findings  []teachFinding `json:"findings"`

	StepsOpen  bool     `json:"stepsOpen"`
	StepItems  []string `json:"stepItems"`
	StepCodes  []string `json:"stepCodes"` // textContent of #step-list code.mono
	StepMarks  []string `json:"stepMarks"`
	StepsFound bool     `json:"stepsFound"`

	Lit []string `json:"lit"` // "part-payload", "seg-header", …

	Missing []string `json:"missing"`
}

// teachRow is one row of the claims table.
type teachRow struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Value    string `json:"value"`
	HasWhen  bool   `json:"hasWhen"`
	When     string `json:"when"`
	UTC      string `json:"utc"`
	Relative string `json:"relative"`
	Meaning  string `json:"meaning"`
	Source   string `json:"source"`
}

// teachFinding is one li.finding of the lint panel.
type teachFinding struct {
	Code     string `json:"code"`
	Class    string `json:"class"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
	Ref      string `json:"ref"`
	Text     string `json:"text"`
}

const readTeachJS = `(() => {
	const ids = ["token-input", "verify-status", "claims-table", "payload-hint", "header-hint",
		"payload-json", "header-json", "timeline", "check-now", "check-leeway", "lint-panel",
		"signature-steps", "token-view"];
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const text = (e) => (e ? e.textContent.replace(/\s+/g, " ").trim() : "");
	const shown = (e) => !!e && e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
	const table = q("claims-table");
	const rows = table ? [...table.querySelectorAll("tbody tr")].map((tr) => ({
		name: tr.dataset.claim ?? "",
		kind: text(tr.querySelector(".kind")),
		value: tr.cells[1]?.querySelector("code")?.textContent ?? "",
		hasWhen: !!tr.querySelector(".when"),
		when: text(tr.querySelector(".when")),
		utc: text(tr.querySelector(".when time")),
		relative: text(tr.querySelector(".relative")),
		meaning: text(tr.cells[2]),
		source: text(tr.querySelector(".source")),
	})) : null;
	const timeline = q("timeline");
	const lint = q("lint-panel");
	const steps = q("signature-steps");
	const stepList = document.getElementById("step-list");
	const all = (root, sel) => (root ? [...root.querySelectorAll(sel)] : []);
	const lit = [];
	for (const p of ["header", "payload", "signature"]) {
		if (document.querySelector(".part-" + p + ".lit")) lit.push("part-" + p);
		if (q("token-view")?.querySelector(".seg-" + p + ".lit")) lit.push("seg-" + p);
	}
	const a = document.activeElement;
	return {
		token: q("token-input")?.value ?? "",
		status: q("verify-status")?.dataset.state ?? "",
		rows,
		rowsShown: shown(table),
		payloadHint: text(q("payload-hint")),
		headerHint: text(q("header-hint")),
		payloadTitle: q("payload-json")?.title ?? "",
		headerTitle: q("header-json")?.title ?? "",
		active: a ? (a.dataset?.testid || a.id || a.tagName) : "",
		timelineShown: shown(timeline),
		timelineLabel: timeline?.getAttribute("aria-label") ?? "",
		markers: all(timeline, ".marker").map((m) => m.className),
		checkNow: q("check-now")?.value ?? "",
		checkLeeway: q("check-leeway")?.value ?? "",
		lintShown: shown(lint),
		lintText: text(lint),
		findings: all(lint, "li.finding").map((li) => ({
			code: li.dataset.code ?? "",
			class: li.className,
			severity: text(li.querySelector(".severity")),
			message: text(li.querySelector(".message")),
			fix: text(li.querySelector(".fix")),
			ref: text(li.querySelector(".ref")),
			text: text(li),
		})),
		stepsFound: !!steps && !!stepList,
		stepsOpen: !!steps?.open,
		stepItems: all(stepList, ":scope > li").map(text),
		stepCodes: all(stepList, "code.mono").map((c) => c.textContent),
		stepMarks: all(stepList, "mark").map((m) => m.textContent),
		lit,
		missing: ids.filter((id) => !q(id)),
	};
})()`

// readTeach returns what the teaching views show now.
func readTeach(p *Page) (teachState, error) {
	return eval[teachState](p, readTeachJS)
}

// String formats the state for a failure message.
func (s teachState) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  verify-status: %q\n", s.Status)
	fmt.Fprintf(&b, "  token-input:   %q\n", truncate(s.Token, 200))
	if len(s.Missing) > 0 {
		fmt.Fprintf(&b, "  MISSING elements: [data-testid=%s]\n", strings.Join(s.Missing, "], [data-testid="))
	}
	fmt.Fprintf(&b, "  check-now %q, check-leeway %q\n", s.CheckNow, s.CheckLeeway)
	fmt.Fprintf(&b, "  claims-table (shown %v): %d rows\n", s.RowsShown, len(s.Rows))
	for _, r := range s.Rows {
		fmt.Fprintf(&b, "    %-16s kind=%q value=%q", r.Name, r.Kind, truncate(r.Value, 60))
		if r.HasWhen {
			fmt.Fprintf(&b, " utc=%q relative=%q", r.UTC, r.Relative)
		}
		fmt.Fprintf(&b, " source=%q meaning=%q\n", r.Source, truncate(r.Meaning, 80))
	}
	fmt.Fprintf(&b, "  payload-hint: %q\n  payload title: %q\n", s.PayloadHint, s.PayloadTitle)
	fmt.Fprintf(&b, "  header-hint:  %q\n  header title:  %q\n", s.HeaderHint, s.HeaderTitle)
	fmt.Fprintf(&b, "  active element: %q\n", s.Active)
	fmt.Fprintf(&b, "  timeline (shown %v): markers %q\n    aria-label %q\n", s.TimelineShown, s.Markers, s.TimelineLabel)
	fmt.Fprintf(&b, "  lint-panel (shown %v): %q\n", s.LintShown, truncate(s.LintText, 600))
	for _, f := range s.Findings {
		fmt.Fprintf(&b, "    code=%q class=%q severity=%q\n", f.Code, f.Class, f.Severity)
	}
	fmt.Fprintf(&b, "  signature-steps (open %v):\n", s.StepsOpen)
	for _, it := range s.StepItems {
		fmt.Fprintf(&b, "    %s\n", truncate(it, 300))
	}
	if len(s.StepMarks) > 0 {
		fmt.Fprintf(&b, "    marks: %q\n", s.StepMarks)
	}
	fmt.Fprintf(&b, "  lit: %q\n", s.Lit)
	return b.String()
}

// row returns the claims table's row for name.
func (s teachState) row(name string) (teachRow, bool) {
	for _, r := range s.Rows {
		if r.Name == name {
			return r, true
		}
	}
	return teachRow{}, false
}

// finding returns the lint panel's finding with code.
func (s teachState) finding(code string) (teachFinding, bool) {
	for _, f := range s.Findings {
		if f.Code == code {
			return f, true
		}
	}
	return teachFinding{}, false
}

// marker returns the class list of the timeline's marker .mark-name.
func (s teachState) marker(name string) string {
	for _, m := range s.Markers {
		if slices.Contains(strings.Fields(m), "mark-"+name) {
			return m
		}
	}
	return ""
}

// teachHasClass reports whether a class list holds class c.
func teachHasClass(list, c string) bool { return slices.Contains(strings.Fields(list), c) }

// pollTeach polls the teaching views until cond holds. It returns the last
// state and false when waitTimeout passes first.
func pollTeach(p *Page, cond func(teachState) bool) (teachState, bool, error) {
	return poll(p, waitTimeout, func() (teachState, error) { return readTeach(p) }, cond)
}

// teachTimeout describes a wait that did not end, for a failure message.
func teachTimeout(p *Page, desc string, last teachState, err error) string {
	return p.timedOut(waitTimeout, desc, "the teaching views", last, err)
}

// waitTeach waits until cond holds, and fails the test if it does not.
func waitTeach(p *Page, desc string, cond func(teachState) bool) teachState {
	p.t.Helper()
	s, ok, err := pollTeach(p, cond)
	if !ok {
		p.t.Fatal(teachTimeout(p, desc, s, err))
	}
	return s
}

// checkTeach waits until cond holds, and reports an error and returns false
// if it does not, so that a test can go on to its next case.
func checkTeach(p *Page, desc string, cond func(teachState) bool) (teachState, bool) {
	p.t.Helper()
	s, ok, err := pollTeach(p, cond)
	if !ok {
		p.t.Error(teachTimeout(p, desc, s, err))
	}
	return s, ok
}

// teachFocusEmulation makes the tab behave as the focused one although other
// tabs of the run are open beside it: focus, blur and key events reach the
// page as they do for a user.
func teachFocusEmulation() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
}

// timezone sets the time zone of the tab, whatever the machine's is.
func teachTimezone(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: id})
		return err
	})
}

// openTeach opens the playground with focus emulation and the extra set-up.
func openTeach(t *testing.T, setup ...chromedp.Action[chromedp.Void]) *Page {
	t.Helper()
	return openPage(t, pageOptions{setup: append([]chromedp.Action[chromedp.Void]{teachFocusEmulation()}, setup...)})
}

// teachLocalDatetime writes the Unix time sec as the page's datetime-local value
// (YYYY-MM-DDTHH:MM:SS) in the page's own time zone, whose offset at that
// moment it reads from the page.
func teachLocalDatetime(p *Page, sec int64) string {
	p.t.Helper()
	// getTimezoneOffset is UTC minus local time, in minutes.
	off := mustEval[int](p, fmt.Sprintf("new Date(%d).getTimezoneOffset()", sec*1000))
	zone := time.FixedZone("page", -off*60)
	return time.Unix(sec, 0).In(zone).Format("2006-01-02T15:04:05")
}

// teachPoint is a spot in the viewport, in CSS pixels.
type teachPoint struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Error string  `json:"error"`
}

// teachMemberLine returns the index of the line of text that starts the member
// name of a pretty-printed JSON object (two spaces, then "name":).
func teachMemberLine(text, name string) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, `  "`+name+`":`) {
			return i
		}
	}
	return -1
}

// teachLineJS scrolls a textarea into view and returns a point on line
// (from 0) of its text, a little in from the left edge of the text.
const teachLineJS = `((id, line) => {
	const e = document.querySelector('[data-testid="' + id + '"]');
	if (!e) return { x: 0, y: 0, error: "no element [data-testid=" + id + "]" };
	e.scrollIntoView({ block: "center" });
	const r = e.getBoundingClientRect();
	const s = getComputedStyle(e);
	const lh = parseFloat(s.lineHeight);
	if (!Number.isFinite(lh)) return { x: 0, y: 0, error: "line-height is " + s.lineHeight };
	const x = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft) + 6;
	const y = r.top + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop) - e.scrollTop + (line + 0.5) * lh;
	if (y < r.top || y > r.bottom || y < 0 || y > innerHeight || x > innerWidth) {
		return { x, y, error: "line " + line + " is at y=" + y + ", outside the box " + JSON.stringify(r) +
			" or the viewport " + innerWidth + "x" + innerHeight };
	}
	return { x, y, error: "" };
})`

// teachBoxJS scrolls an element into view and returns the centre of its
// first box (the first line of an inline element).
const teachBoxJS = `((sel) => {
	const e = document.querySelector(sel);
	if (!e) return { x: 0, y: 0, error: "no element " + sel };
	e.scrollIntoView({ block: "center" });
	const r = e.getClientRects()[0];
	if (!r || r.width === 0 || r.height === 0) return { x: 0, y: 0, error: sel + " has no box" };
	return { x: r.left + r.width / 2, y: r.top + r.height / 2, error: "" };
})`

// teachPointOf evaluates a point expression, failing the test on an error.
func teachPointOf(p *Page, expr string) teachPoint {
	p.t.Helper()
	pt := mustEval[teachPoint](p, expr)
	if pt.Error != "" {
		p.t.Fatalf("find a point on the page: %s", pt.Error)
	}
	return pt
}

// teachLineOf returns a point on the line of member name in the editor id.
func teachLineOf(p *Page, id, name string) teachPoint {
	p.t.Helper()
	value := mustEval[string](p, fmt.Sprintf(`document.querySelector('[data-testid=%q]').value`, id))
	line := teachMemberLine(value, name)
	if line < 0 {
		p.t.Fatalf("[data-testid=%s] has no line for %q:\n%s", id, name, value)
	}
	return teachPointOf(p, fmt.Sprintf("%s(%s, %d)", teachLineJS, jsString(id), line))
}

// teachMouseTo moves the mouse to pt with the protocol, as a user's mouse does.
func teachMouseTo(p *Page, pt teachPoint) {
	p.t.Helper()
	if err := p.do(callTimeout, chromedp.MouseEvent(chromedp.MouseMoved, pt.X, pt.Y)); err != nil {
		p.t.Fatalf("move the mouse to (%.0f, %.0f): %v", pt.X, pt.Y, err)
	}
}

// teachClickAt clicks the left button at pt with the protocol.
func teachClickAt(p *Page, pt teachPoint) {
	p.t.Helper()
	if err := p.do(callTimeout,
		chromedp.MouseEvent(chromedp.MouseMoved, pt.X, pt.Y),
		chromedp.MouseClickXY(pt.X, pt.Y),
	); err != nil {
		p.t.Fatalf("click at (%.0f, %.0f): %v", pt.X, pt.Y, err)
	}
}

// teachMember is one member of a JSON object: its name, and its value as the
// JSON text the token holds.
type teachMember struct {
	name, value string
}

// teachJoin writes members as a compact JSON object, in their order.
func teachJoin(ms []teachMember) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%q:%s", m.name, m.value)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// TestClaimsTableAndHints checks the claims table (a row per claim, in order,
// with its kind, value and meaning) and the hints of the JSON editors, for
// the caret (a click on a line, and the keyboard) and for the mouse.
func TestClaimsTableAndHints(t *testing.T) {
	t.Parallel()
	now := time.Now().Unix()
	members := []teachMember{
		{"iss", `"https://issuer.example"`},
		{"sub", `"user-42"`},
		{"aud", `["api://e2e","https://rp.example"]`},
		{"exp", fmt.Sprint(now + 3600)},
		{"nbf", fmt.Sprint(now - 60)},
		{"iat", fmt.Sprint(now - 60)},
		{"jti", `"7c9e6679-7425-40de-944b-e07fc1f90ae7"`},
		{"auth_time", fmt.Sprint(now - 300)},
		{"nonce", `"n-0S6_WzA2Mj"`},
		{"scope", `"openid profile email"`},
		{"roles", `["admin","reader"]`},
		{"tid", `"9188040d-6c67-4c5b-b112-36a304b66dad"`},
		{"favourite_colour", `"blue"`},
	}
	token := hs256(`{"alg":"HS256","typ":"JWT","kid":"e2e-key-1"}`, teachJoin(members), []byte(testSecret))

	// RFC 7519 §4.1 registers seven names; auth_time and nonce (OpenID
	// Connect), scope (RFC 8693) and roles (RFC 7643) are in the IANA JWT
	// claims registry, so they are public; tid is Microsoft's own and
	// favourite_colour is nobody's, so they are private.
	wantKind := map[string]string{
		"iss": "registered", "sub": "registered", "aud": "registered", "exp": "registered",
		"nbf": "registered", "iat": "registered", "jti": "registered",
		"auth_time": "public", "nonce": "public", "scope": "public", "roles": "public",
		"tid": "private", "favourite_colour": "private",
	}
	wantSource := map[string]string{
		"iss": "RFC 7519 §4.1.1", "sub": "RFC 7519 §4.1.2", "aud": "RFC 7519 §4.1.3", "exp": "RFC 7519 §4.1.4",
		"nbf": "RFC 7519 §4.1.5", "iat": "RFC 7519 §4.1.6", "jti": "RFC 7519 §4.1.7",
	}
	dates := map[string]bool{"exp": true, "nbf": true, "iat": true, "auth_time": true}

	p := openTeach(t)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	s := waitTeach(p, "a row in the claims table for each of the 13 claims", func(s teachState) bool {
		return s.Token == token && len(s.Rows) == len(members)
	})
	if !s.RowsShown {
		t.Errorf("the claims table is not visible\n%s", s)
	}
	var names []string
	for _, r := range s.Rows {
		names = append(names, r.Name)
	}
	var wantNames []string
	for _, m := range members {
		wantNames = append(wantNames, m.name)
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("claims table rows are %q, want %q (the token's order)", names, wantNames)
	}
	for _, m := range members {
		r, ok := s.row(m.name)
		if !ok {
			continue
		}
		if r.Kind != wantKind[m.name] {
			t.Errorf("claim %s: kind badge %q, want %q", m.name, r.Kind, wantKind[m.name])
		}
		if r.Value != m.value {
			t.Errorf("claim %s: value %q, want the token's JSON %q", m.name, r.Value, m.value)
		}
		if r.Meaning == "" {
			t.Errorf("claim %s: the meaning is empty", m.name)
		}
		if want, ok := wantSource[m.name]; ok && r.Source != want {
			t.Errorf("claim %s: source %q, want %q", m.name, r.Source, want)
		}
		if m.name != "favourite_colour" && r.Source == "" {
			t.Errorf("claim %s: the meaning names no source (meaning %q)", m.name, r.Meaning)
		}
		if dates[m.name] {
			var sec int64
			fmt.Sscan(m.value, &sec)
			wantUTC := time.Unix(sec, 0).UTC().Format("2006-01-02 15:04:05 UTC")
			if !r.HasWhen || r.UTC != wantUTC || r.Relative == "" {
				t.Errorf("claim %s: .when shows utc %q relative %q (present %v), want utc %q and a relative time",
					m.name, r.UTC, r.Relative, r.HasWhen, wantUTC)
			}
		} else if r.HasWhen {
			t.Errorf("claim %s is not a NumericDate, but its row has a .when %q", m.name, r.When)
		}
	}
	if r, _ := s.row("exp"); !strings.Contains(r.Meaning, "Expiration time") {
		t.Errorf("exp's meaning %q should say Expiration time", r.Meaning)
	}
	if r, _ := s.row("favourite_colour"); !regexp.MustCompile(`(?i)private`).MatchString(r.Meaning) {
		t.Errorf("favourite_colour's meaning %q should say it is a private claim", r.Meaning)
	}

	// The caret: a click on the exp line of the payload editor.
	teachClickAt(p, teachLineOf(p, "payload-json", "exp"))
	waitTeach(p, "payload-hint to explain exp after a click on its line", func(s teachState) bool {
		return strings.Contains(s.PayloadHint, "Expiration time") && strings.Contains(s.PayloadHint, "RFC 7519 §4.1.4")
	})

	// The mouse: over the iss line, then over the line of "{", which is no
	// member.
	teachMouseTo(p, teachLineOf(p, "payload-json", "iss"))
	waitTeach(p, "payload-json's title to explain iss while the mouse is on its line", func(s teachState) bool {
		return strings.Contains(s.PayloadTitle, "Issuer") && strings.Contains(s.PayloadTitle, "RFC 7519 §4.1.1")
	})
	teachMouseTo(p, teachLineOf(p, "payload-json", "sub"))
	waitTeach(p, "payload-json's title to explain sub when the mouse moves one line down", func(s teachState) bool {
		return strings.Contains(s.PayloadTitle, "Subject") && !strings.Contains(s.PayloadTitle, "Issuer")
	})
	// The caret did not move: the hint still explains exp.
	if s := waitTeach(p, "payload-hint", func(teachState) bool { return true }); !strings.Contains(s.PayloadHint, "Expiration time") {
		t.Errorf("moving the mouse changed payload-hint to %q; it should follow the caret, which is on exp", s.PayloadHint)
	}

	// The header, with the keyboard: focus, put the caret at the start of
	// the kid line, then press End, as a user moving along the line does.
	header := mustEval[string](p, `document.querySelector('[data-testid="header-json"]').value`)
	kidLine := teachMemberLine(header, "kid")
	if kidLine < 0 {
		t.Fatalf("header-json has no kid line:\n%s", header)
	}
	if err := p.do(callTimeout, chromedp.Focus(chromedp.CSS(`[data-testid="header-json"]`))); err != nil {
		t.Fatalf("focus header-json: %v", err)
	}
	mustEval[chromedp.Void](p, fmt.Sprintf(`((line) => {
		const e = document.querySelector('[data-testid="header-json"]');
		const at = e.value.split("\n").slice(0, line).reduce((n, l) => n + l.length + 1, 0);
		e.setSelectionRange(at, at);
	})(%d)`, kidLine))
	if err := p.do(callTimeout, chromedp.KeyEvent(kb.End)); err != nil {
		t.Fatalf("press End in header-json: %v", err)
	}
	s = waitTeach(p, "header-hint to explain kid with the caret on its line", func(s teachState) bool {
		return strings.Contains(s.HeaderHint, "Key ID") && strings.Contains(s.HeaderHint, "RFC 7515 §4.1.4")
	})
	teachNotClaim(t, "header-hint for kid", s.HeaderHint)
	if s.PayloadHint != "" {
		t.Errorf("payload-hint should be empty once the payload editor lost the focus, is %q", s.PayloadHint)
	}
	if s.Token != token {
		t.Errorf("moving the caret changed the token:\n got %s\nwant %s", s.Token, token)
	}

	teachMouseTo(p, teachLineOf(p, "header-json", "alg"))
	s = waitTeach(p, "header-json's title to explain alg while the mouse is on its line", func(s teachState) bool {
		return strings.Contains(s.HeaderTitle, "Algorithm") && strings.Contains(s.HeaderTitle, "RFC 7515 §4.1.1")
	})
	teachNotClaim(t, "header-json's title for alg", s.HeaderTitle)
	teachMouseTo(p, teachLineOf(p, "header-json", "kid"))
	s = waitTeach(p, "header-json's title to explain kid while the mouse is on its line", func(s teachState) bool {
		return strings.Contains(s.HeaderTitle, "Key ID") && strings.Contains(s.HeaderTitle, "RFC 7515 §4.1.4")
	})
	teachNotClaim(t, "header-json's title for kid", s.HeaderTitle)
}

// teachNotClaim reports an explanation of a header parameter that calls it a
// claim. RFC 7515 §4.1 registers alg, kid and the others as Header
// Parameters; a claim is a member of the payload (RFC 7519 §2, §4).
func teachNotClaim(t *testing.T, what, text string) {
	t.Helper()
	if strings.Contains(strings.ToLower(text), "claim") {
		t.Errorf("%s calls a header parameter a claim: %q\n"+
			"RFC 7515 §4.1 registers it as a Header Parameter; claims are the payload's members (RFC 7519 §4). "+
			"Expected wording such as \"(registered header parameter, RFC 7515 …)\"", what, text)
	}
}

// TestClaimValuesAsWritten checks that the claims table shows the value the
// token holds, also for numbers that a float64 cannot hold: the payload
// editor keeps them as written, and the table must not show another number.
func TestClaimValuesAsWritten(t *testing.T) {
	t.Parallel()
	members := []teachMember{
		{"sub", `"e2e-numbers"`},
		{"account", `12345678901234567890`}, // beyond 2^53
		{"ratio", `1.10`},
		{"huge", `1e400`}, // beyond float64
		{"exp", `4102444800`},
	}
	token := hs256(`{"alg":"HS256","typ":"JWT"}`, teachJoin(members), []byte(testSecret))
	p := openTeach(t)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	s := waitTeach(p, "a row for each claim", func(s teachState) bool {
		return s.Token == token && len(s.Rows) == len(members)
	})
	for _, m := range members {
		r, ok := s.row(m.name)
		if !ok {
			t.Errorf("no row for %s\n%s", m.name, s)
			continue
		}
		if !sameJSONValue(r.Value, m.value) {
			t.Errorf("claim %s: the table shows the value %s, but the token holds %s (the payload editor shows it as written)",
				m.name, r.Value, m.value)
		}
	}
}

// sameJSONValue compares two JSON texts: numbers by their exact decimal
// value (1.10 and 1.1 are the same, 12345678901234567890 and
// 12345678901234567000 are not), anything else by its text.
func sameJSONValue(a, b string) bool {
	x, okA := new(big.Rat).SetString(a)
	y, okB := new(big.Rat).SetString(b)
	if okA && okB {
		return x.Cmp(y) == 0
	}
	return a == b
}

// TestRelativeTimes fixes "now" with check-now, in a time zone that is not
// UTC, and reads the relative times and the timeline.
func TestRelativeTimes(t *testing.T) {
	t.Parallel()
	// India has kept UTC+05:30 since 1945, without summer time, so a page
	// that took check-now for UTC would be off by five and a half hours.
	p := openTeach(t, teachTimezone("Asia/Kolkata"))
	const at = 1700000000 // 2023-11-14 22:13:20 UTC
	iat, nbf, exp := int64(at-3*86400), int64(at-3600), int64(at+14*60)
	token := hs256(`{"alg":"HS256","typ":"JWT"}`,
		fmt.Sprintf(`{"sub":"e2e-relative","iat":%d,"nbf":%d,"exp":%d}`, iat, nbf, exp), []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	// Against the real now, the token expired long ago.
	p.WaitStatus(token, stateExpired)

	local := teachLocalDatetime(p, at)
	t.Logf("check at %d is %s in the page's time zone", at, local)
	p.SetValue("check-now", local)
	p.WaitStatus(token, stateVerified)
	s := waitTeach(p, "relative times from the fixed now", func(s teachState) bool {
		r, _ := s.row("exp")
		return s.Token == token && r.Relative == "in 14 minutes"
	})
	if s.CheckNow != local {
		t.Errorf("check-now holds %q, want %q", s.CheckNow, local)
	}
	for _, c := range []struct {
		name     string
		sec      int64
		relative string
	}{
		{"exp", exp, "in 14 minutes"},
		{"iat", iat, "3 days ago"},
		{"nbf", nbf, "1 hour ago"},
	} {
		r, ok := s.row(c.name)
		wantUTC := time.Unix(c.sec, 0).UTC().Format("2006-01-02 15:04:05 UTC")
		if !ok || r.Relative != c.relative || r.UTC != wantUTC {
			t.Errorf("claim %s: relative %q utc %q, want %q and %q\n%s", c.name, r.Relative, r.UTC, c.relative, wantUTC, s)
		}
	}
	if !s.TimelineShown {
		t.Errorf("the timeline is not visible\n%s", s)
	}
	for _, m := range []string{"iat", "nbf", "exp", "now"} {
		if s.marker(m) == "" {
			t.Errorf("the timeline has no .mark-%s\n%s", m, s)
		}
	}
	if now := s.marker("now"); !teachHasClass(now, "inside") || teachHasClass(now, "outside") {
		t.Errorf("the now marker is %q, want it .inside the validity window\n%s", now, s)
	}
	if !strings.Contains(s.TimelineLabel, "inside") {
		t.Errorf("the timeline's aria-label %q should say now is inside", s.TimelineLabel)
	}
}

// TestTimeTravel moves "now" past exp, then gives leeway, then comes back.
func TestTimeTravel(t *testing.T) {
	t.Parallel()
	p := openTeach(t)
	now := time.Now().Unix()
	exp := now + 3600
	token := hs256(`{"alg":"HS256","typ":"JWT"}`,
		fmt.Sprintf(`{"sub":"e2e-time-travel","iat":%d,"exp":%d}`, now, exp), []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	waitTeach(p, "the now marker inside the window", func(s teachState) bool {
		return s.Token == token && teachHasClass(s.marker("now"), "inside")
	})

	// A day before iat, the lints judge iat at that time.
	p.SetValue("check-now", teachLocalDatetime(p, now-86400))
	s := waitTeach(p, "the lint iat_in_future a day before iat", func(s teachState) bool {
		_, found := s.finding("iat_in_future")
		return found
	})
	if r, _ := s.row("iat"); r.Relative != "in 1 day" {
		t.Errorf("a day before iat, iat's relative time is %q, want \"in 1 day\"", r.Relative)
	}

	later := teachLocalDatetime(p, exp+3600)
	p.SetValue("check-now", later)
	p.WaitStatus(token, stateExpired)
	s = waitTeach(p, "the now marker outside the window an hour after exp", func(s teachState) bool {
		return teachHasClass(s.marker("now"), "outside")
	})
	if r, _ := s.row("exp"); r.Relative != "1 hour ago" {
		t.Errorf("an hour after exp, exp's relative time is %q, want \"1 hour ago\"", r.Relative)
	}
	if !strings.Contains(s.TimelineLabel, "outside") {
		t.Errorf("the timeline's aria-label %q should say now is outside", s.TimelineLabel)
	}
	if f, found := s.finding("iat_in_future"); found {
		t.Errorf("after exp, the lint iat_in_future is still there: %s", f.Message)
	}

	// Two hours of leeway cover the hour past exp.
	p.SetValue("check-leeway", "7200")
	p.WaitStatus(token, stateVerified)
	p.SetValue("check-leeway", "0")
	p.WaitStatus(token, stateExpired)

	if err := p.do(callTimeout, chromedp.Click(chromedp.ID("now-reset"))); err != nil {
		t.Fatalf("click the Now button: %v", err)
	}
	p.WaitStatus(token, stateVerified)
	s = waitTeach(p, "check-now empty and the now marker inside again", func(s teachState) bool {
		return s.CheckNow == "" && teachHasClass(s.marker("now"), "inside")
	})
	if r, _ := s.row("exp"); !strings.HasPrefix(r.Relative, "in ") {
		t.Errorf("back at the real now, exp's relative time is %q, want \"in …\"", r.Relative)
	}
}

// teachStepLine returns the hex of the step list's code line that starts with
// label, without the label and the spaces between bytes.
func teachStepLine(s teachState, label string) (string, bool) {
	for _, c := range s.StepCodes {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(c), label); ok {
			return strings.Join(strings.Fields(rest), ""), true
		}
	}
	return "", false
}

// TestHMACSteps opens the step-by-step explanation of an HS256 signature, with
// the right secret and with a wrong one.
func TestHMACSteps(t *testing.T) {
	t.Parallel()
	p := openTeach(t)
	token := hs256(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"e2e-steps","name":"Grace Hopper"}`, []byte(testSecret))
	parts := strings.Split(token, ".")
	sig, err := b64url.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sigHex := hex.EncodeToString(sig)

	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	if err := p.do(callTimeout, chromedp.Click(chromedp.CSS(`[data-testid="signature-steps"] > summary`))); err != nil {
		t.Fatalf("click the summary of signature-steps: %v", err)
	}
	s := waitTeach(p, "the steps to say the signatures are equal", func(s teachState) bool {
		return s.StepsOpen && s.Token == token && strings.Contains(strings.Join(s.StepItems, "\n"), "They are equal")
	})
	if items := strings.Join(s.StepItems, "\n"); !strings.Contains(items, parts[0]+"."+parts[1]) {
		t.Errorf("the steps do not show the signing input %s.%s\n%s", parts[0], parts[1], s)
	}
	recomputed, ok1 := teachStepLine(s, "recomputed:")
	inToken, ok2 := teachStepLine(s, "in token:")
	if !ok1 || !ok2 {
		t.Fatalf("the steps have no \"recomputed:\" and \"in token:\" lines; code lines %q\n%s", s.StepCodes, s)
	}
	if recomputed != sigHex || inToken != sigHex {
		t.Errorf("recomputed %s\nin token   %s\nwant both  %s", recomputed, inToken, sigHex)
	}
	if len(s.StepMarks) != 0 {
		t.Errorf("equal signatures should mark nothing, marks %q", s.StepMarks)
	}

	// A wrong secret: the steps follow the key box while they are open.
	wrong := "e2e-a-wrong-secret-that-is-long-enough-too!"
	mac := hmac.New(sha256.New, []byte(wrong))
	mac.Write([]byte(parts[0] + "." + parts[1]))
	expected := mac.Sum(nil)
	first := 0
	for first < len(sig) && sig[first] == expected[first] {
		first++
	}
	p.SetKey(wrong)
	p.WaitStatus(token, stateInvalidSignature)
	want := fmt.Sprintf("They differ from byte %d", first)
	s = waitTeach(p, fmt.Sprintf("the steps to say %q", want), func(s teachState) bool {
		return strings.Contains(strings.Join(s.StepItems, "\n"), want)
	})
	if len(s.StepMarks) == 0 {
		t.Fatalf("differing signatures should mark where they part; no <mark>\n%s", s)
	}
	recomputed, _ = teachStepLine(s, "recomputed:")
	inToken, _ = teachStepLine(s, "in token:")
	if recomputed != hex.EncodeToString(expected) || inToken != sigHex {
		t.Errorf("with the wrong secret:\nrecomputed %s, want %x\nin token   %s, want %s", recomputed, expected, inToken, sigHex)
	}
	wantMarks := []string{hex.EncodeToString(expected)[2*first:], sigHex[2*first:]}
	if !slices.Equal(s.StepMarks, wantMarks) {
		t.Errorf("marks %q, want the hex from byte %d on: %q", s.StepMarks, first, wantMarks)
	}
}

// TestLintFindings pastes tokens that break the advice of RFC 8725 and looks
// for each finding in the panel, then a clean one.
func TestLintFindings(t *testing.T) {
	t.Parallel()
	rsaPEM := testKey(t, "RS256").publicPEM
	if _, ok := testKey(t, "RS256").public.(*rsa.PublicKey); !ok {
		t.Fatal("the RS256 test key is not RSA")
	}
	now := time.Now().Unix()
	fresh := fmt.Sprintf(`"iat":%d,"exp":%d`, now, now+600)
	typ := `{"alg":"HS256","typ":"JWT"}`
	good := []byte(testSecret)
	cases := []struct {
		name, code, severity string
		key, token           string
	}{
		{"alg none", "alg_none", "high", testSecret,
			unsigned(`{"alg":"none","typ":"JWT"}`, `{"sub":"e2e-none",`+fresh+`}`)},
		{"well-known secret", "weak_secret", "", "secret",
			hs256(typ, `{"sub":"e2e-weak",`+fresh+`}`, []byte("secret"))},
		{"RSA public key for HS256", "key_confusion", "", rsaPEM,
			hs256(typ, `{"sub":"e2e-confusion",`+fresh+`}`, good)},
		{"no exp", "no_exp", "", testSecret,
			hs256(typ, fmt.Sprintf(`{"sub":"e2e-no-exp","iat":%d}`, now), good)},
		{"exp in milliseconds", "exp_in_milliseconds", "", testSecret,
			hs256(typ, fmt.Sprintf(`{"sub":"e2e-ms","iat":%d,"exp":%d}`, now, (now+600)*1000), good)},
		{"jku in the header", "header_key_url", "", testSecret,
			hs256(`{"alg":"HS256","typ":"JWT","jku":"https://keys.example/jwks.json"}`, `{"sub":"e2e-jku",`+fresh+`}`, good)},
		{"kid path traversal", "suspicious_kid", "", testSecret,
			hs256(`{"alg":"HS256","typ":"JWT","kid":"../../etc/passwd"}`, `{"sub":"e2e-kid",`+fresh+`}`, good)},
		{"duplicate member", "duplicate_member", "", testSecret,
			hs256(typ, `{"sub":"e2e-dup","admin":false,`+fresh+`,"admin":true}`, good)},
		{"password claim", "sensitive_claim", "", testSecret,
			hs256(typ, `{"sub":"e2e-password","password":"hunter2",`+fresh+`}`, good)},
	}
	severities := []string{"high", "medium", "low", "info"}

	p := openTeach(t)
	for _, c := range cases {
		p.SetKey(c.key)
		p.SetToken(c.token)
		s, ok := checkTeach(p, fmt.Sprintf("%s: li.finding[data-code=%s] in the lint panel", c.name, c.code), func(s teachState) bool {
			_, found := s.finding(c.code)
			return s.Token == c.token && found
		})
		if !ok {
			continue
		}
		f, _ := s.finding(c.code)
		if !s.LintShown {
			t.Errorf("%s: the lint panel is not visible", c.name)
		}
		if !slices.Contains(severities, f.Severity) || !teachHasClass(f.Class, "sev-"+f.Severity) {
			t.Errorf("%s: finding %s has severity badge %q and class %q, want one of %q and the class sev-<severity>",
				c.name, c.code, f.Severity, f.Class, severities)
		}
		if c.severity != "" && f.Severity != c.severity {
			t.Errorf("%s: finding %s has severity %q, want %q", c.name, c.code, f.Severity, c.severity)
		}
		if f.Message == "" || f.Fix == "" || f.Ref == "" {
			t.Errorf("%s: finding %s should have a message, a fix and a reference: %+v", c.name, c.code, f)
		}
	}

	// A clean token with a strong secret.
	clean := hs256(typ, `{"sub":"e2e-clean",`+fresh+`}`, good)
	p.SetKey(testSecret)
	p.SetToken(clean)
	p.WaitStatus(clean, stateVerified)
	s, ok := checkTeach(p, "a clean token: \"No problems found.\"", func(s teachState) bool {
		return s.Token == clean && strings.Contains(s.LintText, "No problems found.")
	})
	if ok {
		if !s.LintShown {
			t.Errorf("the lint panel is not visible for a clean token")
		}
		for _, f := range s.Findings {
			if f.Code != "" {
				t.Errorf("a clean token has the finding %s: %s", f.Code, f.Message)
			}
		}
	}
}

// TestPartsLitUp hovers and focuses the parts of the token and checks that
// each lights up in the token view and in the decoded view together.
func TestPartsLitUp(t *testing.T) {
	t.Parallel()
	p := openTeach(t)
	// The sample token is there from the start.
	p.WaitStatus(p.State().Token, stateVerified)
	only := func(s teachState, want ...string) bool {
		got := slices.Clone(s.Lit)
		slices.Sort(got)
		want = slices.Clone(want)
		slices.Sort(want)
		return slices.Equal(got, want)
	}

	// The mouse over the payload editor.
	teachMouseTo(p, teachPointOf(p, teachBoxJS+`('[data-testid="payload-json"]')`))
	waitTeach(p, "the payload lit while the mouse is over the payload editor", func(s teachState) bool {
		return only(s, "part-payload", "seg-payload")
	})

	// The mouse away, over the page title: nothing is lit.
	mustEval[chromedp.Void](p, `window.scrollTo(0, 0)`)
	teachMouseTo(p, teachPointOf(p, teachBoxJS+`('h1')`))
	waitTeach(p, "nothing lit with the mouse over the title", func(s teachState) bool { return only(s) })

	// The focus in the key box, inside the signature section. focus() with
	// preventScroll keeps the page still, so the resting mouse stays over
	// the title.
	mustEval[chromedp.Void](p, `document.querySelector('[data-testid="key-input"]').focus({ preventScroll: true })`)
	waitTeach(p, "the signature lit while the key box has the focus", func(s teachState) bool {
		return s.Active == "key-input" && only(s, "part-signature", "seg-signature")
	})

	// The mouse over the header segment of the token's text.
	teachMouseTo(p, teachPointOf(p, teachBoxJS+`('[data-testid="token-view"] .seg-header')`))
	waitTeach(p, "the header lit while the mouse is over the header segment of the token", func(s teachState) bool {
		return only(s, "part-header", "seg-header")
	})
	teachMouseTo(p, teachPointOf(p, teachBoxJS+`('[data-testid="token-view"] .seg-payload')`))
	waitTeach(p, "the payload lit while the mouse is over the payload segment of the token", func(s teachState) bool {
		return only(s, "part-payload", "seg-payload")
	})

	// The mouse leaves the token while the key box still has the focus:
	// the focused part is lit again, as focusing a part lights it.
	mustEval[chromedp.Void](p, `window.scrollTo(0, 0)`)
	teachMouseTo(p, teachPointOf(p, teachBoxJS+`('h1')`))
	if s, ok := checkTeach(p, "the signature lit again once the mouse left the token, since the key box still has the focus", func(s teachState) bool {
		return only(s, "part-signature", "seg-signature")
	}); !ok {
		t.Logf("the key box has the focus (active element %q), yet lit is %q", s.Active, s.Lit)
	}
}
