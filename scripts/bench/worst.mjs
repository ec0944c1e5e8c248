// The worst inputs within the limits, timed in the wasm under node: what
// the page runs on every keystroke (decode, verify, lint, explain) for
// each, on a token it has not seen (the core caches decodes by token).
//
//	node worst.mjs <web folder> <runs>
//
// prints one JSON array: [{name, tokenBytes, decode, verify, lint, explain,
// explainSignature, total}], each a median in milliseconds.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";

const [web, runsArg] = process.argv.slice(2);
const runs = Number(runsArg) || 5;
const { start } = await import(pathToFileURL(path.join(web, "core.js")));
const api = await start(fs.readFileSync(path.join(web, "playground.wasm")));

const SECRET = "a-string-secret-at-least-256-bits-long";
const b64 = (s) => Buffer.from(s).toString("base64url");
const max = 1 << 20; // limits.MaxTokenBytes
const room = Math.floor((max - 64) * 3 / 4) - 2048; // payload bytes a token of max can carry, less a header
const fill = (unit, open = "", close = "", sep = ",") => {
  const n = Math.floor((room - open.length - close.length) / (unit.length + sep.length));
  return open + Array(n).fill(unit).join(sep) + close;
};
const deep = (n) => "[".repeat(n) + "]".repeat(n);

// Each case is [name, header, payload, options for verify].
const cases = [
  ["80,000 tiny objects", '{"alg":"HS256"}', fill('{"a":0}', '{"x":[', "]}")],
  ["nesting to the limit, over and over", '{"alg":"HS256"}', fill(deep(62), '{"x":[', "]}")],
  ["1 MiB of one string", '{"alg":"HS256"}', `{"s":"${"x".repeat(room - 8)}"}`],
  ["1 MiB of escapes", '{"alg":"HS256"}', `{"s":"${"\\u00e9".repeat(Math.floor((room - 8) / 6))}"}`],
  ["thousands of members", '{"alg":"HS256"}', `{${Array.from({ length: 60000 }, (_, i) => `"m${i}":0`).join(",")}}`],
  ["one member 80,000 times", '{"alg":"HS256"}', fill('"a":0', "{", "}")],
  ["sensitive-looking names", '{"alg":"HS256"}', `{${Array.from({ length: 18000 }, (_, i) => `"pass_word_${i}":"4111 1111 1111 1111"`).join(",")}}`],
  ["many audiences", '{"alg":"HS256"}', fill('"aud-xxxxxxxx"', '{"aud":[', "]}"), { audience: Array.from({ length: 100 }, (_, i) => `want-${i}`) }],
  ["a huge header", `{"alg":"HS256","crit":[${Array.from({ length: 20000 }, (_, i) => `"c${i}"`).join(",")}],${Array.from({ length: 20000 }, (_, i) => `"c${i}":0`).join(",")}}`, '{"sub":"x"}'],
];

function sign(header, payload, salt) {
  const input = `${b64(header)}.${b64(payload)}`;
  // A salt in the signature makes each run's token new to the core's cache.
  return `${input}.${crypto.createHmac("sha256", SECRET + salt).update(input).digest("base64url")}`;
}

function time(f) {
  const t = performance.now();
  const r = f();
  return [performance.now() - t, r];
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = [];
for (const [name, header, payload, opts = {}] of cases) {
  const samples = { decode: [], verify: [], lint: [], explain: [], explainSignature: [], total: [] };
  let tokenBytes = 0;
  for (let i = 0; i < runs; i++) {
    const token = sign(header, payload, String(i));
    tokenBytes = token.length;
    const options = { key: SECRET, now: 1700000000, ...opts };
    const [d, dr] = time(() => api.decode(token));
    const [v, vr] = time(() => api.verify(token, options));
    const [l, lr] = time(() => api.lint(token, options));
    const [e, er] = time(() => api.explain(token, options));
    const [s, sr] = time(() => api.explainSignature(token, options));
    for (const [what, r] of [["decode", dr], ["verify", vr], ["lint", lr], ["explain", er], ["explainSignature", sr]]) {
      // A refusal is an answer (verify refuses crit); a crash or a bug is not.
      if (typeof r?.ok !== "boolean" || r.error?.code === "internal") throw new Error(`${name}: ${what} failed: ${JSON.stringify(r)?.slice(0, 300)}`);
    }
    Object.entries({ decode: d, verify: v, lint: l, explain: e, explainSignature: s, total: d + v + l + e }).forEach(([k, x]) => samples[k].push(x));
  }
  out.push({ name, tokenBytes, ...Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)])) });
}
console.log(JSON.stringify(out));
process.exit(0);
