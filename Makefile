# The JWT playground: `make run` builds and serves it, `make test` runs every test.
GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
ADDR      ?= 127.0.0.1:8080
WASM      := web/playground.wasm
WASM_SRC  := $(shell find wasm -name '*.go' -not -name '*_test.go') go.mod go.sum
# Stamp of wasmpack's probe check on this toolchain (git-ignored, as bin/ is).
WASMPACK_CHECKED := bin/wasmpack-checked-$(shell $(GO) env GOVERSION)

.PHONY: all build run test vet unit bridge-test web-test interop e2e deps fuzz bench clean

all: build

## build: the wasm and the toolchain's wasm_exec.js into web/, gzipped beside them, and the
## service worker's asset list
build: $(WASM) web/wasm_exec.js web/sw-assets.js
	@raw=$$(wc -c < $(WASM)); gz=$$(wc -c < $(WASM).gz); \
	  printf 'playground.wasm: %d bytes raw, %d bytes gzip\n' $$raw $$gz

$(WASM): $(WASM_SRC) $(wildcard scripts/wasmpack/*.go) $(WASMPACK_CHECKED)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w -X main.version=$(VERSION)" -o $@ ./wasm/bridge
	$(GO) run ./scripts/wasmpack $@
	gzip -9 -k -f -n $@

# wasmpack's probe check: a Go program that panics, recovers, grows stacks
# and collects garbage runs alike before and after packing, on this
# toolchain. It runs again when the toolchain or wasmpack changes; wasmpack
# itself refuses a Go release it does not know, and any file it cannot pack.
$(WASMPACK_CHECKED): $(wildcard scripts/wasmpack/*.go scripts/wasmpack/testdata/probe/*.go)
	$(GO) run ./scripts/wasmpack -check
	@mkdir -p bin && touch $@

# wasm_exec.js must match the compiler that built the wasm, so it is copied
# from the toolchain on every build rather than committed.
web/wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js $(WASM)
	cp $< $@
	gzip -9 -k -f -n $@

# The service worker caches every asset under a version made from their
# contents, so the list is written anew whenever any of them changes.
web/sw-assets.js: $(WASM) web/wasm_exec.js $(filter-out web/sw.js web/sw-assets.js,$(wildcard web/*.html web/*.js web/*.css web/*.svg web/*/*.html web/*/*.js web/*/*.css web/*/*.svg))
	scripts/sw-assets.sh web > $@

## run: build, then serve the playground on $(ADDR)
run: build
	$(GO) run ./serve -addr $(ADDR) -dir web

## test: vet, native tests, wasm bridge tests under node (Go, and web/core.js), interop with jose, e2e in Chromium,
## and a smoke run of the browser benchmark so that it does not rot
test: vet unit bridge-test web-test interop e2e bench-smoke

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...

unit:
	$(GO) test -race ./wasm/... ./serve/... ./scripts/...

bridge-test: build
	GOOS=js GOARCH=wasm $(GO) test -exec "$(WASM_EXEC)" ./wasm/bridge/
	node --test wasm/bridge/testdata/

## web-test: the page's pure modules (web/paste.js, web/link.js, web/nested.js, web/diff.js, web/state.js) under node
web-test:
	node --test web/test/

## interop: check tokens both ways against the jose npm package
interop: scripts/interop/node_modules/.package-lock.json
	JOSE_INTEROP=1 $(GO) test -run Interop -count=1 ./wasm/token/ ./wasm/sdjwt/ ./wasm/jwe/

scripts/interop/node_modules/.package-lock.json: scripts/interop/package.json scripts/interop/package-lock.json
	npm ci --prefix scripts/interop --no-audit --no-fund

# Lighthouse and axe-core, for the bench's vitals and e2e's accessibility test.
LIGHTHOUSE_DEPS := scripts/bench/lighthouse/node_modules/.package-lock.json
$(LIGHTHOUSE_DEPS): scripts/bench/lighthouse/package.json scripts/bench/lighthouse/package-lock.json
	npm ci --prefix scripts/bench/lighthouse --no-audit --no-fund

## e2e: drive the real page with chromedp in headless Chromium (and dist's single file)
e2e: build dist deps $(LIGHTHOUSE_DEPS)
	$(GO) test -count=1 ./e2e/

## deps: what the tests need that Go does not bring (Debian's chromium)
deps:
	scripts/install-chromium.sh

## fuzz: run every fuzz target for FUZZTIME each
FUZZTIME ?= 30s
fuzz:
	@for pkg in ./wasm/keys ./wasm/token ./wasm/sdjwt ./wasm/jwe ./wasm/internal/secp256k1 ./wasm/lint ./wasm/explain ./wasm/internal/jsonv ./wasm/internal/wire ./wasm/internal/utf8text; do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## bench: Go benchmarks of the core, and a bounded load test of the server on loopback
## (then BENCHMARKS.md, by scripts/bench: the page in headless Chromium, the API against
## jose, typing, load, Lighthouse and axe-core on dist/; it takes several minutes)
bench: build dist deps scripts/interop/node_modules/.package-lock.json $(LIGHTHOUSE_DEPS)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./wasm/...
	$(GO) test -count=1 -run '^TestLoad$$' ./serve -load -v
	$(GO) run ./scripts/bench -out BENCHMARKS.md

## bench-smoke: scripts/bench in miniature, for CI: writes to a temp file, and fails only if
## the harness breaks (a JS error, a missing result, Lighthouse or axe-core measuring nothing),
## never on figures
.PHONY: bench-smoke
bench-smoke: build dist deps scripts/interop/node_modules/.package-lock.json $(LIGHTHOUSE_DEPS)
	$(GO) run ./scripts/bench -smoke

## dist: build, then dist/ for any static host (hashed names, .gz/.br, _headers, the
## service worker's asset list) and the single-file dist/jwt-playground.html
.PHONY: dist
dist: build
	$(GO) run ./scripts/dist -web web -out dist

clean:
	rm -f $(WASM) $(WASM).gz web/wasm_exec.js web/wasm_exec.js.gz web/sw-assets.js
	rm -rf e2e/out dist
