// Weighs wasm files for scripts/bench (vitals_run.go): for each, its size
// raw and at brotli quality 11 (what make dist ships), and the median time
// V8 takes to compile it, which for the playground's module is mostly
// decoding and validating it (functions are compiled lazily, on first
// call). Prints a JSON array, one {raw, brotli, compileMs} per file.
//
//	node wasmcost.mjs RUNS FILE.wasm...
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const [runs, ...files] = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node wasmcost.mjs RUNS FILE.wasm...");
  process.exit(2);
}
const bytes = files.map((f) => readFileSync(f));
const times = bytes.map(() => []);
// The files take turns, so a change in the machine's load hits them alike.
for (let i = 0; i <= Number(runs); i++) {
  for (const [j, b] of bytes.entries()) {
    const t0 = performance.now();
    await WebAssembly.compile(b);
    if (i > 0) times[j].push(performance.now() - t0); // the first is a warm-up
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify(bytes.map((b, j) => ({
  raw: b.length,
  brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length,
  compileMs: median(times[j]),
}))));
