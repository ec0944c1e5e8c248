package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// maxTokenBytes is the core's limit on a token: 1 MiB. A longer token gets
// the error code too_large.
const maxTokenBytes = 1 << 20

// handlerBound is how long the input handler of one paste may block the
// page. It is generous on purpose: the machine that runs the tests can be
// slow and busy, and the benchmarks, not this test, track the real speed.
// On two cores shared with other work (load average up to 16) the handler
// of the 1 MiB token took 0.9 s to 3.3 s, so 2 s would flake; a page that
// freezes (a quadratic loop, a hang) still fails.
const handlerBound = 8 * time.Second

// bigClaimPrefix starts the big claim, so that the test can find it in
// payload-json.
const bigClaimPrefix = "e2e-big-claim-"

// hs256OfLength makes a valid HS256 token of exactly n bytes, signed with
// testSecret, whose payload holds one big claim. It pads the kid of the
// header so that every length can be reached (a base64url segment cannot be
// 1 more than a multiple of 4 long).
func hs256OfLength(t testing.TB, n int) string {
	t.Helper()
	const sigLen = 43 // base64url of the 32 bytes of HMAC-SHA256
	for kid := 0; kid < 4; kid++ {
		header := `{"alg":"HS256","typ":"JWT","kid":"` + strings.Repeat("k", kid+1) + `"}`
		h := b64url.EncodedLen(len(header))
		p := n - h - 2 - sigLen
		if p <= 0 || p%4 == 1 {
			continue
		}
		raw := p * 3 / 4 // the byte count whose unpadded base64url has p characters
		open, end := `{"sub":"e2e-big","big":"`+bigClaimPrefix, `"}`
		fill := raw - len(open) - len(end)
		if fill < 0 {
			t.Fatalf("no HS256 token of %d bytes", n)
		}
		const pattern = "0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
		filler := strings.Repeat(pattern, fill/len(pattern)+1)[:fill]
		token := hs256(header, open+filler+end, []byte(testSecret))
		if len(token) != n {
			t.Fatalf("made a token of %d bytes, want %d", len(token), n)
		}
		return token
	}
	t.Fatalf("no HS256 token of %d bytes", n)
	return ""
}

// pasteTiming is what measurePasteJS measures in the page, in milliseconds.
type pasteTiming struct {
	SetValue  float64   `json:"setValue"`  // writing the value into the textarea
	Handler   float64   `json:"handler"`   // dispatching input: the app's handler, synchronously
	NextFrame float64   `json:"nextFrame"` // from the paste until the page could draw a frame again
	LongTasks []float64 `json:"longTasks"` // durations of the long tasks around the paste
	Observed  bool      `json:"observed"`  // whether the browser reports long tasks
	// Decode and Verify are one call each of the core's decode and verify,
	// after the paste; -1 if the page has no jwtPlayground.
	Decode float64 `json:"decode"`
	Verify float64 `json:"verify"`
}

func (m pasteTiming) String() string {
	lt := "long tasks not reported by this browser"
	if m.Observed {
		lt = fmt.Sprintf("long tasks %v ms", m.LongTasks)
	}
	return fmt.Sprintf("set value %.0f ms, input handler %.0f ms, next frame after %.0f ms, %s; core alone: decode %.0f ms, verify %.0f ms",
		m.SetValue, m.Handler, m.NextFrame, lt, m.Decode, m.Verify)
}

