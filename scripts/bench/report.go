package main

import (
	"fmt"
	"strings"
	"time"
)

// The goals of the speed work. The report says whether each row meets its
// goal; nothing fails on them.
var ratioGoals = map[string]float64{"decode": 5, "verify": 2, "sign": 3}

const (
	verdictGoalMs   = 16
	brotliGoalBytes = 1_000_000
)

// opTitles say what each side does in an operation's table; the goal's
// measure comes first.
var opTitles = map[string]string{
	"decode": "Decode, distinct tokens (the goal's measure): ours `decode(token)`; jose `decodeJwt(token)` and `decodeProtectedHeader(token)`; " +
		"each side goes round %d tokens that differ in their `jti` claim, a different one on every call",
	"decodeSame": "Decode, one token over and over (not the goal's measure): the same calls on the first of those tokens every time. " +
		"The core remembers its last 4 decodes, so ours answers from that cache after the first call; jose keeps nothing",
	"verify": "Verify: ours `await verifyAsync(token, {key: publicKeyPem})`, the PEM passed on every call (the core remembers the keys it last parsed, " +
		"and `core.js` the CryptoKeys it last imported), WebCrypto checking RSA, ECDSA and EdDSA signatures, HMAC checked in Go; " +
		"jose `await jwtVerify(token, cryptoKey)`, the key imported once",
	"sign": "Sign: ours `await encodeAsync({header, payload, key: privateKeyPem})`, header and payload as objects, the PEM passed on every call, " +
		"WebCrypto signing RSA, ECDSA and EdDSA, HMAC in Go; jose `await new SignJWT(payload).setProtectedHeader(header).sign(cryptoKey)`",
	"sync": "Sync, pure Go (not the goals' measure): ours `verify(token, {key: publicKeyPem})` and `encode({header, payload, key: privateKeyPem})`, " +
		"the same inputs as above, every signature computed by the core itself; jose's figures are those of the tables above, timed in the same cells, " +
		"taking turns with both of ours",
	"keygen": "Key generation: ours `generateKey(alg)`, `{bits: 2048}` for RSA, on the page's thread, which also writes PEM, JWK and the thumbprint; jose `await generateKeyPair(alg)` (`generateSecret` for HMAC), non-extractable CryptoKeys",
}

// goalMeasures names what each ratio goal is judged on.
var goalMeasures = map[string]string{
	"verify": "verify (`verifyAsync`)",
	"sign":   "sign (`encodeAsync`)",
	"decode": "decode (distinct tokens)",
}

// renderReport writes the Markdown report.
func renderReport(r *results) string {
	var b strings.Builder
	writeHeader(&b, r)
	writeMachine(&b, r)
	writeGoals(&b, r)
	writeMicro(&b, r)
	writeTyping(&b, r)
	writeLoad(&b, r)
	writeWorst(&b, r)
	writeCracker(&b, r)
	writeVitals(&b, r)
	writeMethod(&b, r)
	return b.String()
}

func writeHeader(b *strings.Builder, r *results) {
	fmt.Fprintf(b, "# Benchmarks\n\n")
	cmd := "go run ./scripts/bench -out BENCHMARKS.md` (`make bench`"
	if r.Plan.name == "smoke" {
		cmd = "go run ./scripts/bench -smoke` (`make bench-smoke`, a check of the harness: the figures mean little"
	}
	fmt.Fprintf(b, "Written by `%s) on %s; the run took %s. These are measurements, not tests: nothing fails on them. "+
		"The goals are the targets of the speed work, and each row says whether it meets its goal today.\n\n",
		cmd, r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Finished.Sub(r.Started).Round(time.Second))
}

func writeMachine(b *strings.Builder, r *results) {
	e := r.Env
	path := "`" + e.ChromiumPath + "`"
	if e.ChromiumPath == "" {
		path = "found on PATH"
	}
	loads := make([]string, len(r.Loads))
	for i, l := range r.Loads {
		loads[i] = fmt.Sprintf("%s %s", l.Section, l.Load)
	}
	fmt.Fprintf(b, "## Machine\n\n")
	writeTable(b, []string{"", ""}, [][]string{
		{"Date", r.Started.UTC().Format("2006-01-02 15:04 MST")},
		{"CPU", fmt.Sprintf("%s, %d cores", e.CPU, e.Cores)},
		{"Load average (1, 5, 15 min) as each part began", strings.Join(loads, " · ")},
		{"Go", fmt.Sprintf("%s %s", e.Go, e.OS)},
		{"Chromium", fmt.Sprintf("%s (%s), headless, window 1280×800", e.Chromium, path)},
		{"jose", fmt.Sprintf("%s, its browser build (`dist/webapi`, on WebCrypto)", e.JoseVersion)},
		{"Playground core", e.CoreVersion},
	})
	fmt.Fprintf(b, "\n%s\n\n", loadNote(r))
}

