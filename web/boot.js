// Starts downloading and compiling the wasm while the page is still being
// parsed, before the module graph (app.js → jwt.js → core.js) has loaded;
// jwt.js takes the result. A classic script, so that it runs at once. The
// single-file build inlines it (no src): that page carries its wasm inside.
const src = document.currentScript?.src;
if (src) {
  globalThis.jwtPlaygroundModule = WebAssembly.compileStreaming(fetch(new URL("playground.wasm", src)));
  globalThis.jwtPlaygroundModule.catch(() => {}); // jwt.js tries again, and reports
}
