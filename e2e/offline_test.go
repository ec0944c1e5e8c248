package e2e

// Offline: after one visit the playground works with no network.
//
// The contract:
//
//   - offline.js registers sw.js, which precaches every asset that the
//     generated sw-assets.js lists (self.ASSETS) in the cache
//     "jwt-playground-<self.VERSION>", claims the open pages, and answers
//     their requests from that cache.
//   - When a new version is installed and waiting, the page shows
//     [data-testid=update-banner] and keeps everything as it is; its button
//     #update-reload activates the new version and reloads the page.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"
)

// swTimeout bounds the install of the service worker, which downloads and
// stores every asset, the wasm among them, while the page compiles it.
const swTimeout = 90 * time.Second

// swAssets is what a sw-assets.js declares.
type swAssets struct {
	Assets  []string
	Version string
}

var (
	swAssetsRE  = regexp.MustCompile(`self\.ASSETS\s*=\s*(\[[^\]]*\])`)
	swVersionRE = regexp.MustCompile(`self\.VERSION\s*=\s*"([^"]+)"`)
)

// readSWAssets parses the sw-assets.js of dir.
func readSWAssets(t testing.TB, dir string) swAssets {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "sw-assets.js"))
	if err != nil {
		t.Fatalf("read sw-assets.js: %v (run `make build`)", err)
	}
	var out swAssets
	a, v := swAssetsRE.FindSubmatch(b), swVersionRE.FindSubmatch(b)
	if a == nil || v == nil {
		t.Fatalf("%s/sw-assets.js has no self.ASSETS list or no self.VERSION:\n%s", dir, b)
	}
	if err := json.Unmarshal(a[1], &out.Assets); err != nil {
		t.Fatalf("self.ASSETS of %s/sw-assets.js: %v", dir, err)
	}
	out.Version = string(v[1])
	return out
}

// swStateJS describes the service worker of the page, for messages.
const swStateJS = `(async () => {
	const r = await navigator.serviceWorker.getRegistration();
	return JSON.stringify({
		registration: r ? r.scope : null,
		installing: r?.installing?.state ?? null,
		waiting: r?.waiting?.state ?? null,
		active: r?.active?.state ?? null,
		controlled: Boolean(navigator.serviceWorker.controller),
		caches: await caches.keys(),
	});
})()`

// activatedJS is true once the page's registration has an activated worker.
const activatedJS = `(async () => {
	const r = await navigator.serviceWorker.getRegistration();
	return Boolean(r && r.active && r.active.state === "activated");
})()`

// waitControlled waits until the service worker is installed and activated
// and controls the page. sw.js claims the open pages when it activates, so
// the first visit gets controlled without a reload.
func waitControlled(t testing.TB, p *Page) {
	t.Helper()
	waitJS(t, p, "the service worker to install and activate", activatedJS, swStateJS, swTimeout)
	deadline := time.Now().Add(waitTimeout)
	for {
		if ok, err := eval[bool](p, `navigator.serviceWorker.controller !== null`); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			break
		}
		p.sleep(100 * time.Millisecond)
	}
	state, _ := eval[string](p, swStateJS)
	t.Errorf("the service worker is active but does not control the page that registered it, although sw.js claims clients: %s", state)
	reload(t, p)
	waitJS(t, p, "the reloaded page to be controlled", `navigator.serviceWorker.controller !== null`, swStateJS, waitTimeout)
}

// reload reloads the page and waits until the new document is ready.
func reload(t testing.TB, p *Page) {
	t.Helper()
	mustEval[chromedp.Void](p, `window.e2eBeforeReload = true`)
	if err := p.do(loadTimeout, chromedp.Reload()); err != nil {
		t.Fatalf("reload: %v", err)
	}
	waitJS(t, p, "a new document after the reload", `window.e2eBeforeReload === undefined && document.readyState !== "loading"`, "", loadTimeout)
	p.waitReady()
}

// offline cuts a target (a tab or a worker) off the network: every request
// fails as with no connection, and navigator.onLine is false.
var offline = chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
	_, err := cdp.Call(ctx, tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	if err != nil {
		return fmt.Errorf("Network.emulateNetworkConditionsByRule: %w", err)
	}
	_, err = cdp.Call(ctx, tab, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
	if err != nil {
		return fmt.Errorf("Network.overrideNetworkState: %w", err)
	}
	return nil
})

