//go:build js && wasm

// Command bridge is the WebAssembly entry point: it publishes the token core
// to JavaScript as globalThis.jwtPlayground. It only converts values and
// calls the core; a panic is recovered into an error result, because a Go
// panic would kill the wasm runtime and the page with it.
package main

import (
	"runtime/debug"
	"syscall/js"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	// Collections run on the page's thread; the live heap is a few MB, so
	// letting it grow 4× between them (instead of 2×) costs little memory
	// and took about a quarter off decoding or verifying a new token and
	// a third off verifyAsync (measured under node).
	debug.SetGCPercent(400)
	register(js.Global())
	select {} // keep the runtime alive for callbacks
}
