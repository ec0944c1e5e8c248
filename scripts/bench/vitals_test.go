package main

import (
	"strings"
	"testing"
)

func TestSpliceSection(t *testing.T) {
	const section = vitalsHeading + "\n\nnew figures\n"
	for _, tc := range []struct{ name, report, want string }{
		{"replaces the old section, up to the next",
			"# Benchmarks\n\n" + vitalsHeading + "\n\nold figures\n\n" + methodHeading + "\n\n- how\n",
			"# Benchmarks\n\n" + section + "\n" + methodHeading + "\n\n- how\n"},
		{"replaces the old section at the end",
			"# Benchmarks\n\n" + vitalsHeading + "\n\nold\n",
			"# Benchmarks\n\n" + section},
		{"goes before the method when there is none",
			"# Benchmarks\n\n## 5. Cracker\n\nfast\n\n" + methodHeading + "\n",
			"# Benchmarks\n\n## 5. Cracker\n\nfast\n\n" + section + "\n" + methodHeading + "\n"},
		{"goes at the end without a method", "# Benchmarks\n", "# Benchmarks\n\n" + section},
		{"makes a report of nothing", "", section},
	} {
		if got := spliceSection(tc.report, section); got != tc.want {
			t.Errorf("%s:\ngot\n%q\nwant\n%q", tc.name, got, tc.want)
		}
	}
}

// TestWriteVitalsGoals checks that each goal is judged on the median of
// the preset's runs, before beside now, and that a preset not measured is
// said so rather than failed.
func TestWriteVitalsGoals(t *testing.T) {
	run := func(perf int, tbt float64) lighthouseRun {
		return lighthouseRun{Preset: "mobile", Performance: perf, Accessibility: 100,
			Metrics: map[string]float64{"tbt": tbt, "lcp": 2000, "cls": 0.01, "fcp": 900, "si": 1000, "tti": 2100}}
	}
	r := &results{
		Vitals: &vitalsResult{Commit: "now", Lighthouse: []lighthouseRun{run(95, 150), run(80, 900), run(91, 190)},
			Axe: []axeResult{{Page: "index.html", Scheme: "dark", Version: "4.14.1", Violations: []axeViolation{{ID: "color-contrast", Impact: "serious", Nodes: []string{"x"}}}}}},
		VitalsBefore: &vitalsResult{Commit: "main", Lighthouse: []lighthouseRun{run(40, 3600)}},
	}
	var b strings.Builder
	writeVitals(&b, r)
	got := b.String()
	for _, want := range []string{
		"| performance, mobile | ≥ 90 | 40 | 91 | pass |",
		"| Total Blocking Time, mobile | ≤ 200 ms | 3600 ms | 190 ms | pass |",
		"| performance, desktop | ≥ 98 | — | — | not measured |",
		"| axe-core violations (1 pages and schemes) | 0 | — | 1 | **fail** |",
		"| index.html | dark | 0 | `color-contrast` (serious, 1 node) |",
		"*Before* is the same measurement of `main`.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the section lacks %q:\n%s", want, got)
		}
	}
}

// TestWriteStartupTyping checks that a load's INP is its slowest
// interaction (16 ms when none was reported), that the goal is judged on
// the median of the 1× loads, the 4× ones only reported, and that
// Lighthouse on embed.html gets a table of its own.
func TestWriteStartupTyping(t *testing.T) {
	lh := lighthouseRun{Preset: "mobile", Performance: 99, Accessibility: 100, Metrics: map[string]float64{"cls": 0.02}}
	r := &results{Vitals: &vitalsResult{Commit: "now", Lighthouse: []lighthouseRun{lh}, LighthouseEmbed: []lighthouseRun{lh},
		Typing: []startupTyping{
			{CPU: 1, ReadyMs: 1500, Typed: 10, Latencies: []float64{40, 90, 30}, FrameGap: 50},
			{CPU: 1, ReadyMs: 1700, Typed: 12, Latencies: nil, FrameGap: 20},
			{CPU: 1, ReadyMs: 1600, Typed: 11, Latencies: []float64{250}, FrameGap: 300},
			{CPU: 4, ReadyMs: 3000, Typed: 5, Latencies: []float64{400}, FrameGap: 700},
		}}}
	var b strings.Builder
	writeVitals(&b, r)
	got := b.String()
	for _, want := range []string{
		"| Interaction to Next Paint while the core starts, CPU 1× | ≤ 100 ms | — | 90.0 ms | pass |",
		"| 1× | 3 | 1600 | 11 | 1 | 90.0 (16.0–250) | 50.0 |",
		"| 4× | 1 | 3000 | 5 | 1 | 400 (400–400) | 700 |",
		"### Lighthouse on embed.html",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the section lacks %q:\n%s", want, got)
		}
	}
}