// serviceWorkerOffline cuts the service worker of scriptURL, in the browser
// context bctx, off the network. The emulation of a tab does not reach the
// worker, which fetches on its own (emulateOfflineServiceWorker does not
// either, in Chromium 156), so the test attaches to the worker's target and
// emulates there too, as DevTools does for its "Offline" box. It stays
// attached until the test ends, and the emulation lasts as long, across
// stops and starts of the worker.
func serviceWorkerOffline(t testing.TB, bctx context.Context, scriptURL string) {
	t.Helper()
	id := chromedp.FromContext(bctx).BrowserContextID
	infos, err := chromedp.Targets(bctx)
	if err != nil {
		t.Fatalf("list the targets: %v", err)
	}
	var seen []string
	for _, info := range infos {
		seen = append(seen, fmt.Sprintf("%s %s", info.Type, info.URL))
		if info.Type != "service_worker" || info.URL != scriptURL || info.BrowserContextID != id {
			continue
		}
		sctx, cancel := chromedp.NewContext(bctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
		t.Cleanup(cancel)
		tctx, tcancel := context.WithTimeout(sctx, loadTimeout)
		defer tcancel()
		if err := chromedp.Do(tctx, offline); err != nil {
			t.Fatalf("emulate offline in the service worker %s: %v", scriptURL, err)
		}
		return
	}
	t.Fatalf("no service_worker target for %s in the browser context of the test; targets: %q", scriptURL, seen)
}

// cachedPathsJS lists the paths in a cache of the page's origin.
const cachedPathsJS = `(async (name) => {
	const c = await caches.open(name);
	return (await c.keys()).map((r) => new URL(r.url).pathname);
})`

// TestOffline visits the playground once, then cuts the network: a reload,
// a pasted token and a shared link all work, from the service worker's
// cache, and nothing reaches the server; then with the server gone too.
func TestOffline(t *testing.T) {
	t.Parallel()
	dir := servedDir(t)
	want := readSWAssets(t, dir)
	inst := startInstance(t, dir, false)
	bctx := newBrowserContext(t)
	p := openAt(t, inst.url, atOptions{parent: bctx})
	waitControlled(t, p)

	cache := "jwt-playground-" + want.Version
	names := mustEval[[]string](p, `caches.keys()`)
	if !slices.Contains(names, cache) {
		t.Fatalf("the caches are %q, want %q (the VERSION of sw-assets.js)", names, cache)
	}
	cached := mustEval[[]string](p, fmt.Sprintf("%s(%s)", cachedPathsJS, jsString(cache)))
	for _, a := range want.Assets {
		path := "/" + strings.TrimPrefix(strings.TrimPrefix(a, "./"), "/")
		if !slices.Contains(cached, path) {
			t.Errorf("the cache %s lacks %s, which sw-assets.js lists; it holds %q", cache, path, cached)
		}
	}

	// Cut the network, for the page and for its service worker.
	if err := p.do(callTimeout, offline); err != nil {
		t.Fatalf("go offline: %v", err)
	}
	serviceWorkerOffline(t, bctx, inst.url+"sw.js")
	linesOnline := len(parseLog(inst.Log()))
	// A file that no cache holds proves that the service worker, too, is
	// cut off: its fetch must fail, and must not reach the server.
	probe := mustEval[string](p, `fetch("e2e-offline-probe.txt", { cache: "no-store" }).then((r) => "answered " + r.status, (e) => "failed: " + e.message)`)
	if !strings.HasPrefix(probe, "failed") {
		t.Fatalf("a fetch of a file no cache holds %s while offline: the network emulation does not cut the page off, so this test proves nothing", probe)
	}

	reload(t, p)
	if online := mustEval[bool](p, `navigator.onLine`); online {
		t.Logf("navigator.onLine is true while offline is emulated")
	}
	if !mustEval[bool](p, `navigator.serviceWorker.controller !== null`) {
		t.Errorf("the page reloaded offline is not controlled by the service worker: %s", mustEval[string](p, swStateJS))
	}
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-offline", "name": "Margaret Hamilton"}, []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)

	// A shared link, opened offline in a new tab.
	ecKey := testKey(t, "ES256")
	esToken := sign(t, jwt.SigningMethodES256, jwt.MapClaims{"sub": "e2e-offline-link"}, ecKey.private)
	link := inst.url + "#" + url.Values{"token": {esToken}, "key": {ecKey.publicPEM}}.Encode()
	q := openAt(t, link, atOptions{parent: bctx, setup: []chromedp.Action[chromedp.Void]{offline}})
	q.WaitStatus(esToken, stateVerified)
	// The page by its file's name: the cache holds it as "./" only.
	byName := strings.Replace(link, "/#", "/index.html#", 1)
	if byName == link {
		t.Fatalf("no /# in %s", link)
	}
	r := openAt(t, byName, atOptions{parent: bctx, setup: []chromedp.Action[chromedp.Void]{offline}})
	r.WaitStatus(esToken, stateVerified)

	// Only the browser's own update check of the worker may still reach
	// the server: DevTools' emulation does not cover it (and the last part
	// of the test shows that its failure does not matter).
	var leaked []string
	for _, r := range parseLog(inst.Log())[linesOnline:] {
		if r.Path != "/sw.js" && r.Path != "/sw-assets.js" {
			leaked = append(leaked, r.String())
		}
	}
	if len(leaked) > 0 {
		t.Errorf("while offline, the page's requests reached the server: %q", leaked)
	}

	// And with the server gone.
	if err := inst.Stop(); err != nil {
		t.Fatalf("stop the server: %v", err)
	}
	reload(t, p)
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
}

// copyDir copies the folder src, subfolders and all (the page imports
// learn/sha256.js), into dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// writeSWAssets regenerates dir/sw-assets.js with the build's script.
func writeSWAssets(t testing.TB, dir string) swAssets {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(repoRoot, "scripts", "sw-assets.sh"), dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/sw-assets.sh %s: %v\n%s", dir, err, stderr.String())
	}
	if err := os.WriteFile(filepath.Join(dir, "sw-assets.js"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	return readSWAssets(t, dir)
}

// bannerJS reads the update banner.
const bannerJS = `(() => {
	const e = document.querySelector('[data-testid="update-banner"]');
	if (!e) return { found: false, text: "", hidden: false, visible: false };
	return { found: true, text: e.textContent.replace(/\s+/g, " ").trim(), hidden: e.hidden,
		visible: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
})()`

// TestOfflineUpdate serves a copy of the web folder, changes a file in it as
// a deploy would, and checks the update path: the page learns of the new
// version, offers it without touching what the user is doing, and switches
// to it only on the click.
func TestOfflineUpdate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, servedDir(t), dir)
	old := writeSWAssets(t, dir)
	inst := startInstance(t, dir, false)
	bctx := newBrowserContext(t)
	p := openAt(t, inst.url, atOptions{parent: bctx})
	waitControlled(t, p)
	if b := mustEval[errorBox](p, bannerJS); !b.Found || b.Visible {
		t.Fatalf("update-banner is %s on the first visit, want present and hidden", b)
	}

	// The user's work in progress.
	token := sign(t, jwt.SigningMethodHS256, jwt.MapClaims{"sub": "e2e-update", "name": "Frances Allen"}, []byte(testSecret))
	p.SetKey(testSecret)
	p.SetToken(token)
	p.WaitStatus(token, stateVerified)
	mustEval[chromedp.Void](p, `window.e2eBeforeUpdate = true`)

	// A deploy: one file changes, and the build writes a new asset list.
	stamp := fmt.Sprintf("e2e-update-%d", time.Now().UnixNano())
	f, err := os.OpenFile(filepath.Join(dir, "style.css"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\n/* %s */\n", stamp)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	next := writeSWAssets(t, dir)
	if next.Version == old.Version {
		t.Fatalf("scripts/sw-assets.sh wrote the same VERSION %s after style.css changed", old.Version)
	}

	mustEval[chromedp.Void](p, `navigator.serviceWorker.getRegistration().then((r) => r.update())`)
	waitJS(t, p, "update-banner to offer the new version",
		`document.querySelector('[data-testid="update-banner"]')?.checkVisibility() === true`, swStateJS, swTimeout)

	s := p.State()
	if s.Token != token || s.Key != testSecret || s.Status != stateVerified {
		t.Errorf("the page changed under the user when the update arrived:\n%s", s)
	}
	if !mustEval[bool](p, `new Promise((r) => setTimeout(() => r(window.e2eBeforeUpdate === true), 1000))`) {
		t.Errorf("the page reloaded by itself after the update banner showed; it must wait for the click")
	}

	// The click switches to the new version.
	sel := chromedp.CSS("#update-reload")
	if err := p.do(waitTimeout, chromedp.Click(sel, chromedp.NodeVisible)); err != nil {
		t.Fatalf("click the update button: %v", err)
	}
	waitJS(t, p, "the page to reload after the click on the update button",
		`window.e2eBeforeUpdate === undefined && document.documentElement.dataset.ready === "true"`, swStateJS, swTimeout)
	p.waitReady()

	if b := mustEval[errorBox](p, bannerJS); b.Visible {
		t.Errorf("update-banner still shows after the update: %s", b)
	}
	waitJS(t, p, "the new version to control the page and the old cache to go",
		fmt.Sprintf(`navigator.serviceWorker.controller !== null && caches.keys().then((k) => k.length === 1 && k[0] === %s)`, jsString("jwt-playground-"+next.Version)),
		swStateJS, waitTimeout)
	css := mustEval[string](p, `fetch("style.css").then((r) => r.text())`)
	if !strings.Contains(css, stamp) {
		t.Errorf("after the update the page gets the old style.css (without the comment %q)", stamp)
	}
}
