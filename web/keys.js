// The key panel: explains which key the token's algorithm needs, describes
// the key in the box, converts it between PEM and JWK, generates keys, and
// fetches key sets, but only when the user clicks.
import { algorithms, discover, fetchJWKS, generateKey, inspectKey } from "./jwt.js";
import { members, pretty } from "./json.js";
import { sentence, showError } from "./render.js";
import { summary } from "./views.js";

// table is the core's algorithm table ({name, family, keyType, curve?,
// hash?, browserCrypto}, by name), read once: the algorithm choices and
// the words about each come from it, so a new algorithm needs no page change.
const table = new Map();
const pageFamilies = { hmac: "hmac", rsa: "rsa", "rsa-pss": "rsa", ecdsa: "ec", eddsa: "ed", "ml-dsa": "ml" };

/** family names the key family an alg needs, or "" for none/unknown. */
export function family(alg) {
  return pageFamilies[table.get(alg)?.family] ?? "";
}

const purposes = {
  hmac: "shared secret",
  rsa: "RSA public or private key",
  ec: "EC public or private key",
  ed: "Ed25519 public or private key",
  ml: "ML-DSA public or private key",
  "": "key",
};

const pemHint = "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\nor a JWK / JWKS. A private key also signs.";
const akpHint = '{"kty":"AKP","alg":"ML-DSA-65","pub":"…"}\nor PEM, or a JWKS. A private key ("priv", the seed) also signs.';
const placeholders = { hmac: "The shared secret the token was signed with", rsa: pemHint, ec: pemHint, ed: pemHint, ml: akpHint, "": "A secret, PEM key, JWK or JWKS" };

/** formula writes the signing formula of an alg, as jwt.io shows it, in words. */
function formula(alg, fam) {
  const bits = alg.slice(-3);
  const input = 'base64url(header) + "." + base64url(payload)';
  switch (fam) {
    case "hmac":
      return `HMAC-SHA${bits}(${input}, secret)`;
    case "rsa":
      return `${alg.startsWith("PS") ? "RSASSA-PSS" : "RSASSA-PKCS1-v1_5"} with SHA-${bits}(${input}, RSA key)`;
    case "ec":
      return `ECDSA ${table.get(alg).curve} with ${table.get(alg).hash}(${input}, EC key)`;
    case "ed":
      return `Ed25519(${input}, Ed25519 key)`;
    case "ml":
      return `${alg} (FIPS 204, post-quantum)(${input}, ML-DSA key)`;
  }
  return alg === "none" ? "alg none: the token is not signed" : `alg ${JSON.stringify(alg)} is not supported`;
}

const $ = (id) => document.getElementById(id);

/**
 * createKeyPanel wires the key tools. hooks.setKey(text, encoding, origin)
 * puts a key in the box and verifies, origin being {origin, detail} as
 * verify's keyOrigin and keyOriginDetail take them (omitted: typed); hooks.resign(alg, kid) re-signs the
 * token with the key in the box under a new alg and kid.
 */
