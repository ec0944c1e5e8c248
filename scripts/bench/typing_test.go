package main

import (
	"io"
	"strings"
	"testing"
)

// TestParseFlagsOnly checks that -only takes the sections measured alone,
// typing among them, and refuses any other.
func TestParseFlagsOnly(t *testing.T) {
	for _, tc := range []struct {
		only string
		ok   bool
	}{{"vitals", true}, {"typing", true}, {"", true}, {"micro", false}, {"Typing", false}} {
		c, err := parseFlags([]string{"-only", tc.only}, io.Discard)
		if (err == nil) != tc.ok {
			t.Errorf("-only %q: error %v, want ok %v", tc.only, err, tc.ok)
			continue
		}
		if tc.ok && c.only != tc.only {
			t.Errorf("-only %q: config says %q", tc.only, c.only)
		}
	}
}

// TestOnlyTypingReport checks what -only typing writes into a report: its
// section in place of the old one, and its row of the goals, the rest left
// as it was.
func TestOnlyTypingReport(t *testing.T) {
	r := &results{Plan: fullPlan, Typing: typingResult{FrameMs: 16.7, Rows: []typingRow{
		{Alg: "HS256", Box: "token", Keystrokes: []keystroke{{Handler: 0.5, Verdict: 2, Frame: 4, Painted: 9, State: "verified", Settled: "verified"}}},
	}}}
	old := "# Benchmarks\n\n## Goals\n\n| Goal | Target | Measured | Result |\n| --- | --- | --- | --- |\n" +
		"| verify (`verifyAsync`) | ≤ 2× jose's time | 13 of 13 | pass |\n" +
		"| keystroke → verdict | p95 ≤ 16 ms, to the next frame | 0 of 15 rows within; worst EdDSA token at 37 ms | **fail** |\n" +
		"| cold ready | x | y | z |\n\n" + typingHeading + "\n\nold figures\n\n## 3. Load\n\nloads\n"
	var section strings.Builder
	writeTyping(&section, r)
	got := replaceGoalRow(spliceSection(old, section.String()), verdictGoalRow(r.Typing))
	for _, want := range []string{
		"| keystroke → verdict | p95 ≤ 16 ms, to the next frame | 1 of 1 rows within; worst HS256 token at 4 ms | pass |\n",
		"| verify (`verifyAsync`) | ≤ 2× jose's time | 13 of 13 | pass |\n| keystroke → verdict",
		"| cold ready | x | y | z |\n",
		"| HS256 | token | 0.50 / 0.50 |",
		"\n## 3. Load\n\nloads\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"old figures", "0 of 15 rows"} {
		if strings.Contains(got, gone) {
			t.Errorf("the report still holds %q:\n%s", gone, got)
		}
	}
}

// TestWriteBreakdown checks the breakdown by box: medians over every
// algorithm's keystrokes, and the verdicts that came after the frame of
// the typed text counted.
func TestWriteBreakdown(t *testing.T) {
	k := func(verdict, typedFrame float64) keystroke {
		return keystroke{Handler: 1, Verdict: verdict, Frame: verdict + 1, TypedFrame: typedFrame, TypedPainted: typedFrame + 3}
	}
	var b strings.Builder
	writeBreakdown(&b, typingResult{Rows: []typingRow{
		{Alg: "HS256", Box: "token", Keystrokes: []keystroke{k(2, 3), k(9, 2)}},
		{Alg: "ES256", Box: "token", Keystrokes: []keystroke{k(8, 2)}},
		{Alg: "HS256", Box: "key", Keystrokes: []keystroke{k(1, 2)}},
	}})
	got := b.String()
	for _, want := range []string{
		"| token | 3 | 1.00 | 2.00 | 5.00 | 8.00 | 9.00 | 2 of 3 |",
		"| key | 1 | 1.00 | 2.00 | 5.00 | 1.00 | 2.00 | 0 of 1 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the breakdown lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "| payload |") {
		t.Errorf("a box not typed into has a row:\n%s", got)
	}
}
