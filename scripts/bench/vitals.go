package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The vitals section: opening the page as a person does, judged by
// Lighthouse (its performance and accessibility categories, the mobile and
// desktop presets) and axe-core, on the make dist output served by serve.

// errNoVitals says what is missing to measure the vitals.
var errNoVitals = errors.New("cannot measure the vitals")

// lighthouseRun is one line of lighthouse/lighthouse.mjs: one Lighthouse
// run in a fresh Chromium.
type lighthouseRun struct {
	Preset        string             `json:"preset"`
	Run           int                `json:"run"`
	Lighthouse    string             `json:"lighthouse"`
	Axe           string             `json:"axe"`
	UserAgent     string             `json:"userAgent"`
	Performance   int                `json:"performance"`
	Accessibility int                `json:"accessibility"`
	Metrics       map[string]float64 `json:"metrics"` // tbt, lcp, fcp, si, tti in ms; cls
	Bytes         float64            `json:"bytes"`
	LongTasks     struct {
		Count   int     `json:"count"`
		TotalMs float64 `json:"totalMs"`
	} `json:"longTasks"`
	MainThread []struct {
		Group string  `json:"group"`
		Ms    float64 `json:"ms"`
	} `json:"mainThread"`
	A11yFailed []struct {
		ID    string   `json:"id"`
		Title string   `json:"title"`
		Nodes []string `json:"nodes"`
	} `json:"a11yFailed"`
	Warnings []string `json:"warnings"`
	Error    string   `json:"error"`
}

// axeViolation is one rule axe-core found broken, with a few of the nodes
// that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeResult is what axe-core found on one page in one colour scheme.
type axeResult struct {
	Page       string         `json:"page"`
	Scheme     string         `json:"scheme"` // light or dark
	Version    string         `json:"version"`
	Passes     int            `json:"passes"` // rules that passed
	Violations []axeViolation `json:"violations"`
}

// longTask is one entry of the Long Tasks API: the main thread busy for
// more than 50 ms.
type longTask struct {
	StartMs float64 `json:"startMs"`
	Ms      float64 `json:"ms"`
}

// openLoad is one load of the page in Chromium, unthrottled.
type openLoad struct {
	ReadyMs   float64
	FCPMs     float64
	WireBytes float64 // transfer sizes the page's Resource Timing saw
	Tasks     []longTask
}

// busyBefore counts the long tasks that started before ms, and their total.
func (l openLoad) busyBefore(ms float64) (n int, total float64) {
	for _, t := range l.Tasks {
		if t.StartMs < ms {
			n++
			total += t.Ms
		}
	}
	return n, total
}

// vitalsResult is the vitals section.
type vitalsResult struct {
	Commit string // what was measured: git describe of the tree
	// Date is when the measurement began; Loads the load average (1, 5
	// and 15 minutes) as it began and as it ended.
	Date       time.Time
	Loads      [2]string
	Lighthouse []lighthouseRun
	// LighthouseEmbed is Lighthouse on embed.html, for the record.
	LighthouseEmbed []lighthouseRun `json:",omitempty"`
	Axe             []axeResult
	Cold, Warm      []openLoad
	// Typing is the loads during which keys were pressed until ready.
	Typing []startupTyping `json:",omitempty"`
	// Wasmpack weighs the packed wasm against the linker's, when measured.
	Wasmpack *wasmpackWeight `json:",omitempty"`
}

// axePage is a page axe-core checks, and when it is ready to be checked.
type axePage struct {
	name  string // as the report names it
	path  string // under the playground's URL, or the bench server's with bench
	bench bool
	ready string // a JavaScript condition
}

// The conditions under which a page is ready for axe: its content drawn.
const (
	playgroundReady = `document.documentElement.dataset.ready === "true"`
	elementsReady   = `(() => { const els = [...document.querySelectorAll("jwt-playground")];
		return els.length > 0 && els.every((e) => { const s = e.shadowRoot?.querySelector("[data-testid=embed-status]")?.dataset.state; return !!s && s !== "loading"; }); })()`
	documentReady = `document.readyState === "complete"`
)

// axePages are the pages whose accessibility is a goal.
var axePages = []axePage{
	{name: "index.html", path: "", ready: playgroundReady},
	{name: "embed.html", path: "embed.html", ready: elementsReady},
	{name: "a page hosting `<jwt-playground>`", path: "bench/element.html", bench: true, ready: elementsReady},
	{name: "learn/index.html", path: "learn/", ready: documentReady},
}