export function createKeyPanel(hooks) {
  const els = {
    keyInput: $("key-input"),
    encoding: $("secret-encoding"),
    encodingField: $("encoding-field"),
    purpose: $("key-purpose"),
    formula: $("formula"),
    info: $("key-info"),
    note: $("key-note"),
    genAlg: $("gen-alg"),
    genBits: $("gen-bits"),
    genKey: $("gen-key"),
    genStatus: $("gen-status"),
    fetchIssuer: $("fetch-issuer"),
    jwksURL: $("jwks-url"),
    fetchJWKS: $("fetch-jwks"),
    carried: $("carried-keys"),
    carriedButtons: $("carried-buttons"),
    fetchStatus: $("fetch-status"),
    fetchError: $("fetch-error"),
    formats: $("key-formats"),
    encodingOffer: $("encoding-offer"),
    formatList: $("format-list"),
    // What the "Secret is" selector depends on: the token's key family
    // and the kind of key in the box ("" when none is read).
    state: { family: "", keyKind: "" },
    // The token and key text the status lines (gen-status, fetch-status,
    // fetch-error) were written for: another token or key makes them
    // stale, and they are cleared.
    about: { token: "", key: "" },
    // Sequence numbers: an answer is used only if nothing newer was asked
    // for since (the core may answer asynchronously, and out of order).
    seq: { inspect: 0, fetch: 0 },
    // The key last generated: while the box holds its private PEM, its
    // forms are shown as generated, kid included (a PEM has no kid).
    generated: null,
  };
  let decoded = null;
  // The status lines are about the token and key of now.
  els.statusFor = () => ({ token: tokenIdentity(decoded), key: els.keyInput.value });
  const panel = {
    /** tokenChanged adapts the panel to a newly decoded token. */
    tokenChanged(d) {
      decoded = d;
      if (tokenIdentity(d) !== els.about.token) clearStatus(els);
      els.encodingOffer.hidden = true; // until this token's verdict offers it again
      const alg = d?.alg ?? "";
      const fam = family(alg);
      els.purpose.textContent = purposes[fam];
      els.formula.textContent = alg ? formula(alg, fam) : "";
      els.keyInput.placeholder = placeholders[fam];
      els.state.family = fam;
      showEncoding(els);
      if (fam) els.genAlg.value = alg;
      showBits();
      offerIssuer(els, d?.iss);
      offerCarriedKeys(els, hooks, d?.header);
    },
    /** jwksFromLink notes that the JWKS URL box holds url, from a link. */
    jwksFromLink(url) {
      linkJWKS = url;
    },
    /** keyChanged describes the key now in the box. */
    keyChanged() {
      if (els.keyInput.value !== els.about.key) clearStatus(els);
      els.encodingOffer.hidden = true;
      return describeKey(els);
    },
    /** verified offers, after a verification v, what it hints at: the secret encoding that matches. */
    verified(v) {
      offerEncoding(els, v);
    },
  };

  const showBits = () => (els.genBits.hidden = family(els.genAlg.value) !== "rsa");
  els.genAlg.addEventListener("change", showBits);
  els.genKey.addEventListener("click", () => generate(els, hooks));
  els.encodingOffer.addEventListener("click", () => {
    els.encoding.value = els.encodingOffer.dataset.encoding;
    els.encodingOffer.hidden = true;
    // As if chosen by hand: the page verifies again with it.
    els.encoding.dispatchEvent(new Event("change", { bubbles: true }));
  });
  // A JWKS URL is the person's choice unless it came with the link and
  // was left as it was.
  let linkJWKS = "";
  els.jwksURL.addEventListener("input", () => (linkJWKS = ""));
  els.fetchJWKS.addEventListener("click", () => {
    const url = els.jwksURL.value.trim();
    const origin = url && url === linkJWKS ? { origin: "link", detail: `jwks ${url}` } : undefined;
    fetchInto(els, hooks, `the JWKS at ${url}`, fetchJWKS(url), origin);
  });
  els.jwksURL.addEventListener("keydown", (e) => e.key === "Enter" && els.fetchJWKS.click());
  els.fetchIssuer.addEventListener("click", () => {
    const iss = decoded?.iss;
    // Keys found through the token's own iss are that issuer's only if
    // the iss is to be trusted: the verdict says so.
    fetchInto(els, hooks, `the issuer ${iss}`, discover(iss), { origin: "issuer", detail: String(iss) });
  });
  showBits();
  // A token decoded before the table arrived is described again with it.
  loadAlgorithms(els).then(() => decoded !== null && panel.tokenChanged(decoded));
  return panel;
}

/**
 * loadAlgorithms reads the core's algorithm table once and makes the
 * generator's choices from it (text only), keeping the choice made.
 */
async function loadAlgorithms(els) {
  const res = await algorithms();
  if (!res?.ok) return;
  const chosen = els.genAlg.value;
  const options = res.algorithms.map((a) => {
    table.set(a.name, a);
    const option = document.createElement("option");
    option.textContent = a.name;
    return option;
  });
  els.genAlg.replaceChildren(...options);
  if (table.has(chosen)) els.genAlg.value = chosen;
  const footer = $("footer-algs");
  if (footer) footer.textContent = `Algorithms: ${res.algorithms.map((a) => a.name).join(" · ")}`;
}

/**
 * tokenIdentity names a decoded token for the status lines: its three parts
 * as written ("" for none), so that re-rendering the same token keeps them
 * and another token clears them.
 */
function tokenIdentity(d) {
  const p = d?.parts;
  return p ? `${p.header}.${p.payload}.${p.signature}` : "";
}

/**
 * setStatusLine writes a status line of the key panel (gen-status,
 * fetch-status) about the token and key of now; clearStatus empties them
 * all once either changes, so that "Fetched 10 keys…" never stands beside
 * another token or key, and drops a fetch still under way.
 */