// loadNote says what the load averages mean for the figures.
func loadNote(r *results) string {
	peak := 0.0
	for _, l := range r.Loads {
		var one float64
		if _, err := fmt.Sscan(l.Load, &one); err == nil {
			peak = max(peak, one)
		}
	}
	note := "The machine runs other work besides. Both sides of a comparison take turns batch by batch, so a change in load hits them alike, " +
		"but it spreads the timings: treat differences of less than about 20% as noise."
	if peak > float64(r.Env.Cores) {
		return fmt.Sprintf("The 1-minute load average reached %.2f on %d cores: processes queued for a CPU during the run. %s", peak, r.Env.Cores, note)
	}
	return fmt.Sprintf("The 1-minute load average stayed at or below %.2f on %d cores. %s", peak, r.Env.Cores, note)
}

func writeGoals(b *strings.Builder, r *results) {
	fmt.Fprintf(b, "## Goals\n\n")
	var rows [][]string
	for _, op := range []string{"verify", "sign", "decode"} {
		rows = append(rows, ratioGoalRow(r.Micro, op))
	}
	rows = append(rows, verdictGoalRow(r.Typing), brotliGoalRow(r.Load), worstGoalRow(r.Worst))
	writeTable(b, []string{"Goal", "Target", "Measured", "Result"}, rows)
	b.WriteString("\n")
}

// ratioGoalRow sums up an operation's rows against its goal.
func ratioGoalRow(cells []microCell, op string) []string {
	goal := ratioGoals[op]
	n, pass := 0, 0
	worst := microCell{}
	for _, c := range cells {
		if c.Op != op {
			continue
		}
		n++
		if c.ratio() <= goal {
			pass++
		}
		if worst.Alg == "" || c.ratio() > worst.ratio() {
			worst = c
		}
	}
	measured := fmt.Sprintf("%d of %d algorithms within; worst %s at %s×", pass, n, worst.Alg, formatRatio(worst.ratio()))
	return []string{goalMeasures[op], fmt.Sprintf("≤ %g× jose's time", goal), measured, verdict(n > 0 && pass == n)}
}

func verdictGoalRow(t typingResult) []string {
	pass := 0
	worst, worstName := 0.0, ""
	for _, row := range t.Rows {
		p95 := percentile(row.column(frameOf), 95)
		if p95 <= verdictGoalMs {
			pass++
		}
		if p95 > worst {
			worst, worstName = p95, row.Alg+" "+row.Box
		}
	}
	measured := fmt.Sprintf("%d of %d rows within; worst %s at %.0f ms", pass, len(t.Rows), worstName, worst)
	return []string{"keystroke → verdict", fmt.Sprintf("p95 ≤ %d ms, to the next frame", verdictGoalMs), measured, verdict(len(t.Rows) > 0 && pass == len(t.Rows))}
}

func brotliGoalRow(l loadResult) []string {
	var total int64
	for _, a := range l.Assets {
		total += a.Brotli
	}
	measured := fmt.Sprintf("%s kB brotli for the %d files the page loads", formatKB(total), len(l.Assets))
	return []string{"page weight", "≤ 1.0 MB brotli on the wire", measured, verdict(total <= brotliGoalBytes)}
}

// verdict is a goal's result.
func verdict(pass bool) string {
	if pass {
		return "pass"
	}
	return "**fail**"
}

