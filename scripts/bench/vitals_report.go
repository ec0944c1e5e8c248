package main

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
)

// vitalsHeading starts the vitals section; -only vitals replaces the
// section under it.
const vitalsHeading = "## 6. Opening the page: Lighthouse and axe-core"

// methodHeading starts the report's last section.
const methodHeading = "## How it was measured"

// vitalsGoal is one goal of issue 14, judged on the median of the runs of
// a Lighthouse preset.
type vitalsGoal struct {
	name, target string
	preset       string
	value        func(lighthouseRun) float64
	format       func(float64) string
	pass         func(float64) bool
}

func ms(v float64) string    { return formatUS(v) + " ms" }
func score(v float64) string { return fmt.Sprintf("%.0f", v) }
func cls(v float64) string   { return fmt.Sprintf("%.3f", v) }

func metric(name string) func(lighthouseRun) float64 {
	return func(r lighthouseRun) float64 { return r.Metrics[name] }
}

var vitalsGoals = []vitalsGoal{
	{"performance, mobile", "≥ 90", "mobile", func(r lighthouseRun) float64 { return float64(r.Performance) }, score, func(v float64) bool { return v >= 90 }},
	{"Total Blocking Time, mobile", "≤ 200 ms", "mobile", metric("tbt"), ms, func(v float64) bool { return v <= 200 }},
	{"Largest Contentful Paint, mobile", "≤ 2.5 s", "mobile", metric("lcp"), ms, func(v float64) bool { return v <= 2500 }},
	{"Cumulative Layout Shift, mobile", "≤ 0.05", "mobile", metric("cls"), cls, func(v float64) bool { return v <= 0.05 }},
	{"performance, desktop", "≥ 98", "desktop", func(r lighthouseRun) float64 { return float64(r.Performance) }, score, func(v float64) bool { return v >= 98 }},
	{"accessibility, mobile", "100", "mobile", func(r lighthouseRun) float64 { return float64(r.Accessibility) }, score, func(v float64) bool { return v >= 100 }},
	{"accessibility, desktop", "100", "desktop", func(r lighthouseRun) float64 { return float64(r.Accessibility) }, score, func(v float64) bool { return v >= 100 }},
}

// valuesWhere is f of each run that keep keeps.
func valuesWhere[T any](runs []T, keep func(T) bool, f func(T) float64) []float64 {
	var xs []float64
	for _, r := range runs {
		if keep(r) {
			xs = append(xs, f(r))
		}
	}
	return xs
}

func ofPreset(preset string) func(lighthouseRun) bool {
	return func(r lighthouseRun) bool { return r.Preset == preset }
}

// medianOf is the median of f over the runs of preset; NaN for none.
func medianOf(v *vitalsResult, preset string, f func(lighthouseRun) float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return median(valuesWhere(v.Lighthouse, ofPreset(preset), f))
}

// rangeOf is "median (min–max)" of f over the runs of preset.
func rangeOf(runs []lighthouseRun, preset string, f func(lighthouseRun) float64, format func(float64) string) string {
	xs := valuesWhere(runs, ofPreset(preset), f)
	if len(xs) == 0 {
		return "—"
	}
	if len(xs) == 1 {
		return format(xs[0])
	}
	return fmt.Sprintf("%s (%s–%s)", format(median(xs)), format(percentile(xs, 0)), format(percentile(xs, 100)))
}

// axeCount is the number of axe-core violations (rule × page × scheme),
// and how many checks were made; -1 without a run.
func axeCount(v *vitalsResult) (violations, checks int) {
	if v == nil || len(v.Axe) == 0 {
		return -1, 0
	}
	for _, a := range v.Axe {
		violations += len(a.Violations)
	}
	return violations, len(v.Axe)
}