function setStatusLine(els, el, text) {
  el.textContent = text;
  els.about = els.statusFor();
}

function clearStatus(els) {
  els.genStatus.textContent = "";
  els.fetchStatus.textContent = "";
  showError(els.fetchError, "");
  els.seq.fetch++;
  els.about = els.statusFor();
}

/** describeKey shows what the key in the box is, and its other forms. */
async function describeKey(els) {
  const text = els.keyInput.value;
  const asked = ++els.seq.inspect;
  let ins = text.trim() ? await inspectKey(text, { secretEncoding: els.encoding.value }) : null;
  if (asked !== els.seq.inspect) return; // the key changed since: a newer answer is coming
  ins = withGeneratedForms(els, text, ins);
  els.info.hidden = !ins?.ok;
  els.note.hidden = ins?.kind !== "private";
  els.note.textContent = "This is a private key: it signs, and its public half verifies. Paste private keys only into pages you trust; this one never sends them anywhere.";
  renderFormats(els, ins?.ok ? ins : null);
  els.state.keyKind = ins?.ok ? ins.kind : "";
  showEncoding(els);
  if (!ins?.ok) return;
  els.info.textContent = summary(ins);
}

/**
 * offerEncoding offers the secret encoding under which a failed HMAC
 * signature matches, when verify's secret_encoding warning names one (its
 * message ends with secretEncoding "…"): one click reads the secret that
 * way, and the page verifies again. Nothing switches by itself.
 */
function offerEncoding(els, v) {
  const hint = v?.warnings?.find((w) => w.code === "secret_encoding");
  const enc = hint?.message.match(/secretEncoding "(utf8|base64|base64url|hex)"/)?.[1];
  els.encodingOffer.hidden = !enc;
  if (!enc) return;
  const name = [...els.encoding.options].find((o) => o.value === enc)?.textContent ?? enc;
  els.encodingOffer.dataset.encoding = enc;
  els.encodingOffer.textContent = `Read the secret as ${name}: the signature matches that way`;
}

/**
 * showEncoding shows "Secret is" only where it means something: for an HMAC
 * token (or none) and a key box that holds a secret, or nothing read yet. A
 * PEM or a JWK has no secret encoding, and offering one would suggest it
 * could be taken as a secret, which it never is.
 */
function showEncoding(els) {
  const { family, keyKind } = els.state;
  els.encodingField.hidden = (family !== "hmac" && family !== "") || (keyKind !== "" && keyKind !== "secret");
}


/**
 * withGeneratedForms gives the key just generated its forms as Generate
 * made them while the box holds its private PEM: JWKs with the kid (the
 * RFC 7638 thumbprint, the kid the token was signed under), alg and use,
 * which a PEM cannot carry and inspectKey therefore cannot give.
 */
function withGeneratedForms(els, text, ins) {
  const g = els.generated;
  if (!g || text !== g.privateKeyPem || !ins?.ok) return ins;
  return { ...ins, kid: g.kid, publicJwk: g.publicJwk, privateJwk: g.privateJwk };
}


const formatNames = [
  ["publicKeyPem", "Public key, PEM (PKIX)"],
  ["publicJwk", "Public key, JWK"],
  ["privateKeyPem", "Private key, PEM (PKCS #8)"],
  ["privateJwk", "Private key, JWK"],
];

/** renderFormats lists the key in each form it has, each with a copy button. */
function renderFormats(els, ins) {
  const blocks = [];
  for (const [field, label] of ins && ins.kind !== "jwks" ? formatNames : []) {
    if (!ins[field]) continue;
    const text = typeof ins[field] === "string" ? ins[field] : JSON.stringify(ins[field], null, 2);
    blocks.push(formatBlock(label === "Private key, JWK" && ins.kind === "secret" ? "Secret, JWK (oct)" : label, text, field));
  }
  els.formatList.replaceChildren(...blocks);
  els.formats.hidden = blocks.length === 0;
}

function formatBlock(label, text, field) {
  const wrap = document.createElement("div");
  wrap.className = "format";
  const head = document.createElement("div");
  head.className = "format-head";
  const name = document.createElement("span");
  name.textContent = label;
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "ghost";
  copy.textContent = "Copy";
  copy.setAttribute("aria-label", `Copy ${label}`);
  const area = document.createElement("textarea");
  area.readOnly = true;
  area.value = text;
  area.rows = Math.min(text.split("\n").length, 10);
  area.className = "key";
  area.dataset.testid = `format-${field}`;
  area.setAttribute("aria-label", label);
  copy.addEventListener("click", () => copyText(copy, area));
  head.append(name, copy);
  wrap.append(head, area);
  return wrap;
}

