package e2e

// The verdict of a keystroke is painted with the typed text: the page is
// cross-origin isolated (serve sends COOP and COEP), so it waits for its
// engine's answers on shared memory within the keystroke's own task
// (web/channel.js), instead of taking them in a later task, after the
// browser has begun the frame that draws the typed text.

import (
	"fmt"
	"testing"
)

// keystrokeJS types n keystrokes into the token box, alternately adding
// "x" and taking it away, and reports, for each, the badge's data-state
// before any later task could run: after the dispatch and every microtask
// it queued (200 rounds are far more than the page's chain of them). An
// answer by message would come in a later task, after the frame.
const keystrokeJS = `(async (n) => {
	const box = document.querySelector('[data-testid="token-input"]');
	const badge = document.getElementById("verify-status");
	const original = box.value;
	const seen = [];
	for (let i = 0; i < n; i++) {
		await new Promise((r) => setTimeout(r, 80));
		box.value = i % 2 === 0 ? original + "x" : original;
		box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: i % 2 === 0 ? "insertText" : "deleteContentBackward", data: "x" }));
		for (let j = 0; j < 200; j++) await null;
		seen.push(badge.dataset.state);
	}
	return { isolated: crossOriginIsolated, seen };
})`

type keystrokeSeen struct {
	Isolated bool     `json:"isolated"`
	Seen     []string `json:"seen"`
}

// TestVerdictWithinTheKeystroke: on the page as served, most keystrokes'
// verdicts are set within their own task. The page waits at most 10 ms, so
// a busy machine may push some past it; none would be within the task if
// the page did not wait (they come by message).
func TestVerdictWithinTheKeystroke(t *testing.T) {
	p := openPlayground(t)
	defer p.close()
	p.Settle()
	const n = 10
	got := mustEval[keystrokeSeen](p, fmt.Sprintf("%s(%d)", keystrokeJS, n))
	if !got.Isolated {
		t.Fatal("the page is not cross-origin isolated: serve must send Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy")
	}
	within := 0
	for i, state := range got.Seen {
		want := "invalid-signature"
		if i%2 == 1 {
			want = "verified"
		}
		if state == want {
			within++
		}
	}
	if within < n/2 {
		t.Errorf("%d of %d verdicts were set within their keystroke's task (badge seen %q), want at least %d", within, n, got.Seen, n/2)
	}
	p.WaitFor("the sample verified again", func(s State) bool { return s.Status == "verified" })
}
