package main

import (
	"encoding/json"
	"fmt"
	"log"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// startupTyping is one cold load during which the bench typed into the
// token box until the page was ready: the latency of each interaction,
// from the key's press to the next paint (the Event Timing API's duration,
// which Interaction to Next Paint is made of).
type startupTyping struct {
	CPU       float64   // the CPU slow-down emulated
	ReadyMs   float64   // navigation to data-ready="true"
	Latencies []float64 // ms, one per interaction that began before ready
	Typed     int       // interactions dispatched before ready
	FrameGap  float64   // the longest wait between animation frames before ready, ms
}

// startupCPUs are the CPU slow-downs typed under: none, and the 4× of
// Lighthouse's mobile preset.
var startupCPUs = []float64{1, 4}

// typingInterval is how often a key is pressed while the page starts: a
// quick typist's pace.
const typingInterval = 60 * time.Millisecond

// keys are pressed in turn: a character, then Backspace, so the token box
// ends as it began.
var startupKeys = []input.DispatchKeyEventParams{
	{Key: "x", Code: "KeyX", Text: "x", WindowsVirtualKeyCode: 88},
	{Key: "Backspace", Code: "Backspace", WindowsVirtualKeyCode: 8},
}

// typeWhileStarting loads url cold in a fresh browser context with the CPU
// slowed cpu times, and presses keys in the token box from the first
// contentful paint until the page is ready.
func typeWhileStarting(b *browser, url string, cpu float64, name string) (startupTyping, error) {
	res := startupTyping{CPU: cpu}
	t, err := loadTab(b, name)
	if err != nil {
		return res, err
	}
	defer t.close()
	if err := t.addInitScript(pageFile("events.js")); err != nil {
		return res, err
	}
	if cpu > 1 {
		if _, err := chromedp.Call(t.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: cpu}); err != nil {
			return res, err
		}
	}
	// page.navigate returns once the document starts loading, not when it
	// has loaded: the keys go in while it loads.
	if _, err := chromedp.Call(t.ctx, cdppage.Navigate, cdppage.NavigateParams{URL: url}); err != nil {
		return res, fmt.Errorf("%s: %w", t.name, err)
	}
	deadline := time.Now().Add(navTimeout)
	focused := false
	for time.Now().Before(deadline) {
		// A person types into the box once they see it: from the first
		// contentful paint on.
		state, err := evalRaw(t, callTimeout, `(() => {
			const box = document.getElementById("token-input");
			const painted = performance.getEntriesByName("first-contentful-paint").length > 0;
			if (box && painted && document.activeElement !== box) box.focus();
			return [document.documentElement?.dataset.ready ?? "", painted && document.activeElement === box];
		})()`)
		if err != nil {
			// The navigation replaced the document under the call: ask
			// the new one.
			time.Sleep(typingInterval)
			continue
		}
		var s [2]any
		if err := json.Unmarshal(state, &s); err != nil {
			return res, err
		}
		if s[0] == "true" {
			break
		}
		if s[0] == "error" {
			return res, fmt.Errorf("%s: the page set data-ready=error", t.name)
		}
		focused, _ = s[1].(bool)
		if focused {
			// A key with text goes down as keyDown, one without (Backspace)
			// as rawKeyDown, as a keyboard's do.
			k := startupKeys[res.Typed%len(startupKeys)]
			k.Type = input.DispatchKeyEventTypeRawKeyDown
			if k.Text != "" {
				k.Type = input.DispatchKeyEventTypeKeyDown
			}
			up := k
			up.Type, up.Text = input.DispatchKeyEventTypeKeyUp, ""
			for _, e := range []input.DispatchKeyEventParams{k, up} {
				if _, err := chromedp.Call(t.ctx, input.DispatchKeyEvent, e); err != nil {
					return res, err
				}
			}
			res.Typed++
		}
		time.Sleep(typingInterval)
	}
	if _, err := evalRaw(t, navTimeout, "globalThis.__benchReady"); err != nil {
		return res, err
	}
	var seen struct {
		Ready  float64
		Gap    float64
		Events []struct {
			StartMs, Ms float64
			ID          int64
		}
	}
	if err := evalInto(t, `({ready: globalThis.__benchReadyAt, gap: globalThis.__benchFrameGap, events: globalThis.__benchEvents})`, &seen); err != nil {
		return res, err
	}
	if seen.Events == nil {
		return res, fmt.Errorf("%s: no Event Timing entries (is the API missing?)", t.name)
	}
	res.ReadyMs, res.FrameGap = seen.Ready, seen.Gap
	// An interaction's latency is that of its slowest event (keydown,
	// keyup, input...), as Interaction to Next Paint counts it.
	worst := map[int64]float64{}
	for _, e := range seen.Events {
		if e.StartMs < seen.Ready {
			worst[e.ID] = max(worst[e.ID], e.Ms)
		}
	}
	for _, ms := range worst {
		res.Latencies = append(res.Latencies, ms)
	}
	log.Printf("vitals: %s: %d keys pressed before ready (%.0f ms), %d interactions over 16 ms, the worst %.0f ms; longest frame gap %.0f ms",
		t.name, res.Typed, res.ReadyMs, len(res.Latencies), percentile(res.Latencies, 100), res.FrameGap)
	return res, nil
}

// evalInto evaluates expr in the tab and decodes its JSON value into v.
func evalInto(t *tab, expr string, v any) error {
	raw, err := evalRaw(t, callTimeout, expr)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}
