package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// microOps are the operations compared with jose, in the order of the
// report.
var microOps = []string{"decode", "verify", "sign", "keygen"}

// sideResult is what the bench page returns for one side of a cell.
type sideResult struct {
	N       int       `json:"n"`       // operations per batch
	SpentMs float64   `json:"spentMs"` // time spent, calibration included
	Samples []float64 `json:"samples"` // µs per operation, one per batch
}

// usPerOp is the median of the batches.
func (s sideResult) usPerOp() float64 { return median(s.Samples) }

// valid reports whether the page returned real timings.
func (s sideResult) valid() bool {
	if s.N < 1 || len(s.Samples) == 0 {
		return false
	}
	for _, x := range s.Samples {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return false
		}
	}
	return true
}

// microCell is one operation of one algorithm, timed on all its sides.
// Ours and Jose are the goal's measure: for verify and sign, our
// asynchronous API (verifyAsync, encodeAsync) against jose; for decode,
// both sides over distinct tokens, a different one on every call.
type microCell struct {
	Alg  string
	Op   string
	Ours sideResult
	Jose sideResult
	// OursSync is our synchronous call, pure Go (verify and sign).
	OursSync *sideResult
	// OursSame and JoseSame decode one token over and over (decode): the
	// core remembers its last few decodes, so ours answers from that cache.
	OursSame, JoseSame *sideResult
}

// ratio is ours over jose: below 1 we are faster.
func (c microCell) ratio() float64 { return c.Ours.usPerOp() / c.Jose.usPerOp() }

// ratioOf is a's time over b's, or NaN when either is missing.
func ratioOf(a, b *sideResult) float64 {
	if a == nil || b == nil {
		return math.NaN()
	}
	return a.usPerOp() / b.usPerOp()
}

// sideNames are the sides the bench page times for each operation, as it
// names them.
var sideNames = map[string][]string{
	"decode": {"ours", "jose", "oursSame", "joseSame"},
	"verify": {"ours", "jose", "oursSync"},
	"sign":   {"ours", "jose", "oursSync"},
	"keygen": {"ours", "jose"},
}

// Timeouts of the bench page's calls; a cell of RSA key generation can
// take minutes on a busy machine.
const (
	setupTimeout   = 2 * time.Minute
	measureTimeout = 5 * time.Minute
)

// measureMicro opens the bench page, loads both implementations and times
// every operation of every algorithm of the plan. It also returns the
// core's version.
func measureMicro(b *browser, benchURL, playgroundURL string, keys map[string]keyMaterial, p plan) ([]microCell, string, error) {
	t, err := b.openTab("bench page")
	if err != nil {
		return nil, "", err
	}
	defer t.close()
	if err := t.navigate(benchURL + "bench/"); err != nil {
		return nil, "", err
	}
	if err := waitFor(t, navTimeout, "bench.js", `typeof globalThis.bench === "object"`); err != nil {
		return nil, "", err
	}
	info, err := call[struct {
		Core string `json:"core"`
	}](t, navTimeout, "bench.init", map[string]string{"playground": playgroundURL})
	if err != nil {
		return nil, "", err
	}
	log.Printf("API vs jose: core %s, %d algorithms", info.Core, len(p.microAlgs))

	for _, alg := range p.microAlgs {
		if _, err := call[map[string]int](t, setupTimeout, "bench.setup", keys[alg]); err != nil {
			return nil, "", err
		}
	}
	warm := map[string]int{"ms": p.warmupMs, "idleMs": p.warmupIdleMs}
	rounds, err := call[int](t, setupTimeout, "bench.warmup", warm)
	if err != nil {
		return nil, "", err
	}
	log.Printf("API vs jose: warmed up, %d rounds in %d ms", rounds, p.warmupMs)

	var cells []microCell
	for _, alg := range p.microAlgs {
		for _, op := range microOps {
			c, err := measureCell(t, alg, op, p.batchFor(op))
			if err != nil {
				return nil, "", err
			}
			logCell(c)
			cells = append(cells, c)
		}
	}
	return cells, info.Core, t.failure()
}

