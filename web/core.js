// The token core's runtime: starts playground.wasm and gives its API a fast
// path and WebCrypto. Works on the page, in a worker and under node.
//
// Calls go straight to wasm exports (wasm/bridge/fast.go), with the
// arguments in a small binary form (wasm/internal/wire): a call through
// Go's js.FuncOf costs ~10 µs before any work, an export ~0.03 µs, and
// JSON would cost the Go side more than the work itself. Arguments that
// form cannot carry faithfully (NaN, functions, class instances, getters
// that throw) take the js.FuncOf path, which names what is wrong.
//
// verifyAsync and encodeAsync hand RSA, ECDSA and EdDSA signature math to
// WebCrypto: the core decides everything else (which keys fit, algorithm
// confusion, claims), and its own Go check stays the reference and the
// fallback wherever WebCrypto is missing or refuses a key.
import "./wasm_exec.js";

// Function numbers of jwtp_call; wasm/bridge/fast.go has the same table.
const FN = {
  decode: 1, verify: 2, verifyBegin: 3, verifyFinish: 4, encode: 5, encodeBegin: 6,
  inspectKey: 7, explain: 8, lint: 9, explainSignature: 10,
};

/**
 * start(source) runs the wasm and resolves to globalThis.jwtPlayground with
 * the fast path in place. source is a WebAssembly.Module or the wasm's bytes.
 */
export async function start(source) {
  const go = new globalThis.Go();
  const instance = await instantiate(source, go.importObject);
  // run() resolves only when the Go program exits, which it never does; by
  // the time it first yields, main has published the API.
  go.run(instance).catch((err) => console.error("the wasm runtime stopped:", err));
  const api = globalThis.jwtPlayground;
  if (!api) throw new Error("playground.wasm did not publish jwtPlayground");
  return fastPath(api, instance.exports);
}