func writeMicro(b *strings.Builder, r *results) {
	fmt.Fprintf(b, "## 1. The API against jose\n\n")
	fmt.Fprintf(b, "Microseconds per operation, each the median of several batches; a batch is as many operations as take at least %g ms "+
		"(the page's clock is coarse). Both sides use the same keys (made with Go's crypto: RSA %d bits, P-256/384/521, Ed25519, %d-byte HMAC secrets) "+
		"and the same tokens, signed by jose. Before timing, each side verified a token the other signed, through our asynchronous and our "+
		"synchronous API alike, and ours rejected a token with one signature character changed. "+
		"`ours/jose` below 1 means the playground is faster. Calls that return a promise (`verifyAsync`, `encodeAsync` and jose's) are awaited "+
		"one at a time. The goals are judged on `verifyAsync`, `encodeAsync` and the decode of distinct tokens; the synchronous calls and the "+
		"decode of one token are shown beside them. Batches: count × operations per batch, ours; jose.\n\n",
		r.Plan.batch.MinBatchMs, rsaBits, hmacSecretBytes)
	for _, op := range microOps {
		switch op {
		case "decode":
			writeOpTable(b, r.Micro, op, fmt.Sprintf(opTitles[op], distinctTokens), func(c microCell) (*sideResult, *sideResult) { return &c.Ours, &c.Jose }, true)
			writeOpTable(b, r.Micro, op, opTitles["decodeSame"], func(c microCell) (*sideResult, *sideResult) { return c.OursSame, c.JoseSame }, false)
		case "verify", "sign":
			writeOpTable(b, r.Micro, op, opTitles[op], func(c microCell) (*sideResult, *sideResult) { return &c.Ours, &c.Jose }, true)
			if op == "sign" {
				writeSyncTable(b, r.Micro)
			}
		default:
			writeOpTable(b, r.Micro, op, opTitles[op], func(c microCell) (*sideResult, *sideResult) { return &c.Ours, &c.Jose }, false)
		}
	}
}

// distinctTokens is how many tokens the bench page's distinct-token
// decode goes round (page/bench.js has the same number).
const distinctTokens = 64

// writeOpTable writes one table of an operation: pick chooses the two
// sides compared; withGoal adds the goal's column.
func writeOpTable(b *strings.Builder, cells []microCell, op, title string, pick func(microCell) (*sideResult, *sideResult), withGoal bool) {
	fmt.Fprintf(b, "### %s\n\n", title)
	goal, hasGoal := ratioGoals[op]
	hasGoal = hasGoal && withGoal
	head := []string{"Algorithm", "ours µs/op", "jose µs/op", "ours/jose", "batches"}
	if hasGoal {
		head = append(head, fmt.Sprintf("≤ %g×", goal))
	}
	var rows [][]string
	for _, c := range cells {
		if c.Op != op {
			continue
		}
		ours, jose := pick(c)
		row := []string{c.Alg, usOf(ours), usOf(jose), formatRatio(ratioOf(ours, jose)), batchesOf(ours, jose)}
		if hasGoal {
			row = append(row, verdict(ratioOf(ours, jose) <= goal))
		}
		rows = append(rows, row)
	}
	writeTable(b, head, rows)
	b.WriteString("\n")
}

// writeSyncTable writes our synchronous verify and sign beside jose's.
func writeSyncTable(b *strings.Builder, cells []microCell) {
	fmt.Fprintf(b, "### %s\n\n", opTitles["sync"])
	byAlg := map[string]map[string]microCell{}
	var algs []string
	for _, c := range cells {
		if c.Op != "verify" && c.Op != "sign" {
			continue
		}
		if byAlg[c.Alg] == nil {
			byAlg[c.Alg] = map[string]microCell{}
			algs = append(algs, c.Alg)
		}
		byAlg[c.Alg][c.Op] = c
	}
	var rows [][]string
	for _, alg := range algs {
		row := []string{alg}
		var bs []string
		for _, op := range []string{"verify", "sign"} {
			c, ok := byAlg[alg][op]
			if !ok {
				row = append(row, "—", "—", "—")
				bs = append(bs, "—")
				continue
			}
			row = append(row, usOf(c.OursSync), formatRatio(ratioOf(c.OursSync, &c.Jose)), formatRatio(ratioOf(&c.Ours, c.OursSync)))
			if c.OursSync != nil {
				bs = append(bs, fmt.Sprintf("%d×%d", len(c.OursSync.Samples), c.OursSync.N))
			}
		}
		rows = append(rows, append(row, strings.Join(bs, "; ")))
	}
	writeTable(b, []string{"Algorithm", "verify sync µs/op", "sync/jose", "async/sync", "sign sync µs/op", "sync/jose", "async/sync", "batches, verify; sign"}, rows)
	b.WriteString("\n")
}

// usOf formats a side's µs per operation, or a dash when it is missing.
func usOf(s *sideResult) string {
	if s == nil {
		return "—"
	}
	return formatUS(s.usPerOp())
}

