// The first screen draws the sample's claims, timeline and key summary
// before the engine exists (sample.js); these tests hold those words to the
// core's own, so that the engine's answers replace them without a change
// (and without moving anything on the page). They need the real core
// (web/playground.wasm, after `make build`).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { makeSample, sampleClaims, sampleKeySummary } from "../sample.js";
import { summary } from "../views.js";

const wasm = fileURLToPath(new URL("../playground.wasm", import.meta.url));
const skip = !fs.existsSync(wasm) && "web/playground.wasm is not built";
let core;
async function api() {
  if (!core) {
    const { start } = await import("../core.js");
    core = await start(fs.readFileSync(wasm));
  }
  return core;
}

// The fields of an explain entry that the claims table shows.
const shown = (e) => ({ name: e.name, raw: e.raw, kind: e.kind, description: e.description, source: e.source, time: e.time });

test("the sample's claims are explained in the core's words, at any moment of its life", { skip }, async () => {
  const jwt = await api();
  const made = Date.UTC(2026, 11, 4, 3, 36, 36, 250);
  const sample = await makeSample(made);
  assert.ok(sample, "WebCrypto signed no sample");
  const t = Math.floor(made / 1000);
  // From the moment it is made to long after it expired: "just now",
  // "in 59 minutes", "in 1 second", "just now", "1 hour ago", "2 days ago".
  for (const now of [t, t + 0.5, t + 1.5, t + 3599, t + 3599.5, t + 7200, t + 3 * 86400]) {
    const ex = await jwt.explain(sample.token, { now });
    assert.equal(ex.ok, true, ex.error?.message);
    assert.deepEqual(sampleClaims(sample.payload, now).map(shown), ex.claims.map(shown), `at now = t + ${now - t}`);
  }
});

test("the sample verifies, has no security findings and its secret is summed up as the key panel does", { skip }, async () => {
  const jwt = await api();
  const sample = await makeSample();
  const v = await jwt.verify(sample.token, { key: sample.secret });
  assert.equal(v.valid, true, JSON.stringify(v.errors ?? v.error));
  const findings = await jwt.lint(sample.token, { key: sample.secret });
  assert.deepEqual(findings.findings, [], "the first screen's 'Checking…' line would become more than one line");
  const ins = await jwt.inspectKey(sample.secret, {});
  assert.equal(sampleKeySummary(sample.secret), summary(ins));
});
