// Package e2e holds the end-to-end tests of the playground. They drive the
// real page in headless Chromium, served by the Go file server in serve/.
//
// Run them after the wasm is built:
//
//	make build
//	go test ./e2e/
//
// The suite builds ./serve, serves the web directory on a free port of
// 127.0.0.1, starts one headless Chromium for the whole run and opens a tab
// per test. Screenshots go to e2e/out/ (git-ignored).
//
// Environment:
//
//	CHROMIUM      the browser binary (default /usr/bin/chromium, else the
//	              one chromedp finds on PATH)
//	E2E_WEB_DIR   the directory to serve (default <repo>/web); it must hold
//	              playground.wasm
//
// The page contract that the tests check is in the comments of page_test.go.
package e2e