func writeVitals(b *strings.Builder, r *results) {
	v, before := r.Vitals, r.VitalsBefore
	if v == nil {
		return
	}
	fmt.Fprintf(b, "%s\n\n", vitalsHeading)
	lh, axe, ua := "", "", ""
	if len(v.Lighthouse) > 0 {
		lh, axe, ua = v.Lighthouse[0].Lighthouse, v.Lighthouse[0].Axe, v.Lighthouse[0].UserAgent
	}
	fmt.Fprintf(b, "Issue 14's goals for opening the page. Measured on %s (load average %s at the start, %s at the end, on %d cores) "+
		"on `make dist`'s output of `%s`, served by `serve` on 127.0.0.1 "+
		"(brotli or gzip as the browser accepts), with Lighthouse %s (its accessibility audits are axe-core %s) in Debian's Chromium (%s), "+
		"`--headless=new`: %s of each preset, each a first visit in a Chromium of its own with a fresh profile, and the median of them. "+
		"The mobile preset simulates a mid-range phone on slow 4G with the CPU slowed 4×; desktop, a fast link and no CPU slow-down. "+
		"The machine is shared with other work, which slows the page and moves these figures: Lighthouse's simulated mobile throttling "+
		"multiplies whatever the main thread spends, so read the mobile figures as upper bounds.",
		v.Date.Format("2006-01-02 15:04 MST"), v.Loads[0], v.Loads[1], runtime.NumCPU(), v.Commit, lh, axe, ua, plural(countPreset(v, "mobile"), "run"))
	if before != nil {
		fmt.Fprintf(b, " *Before* is the same measurement of `%s`.", before.Commit)
	}
	b.WriteString("\n\n### Goals\n\n")
	var rows [][]string
	for _, g := range vitalsGoals {
		now := medianOf(v, g.preset, g.value)
		result := "not measured"
		if !math.IsNaN(now) {
			result = verdict(g.pass(now))
		}
		rows = append(rows, []string{g.name, g.target, fmtOr(medianOf(before, g.preset, g.value), g.format), fmtOr(now, g.format), result})
	}
	nb, _ := axeCount(before)
	n, checks := axeCount(v)
	rows = append(rows, []string{fmt.Sprintf("axe-core violations (%d pages and schemes)", checks), "0", countOr(nb), countOr(n), verdict(n == 0)})
	if inp := typingINP(v, goalCPU); !math.IsNaN(inp) {
		rows = append(rows, []string{fmt.Sprintf("Interaction to Next Paint while the core starts, CPU %g×", goalCPU), fmt.Sprintf("≤ %d ms", startupINPGoalMs),
			fmtOr(typingINP(before, goalCPU), ms), ms(inp), verdict(inp <= startupINPGoalMs)})
	}
	writeTable(b, []string{"Goal", "Target", "Before", "Now", "Result"}, rows)
	writeLighthouse(b, v)
	writeOpenLoads(b, v)
	writeStartupTyping(b, v)
	writeAxe(b, v)
	writeWasmpack(b, v.Wasmpack)
	b.WriteString("\n")
}

func countPreset(v *vitalsResult, preset string) int {
	n := 0
	for _, r := range v.Lighthouse {
		if r.Preset == preset {
			n++
		}
	}
	return n
}

func fmtOr(v float64, format func(float64) string) string {
	if math.IsNaN(v) {
		return "—"
	}
	return format(v)
}

func countOr(n int) string {
	if n < 0 {
		return "—"
	}
	return fmt.Sprint(n)
}

func writeLighthouse(b *strings.Builder, v *vitalsResult) {
	b.WriteString("\n### Lighthouse\n\nMedian (min–max) of the runs. *Long tasks* and the main thread's work are Lighthouse's, from the run's trace " +
		"(for the mobile preset, scaled by its CPU slow-down); *bytes* is its total byte weight, every response as transferred.\n\n")
	lighthouseTable(b, v.Lighthouse)
	if len(v.LighthouseEmbed) > 0 {
		b.WriteString("\n### Lighthouse on embed.html\n\nThe iframe form of the playground, `embed.html` with an HS256 token and its secret in the fragment " +
			"(`mode=verify`), as a docs page frames it, measured as the page is, for the record: its goals are the page's.\n\n")
		lighthouseTable(b, v.LighthouseEmbed)
	}
}

// lighthouseTable writes the metrics of runs, one column per preset.
func lighthouseTable(b *strings.Builder, runs []lighthouseRun) {
	presets := presetsOf(runs)
	head := []string{"Metric"}
	for _, p := range presets {
		head = append(head, p)
	}
	rows := [][]string{}
	add := func(name string, f func(lighthouseRun) float64, format func(float64) string) {
		row := []string{name}
		for _, p := range presets {
			row = append(row, rangeOf(runs, p, f, format))
		}
		rows = append(rows, row)
	}
	add("performance", func(r lighthouseRun) float64 { return float64(r.Performance) }, score)
	add("accessibility", func(r lighthouseRun) float64 { return float64(r.Accessibility) }, score)
	add("First Contentful Paint", metric("fcp"), ms)
	add("Largest Contentful Paint", metric("lcp"), ms)
	add("Total Blocking Time", metric("tbt"), ms)
	add("Cumulative Layout Shift", metric("cls"), cls)
	add("Speed Index", metric("si"), ms)
	add("Time to Interactive", metric("tti"), ms)
	add("bytes", func(r lighthouseRun) float64 { return r.Bytes }, func(x float64) string { return formatKB(int64(x)) + " kB" })
	add("long tasks", func(r lighthouseRun) float64 { return float64(r.LongTasks.Count) }, score)
	add("long tasks, total", func(r lighthouseRun) float64 { return r.LongTasks.TotalMs }, ms)
	for _, g := range mainThreadGroups(runs) {
		add("main thread: "+g, func(r lighthouseRun) float64 {
			for _, m := range r.MainThread {
				if m.Group == g {
					return m.Ms
				}
			}
			return 0
		}, ms)
	}
	writeTable(b, head, rows)
}

