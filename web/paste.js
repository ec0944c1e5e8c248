// Finding a token in whatever was pasted: an Authorization, Cookie or
// Set-Cookie line, a URL, a JSON body, a curl command, a raw HTTP request;
// and a JWS in the JSON serialization (RFC 7515 §7.2), as ACME sends one,
// in the body of an HTTP request or a curl command.
// A pure module (no DOM, no core), so node tests it as it is.
//
// The finder is exact and bounded: one pass over the text, a text over the
// token's size limit is not searched, and a candidate counts only when its
// header decodes to a JSON object with "alg". It never cuts a token short:
// a candidate must stand between delimiters that cannot belong to a token,
// so a broken token (a "+" or "/" in it) is never read as the part before
// the bad character.

/**
 * MAX_TEXT is the most text searched, in UTF-16 code units: the core's
 * limit for a token (1 MiB), so text over it is left to the core's error.
 */
export const MAX_TEXT = 1 << 20;

/** MAX_FOUND bounds the tokens reported, and so the buttons that offer them. */
export const MAX_FOUND = 20;

// The characters of a compact token: base64url, the dots between its
// parts, and "~", which joins an SD-JWT to its disclosures.
const tokenChar = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~") tokenChar[c.charCodeAt(0)] = 1;

// What may come right after a token, by what comes right before it: a
// quote closes what it opened, a parameter ends at "&", and a token at
// the very start of the text must end at white space or the end. So a
// broken token ("h.p.si<g", "h.p.si+g") is never read as its part before
// the bad character: the core explains it instead. "=" after a token
// would be base64 padding, and "/" or "+" either side standard base64.
const WS = " \t\r\n";
const closers = {
  "": WS,
  " ": `${WS}"',;`,
  '"': '"\\',
  "'": "'",
  "`": "`",
  "(": ")",
  "[": "]",
  "{": "}",
  "<": ">",
  ">": `<${WS}`,
  "=": `${WS}&;,#"'`,
  ":": `${WS},;`,
  ",": `${WS},;&`,
  ";": `${WS};,&`,
  "&": `${WS}&#;`,
  "?": `${WS}&#`,
  "#": `${WS}&`,
  "|": `${WS}|`,
};
for (const c of "\t\r\n") closers[c] = closers[" "];

/** bounded reports whether the run text[i:j] stands between delimiters that pair. */
function bounded(text, i, j) {
  const allowed = closers[i === 0 ? "" : text[i - 1]];
  return allowed !== undefined && (j === text.length || allowed.includes(text[j]));
}

const isTokenChar = (code) => code < 128 && tokenChar[code] === 1;

/**
 * findTokens returns the tokens in text, in order, each once:
 * [{token, name, where, start, end}]. name is what the text calls it (the
 * JSON member, the parameter, the cookie, "Bearer token"), where says in
 * which part of the text it was found ("in the JSON body"). Text over
 * MAX_TEXT is not searched.
 */
export function findTokens(text) {
  if (typeof text !== "string" || text.length > MAX_TEXT) return [];
  // A JWS JSON is kept whole: the core reads it, or says why it cannot,
  // rather than a compact token cut out of its members.
  if (looksLikeJWSJSON(text)) return [];
  const kind = textKind(text);
  const body = jwsJSONBody(text, kind);
  const found = body ? [body] : [];
  const seen = new Set();
  for (let i = 0; i < text.length && found.length < MAX_FOUND; ) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isTokenChar(text.charCodeAt(j))) j++;
    const run = text.slice(i, j);
    if (bounded(text, i, j) && !seen.has(run) && looksLikeToken(run)) {
      seen.add(run);
      found.push({ token: run, ...describe(text, i, kind), start: i, end: j });
    }
    i = j;
  }
  return found;
}

/**
 * looksLikeToken reports whether run is a compact JWS (three parts) or JWE
 * (five), possibly followed by SD-JWT disclosures after "~", whose header
 * decodes to a JSON object with "alg".
 */
export function looksLikeToken(run) {
  const tilde = run.indexOf("~");
  const jws = tilde < 0 ? run : run.slice(0, tilde);
  const parts = jws.split(".");
  if (parts.length !== 3 && parts.length !== 5) return false;
  // Only the signature of an unsecured JWS, or a JWE's encrypted key
  // (alg "dir"), may be empty.
  const required = parts.length === 3 ? [0, 1] : [0, 2, 3, 4];
  if (required.some((i) => parts[i] === "")) return false;
  if (tilde >= 0 && parts.length !== 3) return false;
  const header = jsonObject(parts[0]);
  return header !== null && Object.hasOwn(header, "alg");
}

/**
 * looksLikeJWSJSON reports whether text is a JWS in the JSON serialization
 * (RFC 7515 §7.2): a JSON object with a string "payload" and a
 * "signatures" array (the general form) or a string "signature" (the
 * flattened form). Whether it verifies, or breaks a rule of §7.2, is the
 * core's to say.
 */
export function looksLikeJWSJSON(text) {
  if (typeof text !== "string" || text.length > MAX_TEXT || !/^\s*\{/.test(text)) return false;
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return false;
  }
  return v !== null && typeof v === "object" && typeof v.payload === "string" && (Array.isArray(v.signatures) || typeof v.signature === "string");
}