// measureVitals runs Lighthouse on the playground at url (make dist's
// output, served by serve), then axe-core and loads of the page in b.
func measureVitals(ctx context.Context, c config, p plan, b *browser, url, benchURL string) (*vitalsResult, error) {
	res := &vitalsResult{Commit: gitDescribe(), Date: time.Now().UTC(), Loads: [2]string{loadAverage()}}
	defer func() { res.Loads[1] = loadAverage() }()
	axeSrc, err := os.ReadFile(filepath.Join(c.lighthouse, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		return nil, fmt.Errorf("%w: axe-core is not installed (%v): run `npm ci --prefix %s`", errNoVitals, err, c.lighthouse)
	}
	if res.Lighthouse, err = runLighthouse(ctx, c, url, p.vitalsRuns, p.vitalsPresets); err != nil {
		return nil, err
	}
	if res.LighthouseEmbed, err = runLighthouse(ctx, c, url+embedBenchPath(), p.vitalsRuns, p.vitalsPresets); err != nil {
		return nil, fmt.Errorf("embed.html: %w", err)
	}
	pages := axePages
	if p.axePages > 0 {
		pages = pages[:p.axePages]
	}
	for _, pg := range pages {
		for _, scheme := range p.axeSchemes {
			target := url + pg.path
			if pg.bench {
				target = benchURL + pg.path + "?playground=" + url
			}
			r, err := runAxe(b, string(axeSrc), target, pg, scheme)
			if err != nil {
				return nil, fmt.Errorf("axe on %s (%s): %w", pg.name, scheme, err)
			}
			log.Printf("vitals: axe %s on %s (%s): %d violations", r.Version, pg.name, scheme, len(r.Violations))
			res.Axe = append(res.Axe, r)
		}
	}
	if res.Cold, res.Warm, err = openLoads(b, url, p.vitalsRuns); err != nil {
		return nil, err
	}
	for _, cpu := range startupCPUs {
		for i := range p.vitalsRuns {
			r, err := typeWhileStarting(b, url, cpu, fmt.Sprintf("typing while starting, CPU %g×, %d", cpu, i+1))
			if err != nil {
				return nil, err
			}
			res.Typing = append(res.Typing, r)
		}
	}
	return res, nil
}

// runLighthouse runs lighthouse.mjs for runs runs of each preset.
func runLighthouse(ctx context.Context, c config, url string, runs int, presets []string) ([]lighthouseRun, error) {
	script := filepath.Join(c.lighthouse, "lighthouse.mjs")
	if _, err := os.Stat(filepath.Join(c.lighthouse, "node_modules", "lighthouse", "package.json")); err != nil {
		return nil, fmt.Errorf("%w: lighthouse is not installed (%v): run `npm ci --prefix %s`", errNoVitals, err, c.lighthouse)
	}
	cmd := exec.CommandContext(ctx, "node", script, "--url", url, "--runs", fmt.Sprint(runs), "--presets", strings.Join(presets, ","))
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromePathOf(c))
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start lighthouse: %w", err)
	}
	var all []lighthouseRun
	sc := bufio.NewScanner(out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r lighthouseRun
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return nil, fmt.Errorf("lighthouse printed %q: %w", truncate(sc.Text(), 200), err)
		}
		if r.Error != "" {
			log.Printf("vitals: lighthouse %s run %d: %s", r.Preset, r.Run, r.Error)
		}
		log.Printf("vitals: lighthouse %s run %d: performance %d, accessibility %d, TBT %.0f ms, LCP %.0f ms, CLS %.3f",
			r.Preset, r.Run, r.Performance, r.Accessibility, r.Metrics["tbt"], r.Metrics["lcp"], r.Metrics["cls"])
		all = append(all, r)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("lighthouse: %v\n%s", err, stderr.tail(4000))
	}
	if want := runs * len(presets); len(all) != want {
		return nil, fmt.Errorf("lighthouse reported %d runs, want %d\n%s", len(all), want, stderr.tail(4000))
	}
	for _, r := range all {
		if r.Error != "" || r.Metrics["lcp"] <= 0 || r.Metrics["tbt"] < 0 || r.Metrics["cls"] < 0 {
			return nil, fmt.Errorf("lighthouse %s run %d measured no figures: %s", r.Preset, r.Run, r.Error)
		}
	}
	return all, nil
}

