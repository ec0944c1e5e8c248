package main

import (
	"slices"
	"time"
)

// allAlgs are the 13 JWS algorithms of the playground, in the order of the
// report.
var allAlgs = []string{
	"HS256", "HS384", "HS512",
	"RS256", "RS384", "RS512",
	"PS256", "PS384", "PS512",
	"ES256", "ES384", "ES512",
	"EdDSA",
}

// batchSpec tells the bench page how to time one implementation in one
// cell: batches of n operations, n chosen so that a batch takes at least
// MinBatchMs; at least MinBatches batches, then more while the cell has
// spent less than BudgetMs, up to MaxBatches.
type batchSpec struct {
	MinBatchMs float64 `json:"minBatchMs"`
	BudgetMs   float64 `json:"budgetMs"`
	MinBatches int     `json:"minBatches"`
	MaxBatches int     `json:"maxBatches"`
}

// plan is what one run measures, and how hard.
type plan struct {
	name string

	microAlgs []string
	// warmupMs is how long every operation is run, untimed, before the
	// first cell; warmupIdleMs then leaves V8 time to finish optimising.
	warmupMs, warmupIdleMs int
	batch                  batchSpec
	// keygenBatch replaces batch for key generation, where one RSA key can take
	// seconds.
	keygenBatch batchSpec

	typingAlgs []string
	keystrokes int
	// warmKeystrokes are typed, untimed, before the timed ones of each row.
	warmKeystrokes int
	// keyGapMs is the least and the most time between two keystrokes; the
	// gap is drawn at random, so keystrokes fall at any point of a frame.
	keyGapMs [2]float64

	genAlg  string
	genBits int

	coldRuns, warmRuns int
	// worstRuns is how many times each worst input is timed (a new token
	// each time, so the core's caches do not help).
	worstRuns int
	// crackerRuns is how many times each engine of the Learn page's
	// cracker runs the whole list.
	crackerRuns   int
	brotliQuality int
	// vitalsRuns is how many Lighthouse runs of each preset, and how many
	// loads cold and warm, the vitals take the median of.
	vitalsRuns    int
	vitalsPresets []string
	// axePages is how many of axePages are checked (0: all), each in
	// every colour scheme of axeSchemes.
	axePages   int
	axeSchemes []string
	// weighWasmpack builds the wasm without wasmpack to weigh what it does.
	weighWasmpack bool
	timeout       time.Duration
}

// fullPlan is what make bench runs for BENCHMARKS.md.
var fullPlan = plan{
	name:           "full",
	microAlgs:      allAlgs,
	warmupMs:       5000,
	warmupIdleMs:   1000,
	batch:          batchSpec{MinBatchMs: 20, BudgetMs: 1500, MinBatches: 5, MaxBatches: 9},
	keygenBatch:    batchSpec{MinBatchMs: 20, BudgetMs: 3000, MinBatches: 3, MaxBatches: 9},
	typingAlgs:     []string{"HS256", "RS256", "ES256", "ES512", "EdDSA"},
	keystrokes:     30,
	warmKeystrokes: 2,
	keyGapMs:       [2]float64{60, 120},
	genAlg:         "RS256",
	genBits:        4096,
	coldRuns:       5,
	worstRuns:      5,
	crackerRuns:    3,
	warmRuns:       5,
	brotliQuality:  11,
	vitalsRuns:     3,
	vitalsPresets:  []string{"mobile", "desktop"},
	axeSchemes:     []string{"light", "dark"},
	weighWasmpack:  true,
	timeout:        45 * time.Minute,
}

// smokePlan checks that the harness works end to end, fast: one algorithm
// per family, tiny batches, a few keystrokes, one load of each kind.
var smokePlan = plan{
	name:           "smoke",
	microAlgs:      []string{"HS256", "RS256", "PS256", "ES256", "EdDSA"},
	warmupMs:       100,
	batch:          batchSpec{MinBatchMs: 2, BudgetMs: 20, MinBatches: 1, MaxBatches: 2},
	keygenBatch:    batchSpec{MinBatchMs: 2, BudgetMs: 20, MinBatches: 1, MaxBatches: 1},
	typingAlgs:     []string{"HS256", "ES256"},
	keystrokes:     4,
	warmKeystrokes: 2,
	keyGapMs:       [2]float64{10, 30},
	genAlg:         "ES256",
	coldRuns:       1,
	worstRuns:      1,
	crackerRuns:    1,
	warmRuns:       1,
	brotliQuality:  1,
	vitalsRuns:     1,
	vitalsPresets:  []string{"mobile"},
	axePages:       1,
	axeSchemes:     []string{"light"},
	timeout:        5 * time.Minute,
}

// keyAlgs are the algorithms the plan needs keys for.
func (p plan) keyAlgs() []string {
	algs := slices.Concat(p.microAlgs, p.typingAlgs)
	slices.Sort(algs)
	return slices.Compact(algs)
}

// batchFor is the batch spec of an operation.
func (p plan) batchFor(op string) batchSpec {
	if op == "keygen" {
		return p.keygenBatch
	}
	return p.batch
}