/** copyText copies a textarea's text, or selects it where the clipboard is refused. */
export async function copyText(button, source) {
  try {
    await navigator.clipboard.writeText(source.value);
    flash(button, "Copied");
  } catch {
    source.select();
    flash(button, "Press Ctrl+C");
  }
}

function flash(button, text) {
  const label = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = label), 1200);
}

/** generate makes a key in the worker, puts it in the box and re-signs. */
async function generate(els, hooks) {
  const alg = els.genAlg.value;
  const rsa = family(alg) === "rsa";
  const bits = rsa ? Number(els.genBits.value) : undefined;
  const what = rsa ? `an RSA ${bits} key` : family(alg) === "hmac" ? "a secret" : `a key for ${alg}`;
  els.genKey.disabled = true;
  const started = performance.now();
  const tick = () => setStatusLine(els, els.genStatus, `Generating ${what}… ${((performance.now() - started) / 1000).toFixed(1)} s`);
  tick();
  const timer = setInterval(tick, 100);
  const res = await generateKey(alg, { bits });
  clearInterval(timer);
  els.genKey.disabled = false;
  if (!res.ok) {
    setStatusLine(els, els.genStatus, sentence(res.error.message));
    return;
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  els.generated = res.secret ? null : res;
  // The key goes in the box and the token is re-signed with it at once: the
  // check the new key starts is for the old token, and the re-signing drops
  // it, so the badge never says the new key does not fit the old token.
  const keySet = hooks.setKey(res.secret ?? res.privateKeyPem, res.secret ? "base64url" : "utf8");
  setStatusLine(els, els.genStatus, `Signing the token with the new ${alg} key…`);
  await Promise.all([keySet, hooks.resign(alg, res.kid)]);
  // Said once the token is signed, so that the line is about that token.
  const done = res.secret
    ? `New ${Number(alg.slice(2)) / 8}-byte secret (base64url) in ${secs} s; the token is signed with it.`
    : `New ${alg} key pair in ${secs} s, kid ${res.kid} (its RFC 7638 thumbprint, in the header and both JWKs). The private key signs and verifies; its public forms are below.`;
  setStatusLine(els, els.genStatus, done);
}

/**
 * withAlgKid returns the header text with alg and kid set, for signing with
 * a generated key: every "alg" (and "kid") member gets the new value, a
 * missing one is added at the end, and without a kid (a secret) every "kid"
 * goes. The rest stays exactly as written, as encode keeps it: key order,
 * numbers beyond float64, escapes and duplicate members, which JSON.parse
 * and JSON.stringify would lose. Text that is not a JSON object becomes
 * {"typ": "JWT", …}.
 */
export function withAlgKid(text, alg, kid) {
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: start afresh below
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) text = '{"typ":"JWT"}';
  const wanted = new Map([["alg", alg], ["kid", kid || null]]);
  const seen = new Set();
  const out = [];
  for (const m of members(text)) {
    if (!wanted.has(m.name)) {
      out.push(text.slice(m.start, m.end));
      continue;
    }
    seen.add(m.name);
    const value = wanted.get(m.name);
    if (value !== null) out.push(text.slice(m.start, m.valueStart) + JSON.stringify(value));
  }
  for (const [name, value] of wanted) if (value !== null && !seen.has(name)) out.push(`${JSON.stringify(name)}:${JSON.stringify(value)}`);
  return pretty(`{${out.join(",")}}`);
}

/** offerIssuer shows the discovery button for an iss the page would fetch from (keyURLProblem). */
function offerIssuer(els, iss) {
  const ok = typeof iss === "string" && keyURLProblem(iss, "issuer") === "";
  els.fetchIssuer.hidden = !ok;
  if (ok) els.fetchIssuer.textContent = `Fetch keys from the issuer ${iss}`;
}