// chromePathOf is the Chromium Lighthouse starts: the bench's own.
func chromePathOf(c config) string {
	if c.chromium != "" {
		return c.chromium
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return "/usr/bin/chromium"
}

// runAxe loads target in a fresh browser context, in the given colour
// scheme, waits until pg is ready, and runs axe-core's default rules (WCAG
// 2.x A and AA, and its best practices) over the document, shadow roots
// included.
func runAxe(b *browser, axeSrc, target string, pg axePage, scheme string) (axeResult, error) {
	res := axeResult{Page: pg.name, Scheme: scheme}
	t, err := b.openTab("axe "+pg.name+" "+scheme, chromedp.WithNewBrowserContext())
	if err != nil {
		return res, err
	}
	defer t.close()
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	if _, err := chromedp.Call(t.ctx, emulation.SetEmulatedMedia, media); err != nil {
		return res, err
	}
	// axe-core measures contrast with inline styles, which the pages' CSP
	// (style-src 'self') would block.
	if _, err := chromedp.Call(t.ctx, cdppage.SetBypassCSP, cdppage.SetBypassCSPParams{Enabled: true}); err != nil {
		return res, err
	}
	if err := t.navigate(target); err != nil {
		return res, err
	}
	if err := waitFor(t, navTimeout, pg.name+" ready", pg.ready); err != nil {
		return res, err
	}
	time.Sleep(500 * time.Millisecond) // let late panels and transitions settle
	if err := t.exec(axeSrc); err != nil {
		return res, err
	}
	out, err := call[axeResult](t, navTimeout, `(async () => {
		const r = await axe.run(document, { resultTypes: ["violations"] });
		return { version: axe.version, passes: r.passes.length, violations: r.violations.map((v) => ({
			id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => [].concat(n.target).join(" ") + ": " + (n.failureSummary || "").split("\n").slice(1).join(" ").trim()),
		})) };
	})`, nil)
	out.Page, out.Scheme = res.Page, res.Scheme
	if err == nil && (out.Version == "" || out.Passes == 0) {
		err = fmt.Errorf("axe-core did not run on %s: version %q, %d rules passed", pg.name, out.Version, out.Passes)
	}
	return out, err
}

// openLoads loads the page runs times cold, each in a fresh browser
// context, and reloads the first one runs times warm (HTTP cache, the
// service worker bypassed), noting the main thread's long tasks.
func openLoads(b *browser, url string, runs int) (cold, warm []openLoad, err error) {
	first, err := loadTab(b, "vitals cold 1")
	if err != nil {
		return nil, nil, err
	}
	defer first.close()
	for i := range runs {
		t := first
		if i > 0 {
			if t, err = loadTab(b, fmt.Sprintf("vitals cold %d", i+1)); err != nil {
				return nil, nil, err
			}
		}
		l, err := openOnce(t, chromedp.Navigate(url))
		if i > 0 {
			t.close()
		}
		if err != nil {
			return nil, nil, err
		}
		cold = append(cold, l)
	}
	if _, err := chromedp.Call(first.ctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, nil, err
	}
	if _, err := chromedp.Call(first.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}); err != nil {
		return nil, nil, err
	}
	for range runs {
		l, err := openOnce(first, chromedp.Reload())
		if err != nil {
			return nil, nil, err
		}
		warm = append(warm, l)
	}
	return cold, warm, nil
}

// loadTab opens a tab in a fresh browser context that notes, in every
// document, when the page is ready and its long tasks.
func loadTab(b *browser, name string) (*tab, error) {
	t, err := b.openTab(name, chromedp.WithNewBrowserContext())
	if err != nil {
		return nil, err
	}
	for _, s := range []string{pageFile("readymark.js"), pageFile("longtasks.js")} {
		if err := t.addInitScript(s); err != nil {
			t.close()
			return nil, err
		}
	}
	return t, nil
}

// settleAfterReady is how long a load is watched after ready: the page
// still fills panels then, and a long task there still blocks a keystroke.
const settleAfterReady = 1500 * time.Millisecond

// openOnce navigates (or reloads) with nav and reads the time to ready,
// the bytes fetched and the long tasks up to settleAfterReady after ready.
func openOnce(t *tab, nav chromedp.Action[chromedp.Void]) (openLoad, error) {
	var l openLoad
	info, err := loadPage(t, nav)
	if err != nil {
		return l, err
	}
	time.Sleep(settleAfterReady)
	tasks, err := evalRaw(t, callTimeout, "globalThis.__benchLongTasks")
	if err != nil {
		return l, fmt.Errorf("%s: no long tasks (is the Long Tasks API missing?): %w", t.name, err)
	}
	if err := json.Unmarshal(tasks, &l.Tasks); err != nil {
		return l, err
	}
	l.ReadyMs, l.FCPMs = info.ReadyMs, info.FCPMs
	for _, r := range info.Resources {
		l.WireBytes += r.TransferSize
	}
	n, total := l.busyBefore(l.ReadyMs)
	log.Printf("vitals: %s: ready at %.0f ms, %d long tasks before it (%.0f ms), %.0f kB fetched", t.name, l.ReadyMs, n, total, l.WireBytes/1000)
	return l, nil
}

// gitDescribe names the tree measured, as make build's VERSION does.
func gitDescribe() string {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return string(bytes.TrimSpace(out))
}

// embedBenchSecret signs the token embed.html is measured with.
const embedBenchSecret = "a-secret-of-the-bench-32-bytes!!"

// embedBenchPath is embed.html with a token and its key in the fragment,
// as a docs page would frame it.
func embedBenchPath() string {
	enc := base64.RawURLEncoding
	input := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(`{"sub":"1234567890","name":"Ada Lovelace","admin":true,"iat":1516239022}`))
	mac := hmac.New(sha256.New, []byte(embedBenchSecret))
	mac.Write([]byte(input))
	q := url.Values{"token": {input + "." + enc.EncodeToString(mac.Sum(nil))}, "key": {embedBenchSecret}, "mode": {"verify"}}
	return "embed.html#" + q.Encode()
}