async function instantiate(source, imports) {
  const made = await WebAssembly.instantiate(source, imports);
  return made.instance ?? made; // bytes give {module, instance}; a Module, the instance
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fastPath(api, exports) {
  const slow = { ...api };
  // The js.FuncOf functions stay reachable, for tests that compare paths.
  Object.defineProperty(api, "viaFuncOf", { value: Object.freeze(slow) });

  // call runs function fn on a request and parses its JSON answer. The
  // request is a string (decode's token) or a tape made by record.
  function call(fn, request) {
    return JSON.parse(answer(fn, request));
  }

  function answer(fn, request) {
    const size = typeof request === "string" ? writeText(request) : writeTape(request);
    const n = exports.jwtp_call(fn, size);
    return decoder.decode(new Uint8Array(exports.mem.buffer, exports.jwtp_out() >>> 0, n));
  }

  // decode's answer carries the header and payload texts after the JSON,
  // each after a NUL, and says where the parts are in the token (see
  // decodeAnswer in wasm/bridge/fast.go).
  function decodeFast(token) {
    const text = answer(FN.decode, token);
    const cut = text.indexOf("\0");
    if (cut < 0) return JSON.parse(text);
    const r = JSON.parse(text.slice(0, cut));
    const next = text.indexOf("\0", cut + 1);
    const headerText = text.slice(cut + 1, next);
    const payloadText = text.slice(next + 1);
    const [at, h, p, s] = r.parts;
    const parts = { header: token.slice(at, at + h), payload: token.slice(at + h + 1, at + h + 1 + p), signature: token.slice(at + h + p + 2, at + h + p + 2 + s) };
    return {
      ok: true,
      header: r.json[0] ? JSON.parse(headerText) : null,
      payload: r.json[1] ? JSON.parse(payloadText) : null,
      headerText, payloadText,
      signature: r.signature, parts, alg: r.alg, kid: r.kid, warnings: r.warnings,
    };
  }

  function writeText(text) {
    const room = text.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
    const at = exports.jwtp_in(room) >>> 0;
    return encoder.encodeInto(text, new Uint8Array(exports.mem.buffer, at, room)).written;
  }

  // writeTape writes the wire form that wasm/internal/wire reads.
  function writeTape(tape) {
    const at = exports.jwtp_in(tape.room) >>> 0;
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

  // viaWire calls fn with sent (args, made plain) in the wire form, or
  // makes the js.FuncOf call with args when that form would change them.
  function viaWire(name, fn, args, sent = args) {
    const tape = tapeOf(sent);
    if (tape) {
      const r = call(fn, tape);
      if (!r.slow) return r;
    }
    return slow[name](...args);
  }

  const fast = (name) => (...args) => viaWire(name, FN[name], args);
  Object.assign(api, {
    decode: (token) => (typeof token === "string" ? decodeFast(token) : slow.decode(token)),
    verify: fast("verify"),
    encode: (input) => viaWire("encode", FN.encode, [input], [encodeInput(input)]),
    inspectKey: fast("inspectKey"),
    explain: fast("explain"),
    lint: fast("lint"),
    explainSignature: fast("explainSignature"),
    verifyAsync: (token, options) => verifyAsync(token, options),
    encodeAsync: (input) => encodeAsync(input),
  });

  /** verifyAsync(token, options) → Promise of verify's result; never rejects. */
  async function verifyAsync(token, options) {
    const tape = webCrypto && tapeOf([token, options]);
    if (!tape) return api.verify(token, options);
    const r = call(FN.verifyBegin, tape);
    if (r.slow) return slow.verify(token, options);
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
      call(FN.verifyFinish, tapeOf([id, -1]));
      return api.verify(token, options);
    }
    const done = call(FN.verifyFinish, tapeOf([id, match]));
    return done.ok === false && done.error?.code === "internal" ? api.verify(token, options) : done;
  }

  /** encodeAsync(input) → Promise of encode's result; never rejects. */
  async function encodeAsync(input) {
    const plain = encodeInput(input);
    const tape = webCrypto && tapeOf([plain]);
    if (!tape) return api.encode(input);
    const r = call(FN.encodeBegin, tape);
    if (r.slow) return slow.encode(input);
    if (!r.pending) return r;
    const { alg, data, key } = r.pending;
    try {
      const [importParams, signParams] = params(alg);
      const cryptoKey = await importKey(key, importParams, "sign");
      const sig = await webCrypto.sign(signParams, cryptoKey, encoder.encode(data));
      return { ok: true, token: `${data}.${base64url(new Uint8Array(sig))}` };
    } catch {
      return api.encode(input); // WebCrypto refused the key: Go signs
    }
  }

  return api;
}

// webCrypto is missing in insecure contexts (http:// on a host other than
// localhost); the Go path then does everything.
const webCrypto = globalThis.crypto?.subtle;

// verifyWith tries the keys in parallel and returns the index of the first
// that matches, or -1.
async function verifyWith(alg, data, signature, keys) {
  const [importParams, verifyParams] = params(alg);
  const sig = fromBase64url(signature);
  const bytes = encoder.encode(data);
  const results = await Promise.all(keys.map(async (key) =>
    webCrypto.verify(verifyParams, await importKey(key, importParams, "verify"), sig, bytes)));
  return results.indexOf(true);
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

// key is {id, jwk}: the core numbers the keys it hands over (keySerial in
// wasm/bridge/fast.go), so the number names the key material.
function importKey(key, importParams, usage) {
  const id = `${usage} ${importParams.name} ${importParams.hash ?? importParams.namedCurve ?? ""} ${key.id}`;
  let cryptoKey = imported.get(id);
  if (!cryptoKey) {
    if (imported.size >= maxImported) imported.delete(imported.keys().next().value);
    cryptoKey = webCrypto.importKey("jwk", key.jwk, importParams, false, [usage]);
    cryptoKey.catch(() => imported.delete(id));
    imported.set(id, cryptoKey);
  }
  return cryptoKey;
}

// tapeOf records args for writeTape, or returns null when the wire form
// would not carry them faithfully: it carries strings, finite numbers,
// booleans, undefined and null, and objects of those and of arrays of
// strings. Each value is read once, here, so a getter cannot change
// its answer between the check and the writing.
function tapeOf(args) {
  const tape = [];
  tape.count = args.length;
  tape.room = 4;
  try {
    return args.every((a) => record(a, 0, tape)) ? tape : null;
  } catch {
    return null; // a getter or Proxy threw
  }
}

// RAW marks a string written without a kind: a field name, an array item.
const RAW = "";

// MEMBERS are the names the API reads from option and input objects.
const MEMBERS = ["header", "payload", "key", "secretEncoding", "now", "leeway", "issuer", "audience", "bits", "keyOrigin", "keyOriginDetail", "nonce"];

function record(v, depth, tape) {
  switch (typeof v) {
    case "string":
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
        const items = [...v];
        tape.push("a", items.length);
        tape.room += 5;
        for (const x of items) {
          if (typeof x !== "string") return false;
          tape.push(RAW, x);
          tape.room += 4 + 3 * x.length;
        }
        return true;
      }
      // Read the members the API knows, as the js.FuncOf path does, so
      // that getters, inherited members and Proxies behave the same.
      if (depth > 0) return false;
      const at = tape.length;
      tape.push("o", 0);
      tape.room += 5;
      let n = 0;
      for (const k of MEMBERS) {
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

// encodeInput turns encode's header and payload objects into the JSON
// text the js.FuncOf path would make of them.
function encodeInput(input) {
  if (input === null || typeof input !== "object") return input;
  const text = (v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v);
  try {
    return { header: text(input.header), payload: text(input.payload), key: input.key, secretEncoding: input.secretEncoding };
  } catch {
    return input;
  }
}

function fromBase64url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function base64url(bytes) {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
