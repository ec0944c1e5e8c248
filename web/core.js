// The token core's runtime: starts playground.wasm and gives its API a fast
// path and WebCrypto. Works in a worker (worker.js, the page's engine), on
// a page (local.js, the lessons') and under node.
//
// Calls go straight to wasm exports (wasm/bridge/fast.go), with the
// arguments in a small binary form (wasm/internal/wire): a call through
// Go's js.FuncOf costs ~15 µs before any work (a verify with an options
// object ~45 µs more than through an export), an export 0.01 to 0.1 µs,
// and JSON would cost the Go side more than the work itself. Every argument
// is read once, into a plain snapshot (see snapshot), and both paths get
// that snapshot: arguments the binary form cannot carry faithfully (NaN,
// functions, class instances, getters that throw, strings over the size
// limits) take the js.FuncOf path, which names what is wrong.
//
// start also guards the page's fetch as the wasm sees it (guardFetch), so
// that no rejection or odd response can stop the Go runtime.
//
// verifyAsync and encodeAsync hand RSA, ECDSA and EdDSA signature math to
// WebCrypto: the core decides everything else (which keys fit, algorithm
// confusion, claims), and its own Go check stays the reference and the
// fallback wherever WebCrypto is missing or refuses a key.
import "./wasm_exec.js";
import { lazy } from "./lazy.js";

// Function numbers of jwtp_call; wasm/bridge/fast.go has the same table.
// verifyFinish is an export of its own, jwtp_finish.
const FN = {
  decode: 1, verify: 2, verifyBegin: 3, encode: 4, encodeBegin: 5,
  inspectKey: 6, explain: 7, lint: 8, explainSignature: 9,
};

/**
 * start(source) runs the wasm and resolves to globalThis.jwtPlayground with
 * the fast path in place. source is a WebAssembly.Module or the wasm's bytes.
 */
export async function start(source) {
  guardFetch();
  const go = new globalThis.Go();
  const instance = await instantiate(source, go.importObject);
  // run() resolves only when the Go program exits, which it never does; by
  // the time it first yields, main has published the API.
  const exited = go.run(instance).catch((err) => console.error("the wasm runtime stopped:", err));
  const api = globalThis.jwtPlayground;
  if (!api) throw new Error("playground.wasm did not publish jwtPlayground");
  // exited settles if the Go runtime ever stops, after which every call
  // fails: the worker tells the page, which starts a fresh engine.
  Object.defineProperty(api, "exited", { value: exited });
  return fastPath(api, instance.exports);
}

