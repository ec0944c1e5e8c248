// Lessons 1 to 4 and 6: each sets up its playground on the live core and
// wires its task to a check in checks.js. Lesson 5, the attack lab, is in
// lab.js. The secret every HMAC lesson signs with is a demo key of this
// page, so it may travel in the "open in the playground" links.
import { decode, verify, verifyAsync, encode, encodeAsync, explain, lint, generateKey, inspectKey } from "../local.js";
import { $, nowSeconds, showVerdict, showResult, clearResult, setLink, b64urlBytes, hex, item } from "./bench.js";
import { checkTampered, checkFiveMinutes, checkPublicVerify, checkRefusal, checkAccessToken, judge } from "./checks.js";

/** lessonSecret signs the HMAC lessons' tokens: a demo secret, long enough for HS256. */
export const lessonSecret = "learn-jwt-lessons-demo-secret-0123456789";

const pretty = (v) => JSON.stringify(v, null, 2);

/** sign makes an HS256 token with the lesson secret, or returns {error}. */
function sign(payload) {
  const r = encode({ header: { alg: "HS256", typ: "JWT" }, payload, key: lessonSecret });
  return r.ok ? { token: r.token } : { error: r.error.message };
}

/** initLessons wires lessons 1-4 and 6; done(n) records a finished lesson. */
export function initLessons(done) {
  lessonThreeParts(done);
  lessonClaims(done);
  lessonSigning(done);
  lessonVerifier(done);
  lessonInApps(done);
}

// Lesson 1: the three parts, byte by byte.
function lessonThreeParts(done) {
  const box = $("l1-token");
  const view = $("l1-part");
  const buttons = [...document.querySelectorAll("#three-parts [data-part]")];
  const original = sign({ sub: "1234567890", name: "Ada Lovelace", admin: false, iat: nowSeconds() }).token;
  let part = "payload";
  box.value = original;

  const row = (term, value, className = "") => {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    if (className) dd.className = className;
    view.append(dt, dd);
  };
  const render = () => {
    const token = box.value.trim();
    const d = decode(token);
    view.replaceChildren();
    const seg = token.split(".")[["header", "payload", "signature"].indexOf(part)] ?? "";
    const bytes = b64urlBytes(seg);
    row(`The ${part} as written (base64url, ${seg.length} characters)`, seg || "(empty)", `c-${part} mono`);
    if (!bytes) {
      row("Bytes", "not base64url: only A–Z, a–z, 0–9, - and _ may appear, and the length may not leave one character over");
    } else {
      const left = seg.length % 4;
      const pad = left === 0 ? "none needed: the length is a multiple of 4" : `base64 would add ${"=".repeat(4 - left)} to make the length a multiple of 4; base64url leaves it out, since the length already says the last group holds ${left - 1} byte${left === 2 ? "" : "s"}`;
      const swapped = (seg.match(/[-_]/g) ?? []).length;
      row(`Bytes (${bytes.length}, in hex)`, hex(bytes), "mono");
      row("Padding", pad);
      row("URL-safe characters", swapped ? `${swapped} character(s) here are - or _, which base64 would write as + or /` : "no - or _ here; base64 would write + and / where base64url writes - and _");
      if (part === "signature") {
        row("What it is", `${bytes.length} raw bytes: for HS256, HMAC-SHA-256(secret, "header.payload"), not text`);
      } else {
        row("As UTF-8 text", part === "header" ? (d.headerText ?? "") : (d.payloadText ?? ""), "mono");
      }
    }
    showVerdict($("l1-verdict"), token ? verify(token, { key: lessonSecret }) : null);
    setLink($("l1-open"), token, lessonSecret);
  };
  for (const b of buttons) {
    b.addEventListener("click", () => {
      part = b.dataset.part;
      for (const x of buttons) x.setAttribute("aria-pressed", String(x === b));
      render();
    });
  }
  box.addEventListener("input", () => {
    clearResult($("l1-result"));
    render();
  });
  $("l1-restore").addEventListener("click", () => {
    box.value = original;
    clearResult($("l1-result"));
    render();
  });
  $("l1-check").addEventListener("click", () => {
    const r = checkTampered(box.value, original, lessonSecret);
    showResult($("l1-result"), r.done, r.message);
    if (r.done) done(1);
  });
  render();
}

