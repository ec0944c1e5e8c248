// The first screen, before the token engine: the sample token, signed
// with HMAC-SHA-256 by a secret made at random for this visit, its
// decoded header and payload, its claims explained and its timeline, the
// secret in the key box with its summary, the security checks "checking…"
// and a verdict "checking…", all drawn at once into boxes index.html sized
// for them. The engine (a worker compiling 9 MB of wasm) then checks it in
// place, and nothing moves. A tiny module with no engine in it, so that the
// first paint never waits for the wasm.
import { pretty } from "./json.js";
import { parseLink } from "./link.js";
import { hmacSHA256 } from "./learn/sha256.js";
import { LARGE, renderToken } from "./render.js";
import { panelElements, renderClaims, renderLintPending, renderTimeline, summary } from "./views.js";

/** SAMPLE_HEADER is the sample's header, exactly as signed. */
const SAMPLE_HEADER = '{"alg":"HS256","typ":"JWT"}';

const encoder = new TextEncoder();

/**
 * makeSample signs a fresh sample token for the time now (ms), at once:
 * {token, secret, header, payload}, header and payload as signed. The HMAC
 * is learn/sha256.js's, synchronous, so that the whole first screen is
 * drawn in one go before the browser paints anything (WebCrypto's would
 * be a promise, and the page painted without the sample in between would
 * then shift), and in an insecure context too.
 */
export function makeSample(now = Date.now()) {
  const t = Math.floor(now / 1000);
  const payload = `{"sub":"1234567890","name":"Ada Lovelace","admin":true,"iat":${t},"exp":${t + 3600}}`;
  const secret = sampleSecret();
  const input = `${base64url(encoder.encode(SAMPLE_HEADER))}.${base64url(encoder.encode(payload))}`;
  const mac = hmacSHA256(encoder.encode(input))(encoder.encode(secret));
  return { token: `${input}.${base64url(mac)}`, secret, header: SAMPLE_HEADER, payload };
}

/**
 * sampleSecret makes the sample's secret, fresh on each visit: 30 random
 * bytes as 40 characters of base64url text, longer than HS256's 32-byte
 * minimum. A secret printed in the page's source would be a well-known one,
 * which the security checks rightly call a HIGH risk, greeting every
 * visitor with an alarm about the page's own sample.
 */
function sampleSecret() {
  return base64url(crypto.getRandomValues(new Uint8Array(30)));
}

/**
 * MEANINGS is what the core's explain says of the sample's claims: kind,
 * description and source. web/test/sample.test.mjs holds it to the core's
 * own words, so the rows drawn here are the ones the engine draws over them.
 */
const MEANINGS = {
  sub: ["registered", "Subject: whom the token is about, usually a user id, unique within the issuer.", "RFC 7519 §4.1.2"],
  name: ["public", "The user's full name.", "OpenID Connect Core §5.1"],
  admin: ["private", "A private claim: not registered anywhere, its meaning is agreed between the issuer and the consumers of the token."],
  iat: ["registered", "Issued at: when the token was created.", "RFC 7519 §4.1.6"],
  exp: ["registered", "Expiration time: the token must not be accepted on or after this time.", "RFC 7519 §4.1.4"],
};

/**
 * sampleClaims explains the sample's payload as the core's explain does,
 * at now (seconds since 1970): the entries of the claims table.
 */
export function sampleClaims(payload, now) {
  return Object.entries(JSON.parse(payload)).map(([name, value]) => {
    const [kind, description, source] = MEANINGS[name];
    const e = { name, value, raw: JSON.stringify(value), kind, description };
    if (source) e.source = source;
    if (name === "iat" || name === "exp") e.time = timeOf(value, now);
    return e;
  });
}

/** timeOf is the core's description of a NumericDate (wasm/numdate). */
function timeOf(unix, now) {
  const iso = new Date(unix * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  return { unix, utc: `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`, iso, relative: relative(unix - now) };
}

/** relative is numdate.Relative for the finite deltas a sample has. */
function relative(delta) {
  const abs = Math.abs(delta);
  if (abs < 1) return "just now";
  const [name, secs] = [["year", 365.25 * 86400], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]].find(([, secs]) => abs >= secs);
  const n = Math.floor(abs / secs);
  const phrase = `${n} ${name}${n === 1 ? "" : "s"}`;
  return delta < 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** sampleKeySummary is the key panel's line for the sample's secret. */
export function sampleKeySummary(secret) {
  return summary({ kind: "secret", bits: encoder.encode(secret).length * 8, algs: ["HS256", "HS384", "HS512"] });
}

function base64url(bytes) {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * firstScreen resolves to {sample}: the sample drawn on the first screen,
 * or null when the address carries a token to open instead (app.js opens
 * it once the engine runs). It is drawn as this module runs, synchronously.
 */
export const firstScreen = new Promise((resolve) => resolve(draw()));

function draw() {
  if (typeof document === "undefined") return { sample: null }; // under node, for tests
  const $ = (id) => document.getElementById(id);
  const token = $("token-input");
  const editor = token?.parentElement;
  if (!editor) return { sample: null };
  // Until the engine reads it, the coloured copy follows what is typed, as
  // app.js's echo does: switching the box to its own text would move the
  // text and make the browser re-layer and re-raster the whole page,
  // while the engine's compiling takes the machine (a slow keystroke).
  // A huge text shows as it is, as app.js shows it.
  const view = editor.querySelector(".token-view");
  const show = () => {
    const large = token.value.length > LARGE;
    editor.classList.toggle("plain", large);
    renderToken(view, large ? "" : token.value);
  };
  token.addEventListener("input", () => document.documentElement.dataset.ready !== "true" && show());
  let link = {};
  try {
    link = parseLink(location.hash, location.search);
  } catch {
    // A link app.js cannot read either: it says so, over the sample.
  }
  const sample = link.token ? null : makeSample();
  // Something typed or pasted before this module ran is the person's
  // own: the sample does not replace it.
  if (!sample || token.value !== "") {
    show();
    return { sample: null };
  }
  token.value = sample.token;
  renderToken(view, sample.token);
  $("header-json").value = pretty(sample.header);
  $("payload-json").value = pretty(sample.payload);
  if ($("key-input").value === "") {
    $("key-input").value = sample.secret;
    $("key-info").textContent = sampleKeySummary(sample.secret);
    $("key-info").hidden = false;
  }
  const now = Date.now() / 1000;
  const panels = panelElements();
  const claims = sampleClaims(sample.payload, now);
  renderClaims(panels, claims);
  renderTimeline(panels, claims, now, 0);
  renderLintPending(panels);
  return { sample };
}