async function instantiate(source, imports) {
  const made = await WebAssembly.instantiate(source, imports);
  return made.instance ?? made; // bytes give {module, instance}; a Module, the instance
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fastPath(api, exports) {
  if (!Array.isArray(api.optionNames)) throw new Error("playground.wasm does not list its options: it does not match core.js");
  OPTIONS = Object.freeze([...api.optionNames]);
  const slow = { ...api };
  // The js.FuncOf functions stay reachable, for tests that compare paths.
  Object.defineProperty(api, "viaFuncOf", { value: Object.freeze(slow) });

  // call runs function fn on a request and parses its JSON answer. The
  // request is a string (decode's token) or a tape made by record.
  function call(fn, request) {
    const text = answer(fn, request);
    return text === null ? { slow: true } : JSON.parse(text);
  }

  // answer returns the text of fn's answer, or null when the wasm would
  // not take the request (jwtp_in refuses one over its size bound).
  function answer(fn, request) {
    const bytes = answerBytes(fn, request);
    return bytes === null ? null : decoder.decode(bytes);
  }

  // answerBytes returns fn's answer as a view of the wasm's memory, valid
  // until the next call into Go, or null as answer does.
  function answerBytes(fn, request) {
    const size = typeof request === "string" ? writeText(request) : writeTape(request);
    if (size < 0) return null;
    const n = exports.jwtp_call(fn, size);
    return new Uint8Array(exports.mem.buffer, exports.jwtp_out() >>> 0, n);
  }

  // verifyFinish gives a verification the outcome of its check, the
  // index of the key that matched or -1, and returns verify's answer.
  function verifyFinish(id, match) {
    const n = exports.jwtp_finish(id, match);
    return JSON.parse(decoder.decode(new Uint8Array(exports.mem.buffer, exports.jwtp_out() >>> 0, n)));
  }

  // verifyBegin starts a verification. Its answer is verify's, or the
  // check WebCrypto is to do: {pending: {id, alg, data, signature, keys}},
  // data and signature as bytes, keys as [{id, jwk}]. The answer is JSON,
  // then, when pending, after a NUL, the bytes of the signing input, the
  // signature and each key's bare JWK, whose sizes the JSON gives (see
  // verifyBegin in wasm/bridge/fast.go). A key's jwk() reads its JWK from
  // the wasm's memory: it must be called, if at all, before the next call
  // into Go (verifyWith imports the keys at once).
  function verifyBegin(tape) {
    const bytes = answerBytes(FN.verifyBegin, tape);
    if (bytes === null) return { slow: true };
    const cut = bytes.indexOf(0);
    const r = JSON.parse(decoder.decode(cut < 0 ? bytes : bytes.subarray(0, cut)));
    if (!r.pending) return r;
    if (cut < 0) return { slow: true };
    const { id, alg, keys, sizes } = r.pending;
    let at = cut + 1;
    const take = (n) => bytes.subarray(at, (at += n));
    const data = take(sizes[0]).slice();
    const signature = take(sizes[1]).slice();
    const jwks = keys.map((keyID, i) => {
      const jwk = take(sizes[2 + i]);
      return { id: keyID, jwk: () => JSON.parse(decoder.decode(jwk)) };
    });
    return { pending: { id, alg, data, signature, keys: jwks } };
  }

  // decode's answer carries the header and payload texts after the JSON,
  // each after a NUL, and says where the parts are in the token (see
  // decodeAnswer in wasm/bridge/fast.go).
  function decodeFast(token) {
    const text = answer(FN.decode, token);
    if (text === null) return slow.decode(token);
    const cut = text.indexOf("\0");
    if (cut < 0) return JSON.parse(text);
    const r = JSON.parse(text.slice(0, cut));
    const next = text.indexOf("\0", cut + 1);
    const headerText = text.slice(cut + 1, next);
    const payloadText = text.slice(next + 1);
    const [at, h, p, s] = r.parts;
    const parts = { header: token.slice(at, at + h), payload: token.slice(at + h + 1, at + h + 1 + p), signature: token.slice(at + h + p + 2, at + h + p + 2 + s) };
    const d = {
      ok: true,
      header: r.json[0] ? JSON.parse(headerText) : null,
      payload: null,
      headerText, payloadText,
      signature: r.signature, parts, alg: r.alg, kid: r.kid, payloadJSON: r.json[1], warnings: r.warnings,
    };
    if (r.iss !== undefined) d.iss = r.iss;
    if (r.json[1]) lazy(d, "payload", () => JSON.parse(payloadText));
    return d;
  }

  // writeText writes text (at most MAX_UNITS long) as the request and
  // returns its size, or -1 when the wasm refused the room.
  function writeText(text) {
    const room = text.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
    const at = exports.jwtp_in(room) >>> 0;
    if (at === 0) return -1;
    return encoder.encodeInto(text, new Uint8Array(exports.mem.buffer, at, room)).written;
  }

  // writeTape writes the wire form that wasm/internal/wire reads.
  function writeTape(tape) {
    const at = exports.jwtp_in(tape.room) >>> 0;
    if (at === 0) return -1;
    const bytes = new Uint8Array(exports.mem.buffer, at, tape.room);
    const view = new DataView(exports.mem.buffer, at, tape.room);
    let o = 0;
    const str = (s) => {
      const { written } = encoder.encodeInto(s, bytes.subarray(o + 4));
      view.setUint32(o, written, true);
      o += 4 + written;
    };
    view.setUint32(0, tape.count, true);
    o = 4;
    for (let i = 0; i < tape.length; i += 2) {
      const op = tape[i], v = tape[i + 1];
      if (op === RAW) {
        str(v);
        continue;
      }
      bytes[o++] = op.charCodeAt(0);
      switch (op) {
        case "s": str(v); break;
        case "n": view.setFloat64(o, v, true); o += 8; break;
        case "b": bytes[o++] = v ? 1 : 0; break;
        case "a": case "o": view.setUint32(o, v, true); o += 4; break;
      }
    }
    return o;
  }

  // run answers function name for snap, the plain snapshot of its
  // arguments: in the wire form when it carries them faithfully, else
  // through js.FuncOf, which reads the same snapshot.
  function run(name, snap) {
    const tape = tapeOf(snap);
    if (tape) {
      const r = call(FN[name], tape);
      if (!r.slow) return r;
    }
    return slow[name](...snap);
  }

  const fast = (name) => (...args) => run(name, snapshot(name, args));
  Object.assign(api, {
    decode: (token) => (typeof token === "string" && token.length <= MAX_UNITS ? decodeFast(token) : slow.decode(token)),
    verify: fast("verify"),
    encode: fast("encode"),
    inspectKey: fast("inspectKey"),
    explain: fast("explain"),
    lint: fast("lint"),
    explainSignature: fast("explainSignature"),
    verifyAsync: (token, options) => verifyAsync(snapshot("verify", [token, options])),
    encodeAsync: (input) => encodeAsync(snapshot("encode", [input])),
  });

  /** verifyAsync(token, options) → Promise of verify's result; never rejects. */
  async function verifyAsync(snap) {
    const tape = webCrypto && tapeOf(snap);
    if (!tape) return run("verify", snap);
    const r = verifyBegin(tape);
    if (r.slow) return slow.verify(...snap);
    if (!r.pending) return r;
    const { id, alg, data, signature, keys } = r.pending;
    let match = null;
    try {
      match = await verifyWith(alg, data, signature, keys);
    } catch {
      // WebCrypto refused (a browser without Ed25519, a key it will not
      // import): Go checks instead, below.
    }
    // WebCrypto's verdict is the reference's: both take RSA-PSS salts of
    // the hash's size only (RFC 7518 section 3.5), and the core hands over
    // no RSA key under 1024 bits, which WebCrypto would take and Go
    // refuses. So a mismatch is final, and the keys are never checked twice.
    if (match === null) {
      verifyFinish(id, -1);
      return run("verify", snap);
    }
    const done = verifyFinish(id, match);
    return done.ok === false && done.error?.code === "internal" ? run("verify", snap) : done;
  }

  /** encodeAsync(input) → Promise of encode's result; never rejects. */
  async function encodeAsync(snap) {
    const tape = webCrypto && tapeOf(snap);
    if (!tape) return run("encode", snap);
    const r = call(FN.encodeBegin, tape);
    if (r.slow) return slow.encode(...snap);
    if (!r.pending) return r;
    const { alg, data, key } = r.pending;
    try {
      const [importParams, signParams] = params(alg);
      const cryptoKey = await importKey(key.id, () => key.jwk, importParams, "sign");
      const sig = await webCrypto.sign(signParams, cryptoKey, encoder.encode(data));
      return { ok: true, token: `${data}.${base64url(new Uint8Array(sig))}` };
    } catch {
      return run("encode", snap); // WebCrypto refused the key: Go signs
    }
  }

  return api;
}

// webCrypto is missing in insecure contexts (http:// on a host other than
// localhost); the Go path then does everything.
const webCrypto = globalThis.crypto?.subtle;

// verifyWith tries the keys in parallel and resolves to the index of the
// first that matches, or -1. It gets each key's CryptoKey before it
// returns, so that a key's JWK is read while it is still in the wasm's
// memory (see verifyBegin).
function verifyWith(alg, data, signature, keys) {
  const [importParams, verifyParams] = params(alg);
  const cryptoKeys = keys.map((key) => importKey(key.id, key.jwk, importParams, "verify"));
  return Promise.all(cryptoKeys.map(async (key) => webCrypto.verify(verifyParams, await key, signature, data)))
    .then((results) => results.indexOf(true));
}

// params returns WebCrypto's import and sign/verify parameters for alg.
function params(alg) {
  const bits = alg.slice(2);
  const hash = `SHA-${bits}`;
  switch (alg.slice(0, 2)) {
    case "RS": return [{ name: "RSASSA-PKCS1-v1_5", hash }, { name: "RSASSA-PKCS1-v1_5" }];
    case "PS": return [{ name: "RSA-PSS", hash }, { name: "RSA-PSS", saltLength: bits / 8 }];
    case "ES": return [{ name: "ECDSA", namedCurve: bits === "512" ? "P-521" : `P-${bits}` }, { name: "ECDSA", hash }];
    case "Ed": return [{ name: "Ed25519" }, { name: "Ed25519" }];
  }
  throw new Error(`no WebCrypto parameters for ${alg}`);
}

// importKey imports a bare JWK once: a key box keeps its key for many
// keystrokes. The cache holds promises, so parallel calls share an import.
const imported = new Map();
const maxImported = 32;

// keyID is the number the core gave the key (keySerial in
// wasm/bridge/fast.go), which names the key material; jwk() returns the
// key as a bare JWK, and is called only when the key is not imported yet.
function importKey(keyID, jwk, importParams, usage) {
  const id = `${usage} ${importParams.name} ${importParams.hash ?? importParams.namedCurve ?? ""} ${keyID}`;
  let cryptoKey = imported.get(id);
  if (!cryptoKey) {
    if (imported.size >= maxImported) imported.delete(imported.keys().next().value);
    cryptoKey = webCrypto.importKey("jwk", jwk(), importParams, false, [usage]);
    cryptoKey.catch(() => imported.delete(id));
    imported.set(id, cryptoKey);
  }
  return cryptoKey;
}

// MAX_UNITS is limits.MaxArgumentUnits: the js.FuncOf path refuses a
// longer string before copying it, so none goes on the wire. MAX_REQUEST
// is maxRequest in wasm/bridge/fast.go, MAX_AUDIENCE maxAudience in
// wasm/bridge/values.go.
const MAX_UNITS = 1 << 20;
const MAX_REQUEST = 64 << 20;
const MAX_AUDIENCE = 100;

// ARITY is how many arguments each function reads; the rest are never
// touched. OPTIONS and INPUT are the members read from an options object
// and from encode's input, in the order the js.FuncOf path reads them.
// OPTIONS comes from the wasm (jwtPlayground.optionNames, the list
// wasm/bridge/options.go reads), so that an option the core gains is never
// silently dropped here.
const ARITY = { decode: 1, verify: 2, encode: 1, inspectKey: 2, explain: 2, lint: 2, explainSignature: 2 };
let OPTIONS = [];
const INPUT = ["header", "payload", "key", "secretEncoding"];

// snapshot reads the arguments of function name once, into plain values
// that both paths then read, so that a getter, a Proxy or an iterator
// cannot give the two paths (or a fallback) different answers:
//   - an options object or encode's input becomes a null-prototype object
//     of the members the API reads, each read once, in the js.FuncOf
//     path's order;
//   - an audience array is read by Array.isArray, length and index, as
//     wasm/bridge/options.go reads one, never by its iterator;
//   - encode's header and payload objects become their JSON.stringify text
//     (stringified once);
//   - a read that throws becomes a getter that throws the same error, for
//     the js.FuncOf path to report as it reports any throwing getter.
// Any other object is passed as it is: the API refuses it by its type
// alone, without reading it.
function snapshot(name, args) {
  const snap = [];
  for (let i = 0; i < ARITY[name]; i++) {
    const v = args[i];
    if (v === null || typeof v !== "object") snap.push(v);
    else if (name === "encode") snap.push(members(v, INPUT));
    else if (i === 1) snap.push(members(v, OPTIONS));
    else snap.push(v);
  }
  return snap;
}

function members(v, names) {
  const out = Object.create(null);
  for (const k of names) {
    readInto(out, k, () => {
      const x = v[k];
      if (k === "audience") return audienceOf(x);
      if (k === "header" || k === "payload") return jsonOf(x);
      return x;
    });
  }
  return out;
}

// readInto sets to[k] to read(), or to a getter that throws what read threw.
function readInto(to, k, read) {
  try {
    to[k] = read();
  } catch (err) {
    Object.defineProperty(to, k, { get() { throw err; }, enumerable: true });
  }
}

function audienceOf(x) {
  if (!Array.isArray(x)) return x;
  const n = x.length;
  // The js.FuncOf path refuses such a length without reading an item.
  if (typeof n !== "number" || !(n >= 0 && n <= MAX_AUDIENCE)) return new Array(MAX_AUDIENCE + 1);
  const items = new Array(Math.trunc(n));
  for (let i = 0; i < items.length; i++) readInto(items, i, () => x[i]);
  return items;
}

// jsonOf stringifies an object once. When JSON.stringify makes no text of
// it (a toJSON that returns undefined), a stand-in of the same kind keeps
// the js.FuncOf path's refusal, which names the kind, unchanged.
function jsonOf(x) {
  if (x === null || typeof x !== "object") return x;
  const text = JSON.stringify(x);
  if (typeof text === "string") return text;
  const standIn = Array.isArray(x) ? [] : {};
  standIn.toJSON = () => undefined;
  return standIn;
}

// tapeOf records a snapshot's arguments for writeTape, or returns null
// when the wire form would not carry them faithfully: it carries strings
// of at most MAX_UNITS, finite numbers, booleans, undefined and null, and
// objects of those and of arrays of strings, in a request of at most
// MAX_REQUEST bytes.
function tapeOf(args) {
  const tape = [];
  tape.count = args.length;
  tape.room = 4;
  try {
    return args.every((a) => record(a, 0, tape)) && tape.room <= MAX_REQUEST ? tape : null;
  } catch {
    return null; // a snapshot's getter rethrew what a read threw
  }
}

// RAW marks a string written without a kind: a field name, an array item.
const RAW = "";

function record(v, depth, tape) {
  switch (typeof v) {
    case "string":
      if (v.length > MAX_UNITS) return false;
      tape.push("s", v);
      tape.room += 5 + 3 * v.length;
      return true;
    case "number":
      if (!Number.isFinite(v)) return false;
      tape.push("n", v);
      tape.room += 9;
      return true;
    case "boolean":
      tape.push("b", v);
      tape.room += 2;
      return true;
    case "undefined":
      tape.push("u", undefined);
      tape.room += 1;
      return true;
    case "object": {
      if (v === null) return record(undefined, depth, tape);
      if (depth > 0 && Array.isArray(v)) {
        tape.push("a", v.length);
        tape.room += 5;
        let units = 0;
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (typeof x !== "string") return false;
          units += x.length;
          tape.push(RAW, x);
          tape.room += 4 + 3 * x.length;
        }
        return units <= MAX_UNITS;
      }
      // Only snapshots (null-prototype objects of the members the API
      // reads) go on the wire.
      if (depth > 0 || Object.getPrototypeOf(v) !== null) return false;
      const at = tape.length;
      tape.push("o", 0);
      tape.room += 5;
      let n = 0;
      for (const k of Object.keys(v)) {
        const x = v[k];
        if (x === undefined) continue;
        tape.push(RAW, k);
        tape.room += 4 + 3 * k.length;
        if (!record(x, depth + 1, tape)) return false;
        n++;
      }
      tape[at + 1] = n;
      return true;
    }
  }
  return false;
}