// Lesson 2: claims, NumericDate and time travel.
function lessonClaims(done) {
  const payload = $("l2-payload");
  const box = $("l2-token");
  const travel = $("l2-travel");
  const now = nowSeconds();
  $("l2-now").textContent = String(now);
  payload.value = pretty({ sub: "learner", role: "student", iat: now, exp: now + 3600 });

  const render = () => {
    const token = box.value.trim();
    const minutes = Number(travel.value);
    const at = nowSeconds() + minutes * 60;
    $("l2-travel-out").textContent = minutes === 0 ? "now" : `${minutes > 0 ? "+" : "−"}${Math.abs(minutes)} min (${new Date(at * 1000).toISOString().replace(".000", "")})`;
    showVerdict($("l2-verdict"), token ? verify(token, { key: lessonSecret, now: at }) : null, minutes ? `At ${minutes > 0 ? "+" : "−"}${Math.abs(minutes)} min: ` : "Now: ");
    const list = $("l2-claims");
    list.replaceChildren();
    const e = token ? explain(token, { now: at }) : null;
    for (const c of e?.ok ? e.claims : []) {
      // raw is the JSON text as written (clipped past 1 KiB, where value is null).
      const value = typeof c.value === "string" ? c.value : c.raw;
      const when = c.time ? ` = ${c.time.utc} (${c.time.relative})` : "";
      item(list, `${c.name} (${c.kind}): ${value}${when}. ${c.description ?? ""}`);
    }
    setLink($("l2-open"), token, lessonSecret);
  };
  $("l2-sign").addEventListener("click", () => {
    const r = sign(payload.value);
    $("l2-error").hidden = !r.error;
    $("l2-error").textContent = r.error ?? "";
    if (r.token) box.value = r.token;
    clearResult($("l2-result"));
    render();
  });
  $("l2-fill").addEventListener("click", () => {
    let p;
    try {
      p = JSON.parse(payload.value);
    } catch {
      p = {};
    }
    if (!p || typeof p !== "object" || Array.isArray(p)) p = {};
    const t = nowSeconds();
    p.iat = t;
    p.exp = t + 300;
    payload.value = pretty(p);
  });
  box.addEventListener("input", () => {
    clearResult($("l2-result"));
    render();
  });
  travel.addEventListener("input", render);
  $("l2-check").addEventListener("click", () => {
    const r = checkFiveMinutes(box.value, lessonSecret, nowSeconds());
    showResult($("l2-result"), r.done, r.message);
    if (r.done) done(2);
  });
  render();
}

// Lesson 3: a key pair; the API holds only the public half.
function lessonSigning(done) {
  const priv = $("l3-private");
  const pub = $("l3-public");
  const box = $("l3-token");
  const vkey = $("l3-verifier");
  let seq = 0;

  const render = async () => {
    const mine = ++seq;
    const token = box.value.trim();
    const key = vkey.value;
    const r = token && key.trim() ? await verifyAsync(token, { key }) : null;
    if (mine !== seq) return;
    showVerdict($("l3-verdict"), r, "The API: ");
    const ins = key.trim() ? inspectKey(key) : null;
    setLink($("l3-open"), token, ins?.ok && ins.kind === "public" ? key : pub.value);
  };
  $("l3-generate").addEventListener("click", async () => {
    const alg = $("l3-alg").value;
    $("l3-status").textContent = `Generating an ${alg} key pair…`;
    $("l3-generate").disabled = true;
    const k = await generateKey(alg);
    $("l3-generate").disabled = false;
    if (!k.ok) {
      $("l3-status").textContent = k.error.message;
      return;
    }
    priv.value = k.privateKeyPem;
    pub.value = k.publicKeyPem;
    priv.dataset.alg = alg;
    priv.dataset.kid = k.kid ?? "";
    $("l3-sign").disabled = false;
    $("l3-status").textContent = `A new ${alg} key pair. The private key never leaves this page.`;
  });
  $("l3-sign").addEventListener("click", async () => {
    const t = nowSeconds();
    const header = { alg: priv.dataset.alg, typ: "JWT" };
    if (priv.dataset.kid) header.kid = priv.dataset.kid;
    const r = await encodeAsync({ header, payload: { iss: "https://auth.example.com", sub: "learner", iat: t, exp: t + 3600 }, key: priv.value });
    if (!r.ok) {
      $("l3-status").textContent = r.error.message;
      return;
    }
    box.value = r.token;
    clearResult($("l3-result"));
    render();
  });
  for (const el of [box, vkey]) {
    el.addEventListener("input", () => {
      clearResult($("l3-result"));
      render();
    });
  }
  $("l3-check").addEventListener("click", async () => {
    const r = await checkPublicVerify(box.value, vkey.value);
    showResult($("l3-result"), r.done, r.message);
    if (r.done) done(3);
  });
}