// measurePasteJS pastes window.__e2eToken into token-input the way SetValue
// does and times it with performance.now: the textarea's value, the input
// handler, and the wait for the next frame. A PerformanceObserver collects
// the long tasks (over 50 ms) meanwhile. The token is put in the page
// beforehand, so that parsing a 1 MiB script is not part of the paste.
const measurePasteJS = `(async () => {
	const input = document.querySelector("[data-testid=token-input]");
	const value = window.__e2eToken;
	delete window.__e2eToken;
	const longTasks = [];
	const observed = PerformanceObserver.supportedEntryTypes.includes("longtask");
	let observer = null;
	if (observed) {
		observer = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) longTasks.push(Math.round(e.duration));
		});
		observer.observe({ type: "longtask" });
	}
	// Paste in a task of its own, after the observer started.
	await new Promise((resolve) => setTimeout(resolve, 0));
	const t0 = performance.now();
	input.value = value;
	const t1 = performance.now();
	input.dispatchEvent(new Event("input", { bubbles: true }));
	const t2 = performance.now();
	// A hidden document draws no frames; then only the timers count.
	await new Promise((resolve) => {
		const later = () => setTimeout(resolve, 0);
		document.hidden ? later() : requestAnimationFrame(later);
	});
	const t3 = performance.now();
	// Long task entries arrive after their task ended.
	await new Promise((resolve) => setTimeout(resolve, 100));
	if (observer) {
		for (const e of observer.takeRecords()) longTasks.push(Math.round(e.duration));
		observer.disconnect();
	}
	// How much of the handler is the core: decode and verify once each,
	// straight from the wasm API, as the handler calls them.
	let decode = -1, verify = -1;
	const core = globalThis.jwtPlayground;
	if (core) {
		const key = document.querySelector("[data-testid=key-input]").value;
		const t4 = performance.now();
		core.decode(value);
		const t5 = performance.now();
		core.verify(value, { key, secretEncoding: "utf8" });
		decode = t5 - t4;
		verify = performance.now() - t5;
	}
	return { setValue: t1 - t0, handler: t2 - t1, nextFrame: t3 - t0, longTasks, observed, decode, verify };
})()`

// bigState is a small read of the page, for tokens too big for State, whose
// every poll would copy megabytes out of the page.
type bigState struct {
	TokenLength   int      `json:"tokenLength"`
	TokenTail     string   `json:"tokenTail"`
	Status        string   `json:"status"`
	StatusText    string   `json:"statusText"`
	PayloadLength int      `json:"payloadLength"`
	HasBigClaim   bool     `json:"hasBigClaim"`
	TokenError    errorBox `json:"tokenError"`
	KeyError      errorBox `json:"keyError"`
}

func (s bigState) String() string {
	return fmt.Sprintf("token-input: %d bytes ending %q\n  verify-status: %q %q\n  payload-json: %d chars (big claim shown: %v)\n  token-error: %s\n  key-error: %s",
		s.TokenLength, s.TokenTail, s.Status, s.StatusText, s.PayloadLength, s.HasBigClaim, s.TokenError, s.KeyError)
}

var readBigStateJS = `(() => {
	const q = (id) => document.querySelector('[data-testid="' + id + '"]');
	const text = (e) => e.textContent.replace(/\s+/g, " ").trim();
	const box = (id) => {
		const e = q(id);
		if (!e) return { found: false, text: "", hidden: false, visible: false };
		return { found: true, text: text(e), hidden: e.hidden,
			visible: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
	};
	const token = q("token-input").value;
	const payload = q("payload-json").value;
	const status = q("verify-status");
	return {
		tokenLength: token.length,
		tokenTail: token.slice(-43),
		status: status.dataset.state ?? "",
		statusText: text(status),
		payloadLength: payload.length,
		hasBigClaim: payload.includes('"big": "` + bigClaimPrefix + `'),
		tokenError: box("token-error"),
		keyError: box("key-error"),
	};
})()`

// pasteBig pastes token, logs how long the page took, fails if the input
// handler blocked the page for longer than handlerBound, and waits until
// cond holds for what the page shows.
func pasteBig(t *testing.T, p *Page, name, token, want string, cond func(bigState) bool) bigState {
	t.Helper()
	if err := p.do(loadTimeout, chromedp.Evaluate[chromedp.Void]("window.__e2eToken = "+jsString(token))); err != nil {
		t.Fatalf("%s: put the token in the page: %v", name, err)
	}
	start := time.Now()
	m := mustEval[pasteTiming](p, measurePasteJS)
	deadline := time.Now().Add(waitTimeout)
	var s bigState
	var err error
	for {
		s, err = eval[bigState](p, readBigStateJS)
		if err == nil && s.TokenLength == len(token) && s.TokenTail == token[len(token)-43:] && cond(s) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s (%d bytes): timed out after %s waiting for %s\nthe page shows:\n  %s\nread error: %v\npaste: %s",
				name, len(token), waitTimeout, want, s, err, m)
		}
		p.sleep(pollInterval)
	}
	t.Logf("%s (%d bytes): %s; shown after %s as seen from the test", name, len(token), m, time.Since(start).Round(time.Millisecond))
	if h := time.Duration(m.Handler * float64(time.Millisecond)); h > handlerBound {
		t.Errorf("%s: the input handler blocked the page for %s, over the bound of %s", name, h.Round(time.Millisecond), handlerBound)
	}
	return s
}