// guardFetch puts a guard around globalThis.fetch, the function the
// wasm's transport (tinyutil, for fetchJWKS and discover) calls. That
// transport reads a rejection's .message and a stream's chunks inside Go
// callbacks, where anything else (a polyfill, an extension or a test
// double rejecting with a string or undefined, resolving to something that
// is not a Response) panics and stops the Go runtime for good. Guarded, a
// fetch only ever rejects with a fresh TypeError and resolves to a real
// Response whose body gives bytes or a TypeError. An accessor keeps the
// guard in place when the page assigns another fetch later.
function guardFetch() {
  const own = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  if (own?.get?.guardsFetch) return; // a second start() in this realm
  let inner = globalThis.fetch;
  const guarded = (...args) => guardedFetch(inner, args);
  const get = () => (typeof inner === "function" ? guarded : inner);
  get.guardsFetch = true;
  try {
    Object.defineProperty(globalThis, "fetch", {
      get, set: (f) => { inner = f; }, configurable: true, enumerable: own?.enumerable ?? true,
    });
  } catch {
    // A fetch that cannot be redefined cannot be replaced by a test
    // double either; the environment's own fetch is left as it is.
  }
}

async function guardedFetch(fetch, args) {
  let r;
  try {
    r = await fetch(...args);
  } catch (err) {
    throw new TypeError(failure(err));
  }
  if (typeof Response !== "function" || !(r instanceof Response)) {
    throw new TypeError(`fetch resolved to ${r === null ? "null" : typeof r}, not a Response`);
  }
  if (!r.body) return r;
  try {
    return new Response(guardedBody(r.body), { status: r.status, statusText: r.statusText, headers: r.headers });
  } catch (err) {
    throw new TypeError(failure(err)); // a status Response refuses, such as an opaque 0
  }
}