// Lesson 4: the checks of a verifier, and why this token is refused.
function lessonVerifier(done) {
  const box = $("l4-token");
  const now = nowSeconds();
  box.value = sign({ iss: "https://auth.example.com", sub: "user-42", aud: "https://billing.example.com", scope: "invoices:read", iat: now, exp: now + 3600 }).token;
  const original = box.value;
  // The settings the task is judged by: the API's own, as the page starts.
  const api = { key: lessonSecret, algs: ["HS256"], issuer: "https://auth.example.com", audience: "https://api.example.com", typ: "JWT", leeway: 30 };
  const settings = () => ({
    key: lessonSecret,
    algs: [...document.querySelectorAll("#verifier .algs input:checked")].map((i) => i.value),
    issuer: $("l4-iss").value.trim(),
    audience: $("l4-aud").value.trim(),
    typ: $("l4-typ").value.trim(),
    leeway: Math.max(0, Number($("l4-leeway").value) || 0),
    now: nowSeconds(),
  });
  const render = () => {
    const token = box.value.trim();
    const d = decode(token);
    $("l4-decoded").textContent = d.header ? `${pretty(d.header)}\n${d.payload ? pretty(d.payload) : (d.payloadText ?? "")}` : (d.error?.message ?? "");
    const list = $("l4-checks");
    list.replaceChildren();
    if (!token) return;
    for (const c of judge(token, settings())) item(list, `${c.ok ? "✓" : "✗"} ${c.name}: ${c.message}`, c.ok ? "pass" : "fail");
    setLink($("l4-open"), token, lessonSecret);
  };
  for (const el of document.querySelectorAll("#verifier .settings input")) el.addEventListener("input", render);
  box.addEventListener("input", render);
  $("l4-check").addEventListener("click", () => {
    const answer = document.querySelector('input[name="l4-answer"]:checked')?.value ?? "";
    const r = checkRefusal(answer, original, { ...api, now: nowSeconds() });
    showResult($("l4-result"), r.done, r.message);
    if (r.done) done(4);
  });
  render();
}

// Lesson 6: an access token fit to be carried around.
function lessonInApps(done) {
  const payload = $("l6-payload");
  const box = $("l6-token");
  const now = nowSeconds();
  payload.value = pretty({
    sub: "user-42",
    name: "Ada Lovelace",
    password: "hunter2",
    card_number: "4111 1111 1111 1111",
    role: "editor",
    iat: now,
    exp: now + 30 * 86400,
  });
  const render = () => {
    const token = box.value.trim();
    showVerdict($("l6-verdict"), token ? verify(token, { key: lessonSecret }) : null);
    const list = $("l6-findings");
    list.replaceChildren();
    const l = token ? lint(token, { key: lessonSecret }) : null;
    for (const f of l?.ok ? l.findings : []) item(list, `${f.severity}: ${f.message} (${f.ref})`, `sev-${f.severity}`);
    setLink($("l6-open"), token, lessonSecret);
  };
  const signIt = () => {
    const r = sign(payload.value);
    $("l6-error").hidden = !r.error;
    $("l6-error").textContent = r.error ?? "";
    if (r.token) box.value = r.token;
    clearResult($("l6-result"));
    render();
  };
  $("l6-sign").addEventListener("click", signIt);
  box.addEventListener("input", () => {
    clearResult($("l6-result"));
    render();
  });
  $("l6-check").addEventListener("click", () => {
    const r = checkAccessToken(box.value, lessonSecret, nowSeconds());
    showResult($("l6-result"), r.done, r.message);
    if (r.done) done(6);
  });
  signIt();
}
