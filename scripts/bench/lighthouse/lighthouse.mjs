// Runs Lighthouse against a URL and prints, as one JSON line per run, what
// scripts/bench reports of it (vitals.go reads them):
//
//	node lighthouse.mjs --url URL [--runs N] [--presets mobile,desktop] [--chrome PATH]
//
// Each run starts a Chromium of its own with a fresh profile (chrome-launcher
// makes a temporary one), so every run is a first visit. The mobile preset is
// Lighthouse's default (a moto g power on slow 4G, the CPU slowed 4×,
// simulated); desktop is its desktop-config. Only the performance and
// accessibility categories run: the others do not bear on the goals.
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    runs: { type: "string", default: "3" },
    presets: { type: "string", default: "mobile,desktop" },
    chrome: { type: "string", default: process.env.CHROME_PATH || "/usr/bin/chromium" },
  },
});
if (!args.url) {
  console.error("usage: node lighthouse.mjs --url URL [--runs N] [--presets mobile,desktop] [--chrome PATH]");
  process.exit(2);
}
const runs = Number(args.runs);
const presets = args.presets.split(",");
for (const p of presets) {
  if (p !== "mobile" && p !== "desktop") {
    console.error(`unknown preset ${JSON.stringify(p)}: mobile or desktop`);
    process.exit(2);
  }
}

// The metrics of the goals, by Lighthouse audit id.
const metrics = {
  tbt: "total-blocking-time",
  lcp: "largest-contentful-paint",
  cls: "cumulative-layout-shift",
  fcp: "first-contentful-paint",
  si: "speed-index",
  tti: "interactive",
};

// summary keeps of a Lighthouse result what the report shows.
function summary(lhr, preset, run) {
  const a = lhr.audits;
  const a11y = lhr.categories.accessibility;
  const failed = a11y.auditRefs
    .map((ref) => a[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1)
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      nodes: (audit.details?.items ?? []).slice(0, 5).map((i) => i.node?.snippet ?? "").filter(Boolean),
    }));
  const tasks = a["long-tasks"]?.details?.items ?? [];
  return {
    preset,
    run,
    lighthouse: lhr.lighthouseVersion,
    axe: lhr.environment?.credits?.["axe-core"] ?? "",
    userAgent: lhr.environment?.hostUserAgent ?? "",
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(a11y.score * 100),
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, id]) => [k, a[id]?.numericValue ?? -1])),
    bytes: a["total-byte-weight"]?.numericValue ?? -1,
    longTasks: { count: tasks.length, totalMs: tasks.reduce((s, t) => s + t.duration, 0) },
    mainThread: (a["mainthread-work-breakdown"]?.details?.items ?? []).map((i) => ({ group: i.groupLabel ?? i.group, ms: i.duration })),
    lcpElement: a["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? "",
    a11yFailed: failed,
    warnings: lhr.runWarnings ?? [],
    error: lhr.runtimeError?.message ?? "",
  };
}

// attempts bounds the tries of one run: on a loaded machine Lighthouse now
// and then records no usable trace (NO_NAVSTART, NO_FCP), which says
// nothing about the page, so such a run is tried again.
const attempts = 3;

/** once runs Lighthouse once in a Chromium of its own. */
async function once(preset) {
  const chrome = await chromeLauncher.launch({
    chromePath: args.chrome,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] };
    const config = preset === "desktop" ? desktopConfig : undefined;
    return (await lighthouse(args.url, flags, config)).lhr;
  } finally {
    await chrome.kill();
  }
}

for (const preset of presets) {
  for (let run = 1; run <= runs; run++) {
    let lhr;
    for (let i = 1; i <= attempts; i++) {
      lhr = await once(preset);
      if (!lhr.runtimeError) break;
      console.error(`lighthouse ${preset} run ${run}, attempt ${i} of ${attempts}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    }
    console.log(JSON.stringify(summary(lhr, preset, run)));
  }
}