/** offerCarriedKeys offers the keys a token's header carries: jwk, x5c, jku, x5u. */
function offerCarriedKeys(els, hooks, header) {
  const buttons = [];
  const add = (label, testid, run) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.dataset.testid = testid;
    b.addEventListener("click", run);
    buttons.push(b);
  };
  if (header && typeof header === "object") {
    if (header.jwk && typeof header.jwk === "object") {
      add("Use the header's jwk", "use-jwk", () => hooks.setKey(JSON.stringify(header.jwk, null, 2), "utf8", { origin: "token", detail: "jwk" }));
    }
    if (Array.isArray(header.x5c) && typeof header.x5c[0] === "string") {
      add("Use the x5c certificate", "use-x5c", () => hooks.setKey(certificatePEM(header.x5c[0]), "utf8", { origin: "token", detail: "x5c" }));
    }
    if (typeof header.jku === "string") {
      add("Fetch the jku key set", "fetch-jku", () => fetchInto(els, hooks, `the jku ${header.jku}`, fetchJWKS(header.jku), { origin: "token", detail: `jku ${header.jku}` }));
    }
    if (typeof header.x5u === "string") {
      add("Fetch the x5u certificate", "fetch-x5u", () => fetchX5U(els, hooks, header.x5u));
    }
  }
  els.carriedButtons.replaceChildren(...buttons);
  els.carried.hidden = buttons.length === 0;
}

/** certificatePEM wraps an x5c entry (base64 DER, RFC 7515 4.1.6) as PEM. */
function certificatePEM(der) {
  const lines = der.replace(/\s+/g, "").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/**
 * startFetch says that what is being fetched and returns a function that
 * tells whether its answer is still wanted: not once another fetch
 * started, or the token or key changed (clearStatus).
 */
function startFetch(els, what) {
  const asked = ++els.seq.fetch;
  showError(els.fetchError, "");
  setStatusLine(els, els.fetchStatus, `Fetching ${what}…`);
  return () => asked === els.seq.fetch;
}

/** fetchFailed says why a fetch failed, if its answer is still wanted. */
function fetchFailed(els, wanted, message) {
  if (!wanted()) return;
  els.fetchStatus.textContent = "";
  showError(els.fetchError, message);
  els.about = els.statusFor();
}

/** fetchInto awaits a fetchJWKS or discover call and puts the key set, from origin, in the box. */
async function fetchInto(els, hooks, what, promise, origin) {
  const wanted = startFetch(els, what);
  const res = await promise;
  if (!wanted()) return;
  if (!res.ok) {
    fetchFailed(els, wanted, res.error.message);
    return;
  }
  const n = res.jwks.keys.length;
  const where = res.jwksUri ? ` from ${res.jwksUri}` : "";
  await hooks.setKey(JSON.stringify(res.jwks, null, 2), "utf8", origin);
  setStatusLine(els, els.fetchStatus, `Fetched ${n} key${n === 1 ? "" : "s"}${where}; the token's kid picks the key.`);
}

/**
 * keyURLProblem says why the page will not fetch a key URL (a jku, an x5u,
 * a JWKS URL), or "": one rule for all of them, the core's for jku and
 * JWKS URLs (wasm/jwks checkURL) and the page's CSP's: https, and http only
 * on this machine (localhost and 127.0.0.1), since keys fetched in the
 * clear could be swapped on the way.
 */
export function keyURLProblem(raw, what) {
  let u;
  try {
    u = new URL(raw.trim());
  } catch {
    return `the ${what} ${raw} is not an absolute URL`;
  }
  if (u.protocol === "https:" || (u.protocol === "http:" && ["localhost", "127.0.0.1"].includes(u.hostname))) return "";
  return `the ${what} ${raw} must use https (http is allowed only for localhost and 127.0.0.1)`;
}

/** fetchX5U fetches a PEM certificate chain (RFC 7515 4.1.5) named by the token. */
async function fetchX5U(els, hooks, url) {
  const wanted = startFetch(els, `the x5u ${url}`);
  const problem = keyURLProblem(url, "x5u");
  if (problem) {
    fetchFailed(els, wanted, problem);
    return;
  }
  let text;
  try {
    const resp = await fetch(new URL(url.trim()), { credentials: "omit", referrerPolicy: "no-referrer" });
    if (!resp.ok) throw new Error(`${url} answered HTTP ${resp.status}`);
    text = await resp.text();
    if (!text.includes("-----BEGIN CERTIFICATE-----")) throw new Error(`${url} did not answer with a PEM certificate`);
  } catch (err) {
    fetchFailed(els, wanted, err instanceof TypeError ? `could not fetch ${url}: the network failed, or the server does not allow this page to read it (CORS)` : err.message);
    return;
  }
  if (!wanted()) return;
  await hooks.setKey(text, "utf8", { origin: "token", detail: `x5u ${url}` });
  setStatusLine(els, els.fetchStatus, `Fetched the certificate chain from ${url}.`);
}
