package main

import (
	"encoding/json"
	"fmt"
	"log"
	"strings"
	"time"
)

// crackerResult is one engine's rate over the Learn page's whole list of
// common secrets, against a token none of them signs.
type crackerResult struct {
	Alg    string  `json:"alg"`
	Engine string  `json:"engine"`
	Tried  int     `json:"tried"`
	Rate   float64 `json:"rate"`
	Ms     float64 `json:"ms"`
}

// crackerEngines are what the cracker runs: its own choice for each hash,
// and WebCrypto for HS256 too, to show why the JS hash is its choice.
var crackerEngines = []struct{ alg, engine, what string }{
	{"HS256", "js", "JS HMAC-SHA-256 (`sha256.js`), synchronous: the cracker's choice"},
	{"HS256", "webcrypto", "WebCrypto, `importKey` + `sign` promises in flight"},
	{"HS384", "", "WebCrypto: the cracker's choice"},
	{"HS512", "", "WebCrypto: the cracker's choice"},
}

// crackerScript runs web/learn/cracker.js in a fresh worker over the whole
// list and resolves with its last message. The signature is random bytes,
// so no candidate matches and every one is tried.
const crackerScript = `(async (alg, engine) => {
  const sizes = { HS256: 32, HS384: 48, HS512: 64 };
  const signature = Array.from(crypto.getRandomValues(new Uint8Array(sizes[alg])));
  const w = new Worker(new URL("cracker.js", location.href), { type: "module" });
  try {
    return await new Promise((resolve, reject) => {
      w.onerror = (e) => reject(new Error(e.message || "worker error"));
      w.onmessage = ({ data }) => {
        if (data.type === "done") resolve({ alg, engine, tried: data.tried, rate: data.rate, ms: data.ms });
        if (data.type === "error") reject(new Error(data.message));
      };
      w.postMessage({ type: "crack", alg, engine, signingInput: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9", signature });
    });
  } finally {
    w.terminate();
  }
})(%q, %q)`

// measureCracker times the Learn page's secret cracker in its worker, each
// engine runs times, taking turns; the best run of each counts, as the
// first runs include the JIT's warm-up.
func measureCracker(b *browser, playgroundURL string, runs int) ([]crackerResult, error) {
	t, err := b.openTab("learn page")
	if err != nil {
		return nil, err
	}
	defer t.close()
	if err := t.navigate(playgroundURL + "learn/"); err != nil {
		return nil, err
	}
	best := make([]crackerResult, len(crackerEngines))
	for range runs {
		for i, e := range crackerEngines {
			raw, err := evalRaw(t, time.Minute, fmt.Sprintf(crackerScript, e.alg, e.engine))
			if err != nil {
				return nil, fmt.Errorf("cracker %s %s: %w", e.alg, e.engine, err)
			}
			var r crackerResult
			if err := json.Unmarshal(raw, &r); err != nil || r.Tried == 0 {
				return nil, fmt.Errorf("cracker %s %s: no run in %.200s (%v)", e.alg, e.engine, raw, err)
			}
			if r.Rate > best[i].Rate {
				best[i] = r
			}
		}
	}
	for _, r := range best {
		log.Printf("cracker: %s %s, %d candidates at %.0f per second", r.Alg, r.Engine, r.Tried, r.Rate)
	}
	return best, t.failure()
}

func writeCracker(b *strings.Builder, r *results) {
	if len(r.Cracker) == 0 {
		return
	}
	fmt.Fprintf(b, "## 5. The Learn page's secret cracker\n\n")
	fmt.Fprintf(b, "`web/learn/cracker.js` in a fresh Web Worker of the Learn page, in the same Chromium, over the whole bundled list "+
		"(%s candidates) against a token none of them signs; the best of %s of each engine, taking turns.\n\n",
		formatUS(float64(r.Cracker[0].Tried)), plural(r.Plan.crackerRuns, "run"))
	var rows [][]string
	for i, c := range r.Cracker {
		rows = append(rows, []string{c.Alg, crackerEngines[i].what, formatUS(c.Rate), formatUS(c.Ms)})
	}
	writeTable(b, []string{"Token", "Engine", "Candidates per second", "Whole list, ms"}, rows)
	b.WriteString("\n")
}
