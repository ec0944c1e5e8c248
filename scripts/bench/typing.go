package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"strings"
	"time"
)

// typingHeading starts the typing section; -only typing replaces the
// section from it to the next heading.
const typingHeading = "## 2. What a person feels"

// typingBoxes are the boxes typed into, by their probe names.
var typingBoxes = []string{"token", "payload", "key"}

// keystroke is one keystroke's timings, in ms from just before the input
// event was dispatched, and the badge's state after it.
type keystroke struct {
	// Handler is the dispatch's return: what the app does before its first
	// await. The verdict comes later, when its verify promise resolves.
	Handler float64 `json:"handler"`
	// Verdict is the first change to the badge (data-state or text).
	Verdict float64 `json:"verdict"`
	// Frame is the first animation frame after Verdict; Painted, the task
	// after that frame.
	Frame   float64 `json:"frame"`
	Painted float64 `json:"painted"`
	// TypedFrame is the first animation frame after the dispatch, which
	// draws the typed text; TypedPainted, the task after it.
	TypedFrame   float64 `json:"typedFrame"`
	TypedPainted float64 `json:"typedPainted"`
	// State is the badge's state at the verdict; Settled, when the next
	// keystroke began; Again counts the badge's changes in between.
	State   string `json:"state"`
	Settled string `json:"settled"`
	Again   int    `json:"again"`
}

// typingRow is the keystrokes into one box of the page, with a token and
// key of one algorithm.
type typingRow struct {
	Alg, Box   string
	Keystrokes []keystroke
}

// column returns one timing of every keystroke.
func (r typingRow) column(f func(keystroke) float64) []float64 {
	xs := make([]float64, len(r.Keystrokes))
	for i, k := range r.Keystrokes {
		xs[i] = f(k)
	}
	return xs
}

// states lists the badge's states after the keystrokes, with counts.
func (r typingRow) states() string {
	counts := map[string]int{}
	var order []string
	for _, k := range r.Keystrokes {
		if counts[k.State] == 0 {
			order = append(order, k.State)
		}
		counts[k.State]++
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = fmt.Sprintf("%s %d", s, counts[s])
	}
	return strings.Join(parts, ", ")
}

// typingResult is the typing section.
type typingResult struct {
	FrameMs float64 // the median time between two animation frames
	Rows    []typingRow
}

// genResult is the main thread's experience of generating a key from the
// page's Generate button.
type genResult struct {
	Alg  string `json:"-"`
	Bits int    `json:"-"`
	// TotalMs runs from the click to the badge's last change, which says
	// "verified" when all went well; KeyMs, to the worker's answer.
	TotalMs           float64      `json:"totalMs"`
	KeyMs             float64      `json:"keyMs"`
	Badges            []badgeState `json:"badges"` // the badge's states after the click, in order
	LongtaskSupported bool         `json:"longtaskSupported"`
	LongTasks         int          `json:"longTasks"`
	LongestTaskMs     float64      `json:"longestTaskMs"`
	LongTaskTotalMs   float64      `json:"longTaskTotalMs"`
	MaxFrameGapMs     float64      `json:"maxFrameGapMs"`
	Frames            int          `json:"frames"`
	Status            string       `json:"status"`
	Verdict           string       `json:"verdict"`
}

// badgeState is a state the badge took, ms after the click.
type badgeState struct {
	State string  `json:"state"`
	Ms    float64 `json:"ms"`
}

// badgeStates lists the badge's states after the click, with their times.
func (g genResult) badgeStates() string {
	parts := make([]string, len(g.Badges))
	for i, b := range g.Badges {
		parts[i] = fmt.Sprintf("%s at %s ms", b.State, formatUS(b.Ms))
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, " → ")
}

// what names the key generated, such as "RSA 4096 (RS256)".
func (g genResult) what() string {
	if g.Bits > 0 {
		return fmt.Sprintf("RSA %d (%s)", g.Bits, g.Alg)
	}
	return g.Alg
}

const (
	typeTimeout = 5 * time.Minute
	genTimeout  = 10 * time.Minute
)

