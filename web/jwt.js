// The token core's API on the page: every function answers with a Promise,
// from the core running in a module worker (worker.js), so that compiling
// the wasm, starting Go and every call stay off the page's thread, which
// only renders. One engine per page, shared by the page and every
// <jwt-playground> on it (this module is a singleton). It starts lazily, on
// the first call or on warm(): a page that never calls downloads no wasm.
//
// Answers are structured clones of what globalThis.jwtPlayground returns
// in the worker. No function rejects: a failure is {ok: false, error}, and
// an engine that cannot start or dies settles every pending call with
// {ok: false, error: {code: "internal", message}}; the next call starts a
// fresh one. Answers can arrive out of order (a WebCrypto verify may
// overtake a Go one): callers keep only the answer to their latest request.
//
// Calls made in one turn of the page's JavaScript (the decode and verify a
// keystroke asks for) are answered together, in one message: answered one
// by one, the page would paint the decoded token in the task of the first
// answer while the verdict, ready in the worker, waited behind it. The
// calls are posted at once, each with the turn's number, and the turn's
// end (a microtask) posts {flush: turn}, after which the worker sends
// {answers: [{id, result}, …]} once every call of the turn is done, or
// those done within a few milliseconds (a slower one follows alone). A
// call that reaches the network (fetchJWKS, discover) is never held back
// so: it is answered alone.
//
// On a page that is cross-origin isolated (serve sends COOP and COEP), the
// page waits for a turn's answers within its own task, when every call of
// the turn is WAITED (a keystroke's decoding, verdict, signing and key
// summary): the worker writes them into shared memory (channel.js), and
// they settle before the browser paints, so the verdict appears in the
// frame that draws the typed text instead of 17 ms later. The wait is
// bounded (WAIT_MS per task); past it, the answers come by message.
//
// Key generation (and JWE's decrypt and encrypt, where a PBES2 count or an
// RSA key can take a second) runs in an engine of its own: Go takes 2 to 8 s
// for an RSA 4096 key, and the page's calls must not queue behind it.

// inline is set by the single-file build (dist/jwt-playground.html), which
// carries the wasm and the worker within itself so it works from file://.
import { fromTransfer } from "./lazy.js";
import { createChannel, expectTurn, wait } from "./channel.js";

const inline = globalThis.jwtPlaygroundInline;
const wasmURL = new URL("playground.wasm", import.meta.url);

// compiled is the wasm as the first engine compiled it, when the browser
// could send it back: a second engine then starts without compiling.
let compiled = null;

const source = () => compiled ?? inline?.wasm ?? wasmURL.href;

// workerURL is worker.js's URL, or one that loads it: a worker must come
// from the page's own origin, so on a page of another (a docs site
// embedding <jwt-playground>), a Blob module of that page imports it, as
// the assets are served with CORS.
function workerURL() {
  if (inline?.workerURL) return inline.workerURL;
  const url = new URL("worker.js", import.meta.url);
  if (url.origin === globalThis.location?.origin) return url;
  return URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" }));
}

/**
 * engine returns one worker running the core, started on first use:
 * {warm, call}. warm() resolves to {version} once the core runs, and
 * rejects with an Error when it cannot start. With waits, on a page that
 * is cross-origin isolated, the page waits for the answers of a turn of
 * WAITED calls within its own task (see channel.js).
 */