// guardedBody passes on a body's bytes, and its failure as a TypeError.
// The transport cancels a body it stops reading and drops the promise,
// which rejects when the body failed: the reader it gets handles that
// rejection, which would otherwise be unhandled (and end a node process).
function guardedBody(body) {
  const reader = body.getReader();
  const stream = new ReadableStream({
    async pull(out) {
      try {
        const { done, value } = await reader.read();
        if (done) out.close();
        else if (value instanceof Uint8Array) out.enqueue(value);
        else throw new TypeError("the response body gave something other than bytes");
      } catch (err) {
        out.error(new TypeError(failure(err)));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const getReader = stream.getReader.bind(stream);
  stream.getReader = (...args) => {
    const r = getReader(...args);
    const cancel = r.cancel.bind(r);
    r.cancel = (reason) => {
      const done = cancel(reason);
      done.catch(() => {});
      return done;
    };
    return r;
  };
  return stream;
}

// failure words what a fetch or a body failed with, briefly: the message of
// an Error, or the value itself.
function failure(err) {
  try {
    const text = err instanceof Error ? String(err.message) : `it failed with ${typeof err === "string" ? JSON.stringify(err) : String(err)}, not an Error`;
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return "it failed with a value that cannot be shown";
  }
}

function base64url(bytes) {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