func presetsOf(runs []lighthouseRun) []string {
	var ps []string
	for _, r := range runs {
		if !slices.Contains(ps, r.Preset) {
			ps = append(ps, r.Preset)
		}
	}
	return ps
}

// mainThreadGroups are the groups of Lighthouse's main-thread breakdown,
// the busiest first (by the first run's figures).
func mainThreadGroups(runs []lighthouseRun) []string {
	var gs []string
	for _, r := range runs {
		for _, m := range r.MainThread {
			if !slices.Contains(gs, m.Group) {
				gs = append(gs, m.Group)
			}
		}
	}
	return gs
}

func writeOpenLoads(b *strings.Builder, v *vitalsResult) {
	if len(v.Cold) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### Time to ready and where the time goes\n\n"+
		"The page loaded in the bench's Chromium, unthrottled, at 1280×800: *cold* each time in a fresh browser context (empty caches, no service worker), "+
		"*warm* reloads of the first cold one with the service worker bypassed (the HTTP cache, every file revalidated). "+
		"Ready is `data-ready=\"true\"` on `<html>`. Long tasks are the Long Tasks API's (the page's main thread busy over 50 ms at a time), "+
		"up to ready and up to %s after it; *fetched* is what the page's Resource Timing saw on the wire (not a worker's fetches).\n\n", settleAfterReady)
	rows := [][]string{openRow("cold", v.Cold), openRow("warm", v.Warm)}
	writeTable(b, []string{"Load", "runs", "ready, median (min–max) ms", "first contentful paint, median ms", "long tasks to ready: count, ms (median)", "long tasks to ready + 1.5 s: count, ms", "fetched, median kB"}, rows)
	fmt.Fprintf(b, "\nThe trace of the first cold load: each long task of the main thread, from navigation start.\n\n")
	var trace [][]string
	for _, t := range v.Cold[0].Tasks {
		when := "before ready"
		if t.StartMs >= v.Cold[0].ReadyMs {
			when = "after ready"
		}
		trace = append(trace, []string{formatUS(t.StartMs), formatUS(t.Ms), when})
	}
	if len(trace) == 0 {
		trace = append(trace, []string{"—", "—", "no long task"})
	}
	writeTable(b, []string{"starts at ms", "lasts ms", ""}, trace)
}

func openRow(name string, loads []openLoad) []string {
	var ready, fcp, n, total, nAll, totalAll, wire []float64
	for _, l := range loads {
		ready, fcp, wire = append(ready, l.ReadyMs), append(fcp, l.FCPMs), append(wire, l.WireBytes)
		c, t := l.busyBefore(l.ReadyMs)
		n, total = append(n, float64(c)), append(total, t)
		c, t = l.busyBefore(math.Inf(1))
		nAll, totalAll = append(nAll, float64(c)), append(totalAll, t)
	}
	return []string{name, fmt.Sprint(len(loads)),
		fmt.Sprintf("%s (%s–%s)", formatUS(median(ready)), formatUS(percentile(ready, 0)), formatUS(percentile(ready, 100))),
		formatUS(median(fcp)),
		fmt.Sprintf("%.0f, %s", median(n), formatUS(median(total))),
		fmt.Sprintf("%.0f, %s", median(nAll), formatUS(median(totalAll))),
		formatKB(int64(median(wire)))}
}

func writeAxe(b *strings.Builder, v *vitalsResult) {
	if len(v.Axe) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### Accessibility\n\naxe-core %s, injected into the bench's Chromium over DevTools once the page is drawn, its default rules "+
		"(WCAG 2.0–2.2 A and AA, and its best practices) over the whole document, shadow roots included, with `prefers-color-scheme` "+
		"emulated light and dark. The page hosting `<jwt-playground>` is `scripts/bench/page/element.html`, on another origin.\n\n", v.Axe[0].Version)
	var rows [][]string
	for _, a := range v.Axe {
		found := "none"
		if len(a.Violations) > 0 {
			var ids []string
			for _, x := range a.Violations {
				ids = append(ids, fmt.Sprintf("`%s` (%s, %s)", x.ID, x.Impact, plural(len(x.Nodes), "node")))
			}
			found = strings.Join(ids, ", ")
		}
		rows = append(rows, []string{a.Page, a.Scheme, fmt.Sprint(a.Passes), found})
	}
	writeTable(b, []string{"Page", "Scheme", "rules passed", "violations"}, rows)
	var failed []string
	for _, r := range v.Lighthouse {
		for _, f := range r.A11yFailed {
			s := fmt.Sprintf("`%s` (%s): %s", f.ID, r.Preset, strings.Join(f.Nodes, " "))
			if !slices.Contains(failed, s) {
				failed = append(failed, s)
			}
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(b, "\nLighthouse's failed accessibility audits: %s\n", strings.Join(failed, "; "))
	}
}