function engine({ waits = false } = {}) {
  let worker = null;
  let channel = null;
  // warmed: the core runs and has answered a turn since. Its first calls
  // compile the Go code they run, so waiting for them would only block
  // the page while it starts.
  let running = false;
  let warmed = false;
  let started = null;
  let settleStart = null;
  let nextId = 0;
  let failure = null; // the error of the last engine that failed
  const pending = new Map();

  function warm() {
    if (worker) return started;
    started = new Promise((resolve, reject) => (settleStart = { resolve, reject }));
    started.catch(() => {}); // a caller that never awaits it still gets each call's answer
    try {
      worker = new Worker(workerURL(), { type: "module", name: "jwt-playground engine" });
    } catch (err) {
      worker = {}; // stands in until fail() clears it
      fail(`the token engine could not start: ${err.message}`);
      return started;
    }
    worker.onmessage = ({ data }) => receive(data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(`the token engine failed: ${event.message || "it could not start"}`);
    };
    worker.onmessageerror = () => fail("the token engine sent an answer the page cannot read");
    channel = waits ? createChannel() : null;
    worker.postMessage({ start: source(), channel });
    return started;
  }

  function receive(data) {
    if ("ready" in data) {
      if (data.module) compiled ??= data.module;
      running = true;
      settleStart.resolve({ version: data.ready });
      return;
    }
    if ("failed" in data) {
      fail(data.failed);
      return;
    }
    if (data.answers && running) warmed = true;
    for (const { id, result } of data.answers ?? [data]) {
      pending.get(id)?.(fromTransfer(result));
      pending.delete(id);
    }
  }

  // The calls of the page's current turn are posted with its number; the
  // turn's end asks the worker to answer them together.
  let turn = 0;
  let turnOpen = false;
  let turnWaits = false; // every call of the turn is WAITED
  function inTurn(fn) {
    if (!turnOpen) {
      turnOpen = true;
      turn++;
      turnWaits = true;
      queueMicrotask(() => {
        turnOpen = false;
        flush(turn, turnWaits);
      });
    }
    turnWaits &&= WAITED.has(fn);
    return turn;
  }

  // flush asks for the turn's answers; where the page may wait for them,
  // it does, and those the worker wrote within the task's budget are
  // settled now, before the browser paints.
  function flush(t, waitable) {
    if (!worker?.postMessage) return;
    const deadline = waitable && channel && warmed ? waitDeadline() : 0;
    if (!deadline) {
      worker.postMessage({ flush: t });
      return;
    }
    expectTurn(channel, t);
    worker.postMessage({ flush: t, waiting: true });
    const answers = wait(channel, t, deadline);
    if (answers) receive({ answers });
  }

  // fail settles every call under way and forgets the worker, so that the
  // next call starts afresh.
  function fail(message) {
    const error = { code: "internal", message };
    failure = error;
    for (const settle of pending.values()) settle({ ok: false, error });
    pending.clear();
    worker.terminate?.();
    worker = null;
    running = false;
    warmed = false;
    settleStart.reject(new Error(message));
  }

  function call(fn, args) {
    warm();
    if (!worker) return Promise.resolve({ ok: false, error: failure }); // it could not even be constructed
    return new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      try {
        worker.postMessage(ALONE.has(fn) ? { id, fn, args } : { id, fn, args, turn: inTurn(fn) });
      } catch (err) {
        // A function, a DOM node or a class instance cannot be cloned:
        // refused as the core refuses a value of the wrong type.
        pending.delete(id);
        resolve({ ok: false, error: { code: "bad_input", message: `${fn}: an argument cannot be handed to the token engine (${err.message})` } });
      }
    });
  }

  return { warm, call };
}

// ALONE are the calls answered on their own, never held for the others of
// their turn: they wait on the network.
const ALONE = new Set(["fetchJWKS", "discover"]);

// WAITED are the calls a keystroke's verdict and key summary need, which
// the page waits for in the keystroke's own task where it can: their
// answers are JSON (a test holds them to it), as channel.js carries them.
// A turn with any other call is answered by message.
export const WAITED = new Set(["decode", "decodeSD", "verify", "verifyAsync", "encode", "encodeAsync", "inspectKey"]);

// WAIT_MS bounds how long the page's thread waits within one task, all
// its turns together (the payload editor's keystroke makes two: signing,
// then verifying): past it, the answers come by message, a frame later.
const WAIT_MS = 10;
let waitUntil = 0;

/** waitDeadline returns the current task's deadline for waiting, or 0 once it has passed. */
function waitDeadline() {
  if (!waitUntil) {
    waitUntil = performance.now() + WAIT_MS;
    setTimeout(() => (waitUntil = 0));
  }
  return performance.now() < waitUntil ? waitUntil : 0;
}

// pendingCalls counts the calls of both engines not yet answered, as
// globalThis.jwtPlaygroundPending too: a test (or a person in the console)
// can tell when the page has every answer it asked for.
let pendingCalls = 0;
const counted = (answer) => {
  globalThis.jwtPlaygroundPending = ++pendingCalls;
  return answer.finally(() => (globalThis.jwtPlaygroundPending = --pendingCalls));
};

