// The wasm loader and API: compiles playground.wasm once, runs it on the
// page for everything that answers within a frame, and in a worker for key
// generation, which can take seconds.
import { start } from "./core.js";

let api = null;
let module = null;

// inline is set by the single-file build (dist/jwt-playground.html), which
// carries the wasm and the worker within itself so it works from file://.
const inline = globalThis.jwtPlaygroundInline;

/** Resolves to globalThis.jwtPlayground once the wasm is running. */
export const ready = load();

async function load() {
  module = await compile(new URL("playground.wasm", import.meta.url));
  api = await start(module);
  return api;
}

async function compile(url) {
  if (inline?.wasm) return WebAssembly.compile(inline.wasm);
  // boot.js, where the page has it, started the download and compile early.
  const early = await globalThis.jwtPlaygroundModule?.catch(() => null);
  if (early) return early;
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // Streaming needs the application/wasm type; some static hosts get it
    // wrong, so fall back to compiling from bytes before giving up.
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(`playground.wasm: HTTP ${resp.status}`);
    return WebAssembly.compile(await resp.arrayBuffer());
  }
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
/** verifyAsync(token, options) → Promise of verify's result, with WebCrypto doing RSA, ECDSA and EdDSA. */
export const verifyAsync = (token, options) => core().verifyAsync(token, options);
/** encodeAsync(input) → Promise of encode's result, with WebCrypto signing RSA, ECDSA and EdDSA. */
export const encodeAsync = (input) => core().encodeAsync(input);
/** inspectKey(text, {secretEncoding?}) → {ok, kind, type, bits, curve, kid, thumbprint, algs, publicKeyPem?, publicJwk?, …} */
export const inspectKey = (text, options) => core().inspectKey(text, options);
/** fetchJWKS(url) → Promise of {ok, jwks}; never rejects. */
export const fetchJWKS = (url) => core().fetchJWKS(url);
/** discover(issuer) → Promise of {ok, issuer, jwksUri, jwks}; never rejects. */
export const discover = (issuer) => core().discover(issuer);
/** explain(token, {now?}) → {ok, claims: [{name, value, kind, description, source?, time?}], header: [...]} */
export const explain = (token, options) => core().explain(token, options);
/** lint(token, {key?, secretEncoding?, now?}) → {ok, findings: [{code, severity, message, fix, ref}]} */
export const lint = (token, options) => core().lint(token, options);
/** explainSignature(token, {key?, secretEncoding?}) → {ok, signingInput, …, expected?, valid} */
export const explainSignature = (token, options) => core().explainSignature(token, options);
/** decodeSD(sdjwt) → {ok, jwt, issuerJwt, disclosures: [{index, salt, name?, value, digest, path, error?}], keyBinding?, sdAlg, processed, undisclosed, errors} */
export const decodeSD = (text) => core().decodeSD(text);
/** issueSD({header, payload, disclose: [JSON Pointer, …], decoys?, holderKey?, key, secretEncoding?}) → {ok, sdjwt, payload, disclosures} */
export const issueSD = (input) => core().issueSD(input);
/** presentSD({sdjwt, reveal: [index, …], holderKey?, alg?, audience?, nonce?, iat?}) → {ok, sdjwt} */
export const presentSD = (input) => core().presentSD(input);
/** algorithms() → {ok, algorithms: [{name, family, keyType, curve?, hash?, browserCrypto}]}: the core's algorithm table. */
export const algorithms = () => core().algorithms();
/** The version of the wasm core. */
export const version = () => core().version;

/**
 * generateKey(alg, {bits?}) → Promise of the result of jwtPlayground.generateKey,
 * computed in a worker so that slow RSA generation never blocks the page.
 */
export const generateKey = (alg, options) => inWorker("generateKey", alg, options);
/**
 * decrypt(jwe, {key, secretEncoding?}) → Promise of {ok, header, plaintext, payload, cty, steps,
 * nested?}, in the worker: a PBES2 count or an RSA key can take a second.
 */
export const decrypt = (token, options) => inWorker("decrypt", token, options);
/** encrypt({header, payload, key, secretEncoding?}) → Promise of {ok, token}, in the worker. */
export const encrypt = (input) => inWorker("encrypt", input);

let worker = null;
let nextId = 0;
const pending = new Map();

function inWorker(fn, ...args) {
  worker ??= startWorker();
  return new Promise((resolve) => {
    const id = ++nextId;
    pending.set(id, resolve);
    worker.postMessage({ id, fn, args });
  });
}

function startWorker() {
  const w = new Worker(inline?.workerURL ?? new URL("worker.js", import.meta.url), { type: "module" });
  w.postMessage({ module });
  w.onmessage = ({ data }) => {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  };
  w.onerror = (event) => {
    // A worker that cannot start answers nothing: settle every call so no
    // button waits forever, and start afresh next time.
    const error = { code: "internal", message: `the key worker failed: ${event.message || "it could not start"}` };
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
    worker = null;
  };
  return w;
}
