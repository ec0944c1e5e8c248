// The token engine: the core (core.js start, with its fast path and
// WebCrypto) in a module worker, so that compiling the wasm, starting Go
// and every call run off the page's thread. jwt.js starts it and talks to
// it; nothing else does.
//
// Protocol, page → worker: first {start: source, channel}, where source
// is the wasm's URL, its bytes or a compiled WebAssembly.Module, and
// channel a SharedArrayBuffer or null (see channel.js); then calls
// {id, fn, args, turn?}, and {flush: turn, waiting?} after the calls of
// one turn of the page's JavaScript (waiting: the page waits for their
// answers in the channel). Worker → page: {ready: version, module} once the
// core runs (module, the compiled wasm, lets jwt.js start a second engine
// without compiling again), or {failed: message} when it cannot start or
// its Go runtime stopped; {id, result} for each call without a turn, in
// the order the answers are ready (a WebCrypto verify may overtake a Go
// one); and for each flushed turn, once all its calls are done (or after
// HOLD_MS, when the slower ones go alone), their answers in one message,
// {answers: [{id, result}, …]}, so that the page paints them in one task
// (see jwt.js), or, when the page waits for them, the same array written
// into the channel.
import { start } from "./core.js";
import { forTransfer } from "./lazy.js";
import { offer } from "./channel.js";

let ready = null;

// channel is the memory the page waits on for a turn's answers, when it
// can share memory (see channel.js).
let channel = null;

// turns holds the answers (promises of {id, result}) of each turn not yet
// flushed, by its number.
const turns = new Map();

self.onmessage = ({ data }) => {
  if (data && "start" in data) {
    channel ??= data.channel ?? null;
    ready ??= boot(data.start);
    return;
  }
  if (data && "flush" in data) {
    flush(data.flush, data.waiting === true);
    return;
  }
  const answered = answer(data);
  if (data.turn === undefined) {
    answered.then(post);
    return;
  }
  if (!turns.has(data.turn)) turns.set(data.turn, []);
  turns.get(data.turn).push(answered);
};

/**
 * HOLD_MS bounds how long a turn's answers wait for its slowest call: a
 * verify that takes longer (Go code compiled on its first use, an RSA key
 * without WebCrypto) must not hold back the decoding the page paints.
 */
const HOLD_MS = 5;

/**
 * flush sends the answers of a turn together, once all are in or HOLD_MS
 * has passed; an answer later than that goes alone, when it is ready.
 * When the page waits for them (waiting), they are written into the
 * channel if it still does; else, or when they do not fit, posted.
 */
async function flush(turn, waiting) {
  const calls = turns.get(turn) ?? [];
  turns.delete(turn);
  const ready = [];
  let holding = true;
  const all = Promise.all(calls.map((c) => c.then((a) => (holding ? ready.push(a) : post(a)))));
  let timer;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, HOLD_MS)))]);
  clearTimeout(timer);
  holding = false;
  const answers = ready.map(({ id, result }) => ({ id, result }));
  // Even none is written, so that the page stops waiting.
  if (waiting && channel && offered(turn, answers)) return;
  if (ready.length === 0) return;
  try {
    self.postMessage({ answers });
  } catch {
    // One answer that cannot be cloned must not hold back the others:
    // each goes alone, and the one at fault says so.
    for (const a of ready) post(a);
  }
}

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

// answer runs one call: a promise of {id, result, fn}. The core never
// throws; what does (a core that did not start) is answered as the API
// answers any failure, so no call on the page waits forever.
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
  return { id, result: forTransfer(result), fn };
}

// post sends one answer; one that cannot be cloned is answered as a failure.
function post({ id, result, fn }) {
  try {
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, result: { ok: false, error: { code: "internal", message: `the answer of ${fn} cannot be sent to the page: ${err.message}` } } });
  }
}

// offered hands a turn's answers to the page that waits for them, and
// says whether it did; a failure leaves them to be posted.
function offered(turn, answers) {
  try {
    return offer(channel, turn, answers);
  } catch {
    return false;
  }
}