// measureTyping opens the real page and types into its boxes, then
// generates a key from its Generate button.
func measureTyping(b *browser, playgroundURL string, keys map[string]keyMaterial, p plan) (typingResult, genResult, error) {
	var res typingResult
	t, err := openPlayground(b, "playground", playgroundURL)
	if err != nil {
		return res, genResult{}, err
	}
	defer t.close()
	// Let the service worker finish installing (it fetches and caches every
	// asset) before timing anything.
	if _, err := call[swInfo](t, navTimeout, "benchProbe.serviceWorker", map[string]int{"timeoutMs": 30000}); err != nil {
		return res, genResult{}, err
	}
	if res.FrameMs, err = call[float64](t, callTimeout, "benchProbe.frameInterval", 60); err != nil {
		return res, genResult{}, err
	}
	log.Printf("typing: %d keystrokes per box, frames every %.1f ms", p.keystrokes, res.FrameMs)
	for _, alg := range p.typingAlgs {
		for _, box := range typingBoxes {
			row, err := typeInto(t, keys[alg], box, p)
			if err != nil {
				return res, genResult{}, err
			}
			res.Rows = append(res.Rows, row)
		}
	}
	gen, err := generateFromPage(t, p)
	return res, gen, err
}

// openPlayground opens the page in a new tab, waits until it is ready and
// evaluates the probes into it.
func openPlayground(b *browser, name, url string) (*tab, error) {
	t, err := b.openTab(name)
	if err != nil {
		return nil, err
	}
	if err := t.navigate(url); err == nil {
		err = waitFor(t, navTimeout, "the page to be ready", `document.documentElement.dataset.ready === "true"`)
	}
	if err == nil {
		err = t.exec(pageFile("probe.js"))
	}
	if err != nil {
		t.close()
		return nil, err
	}
	return t, nil
}

// typeInto loads a token and key of key.Alg into the page and types into
// box. Every other keystroke restores the text, after which the page must
// say "verified" again: otherwise the harness, not the page, is measured.
func typeInto(t *tab, key keyMaterial, box string, p plan) (typingRow, error) {
	row := typingRow{Alg: key.Alg, Box: box}
	prep := map[string]any{"box": box, "key": key}
	if _, err := call[string](t, typeTimeout, "benchProbe.prepare", prep); err != nil {
		return row, err
	}
	arg := map[string]any{"box": box, "keystrokes": p.keystrokes, "warm": p.warmKeystrokes, "gapMs": p.keyGapMs}
	ks, err := call[[]keystroke](t, typeTimeout, "benchProbe.type", arg)
	if err != nil {
		return row, err
	}
	if len(ks) != p.keystrokes {
		return row, fmt.Errorf("%s %s: %d keystrokes timed, want %d", key.Alg, box, len(ks), p.keystrokes)
	}
	again := 0
	for i, k := range ks {
		// The verdict is timed at the badge's first change: it must be the
		// page's last word, or something else was timed.
		if k.Settled != k.State {
			return row, fmt.Errorf("%s %s: keystroke %d: the badge first said %q, then %q: the harness timed the first change, not the verdict", key.Alg, box, i+1, k.State, k.Settled)
		}
		if i%2 == 1 && k.State != "verified" {
			return row, fmt.Errorf("%s %s: keystroke %d restored the text, yet the page shows %q", key.Alg, box, i+1, k.State)
		}
		again += k.Again
	}
	row.Keystrokes = ks
	log.Printf("  %-5s %-7s to next frame p50 %5.1f ms p95 %5.1f ms (handler p50 %5.1f ms, badge p50 %5.1f ms; %s; %d later badge writes)", key.Alg, box,
		percentile(row.column(frameOf), 50), percentile(row.column(frameOf), 95), percentile(row.column(handlerOf), 50),
		percentile(row.column(verdictOf), 50), row.states(), again)
	return row, nil
}

// Accessors of the keystroke timings, for typingRow.column.
func handlerOf(k keystroke) float64      { return k.Handler }
func verdictOf(k keystroke) float64      { return k.Verdict }
func frameOf(k keystroke) float64        { return k.Frame }
func paintedOf(k keystroke) float64      { return k.Painted }
func typedFrameOf(k keystroke) float64   { return k.TypedFrame }
func typedPaintedOf(k keystroke) float64 { return k.TypedPainted }