// batchesOf says how two sides were timed: batches × operations, per side.
func batchesOf(ours, jose *sideResult) string {
	if ours == nil || jose == nil {
		return "—"
	}
	return fmt.Sprintf("%d×%d; %d×%d", len(ours.Samples), ours.N, len(jose.Samples), jose.N)
}

func writeTyping(b *strings.Builder, r *results) {
	t := r.Typing
	fmt.Fprintf(b, "%s\n\n", typingHeading)
	fmt.Fprintf(b, "On the real page (`index.html`), %d keystrokes per row after %d untimed ones, %g–%g ms apart at random so that they fall "+
		"anywhere in a frame (frames came every %.1f ms). A keystroke sets the box's value and dispatches `input` from page JavaScript, an `InputEvent` with the `inputType` typing gives (`insertText`, `deleteContentBackward`); every other one takes the "+
		"character away again, after which the page must say \"verified\". The page verifies with `verifyAsync` and re-signs with `encodeAsync` in its engine, a Web Worker, "+
		"so it sets the verdict badge only when the worker answers: one round trip for the token and key boxes (the decoding and the verdict come in one answer), "+
		"two for the payload editor (sign, then decode and verify). The page, served by `serve`, is cross-origin isolated, so it waits for those answers within the keystroke's task, "+
		"on memory it shares with the worker (`web/channel.js`), for at most 10 ms a task; past that they come by message. Times run from just before the dispatch to: the dispatch's return "+
		"(*handler*: what the app does before its first `await`, such as decoding, painting the token and the editors, and the core's part of verifying "+
		"or signing, HMAC included); the first change to the badge's `data-state` or text, seen by a MutationObserver on `#verify-status` "+
		"(*badge*; the app sets it on every input, even when it says the same); the next `requestAnimationFrame` callback after that change "+
		"(*next frame*, the goal's measure: it adds any task that ran first, such as the frame that draws the typed text when the answer comes after it began "+
		"(the claims explained, the security checks and the nested levels wait until after the verdict's frame), and any wait for the frame clock, which was short here: Chromium starts a frame asked for after an idle moment at once); "+
		"and a message posted from that callback (*painted*: the frame has been rendered). The badge's first change must be its last word: "+
		"a keystroke after which it changed again before the next one would stop the run. The token box and key box hold the public key (HMAC: the secret, base64url); the payload "+
		"editor, which re-signs, the private key. Keystrokes: the token gets a character at its end; the payload's `name` value gets one; the key "+
		"box gets one at its end.\n\n", r.Plan.keystrokes, r.Plan.warmKeystrokes, r.Plan.keyGapMs[0], r.Plan.keyGapMs[1], t.FrameMs)
	var rows [][]string
	for _, row := range t.Rows {
		rows = append(rows, []string{row.Alg, row.Box,
			pair(row.column(handlerOf)), pair(row.column(verdictOf)), pair(row.column(frameOf)), pair(row.column(paintedOf)), row.states(),
			verdict(percentile(row.column(frameOf), 95) <= verdictGoalMs)})
	}
	writeTable(b, []string{"Token", "Box", "handler p50 / p95 ms", "badge p50 / p95 ms", "next frame p50 / p95 ms", "painted p50 / p95 ms", "badge after the keystrokes", fmt.Sprintf("p95 ≤ %d ms", verdictGoalMs)}, rows)
	writeBreakdown(b, t)
	writeGen(b, r.Gen)
}

// plural formats a count of things, such as "1 task" or "3 tasks".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// pair formats the p50 and p95 of xs.
func pair(xs []float64) string {
	return fmt.Sprintf("%s / %s", formatUS(percentile(xs, 50)), formatUS(percentile(xs, 95)))
}