func writeWasmpack(b *strings.Builder, w *wasmpackWeight) {
	if w == nil {
		return
	}
	fmt.Fprintf(b, "\n### wasmpack, weighed\n\n`scripts/wasmpack` rewrites the linker's data segments and blanks the PC table's files and lines. "+
		"The same wasm built without it, against `web/playground.wasm`; brotli is node's at quality 11; compile is the median of %d "+
		"`WebAssembly.compile` calls under node (V8 compiles functions lazily, so this is mostly decoding and validating the module).\n\n", w.CompileRuns)
	row := func(name string, a, b float64, format func(float64) string) []string {
		return []string{name, format(a), format(b), fmt.Sprintf("%+.1f%%", (b-a)/a*100)}
	}
	kb := func(x float64) string { return formatKB(int64(x)) + " kB" }
	writeTable(b, []string{"", "linker's wasm", "after wasmpack", "change"}, [][]string{
		row("raw", float64(w.Raw[0]), float64(w.Raw[1]), kb),
		row("brotli", float64(w.Brotli[0]), float64(w.Brotli[1]), kb),
		row("compile", w.CompileMs[0], w.CompileMs[1], ms),
	})
}

// The goal for typing while the core starts, judged on this machine as
// the other typing goal is, unthrottled; the 4× slow-down is a record.
const (
	startupINPGoalMs = 100
	goalCPU          = 1.0
)

// startupINP is a load's Interaction to Next Paint: its slowest
// interaction before ready, or 16 ms when none took longer (the Event
// Timing API reports none faster).
func startupINP(r startupTyping) float64 {
	if len(r.Latencies) == 0 {
		return 16
	}
	return percentile(r.Latencies, 100)
}

// typingINP is the median over the loads typed in at cpu of their
// Interaction to Next Paint; NaN for none.
func typingINP(v *vitalsResult, cpu float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return median(valuesWhere(v.Typing, func(r startupTyping) bool { return r.CPU == cpu }, startupINP))
}

func writeStartupTyping(b *strings.Builder, v *vitalsResult) {
	if len(v.Typing) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### Typing while the core starts\n\n"+
		"Cold loads as above, in a fresh browser context each, during which the bench pressed a key in the token box every %d ms "+
		"(DevTools' `Input.dispatchKeyEvent`: \"x\", then Backspace, in turn) from the first contentful paint (when a person can see the box) until the page was ready, "+
		"with the CPU unthrottled and slowed 4× (DevTools' CPU throttling, as Lighthouse's mobile preset). "+
		"An interaction's latency is the Event Timing API's duration of its slowest event: from the key's press to the next frame painted after its handlers, "+
		"which is what Interaction to Next Paint is made of; with fewer than 50 interactions, a load's INP is its slowest one. "+
		"The API reports only interactions over 16 ms. *Frame gap* is the longest wait between two animation frames before ready, "+
		"what a scroll would have waited for.\n\n", typingInterval.Milliseconds())
	var rows [][]string
	for _, cpu := range startupCPUs {
		var inp, typed, slow, gap, ready []float64
		for _, r := range v.Typing {
			if r.CPU != cpu {
				continue
			}
			inp, typed, slow = append(inp, startupINP(r)), append(typed, float64(r.Typed)), append(slow, float64(len(r.Latencies)))
			gap, ready = append(gap, r.FrameGap), append(ready, r.ReadyMs)
		}
		if len(inp) == 0 {
			continue
		}
		rows = append(rows, []string{fmt.Sprintf("%g×", cpu), fmt.Sprint(len(inp)), formatUS(median(ready)),
			fmt.Sprintf("%.0f", median(typed)), fmt.Sprintf("%.0f", median(slow)),
			fmt.Sprintf("%s (%s–%s)", formatUS(median(inp)), formatUS(percentile(inp, 0)), formatUS(percentile(inp, 100))),
			formatUS(median(gap))})
	}
	writeTable(b, []string{"CPU", "loads", "ready, median ms", "keys pressed before ready, median", "interactions over 16 ms, median", "INP, median (min–max) ms", "frame gap, median ms"}, rows)
}