// writeBreakdown writes, for each box over every algorithm's keystrokes,
// where the time to the next frame goes: the handler, the frame that
// draws the typed text, the badge, and how many verdicts came only after
// that frame was rendered (and so waited for it).
func writeBreakdown(b *strings.Builder, t typingResult) {
	var rows [][]string
	for _, box := range typingBoxes {
		var all typingRow
		for _, r := range t.Rows {
			if r.Box == box {
				all.Keystrokes = append(all.Keystrokes, r.Keystrokes...)
			}
		}
		if len(all.Keystrokes) == 0 {
			continue
		}
		late := 0
		for _, k := range all.Keystrokes {
			if k.Verdict > k.TypedFrame {
				late++
			}
		}
		med := func(f func(keystroke) float64) string { return formatUS(median(all.column(f))) }
		rows = append(rows, []string{box, fmt.Sprint(len(all.Keystrokes)), med(handlerOf), med(typedFrameOf), med(typedPaintedOf), med(verdictOf), med(frameOf),
			fmt.Sprintf("%d of %d", late, len(all.Keystrokes))})
	}
	b.WriteString("\n### Where the time goes\n\n" +
		"Medians over the rows above, by box, in ms from the dispatch. The first frame after a keystroke draws the typed text; " +
		"it begins once the keystroke's task ends, and that task waits (up to 10 ms) for the worker's answers, so the verdict is painted in the same frame; " +
		"an answer that comes later, by message, is handled once that frame has been rendered, and waits for the next frame.\n\n")
	writeTable(b, []string{"Box", "keystrokes", "handler", "typed text's frame", "…rendered", "badge", "next frame", "badge after the typed text's frame"}, rows)
}

// generateFromPage clicks the page's Generate button for the plan's
// algorithm and key size, and watches the main thread meanwhile.
func generateFromPage(t *tab, p plan) (genResult, error) {
	arg := map[string]any{"alg": p.genAlg, "bits": p.genBits, "timeoutMs": genTimeout.Milliseconds()}
	g, err := call[genResult](t, genTimeout+time.Minute, "benchProbe.generate", arg)
	if err != nil {
		return g, err
	}
	g.Alg, g.Bits = p.genAlg, p.genBits
	if !strings.HasPrefix(g.Status, "New ") {
		return g, fmt.Errorf("generate %s: the page says %q", p.genAlg, g.Status)
	}
	log.Printf("generate %s from the page: key in %.0f ms, badge %s, longest task %.0f ms, longest frame gap %.0f ms",
		g.what(), g.KeyMs, g.badgeStates(), g.LongestTaskMs, g.MaxFrameGapMs)
	return g, t.failure()
}

// onlyTyping measures the typing section alone, on the page in -web as make
// bench does (no jose, no dist), and writes it into the report at out in
// place of its previous version, with its row of the goals.
func onlyTyping(ctx context.Context, c config, p plan, out string) error {
	res := &results{Plan: p, Started: time.Now()}
	env, err := openAlone(ctx, c, p.typingAlgs)
	if err != nil {
		return err
	}
	defer env.close()
	b, pg, keys := env.browser, env.page, env.keys
	if res.Typing, res.Gen, err = measureTyping(b, pg.url, keys, p); err != nil {
		return fmt.Errorf("typing: %w", err)
	}
	old, err := os.ReadFile(out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var section strings.Builder
	writeTyping(&section, res)
	report := spliceSection(string(old), section.String())
	report = replaceGoalRow(report, verdictGoalRow(res.Typing))
	if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
		return err
	}
	log.Printf("wrote the typing section into %s", out)
	return nil
}

// replaceGoalRow puts row in place of the goals table's row of the same
// goal (its first cell), and leaves a report without one as it is.
func replaceGoalRow(report string, row []string) string {
	var b strings.Builder
	writeRow(&b, row)
	prefix := "| " + row[0] + " |"
	lines := strings.SplitAfter(report, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = b.String()
			break
		}
	}
	return strings.Join(lines, "")
}
