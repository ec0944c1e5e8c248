package main

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3}
	for _, tc := range []struct{ p, want float64 }{{0, 1}, {50, 3}, {95, 4.8}, {100, 5}} {
		if got := percentile(xs, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("percentile(%v, %g) = %g, want %g", xs, tc.p, got, tc.want)
		}
	}
	if got := median([]float64{1, 2, 3, 10}); got != 2.5 {
		t.Errorf("median of an even count = %g, want 2.5", got)
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median of nothing is a number")
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{{0.5, "0.50"}, {1.04, "1.0"}, {9.98, "10"}, {14.4, "14"}} {
		if got := formatRatio(tc.v); got != tc.want {
			t.Errorf("formatRatio(%g) = %q, want %q", tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{{0.123, "0.12"}, {9.999, "10.0"}, {12.34, "12.3"}, {99.99, "100"}, {123.4, "123"}, {1234, "1234"}, {12345, "12,345"}, {1234567, "1,234,567"}} {
		if got := formatUS(tc.v); got != tc.want {
			t.Errorf("formatUS(%g) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestAssetPath(t *testing.T) {
	const base = "http://127.0.0.1:1234/"
	for _, tc := range []struct {
		url, want string
		ok        bool
	}{
		{base, "index.html", true},
		{base + "?token=x", "index.html", true},
		{base + "app.js", "app.js", true},
		{"http://127.0.0.1:999/jose/index.js", "", false},
	} {
		got, ok := assetPath(base, tc.url)
		if got != tc.want || ok != tc.ok {
			t.Errorf("assetPath(%q) = %q, %v; want %q, %v", tc.url, got, ok, tc.want, tc.ok)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestRenderReport renders made-up results, to check that every section
// and goal is there without running a browser.
func TestRenderReport(t *testing.T) {
	side := func(us float64) sideResult { return sideResult{N: 10, Samples: []float64{us, us, us}} }
	r := &results{
		Plan:    fullPlan,
		Started: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
		Env:     environment{CPU: "Test CPU", Cores: 2, Go: "go1.26", Chromium: "Chrome/1"},
		Loads:   []loadMark{{"start", "1.00 2.00 3.00"}},
		Micro: []microCell{
			{Alg: "HS256", Op: "decode", Ours: side(20), Jose: side(10), OursSame: ptr(side(3)), JoseSame: ptr(side(6))},
			{Alg: "HS256", Op: "verify", Ours: side(30), Jose: side(10), OursSync: ptr(side(60))},
			{Alg: "HS256", Op: "sign", Ours: side(20), Jose: side(10), OursSync: ptr(side(40))},
			{Alg: "HS256", Op: "keygen", Ours: side(20), Jose: side(10)},
		},
		Typing: typingResult{FrameMs: 16.7, Rows: []typingRow{{Alg: "HS256", Box: "token", Keystrokes: []keystroke{{Handler: 1, Verdict: 2, Frame: 5, Painted: 9, State: "verified", Settled: "verified"}}}}},
		Gen:    genResult{Alg: "RS256", Bits: 4096, LongtaskSupported: true, Status: "New", Badges: []badgeState{{"key-error", 2650}, {"verified", 2682.5}}},
		Load: loadResult{
			Cold:   []loadInfo{{ReadyMs: 150}},
			Assets: []assetSize{{Path: "index.html", Raw: 2000, Gzip: 900, Brotli: 800, Wire: 2100}},
		},
	}
	r.Finished = r.Started.Add(time.Minute)
	md := renderReport(r)
	for _, want := range []string{
		"| verify (`verifyAsync`) | ≤ 2× jose's time | 0 of 1 algorithms within; worst HS256 at 3.0× | **fail** |",
		"| sign (`encodeAsync`) | ≤ 3× jose's time | 1 of 1 algorithms within; worst HS256 at 2.0× | pass |",
		"| decode (distinct tokens) | ≤ 5× jose's time | 1 of 1 algorithms within; worst HS256 at 2.0× | pass |",
		// The distinct-token decode is judged; the same-token one is not.
		"### Decode, distinct tokens (the goal's measure)",
		"| HS256 | 20.0 | 10.0 | 2.0 | 3×10; 3×10 | pass |",
		"### Decode, one token over and over (not the goal's measure)",
		"| HS256 | 3.00 | 6.00 | 0.50 | 3×10; 3×10 |\n",
		"### Verify: ours `await verifyAsync(token, {key: publicKeyPem})`",
		"| HS256 | 30.0 | 10.0 | 3.0 | 3×10; 3×10 | **fail** |",
		"### Sign: ours `await encodeAsync({header, payload, key: privateKeyPem})`",
		// Sync, pure Go: verify 60 µs (6× jose, async 0.5× sync), sign 40 µs (4×, 0.5×).
		"### Sync, pure Go (not the goals' measure)",
		"| HS256 | 60.0 | 6.0 | 0.50 | 40.0 | 4.0 | 0.50 | 3×10; 3×10 |",
		"| page weight | ≤ 1.0 MB brotli on the wire | 0.8 kB brotli for the 1 files the page loads | pass |",
		"RSA 4096 (RS256)",
		"| The badge's states after the click, in order | key-error at 2650 ms → verified at 2682 ms |",
		"| HS256 | token | 1.00 / 1.00 | 2.00 / 2.00 | 5.00 / 5.00 | 9.00 / 9.00 | verified 1 | pass |",
		"Test CPU, 2 cores",
		"start 1.00 2.00 3.00",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Time to ready is a record since issue 14, not a goal.
	if strings.Contains(md, "| ready, cold |") {
		t.Errorf("the goals still judge the cold time to ready")
	}
	if t.Failed() {
		t.Logf("the report:\n%s", md)
	}
}

func TestWriteWorst(t *testing.T) {
	r := &results{Plan: plan{worstRuns: 5}, Worst: []worstResult{
		{Name: "fast", TokenBytes: 1045845, Decode: 10, Verify: 20, Lint: 30, Explain: 40, ExplainSignature: 5, Total: 100},
		{Name: "slow", TokenBytes: 500000, Decode: 100, Verify: 100, Lint: 100, Explain: 100, Total: 400},
	}}
	var b strings.Builder
	writeWorst(&b, r)
	for _, want := range []string{"## 4. Worst inputs", "median of 5 runs", "| fast | 1,045,845 | 10.0 | 20.0 | 30.0 | 40.0 | 5.00 | 100 | pass |", "| slow | 500,000 |", "| 400 | **fail** |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the worst-inputs section lacks %q:\n%s", want, b.String())
		}
	}
	if row := worstGoalRow(r.Worst); row[2] != "1 of 2 inputs within; worst slow at 400 ms" || row[3] != "**fail**" {
		t.Errorf("goal row %q", row)
	}
}

// TestSpliceGoalRows checks that -only api rewrites the goals its section
// judges, and leaves the other rows and a report without them alone.
func TestSpliceGoalRows(t *testing.T) {
	cell := func(alg, op string, ours, jose float64) microCell {
		return microCell{Alg: alg, Op: op, Ours: sideResult{N: 1, Samples: []float64{ours}}, Jose: sideResult{N: 1, Samples: []float64{jose}}}
	}
	cells := []microCell{cell("RS256", "verify", 50, 30), cell("PS256", "verify", 70, 30), cell("RS256", "sign", 10, 10), cell("RS256", "decode", 10, 5)}
	report := "## Goals\n\n| Goal | Target | Measured | Result |\n| --- | --- | --- | --- |\n" +
		"| verify (`verifyAsync`) | ≤ 2× jose's time | 8 of 13 algorithms within; worst RS384 at 2.4× | **fail** |\n" +
		"| sign (`encodeAsync`) | ≤ 3× jose's time | old | pass |\n" +
		"| decode (distinct tokens) | ≤ 5× jose's time | old | pass |\n" +
		"| ready, cold | ≤ 200 ms, median | 1127 ms (median of 5) | **fail** |\n"
	got := spliceGoalRows(report, cells)
	for _, want := range []string{
		"| verify (`verifyAsync`) | ≤ 2× jose's time | 1 of 2 algorithms within; worst PS256 at 2.3× | **fail** |\n",
		"| sign (`encodeAsync`) | ≤ 3× jose's time | 1 of 1 algorithms within; worst RS256 at 1.0× | pass |\n",
		"| decode (distinct tokens) | ≤ 5× jose's time | 1 of 1 algorithms within; worst RS256 at 2.0× | pass |\n",
		"| ready, cold | ≤ 200 ms, median | 1127 ms (median of 5) | **fail** |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
	if other := "# Nothing\n\ntext\n"; spliceGoalRows(other, cells) != other {
		t.Errorf("a report without goal rows was changed")
	}
}
