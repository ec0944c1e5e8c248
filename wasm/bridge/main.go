//go:build js && wasm

// Command bridge is the WebAssembly entry point: it publishes the token core
// to JavaScript as globalThis.jwtPlayground. It only converts values and
// calls the core; a panic is recovered into an error result, because a Go
// panic would kill the wasm runtime and the page with it.
package main

import "syscall/js"

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	register(js.Global())
	select {} // keep the runtime alive for callbacks
}