/**
 * jwsJSONBody finds a JWS JSON that is the body of a raw HTTP request or
 * response (after the blank line), or the single-quoted data of a curl
 * command (-d, --data, --data-raw, --data-binary, --json), as a found
 * entry, or returns null.
 */
function jwsJSONBody(text, kind) {
  let start = -1;
  let raw = "";
  if (kind === "request" || kind === "response") {
    const gap = /\r?\n\r?\n/.exec(text);
    if (gap) {
      start = gap.index + gap[0].length;
      raw = text.slice(start);
    }
  } else if (kind === "curl") {
    const data = /(?:^|\s)(?:-d|--data|--data-raw|--data-binary|--json)\s*'([^']*)'/.exec(text);
    if (data) {
      raw = data[1];
      start = data.index + data[0].length - raw.length - 1;
    }
  }
  if (start < 0 || !looksLikeJWSJSON(raw)) return null;
  const lead = raw.length - raw.trimStart().length;
  const token = raw.trim();
  const where = kind === "curl" ? "in the data of the curl command" : `in the body of ${kindWords[kind]}`;
  return { token, name: "JWS JSON", where, start: start + lead, end: start + lead + token.length };
}

/** jsonObject decodes a base64url part as a UTF-8 JSON object, or returns null. */
function jsonObject(part) {
  if (part.length % 4 === 1) return null;
  try {
    const bin = atob(part.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const v = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * textKind says what the whole text is, from its start: "curl", "request"
 * (raw HTTP), "response", "json", "url" or "" (anything else).
 */
function textKind(text) {
  const head = text.slice(0, 200).trimStart();
  if (/^curl\s/.test(head)) return "curl";
  if (/^[A-Z]+ \S+ HTTP\/\d/.test(head)) return "request";
  if (/^HTTP\/\d(\.\d)? \d{3}/.test(head)) return "response";
  if (/^[{[]/.test(head)) return "json";
  if (/^[a-z][a-z0-9+.-]*:\/\/\S/i.test(head)) return "url";
  return "";
}

const kindWords = {
  curl: "the curl command",
  request: "the HTTP request",
  response: "the HTTP response",
  json: "the JSON body",
  url: "the URL",
  "": "the pasted text",
};

// LOOK_BACK bounds how far back from a token its name is looked for, so
// that the whole search stays linear in the text.
const LOOK_BACK = 200;

/** describe names the token at start and says where it is: {name, where}. */
function describe(text, start, kind) {
  const from = Math.max(0, text.lastIndexOf("\n", start - 1) + 1, start - LOOK_BACK);
  const line = text.slice(from, start);
  const inKind = kindWords[kind];
  // A header line, alone or in a request, a response or a curl -H: the
  // last header name on the line is the one the token belongs to.
  let header = null;
  for (const m of line.matchAll(/(?:^|["'\s])(authorization|set-cookie|cookie)\s*:\s*/gi)) header = m;
  if (header) {
    const field = header[1].toLowerCase();
    const rest = line.slice(header.index + header[0].length);
    const of = kind ? ` of ${inKind}` : "";
    if (field === "authorization") {
      return { name: /^bearer\s+$/i.test(rest) ? "Bearer token" : "token", where: `in the Authorization header${of}` };
    }
    const cookie = /([^\s=;,]+)=$/.exec(rest);
    const which = field === "cookie" ? "Cookie" : "Set-Cookie";
    return { name: cookie ? `${cookie[1]} cookie` : "cookie", where: `in the ${which} header${of}` };
  }
  // A JSON member: "name": "token".
  const member = /"((?:[^"\\]|\\.){1,100})"\s*:\s*"$/.exec(line);
  if (member) return { name: member[1], where: kind === "json" ? "in the JSON body" : `in the JSON in ${inKind}` };
  // A parameter of a URL or a form: name=token.
  const param = /([A-Za-z0-9_.\-[\]]{1,100})=$/.exec(line);
  if (param) {
    const where = kind !== "url" ? `in a parameter in ${inKind}` : line.includes("#") ? "in the URL's fragment" : "in the URL's query";
    return { name: param[1], where };
  }
  if (/bearer\s+$/i.test(line)) return { name: "Bearer token", where: `in ${inKind}` };
  return { name: "token", where: `in ${inKind}` };
}

/**
 * foundLine is the sentence the page shows for the chosen token: "Found
 * the id_token in the JSON body (2 tokens found: id_token, access_token)".
 */
export function foundLine(found, chosen = 0) {
  const t = found[chosen];
  if (!t) return "";
  const all = found.length > 1 ? ` (${found.length} tokens found: ${found.map((f) => f.name).join(", ")})` : "";
  return `Found the ${t.name} ${t.where}${all}.`;
}

/**
 * holdsOtherThanToken reports whether text is more than the one token
 * found in it, so that replacing it with the token loses nothing the
 * core would read: white space and a "Bearer " prefix, which the core
 * drops itself, do not count.
 */
export function holdsOtherThanToken(text, found) {
  if (found.length !== 1) return found.length > 1;
  const bare = text.trim().replace(/^bearer\s+/i, "");
  return bare !== found[0].token;
}