// measureCell times one operation of one algorithm on all its sides.
func measureCell(t *tab, alg, op string, spec batchSpec) (microCell, error) {
	arg := struct {
		Alg string `json:"alg"`
		Op  string `json:"op"`
		batchSpec
	}{alg, op, spec}
	sides, err := call[map[string]sideResult](t, measureTimeout, "bench.measure", arg)
	if err != nil {
		return microCell{}, err
	}
	for _, name := range sideNames[op] {
		if s, ok := sides[name]; !ok || !s.valid() {
			return microCell{}, fmt.Errorf("%s %s: side %s: missing or broken timings: %+v", alg, op, name, sides)
		}
	}
	if len(sides) != len(sideNames[op]) {
		return microCell{}, fmt.Errorf("%s %s: the page timed sides %v, want %v", alg, op, sortedKeys(sides), sideNames[op])
	}
	c := microCell{Alg: alg, Op: op, Ours: sides["ours"], Jose: sides["jose"]}
	if s, ok := sides["oursSync"]; ok {
		c.OursSync = &s
	}
	if s, ok := sides["oursSame"]; ok {
		c.OursSame = &s
	}
	if s, ok := sides["joseSame"]; ok {
		c.JoseSame = &s
	}
	return c, nil
}

// sortedKeys lists a map's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// logCell logs a cell's figures as it is measured.
func logCell(c microCell) {
	extra := ""
	switch {
	case c.OursSync != nil:
		extra = fmt.Sprintf("  (sync ours %s µs ×%s)", formatUS(c.OursSync.usPerOp()), formatRatio(ratioOf(c.OursSync, &c.Jose)))
	case c.OursSame != nil:
		extra = fmt.Sprintf("  (same token: ours %s µs, jose %s µs ×%s)", formatUS(c.OursSame.usPerOp()), formatUS(c.JoseSame.usPerOp()), formatRatio(ratioOf(c.OursSame, c.JoseSame)))
	}
	log.Printf("  %-5s %-6s ours %9s µs  jose %9s µs  ×%s%s", c.Alg, c.Op, formatUS(c.Ours.usPerOp()), formatUS(c.Jose.usPerOp()), formatRatio(c.ratio()), extra)
}

// onlyAPI measures section 1 alone (-only api) and writes it into the
// report at out in place of its previous version, with the rows of the
// goals it judges. The section then says when it was measured, on which
// core and under what load, since the report's header and machine table
// describe another run.
func onlyAPI(ctx context.Context, c config, p plan, out string) error {
	res := &results{Plan: p, Started: time.Now()}
	res.markLoad("start")
	env, err := openAlone(ctx, c, p.microAlgs)
	if err != nil {
		return err
	}
	defer env.close()
	bs, err := startBenchServer(c.jose)
	if err != nil {
		return err
	}
	defer bs.close()
	b, pg, keys := env.browser, env.page, env.keys
	chromium, err := b.version()
	if err != nil {
		return err
	}
	var core string
	if res.Micro, core, err = measureMicro(b, bs.url, pg.url, keys, p); err != nil {
		return fmt.Errorf("API vs jose: %w", err)
	}
	res.markLoad("end")
	old, err := os.ReadFile(out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var section strings.Builder
	writeMicro(&section, res)
	heading, body, _ := strings.Cut(section.String(), "\n\n")
	note := fmt.Sprintf("Measured alone (`go run ./scripts/bench -only api`) on %s, in %s: core %s, jose %s, %s; load average (1, 5, 15 min) %s at the start and %s at the end.",
		res.Started.UTC().Format("2006-01-02 15:04 UTC"), time.Since(res.Started).Round(time.Second), core, joseVersion(c.jose), chromium, res.Loads[0].Load, res.Loads[1].Load)
	text := heading + "\n\n" + note + "\n\n" + body
	report := spliceGoalRows(spliceSection(string(old), text), res.Micro)
	if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
		return err
	}
	log.Printf("wrote the API section into %s", out)
	return nil
}

// spliceGoalRows replaces the rows of the goals table that section 1
// judges (verify, sign, decode) with those of cells; a report without
// them is returned as it is.
func spliceGoalRows(report string, cells []microCell) string {
	lines := strings.SplitAfter(report, "\n")
	for _, op := range []string{"verify", "sign", "decode"} {
		prefix := "| " + goalMeasures[op] + " |"
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				var row strings.Builder
				writeRow(&row, ratioGoalRow(cells, op))
				lines[i] = row.String()
				break
			}
		}
	}
	return strings.Join(lines, "")
}