func writeGen(b *strings.Builder, g genResult) {
	fmt.Fprintf(b, "\n### Generating a key from the page's Generate button: %s\n\n", g.what())
	fmt.Fprintf(b, "The first click of the page's life, so the time includes starting the key worker (the core's second instance). "+
		"The key is made in the worker; then, a frame later, the page puts it in the key box, re-signs the token with `encodeAsync` and verifies it "+
		"with `verifyAsync` (WebCrypto, for all but HMAC). The time runs to the badge's last change, which should say \"verified\".\n\n")
	longtask := fmt.Sprintf("%s ms (%s of 50 ms or more, %s ms in all)", formatUS(g.LongestTaskMs), plural(g.LongTasks, "task"), formatUS(g.LongTaskTotalMs))
	if !g.LongtaskSupported {
		longtask = "not measured: this Chromium has no `longtask` entries"
	}
	writeTable(b, []string{"", ""}, [][]string{
		{"Click to the worker's key (the button enabled again)", formatUS(g.KeyMs) + " ms"},
		{"Click to the badge's last change (the token signed with the new key and verified)", formatUS(g.TotalMs) + " ms"},
		{"Longest main-thread task (PerformanceObserver `longtask`)", longtask},
		{"Longest gap between animation frames", fmt.Sprintf("%s ms (%d frames seen)", formatUS(g.MaxFrameGapMs), g.Frames)},
		{"The badge's states after the click, in order", g.badgeStates()},
		{"Badge afterwards", g.Verdict},
	})
	b.WriteString("\n")
}

func writeLoad(b *strings.Builder, r *results) {
	l := r.Load
	fmt.Fprintf(b, "## 3. Load\n\n### Bytes\n\n")
	fmt.Fprintf(b, "The files the page fetched on a cold load, up to ready. *gzip* is the `.gz` file that `serve` sends when the browser accepts it "+
		"(marked †), else what `gzip -9` would make; *brotli* is node's zlib at quality %d; *on the wire* is the transfer size of the cold load "+
		"(headers included), as `serve` sends today: it sends `FILE.br` or `FILE.gz` when one exists and is not older than "+
		"its source (the build makes them for the wasm and `wasm_exec.js`), and compresses other text files on the fly. kB are 1000 bytes.\n\n", r.Plan.brotliQuality)
	var rows [][]string
	var raw, gz, br, wire int64
	for _, a := range l.Assets {
		mark := ""
		if a.GzipFile {
			mark = " †"
		}
		rows = append(rows, []string{"`" + a.Path + "`", formatKB(a.Raw), formatKB(a.Gzip) + mark, formatKB(a.Brotli), formatKB(a.Wire)})
		raw, gz, br, wire = raw+a.Raw, gz+a.Gzip, br+a.Brotli, wire+a.Wire
	}
	rows = append(rows, []string{"**total**", formatKB(raw), formatKB(gz), formatKB(br), formatKB(wire)})
	writeTable(b, []string{"Asset", "raw kB", "gzip kB", "brotli kB", "on the wire kB"}, rows)
	writeServiceWorker(b, l)
	writeReady(b, l)
}

func writeServiceWorker(b *strings.Builder, l loadResult) {
	if !l.SW.Supported {
		fmt.Fprintf(b, "\nThe page registered no service worker.\n")
		return
	}
	loaded := map[string]bool{}
	for _, a := range l.Assets {
		loaded[a.Path] = true
	}
	var total int64
	var extra []string
	for _, c := range l.SW.Cached {
		total += c.Bytes
		if rel, ok := assetPath(baseOf(l.Resources), c.URL); ok && !loaded[rel] {
			extra = append(extra, "`"+rel+"`")
		}
	}
	fmt.Fprintf(b, "\nThe page registers a service worker, which on the first visit fetches and caches %d files (%s kB decoded; "+
		"those the page already loaded come from the HTTP cache, revalidated)", len(l.SW.Cached), formatKB(total))
	if len(extra) > 0 {
		fmt.Fprintf(b, ", among them %d the page itself did not need: %s", len(extra), strings.Join(extra, ", "))
	}
	fmt.Fprintf(b, ". Afterwards it answers every request of the page from its cache.\n")
}

// baseOf is the URL of the page: the first resource, its navigation.
func baseOf(rs []resource) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[0].URL
}

func writeReady(b *strings.Builder, l loadResult) {
	fmt.Fprintf(b, "\n### Time to ready\n\n")
	fmt.Fprintf(b, "From navigation start to `document.documentElement.dataset.ready === \"true\"` (the wasm is running and the sample token "+
		"is rendered). *Cold*: each run in a fresh browser context (empty caches, no service worker). *Warm*: reloads of the first cold "+
		"run's tab, first with the service worker bypassed (DevTools `Network.setBypassServiceWorker`; every file is revalidated, as "+
		"`serve` sends `Cache-Control: no-cache`), then through the service worker, which answers from its cache. "+
		"A record, not a goal: issue 14 found the earlier goal (cold ≤ 200 ms) below what the fixed stack allows, and set goals on what a person feels "+
		"(section 6) instead.\n\n")
	rows := [][]string{
		readyRow("cold", l.Cold),
		readyRow("warm, HTTP cache", l.WarmHTTP),
		readyRow("warm, service worker", l.WarmSW),
	}
	writeTable(b, []string{"Load", "runs", "ready: median (min–max) ms", "wasm fetched, median ms", "DOMContentLoaded, median ms", "first contentful paint, median ms"}, rows)
	b.WriteString("\n")
}

