// The token engine: the core (core.js start, with its fast path and
// WebCrypto) in a module worker, so that compiling the wasm, starting Go
// and every call run off the page's thread. jwt.js starts it and talks to
// it; nothing else does.
//
// Protocol, page → worker: first {start: source}, where source is the
// wasm's URL, its bytes or a compiled WebAssembly.Module; then calls
// {id, fn, args}. Worker → page: {ready: version, module} once the core
// runs (module, the compiled wasm, lets jwt.js start a second engine
// without compiling again), or {failed: message} when it cannot start or
// its Go runtime stopped; and {id, result} for each call, in the order
// the answers are ready (a WebCrypto verify may overtake a Go one).
import { start } from "./core.js";
import { forTransfer } from "./lazy.js";

let ready = null;

self.onmessage = ({ data }) => {
  if (data && "start" in data) {
    ready ??= boot(data.start);
    return;
  }
  answer(data);
};

async function boot(source) {
  try {
    const module = source instanceof WebAssembly.Module ? source : await compile(source);
    const api = await start(module);
    api.exited.then(() => self.postMessage({ failed: "the token engine stopped" }));
    try {
      self.postMessage({ ready: api.version, module });
    } catch {
      self.postMessage({ ready: api.version }); // a browser that cannot share a Module: the next engine compiles again
    }
    return api;
  } catch (err) {
    self.postMessage({ failed: `the token engine could not start: ${err?.message ?? err}` });
    throw err;
  }
}

async function compile(source) {
  if (typeof source !== "string") return WebAssembly.compile(source);
  try {
    return await WebAssembly.compileStreaming(fetch(source));
  } catch {
    // Streaming needs the application/wasm type; some static hosts get it
    // wrong, so compile from bytes before giving up.
    const resp = await fetch(source);
    if (!resp.ok) throw new Error(`playground.wasm: HTTP ${resp.status}`);
    return WebAssembly.compile(await resp.arrayBuffer());
  }
}

// answer runs one call and posts its result. The core never throws; what
// does (a core that did not start, an answer that cannot be cloned) is
// answered as the API answers any failure, so no call on the page waits
// forever.
async function answer({ id, fn, args }) {
  let result;
  try {
    if (!ready) throw new Error("it was called before it was started");
    const api = await ready;
    if (!Object.hasOwn(api, fn) || typeof api[fn] !== "function") throw new Error(`it has no function ${fn}`);
    result = await api[fn](...args);
  } catch (err) {
    result = { ok: false, error: { code: "internal", message: `the token engine failed: ${err?.message ?? err}` } };
  }
  try {
    self.postMessage({ id, result: forTransfer(result) });
  } catch (err) {
    self.postMessage({ id, result: { ok: false, error: { code: "internal", message: `the answer of ${fn} cannot be sent to the page: ${err.message}` } } });
  }
}