/**
 * expect counts promise as a call under way in globalThis.jwtPlaygroundPending
 * until it settles: work the page has asked for but deferred (see
 * schedule.js), which will call the engine, so that "nothing pending"
 * still means the page has every answer it asked for.
 */
export const expect = (promise) => counted(promise);

const core = engine({ waits: true });
const slow = engine();
const call = (fn) => (...args) => counted(core.call(fn, args));

/** warm() starts the engine now, and resolves to {version} once it runs; it rejects if the engine cannot start. */
export const warm = () => core.warm();

/**
 * ready starts the engine when awaited (or its then called), and settles
 * as warm() does: a thenable rather than a promise, so that importing this
 * module starts nothing.
 */
export const ready = Object.freeze({
  then: (resolve, reject) => warm().then(resolve, reject),
  catch: (reject) => warm().catch(reject),
});

/** decode(token) → Promise of {ok, header, payload, payloadText, signature, parts, alg, warnings} */
export const decode = call("decode");
/** verify(token, {key, secretEncoding?, now?, leeway?, issuer?, audience?}) → Promise of {ok, valid, signatureValid, claimsValid, alg, kid, errors} */
export const verify = call("verify");
/** encode({header, payload, key, secretEncoding?}) → Promise of {ok, token} */
export const encode = call("encode");
/** verifyAsync(token, options) → Promise of verify's result, with WebCrypto doing RSA, ECDSA and EdDSA. */
export const verifyAsync = call("verifyAsync");
/** encodeAsync(input) → Promise of encode's result, with WebCrypto signing RSA, ECDSA and EdDSA. */
export const encodeAsync = call("encodeAsync");
/** inspectKey(text, {secretEncoding?}) → Promise of {ok, kind, type, bits, curve, kid, thumbprint, algs, publicKeyPem?, publicJwk?, …} */
export const inspectKey = call("inspectKey");
/** fetchJWKS(url) → Promise of {ok, jwks}. */
export const fetchJWKS = call("fetchJWKS");
/** discover(issuer) → Promise of {ok, issuer, jwksUri, jwks}. */
export const discover = call("discover");
/** explain(token, {now?}) → Promise of {ok, claims: [{name, value, kind, description, source?, time?}], header: [...]} */
export const explain = call("explain");
/** lint(token, {key?, secretEncoding?, now?}) → Promise of {ok, findings: [{code, severity, message, fix, ref}]} */
export const lint = call("lint");
/** explainSignature(token, {key?, secretEncoding?}) → Promise of {ok, signingInput, …, expected?, valid} */
export const explainSignature = call("explainSignature");
/** decodeSD(sdjwt) → Promise of {ok, jwt, issuerJwt, disclosures: [{index, salt, name?, value, digest, path, error?}], keyBinding?, sdAlg, processed, undisclosed, errors} */
export const decodeSD = call("decodeSD");
/** issueSD({header, payload, disclose: [JSON Pointer, …], decoys?, holderKey?, key, secretEncoding?}) → Promise of {ok, sdjwt, payload, disclosures} */
export const issueSD = call("issueSD");
/** presentSD({sdjwt, reveal: [index, …], holderKey?, alg?, audience?, nonce?, iat?}) → Promise of {ok, sdjwt} */
export const presentSD = call("presentSD");
/** algorithms() → Promise of {ok, algorithms: [{name, family, keyType, curve?, hash?, browserCrypto}]}: the core's algorithm table. */
export const algorithms = call("algorithms");
/** version() → Promise of the core's version string. */
export const version = () => warm().then((v) => v.version);

/**
 * generateKey(alg, {bits?}) → Promise of the result of jwtPlayground.generateKey,
 * computed in an engine of its own, so that a slow RSA key never holds up the
 * page's other calls.
 */
export const generateKey = (alg, options) => counted(slow.call("generateKey", [alg, options]));
/**
 * decrypt(jwe, {key, secretEncoding?}) → Promise of {ok, header, plaintext, payload, cty, steps,
 * nested?}, in the engine of slow work: a PBES2 count or an RSA key can take a second.
 */
export const decrypt = (token, options) => counted(slow.call("decrypt", [token, options]));
/** encrypt({header, payload, key, secretEncoding?}) → Promise of {ok, token}, in the engine of slow work. */
export const encrypt = (input) => counted(slow.call("encrypt", [input]));
