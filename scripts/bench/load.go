package main

import (
	"fmt"
	"log"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// resource is one entry of the page's Resource Timing: a file it fetched.
type resource struct {
	URL             string  `json:"url"`
	Initiator       string  `json:"initiator"`
	TransferSize    float64 `json:"transferSize"`    // on the wire, headers included
	EncodedBodySize float64 `json:"encodedBodySize"` // the body as sent, compressed or not
	DecodedBodySize float64 `json:"decodedBodySize"`
}

// loadInfo is what benchProbe.loadInfo reads after a load.
type loadInfo struct {
	ReadyMs    float64    `json:"readyMs"`
	DCLMs      float64    `json:"dclMs"`
	LoadMs     float64    `json:"loadMs"`
	FCPMs      float64    `json:"fcpMs"`
	WasmEndMs  float64    `json:"wasmEndMs"`
	Controlled bool       `json:"controlled"`
	Resources  []resource `json:"resources"`
}

// swInfo is what benchProbe.serviceWorker reports.
type swInfo struct {
	Supported  bool `json:"supported"`
	Controlled bool `json:"controlled"`
	Cached     []struct {
		Cache string `json:"cache"`
		URL   string `json:"url"`
		Bytes int64  `json:"bytes"`
	} `json:"cached"`
}

// loadResult is the load section.
type loadResult struct {
	Cold, WarmHTTP, WarmSW []loadInfo
	// Resources are what the first cold load fetched.
	Resources []resource
	SW        swInfo
	// Assets are the sizes of the files behind Resources.
	Assets []assetSize
}

// measureLoad loads the page cold, each time in a fresh browser context
// (empty caches, no service worker). The first context then reloads it warm
// twice over: first bypassing the service worker, so from the HTTP cache
// (every asset is revalidated: the server sends Cache-Control: no-cache),
// then through the service worker, which answers from its cache.
func measureLoad(b *browser, playgroundURL string, p plan) (loadResult, error) {
	var res loadResult
	for i := range p.coldRuns {
		t, err := b.openTab(fmt.Sprintf("cold load %d", i+1), chromedp.WithNewBrowserContext())
		if err != nil {
			return res, err
		}
		var info loadInfo
		if err = t.addInitScript(pageFile("readymark.js")); err == nil {
			info, err = loadPage(t, chromedp.Navigate(playgroundURL))
		}
		if err == nil {
			res.Cold = append(res.Cold, info)
			log.Printf("load: cold %d: ready at %.0f ms", i+1, info.ReadyMs)
		}
		if err == nil && i == 0 {
			res.Resources = info.Resources
			err = warmLoads(t, p, &res)
		}
		t.close()
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// warmLoads waits for the service worker of the cold load in t, then
// reloads the page, first bypassing it, then through it.
func warmLoads(t *tab, p plan, res *loadResult) error {
	sw, err := call[swInfo](t, navTimeout, "benchProbe.serviceWorker", map[string]int{"timeoutMs": 60000})
	if err != nil {
		return err
	}
	res.SW = sw
	if _, err := chromedp.Call(t.ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	for _, bypass := range []bool{true, false} {
		if _, err := chromedp.Call(t.ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: bypass}); err != nil {
			return err
		}
		for i := range p.warmRuns {
			info, err := loadPage(t, chromedp.Reload())
			if err != nil {
				return err
			}
			kind := "service worker"
			if bypass {
				kind = "HTTP cache"
				res.WarmHTTP = append(res.WarmHTTP, info)
			} else {
				res.WarmSW = append(res.WarmSW, info)
			}
			log.Printf("load: warm (%s) %d: ready at %.0f ms, controlled by the service worker: %v", kind, i+1, info.ReadyMs, info.Controlled)
		}
	}
	return nil
}

// loadPage navigates (or reloads) with nav, waits until the page is ready
// and reads the timings. readymark.js, which the tab runs before the page's
// scripts, notes when data-ready turns "true".
func loadPage(t *tab, nav chromedp.Action[chromedp.Void]) (loadInfo, error) {
	var info loadInfo
	if err := t.do(navTimeout, nav); err != nil {
		return info, err
	}
	if _, err := evalRaw(t, navTimeout, "globalThis.__benchReady"); err != nil {
		return info, err
	}
	if err := t.exec(pageFile("probe.js")); err != nil {
		return info, err
	}
	info, err := call[loadInfo](t, callTimeout, "benchProbe.loadInfo", nil)
	if err == nil && info.ReadyMs <= 0 {
		err = fmt.Errorf("%s: no time to ready", t.name)
	}
	return info, err
}
