// The first screen, before the token engine: the sample token, signed by
// WebCrypto's HMAC with a secret made at random for this visit, its
// decoded header and payload, the secret in the key box and a verdict
// "checking…", all drawn at once into boxes index.html sized for them. The
// engine (a worker compiling 9 MB of wasm) then checks it in place, and
// nothing moves. A tiny module with no engine in it, so that the first
// paint never waits for the wasm.
import { pretty } from "./json.js";
import { parseLink } from "./link.js";
import { renderToken } from "./render.js";

/** SAMPLE_HEADER is the sample's header, exactly as signed. */
export const SAMPLE_HEADER = '{"alg":"HS256","typ":"JWT"}';

const encoder = new TextEncoder();

/**
 * makeSample signs a fresh sample token for the time now (ms): a promise
 * of {token, secret, header, payload}, header and payload as signed, or of
 * null where WebCrypto is missing (an insecure context); the engine then
 * signs it.
 */
export async function makeSample(now = Date.now()) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const t = Math.floor(now / 1000);
  const payload = `{"sub":"1234567890","name":"Ada Lovelace","admin":true,"iat":${t},"exp":${t + 3600}}`;
  const secret = sampleSecret();
  const input = `${base64url(encoder.encode(SAMPLE_HEADER))}.${base64url(encoder.encode(payload))}`;
  try {
    const key = await subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = await subtle.sign("HMAC", key, encoder.encode(input));
    return { token: `${input}.${base64url(new Uint8Array(mac))}`, secret, header: SAMPLE_HEADER, payload };
  } catch {
    return null;
  }
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

function base64url(bytes) {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * firstScreen resolves to {sample}: the sample drawn on the first screen,
 * or null when the address carries a token to open instead (app.js opens
 * it once the engine runs) or WebCrypto could not sign one.
 */
export const firstScreen = draw();

async function draw() {
  const $ = (id) => document.getElementById(id);
  const token = $("token-input");
  const editor = token?.parentElement;
  if (!editor) return { sample: null };
  // Until the engine reads it, the box shows its own text: the coloured
  // copy would not follow what is typed.
  const plain = () => editor.classList.add("plain");
  token.addEventListener("input", () => document.documentElement.dataset.ready !== "true" && plain());
  let link = {};
  try {
    link = parseLink(location.hash, location.search);
  } catch {
    // A link app.js cannot read either: it says so, over the sample.
  }
  const sample = link.token ? null : await makeSample();
  // Something typed or pasted before the sample was signed is the
  // person's own: the sample does not replace it.
  if (!sample || token.value !== "") {
    plain();
    return { sample: null };
  }
  token.value = sample.token;
  renderToken(editor.querySelector(".token-view"), sample.token);
  $("header-json").value = pretty(sample.header);
  $("payload-json").value = pretty(sample.payload);
  if ($("key-input").value === "") $("key-input").value = sample.secret;
  return { sample };
}