// sizeMessage is how an error names a size.
var sizeMessage = regexp.MustCompile(`(?i)\b(\d+(\.\d+)? ?(KiB|MiB|KB|MB|bytes)|too (large|big|long)|size|limit)\b`)

// sizeFigure is one size in a message, such as "1024.0 KiB".
var sizeFigure = regexp.MustCompile(`\d[\d,.]* ?(KiB|MiB|KB|MB|bytes)`)

// TestHugeToken pastes a valid HS256 token of exactly 1 MiB, the most that
// the core reads, and one a byte longer. The page must stay responsive: it
// shows the first verified with its big claim, and the second refused with a
// message about its size, each without blocking for long. It logs the times
// that the page measured. It does not run in parallel with the other tests,
// so that the times are the page's own.
func TestHugeToken(t *testing.T) {
	p := openPlayground(t)
	p.SetKey(testSecret)

	// A small token first, as a reference for the times.
	small := hs256OfLength(t, 200)
	pasteBig(t, p, "a 200-byte token", small, "verified", func(s bigState) bool { return s.Status == stateVerified })

	atLimit := hs256OfLength(t, maxTokenBytes)
	s := pasteBig(t, p, "a token of 1 MiB", atLimit, "verified, with the big claim in payload-json", func(s bigState) bool {
		return s.Status == stateVerified && s.HasBigClaim
	})
	if !s.TokenError.clear() {
		t.Errorf("a token of 1 MiB: token-error should be clear, is %s", s.TokenError)
	}
	if s.PayloadLength < maxTokenBytes/2 {
		t.Errorf("a token of 1 MiB: payload-json holds %d characters, want the whole payload", s.PayloadLength)
	}
	// A huge token shows as the box's own text, which fills the box from
	// its top: no blank where the coloured copy was, nor a box that keeps
	// the height it had before.
	fill := mustEval[struct {
		Plain            bool
		Top, Height, Box float64
	}](p, `(() => {
		const box = document.querySelector(".token-scroll"), area = document.querySelector('[data-testid="token-input"]');
		return {plain: area.parentElement.classList.contains("plain"), top: area.offsetTop, height: area.offsetHeight, box: box.clientHeight};
	})()`)
	if !fill.Plain || fill.Top != 0 || fill.Height < fill.Box-2 {
		t.Errorf("a token of 1 MiB: the token box shows its own text %+v, want plain, at the top (0) and the box's height (%g px)", fill, fill.Box)
	}

	overLimit := hs256OfLength(t, maxTokenBytes+1)
	s = pasteBig(t, p, "a token of 1 MiB + 1 byte", overLimit, "a size error", func(s bigState) bool {
		return s.Status != stateVerified && (s.TokenError.shown() || s.KeyError.shown())
	})
	switch {
	case !s.TokenError.shown():
		t.Errorf("a token over 1 MiB: token-error should say that the token is too large (the core's too_large), is %s\nthe page shows:\n  %s", s.TokenError, s)
	case !sizeMessage.MatchString(s.TokenError.Text):
		t.Errorf("a token over 1 MiB: token-error should say that the token is too large (the core's too_large), says %q", s.TokenError.Text)
	}
	// "1024.0 KiB, over the limit of 1024.0 KiB" contradicts itself.
	if sizes := sizeFigure.FindAllString(s.TokenError.Text, -1); len(sizes) == 2 && sizes[0] == sizes[1] {
		t.Errorf("a token over 1 MiB: token-error gives the same size for the token and the limit, %q, so it reads as if the token were within it: %q",
			sizes[0], s.TokenError.Text)
	}
	// The size is the token's problem, not the key's: the badge says that
	// the token cannot be read, and the key box is not blamed.
	if s.Status != stateMalformed {
		t.Errorf("a token over 1 MiB: verify-status has data-state %q (%q), want %q: the token cannot be read, whatever the key",
			s.Status, s.StatusText, stateMalformed)
	}
	if !s.KeyError.clear() {
		t.Errorf("a token over 1 MiB: key-error shows %s: the key is fine, the token is too large", s.KeyError)
	}

	// The page is still responsive: a small token verifies at once.
	pasteBig(t, p, "a 200-byte token after the big ones", small, "verified", func(s bigState) bool { return s.Status == stateVerified })
}