func readyRow(name string, runs []loadInfo) []string {
	ready := readyTimes(runs)
	col := func(f func(loadInfo) float64) string {
		xs := make([]float64, 0, len(runs))
		for _, r := range runs {
			if v := f(r); v >= 0 {
				xs = append(xs, v)
			}
		}
		return formatUS(median(xs))
	}
	return []string{name, fmt.Sprint(len(runs)),
		fmt.Sprintf("%s (%s–%s)", formatUS(median(ready)), formatUS(percentile(ready, 0)), formatUS(percentile(ready, 100))),
		col(func(i loadInfo) float64 { return i.WasmEndMs }), col(func(i loadInfo) float64 { return i.DCLMs }),
		col(func(i loadInfo) float64 { return i.FCPMs })}
}

// readyTimes are the times to ready of runs.
func readyTimes(runs []loadInfo) []float64 {
	xs := make([]float64, len(runs))
	for i, r := range runs {
		xs[i] = r.ReadyMs
	}
	return xs
}

func writeMethod(b *strings.Builder, r *results) {
	p := r.Plan
	fmt.Fprintf(b, "%s\n\n", methodHeading)
	for _, line := range []string{
		"One headless Chromium ran everything, one tab at a time. The playground was served by the real `serve` binary from `web/` on 127.0.0.1; " +
			"the bench page (`scripts/bench/page/`) and jose's browser build came from a second server on another 127.0.0.1 port. The bench page imports " +
			"`local.js` from the playground's origin (its assets are sent with `Access-Control-Allow-Origin: *`), so the wasm is fetched, compiled and run as shipped, " +
			"and calls `globalThis.jwtPlayground` directly on the page's thread: the core itself against jose, where the playground runs the same core in its engine worker " +
			"(the typing rows include that worker's round trip).",
		fmt.Sprintf("Before the first cell, decode, verify and sign of every algorithm ran untimed on every side for %d ms, then the page idled %d ms: "+
			"V8 runs wasm and JavaScript from a baseline compiler first and optimises hot functions in the background.", p.warmupMs, p.warmupIdleMs),
		fmt.Sprintf("Each cell: one warm-up call per side whose answer is checked (a verify must say valid; a signed token must verify on the other side; "+
			"a decode must return the token's `jti`), then batch sizes doubling until a batch takes %g ms, then the sides (jose, ours, and our synchronous "+
			"call or same-token decode beside them) take turns, "+
			"batch by batch, for at least %d and at most %d batches each, or until a side has spent %g ms (%g ms for key generation). The figure is the median batch.",
			p.batch.MinBatchMs, p.batch.MinBatches, p.batch.MaxBatches, p.batch.BudgetMs, p.keygenBatch.BudgetMs),
		"`verifyAsync`, `encodeAsync` and jose's calls return promises, awaited one by one, so their figures include at least a microtask per call, " +
			"and for RSA, ECDSA and EdDSA a round trip to WebCrypto, which does its work off the page's thread; `decode`, `verify`, `encode` and `generateKey` are synchronous.",
		"The verdict goal is judged on *next frame*: keystroke to the first animation frame that can show the verdict; *painted* adds the frame's style, layout and paint.",
		"Load: ready is read by `scripts/bench/page/readymark.js`, which DevTools runs in every new document before the page's scripts; the other columns come from the Navigation and Resource Timing entries.",
		"Ratios and pass/fail are computed from unrounded figures.",
	} {
		fmt.Fprintf(b, "- %s\n", line)
	}
}

// writeTable writes a Markdown table.
func writeTable(b *strings.Builder, head []string, rows [][]string) {
	writeRow(b, head)
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
	}
	writeRow(b, sep)
	for _, row := range rows {
		writeRow(b, row)
	}
}

func writeRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + strings.ReplaceAll(c, "|", `\|`) + " |")
	}
	b.WriteString("\n")
}
