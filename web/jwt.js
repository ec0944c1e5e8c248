// The wasm loader and API: loads playground.wasm once and exposes the token
// core (the functions of globalThis.jwtPlayground) as ES module exports.
import "./wasm_exec.js";

/** Resolves to globalThis.jwtPlayground once the wasm is running. */
export const ready = load();

let api = null;

async function load() {
  const go = new globalThis.Go();
  const url = new URL("playground.wasm", import.meta.url);
  let instance;
  try {
    ({ instance } = await WebAssembly.instantiateStreaming(fetch(url), go.importObject));
  } catch (err) {
    // Streaming needs the application/wasm type; some static hosts get it
    // wrong, so fall back to compiling from bytes before giving up.
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(`playground.wasm: HTTP ${resp.status}`);
    ({ instance } = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject));
  }
  // run() resolves only when the Go program exits, which it never does; by
  // the time it first yields, main has published the API.
  go.run(instance).catch((err) => console.error("the wasm runtime stopped:", err));
  if (!globalThis.jwtPlayground) throw new Error("playground.wasm did not publish jwtPlayground");
  api = globalThis.jwtPlayground;
  return api;
}

function core() {
  if (!api) throw new Error("jwt.js: await ready before calling the API");
  return api;
}

/** decode(token) → {ok, header, payload, payloadText, signature, parts, alg, warnings} */
export const decode = (token) => core().decode(token);
/** verify(token, {key, secretEncoding?, now?, leeway?, issuer?, audience?}) → {ok, valid, signatureValid, claimsValid, alg, kid, errors} */
export const verify = (token, options) => core().verify(token, options);
/** encode({header, payload, key, secretEncoding?}) → {ok, token} */
export const encode = (input) => core().encode(input);
/** The version of the wasm core. */
export const version = () => core().version;
