// The token core on the page's own thread, answering synchronously: for
// the lessons (learn/), whose checks read like the code a learner would
// write against a verifier, and which are no part of the playground's
// first screen. The playground itself uses jwt.js, whose engine runs in a
// worker; key generation goes there too (it can take seconds).
import { start } from "./core.js";

export { generateKey } from "./jwt.js";

let api = null;

/** Resolves to globalThis.jwtPlayground once the wasm runs on this page. */
export const ready = load();

async function load() {
  const url = new URL("playground.wasm", import.meta.url);
  const inline = globalThis.jwtPlaygroundInline;
  let module;
  if (inline?.wasm) {
    module = await WebAssembly.compile(inline.wasm);
  } else {
    try {
      module = await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // Streaming needs the application/wasm type; some static hosts get
      // it wrong, so compile from bytes before giving up.
      const resp = await fetch(url);
      if (!resp.ok) throw new Error(`playground.wasm: HTTP ${resp.status}`);
      module = await WebAssembly.compile(await resp.arrayBuffer());
    }
  }
  api = await start(module);
  return api;
}

function core() {
  if (!api) throw new Error("local.js: await ready before calling the API");
  return api;
}

/** decode(token) → {ok, header, payload, payloadText, signature, parts, alg, warnings} */
export const decode = (token) => core().decode(token);
/** verify(token, {key, secretEncoding?, now?, leeway?, issuer?, audience?}) → {ok, valid, signatureValid, claimsValid, alg, kid, errors} */
export const verify = (token, options) => core().verify(token, options);
/** encode({header, payload, key, secretEncoding?}) → {ok, token} */
export const encode = (input) => core().encode(input);
/** verifyAsync(token, options) → Promise of verify's result, with WebCrypto doing RSA, ECDSA and EdDSA. */
export const verifyAsync = (token, options) => core().verifyAsync(token, options);
/** encodeAsync(input) → Promise of encode's result, with WebCrypto signing RSA, ECDSA and EdDSA. */
export const encodeAsync = (input) => core().encodeAsync(input);
/** inspectKey(text, {secretEncoding?}) → {ok, kind, type, bits, curve, kid, thumbprint, algs, publicKeyPem?, publicJwk?, …} */
export const inspectKey = (text, options) => core().inspectKey(text, options);
/** explain(token, {now?}) → {ok, claims: [{name, value, kind, description, source?, time?}], header: [...]} */
export const explain = (token, options) => core().explain(token, options);
/** lint(token, {key?, secretEncoding?, now?}) → {ok, findings: [{code, severity, message, fix, ref}]} */
export const lint = (token, options) => core().lint(token, options);
/** The version of the wasm core. */
export const version = () => core().version;
