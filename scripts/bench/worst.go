package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// worstScript times the worst inputs in the wasm under node, through
// web/core.js as the page calls it.
//
//go:embed worst.mjs
var worstScript []byte

// worstBudgetMs is the budget for decode, verify, lint and explain of any
// input within the limits: one keystroke's work, on the page's thread.
const worstBudgetMs = 250

// worstResult is one worst input: medians in milliseconds.
type worstResult struct {
	Name             string  `json:"name"`
	TokenBytes       int     `json:"tokenBytes"`
	Decode           float64 `json:"decode"`
	Verify           float64 `json:"verify"`
	Lint             float64 `json:"lint"`
	Explain          float64 `json:"explain"`
	ExplainSignature float64 `json:"explainSignature"`
	// Total is decode + verify + lint + explain, summed run by run.
	Total float64 `json:"total"`
}

// measureWorst runs worst.mjs with node on the built web folder.
func measureWorst(ctx context.Context, webDir, tmp string, runs int) ([]worstResult, error) {
	script := filepath.Join(tmp, "worst.mjs")
	if err := os.WriteFile(script, worstScript, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "node", script, webDir, strconv.Itoa(runs))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", script, err)
	}
	var rs []worstResult
	if err := json.Unmarshal(out, &rs); err != nil || len(rs) == 0 {
		return nil, fmt.Errorf("node %s printed no results (%v): %.200s", script, err, out)
	}
	return rs, nil
}

func worstGoalRow(rs []worstResult) []string {
	pass := 0
	var worst worstResult
	for _, r := range rs {
		if r.Total <= worstBudgetMs {
			pass++
		}
		if r.Total > worst.Total {
			worst = r
		}
	}
	measured := fmt.Sprintf("%d of %d inputs within; worst %s at %s ms", pass, len(rs), worst.Name, formatUS(worst.Total))
	return []string{"worst input → decode, verify, lint, explain", fmt.Sprintf("≤ %d ms in all, median", worstBudgetMs), measured, verdict(len(rs) > 0 && pass == len(rs))}
}

func writeWorst(b *strings.Builder, r *results) {
	fmt.Fprintf(b, "## 4. Worst inputs\n\n")
	fmt.Fprintf(b, "The costliest inputs within the limits (a 1 MiB token, JSON 64 deep) the harness could construct, each signed anew "+
		"for every run so that no cache helps, and put through what the page does on a keystroke, in the wasm under node "+
		"(`scripts/bench/worst.mjs`, through `web/core.js`). Milliseconds, the median of %s; the budget for decode + verify + "+
		"lint + explain is %d ms.\n\n", plural(r.Plan.worstRuns, "run"), worstBudgetMs)
	var rows [][]string
	for _, w := range r.Worst {
		rows = append(rows, []string{w.Name, formatUS(float64(w.TokenBytes)), formatUS(w.Decode), formatUS(w.Verify), formatUS(w.Lint),
			formatUS(w.Explain), formatUS(w.ExplainSignature), formatUS(w.Total), verdict(w.Total <= worstBudgetMs)})
	}
	writeTable(b, []string{"Input", "Token bytes", "decode", "verify", "lint", "explain", "explainSignature", "decode+verify+lint+explain", "Budget"}, rows)
	b.WriteString("\n")
}
