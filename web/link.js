// Reading the links the playground opens: its own (#token=…&key=…), OAuth
// redirects (#id_token=…&access_token=…, ?token=) and jwt.io's classic
// debugger links (#debugger-io?token=…&publicKey=…). A pure module, so
// node tests it as it is; share.js applies it to the address.

/** The fragment and query names jwt.io and OAuth redirects use for a token. */
export const tokenNames = ["token", "id_token", "access_token"];

// The fragment prefix of jwt.io's classic debugger links.
const classicPrefix = /^debugger(?:-io)?\?/;

/**
 * parseLink reads what a link carries, from its fragment (without "#") and
 * its query (with or without "?"): {tokens: [{name, token}], token, key,
 * encoding, jwksURL, compare, fromQuery, classic, error}. compare is the
 * token to compare with (#token=…&compare=…), or null. token is the first of
 * tokens; a link with several (an OAuth redirect with an id_token and an
 * access_token) lets the user pick. error is "" or why the link cannot be
 * opened: then token and key are null, and the page says so rather than
 * silently showing something else.
 */
export function parseLink(hash, search) {
  hash = hash.replace(/^#/, "");
  const out = { tokens: [], token: null, key: null, encoding: null, jwksURL: null, compare: null, fromQuery: false, classic: false, error: "" };
  let params;
  if (classicPrefix.test(hash)) {
    out.classic = true;
    try {
      params = classicParams(hash.slice(hash.indexOf("?") + 1));
    } catch (err) {
      return { ...out, error: `This jwt.io link cannot be read: ${err.message}.` };
    }
    out.key = params.get("publicKey");
  } else {
    params = new URLSearchParams(hash);
    out.key = params.get("key");
    out.encoding = params.get("enc");
    out.jwksURL = params.get("jwks");
    out.compare = params.get("compare");
  }
  const refuse = (error) => ({ ...out, key: null, encoding: null, jwksURL: null, compare: null, error });
  // Of a name given twice neither value is safe to pick: refused, as for
  // the token.
  const twice = ["key", "enc", "jwks", "publicKey", "compare"].find((n) => new Set(params.getAll(n)).size > 1);
  if (twice) return refuse(`The link gives ${twice}= twice, with different values: it is not opened, as either could be meant.`);
  let tokens = pickTokens(params);
  if (typeof tokens === "string") return refuse(tokens);
  if (tokens.length === 0 && !out.classic) {
    tokens = pickTokens(new URLSearchParams(search));
    if (typeof tokens === "string") return refuse(tokens);
    out.fromQuery = tokens.length > 0;
  }
  out.tokens = tokens;
  out.token = tokens[0]?.token ?? null;
  if (!out.token && hash !== "") {
    const what = out.classic ? "This jwt.io link (#debugger-io) carries no token" : `The link's fragment (#${clip(hash)}) holds no token this page can read`;
    return refuse(`${what}: it opens #token=…, #id_token=…, #access_token=… and jwt.io's #debugger-io?token=….`);
  }
  return out;
}

/**
 * pickTokens returns the tokens of params, [{name, token}] in the order of
 * tokenNames, or a string saying why they cannot be read: a name given
 * twice with different tokens is refused, as no one reading is safe.
 */
function pickTokens(params) {
  const tokens = [];
  for (const name of tokenNames) {
    const all = params.getAll(name);
    if (all.length === 0) continue;
    if (all.some((v) => v !== all[0])) return `The link gives ${name}= ${all.length} times, with different tokens: it is not opened, as either could be meant.`;
    if (all[0].trim() === "") return `The link's ${name}= is empty: there is no token to open.`;
    tokens.push({ name, token: all[0] });
  }
  return tokens;
}

/**
 * classicParams reads the query of a classic jwt.io link. jwt.io wrote
 * its values with encodeURIComponent, so "+" is a plus (as in a PEM's
 * base64) and not a space, except in PEM armour ("BEGIN+PUBLIC+KEY"),
 * where only a space can be meant. It throws on a malformed %-escape.
 */
function classicParams(query) {
  const params = new URLSearchParams();
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), "a parameter name");
    let value = eq < 0 ? "" : decode(pair.slice(eq + 1), name);
    value = value.replace(/-----(BEGIN|END)\+([A-Z0-9+]{1,40})-----/g, (m) => m.replaceAll("+", " "));
    params.append(name, value);
  }
  return params;
}

function decode(text, what) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`${what} holds a malformed %-escape`);
  }
}

/**
 * hashWithoutKey returns the fragment (with "#", or "" for none) to put in
 * the address once the page has read the key a link carried, or null when
 * there is nothing to remove. A classic link becomes the page's own form,
 * #token=…, without its publicKey.
 */
export function hashWithoutKey(hash) {
  hash = hash.replace(/^#/, "");
  if (classicPrefix.test(hash)) {
    const link = parseLink(hash, "");
    if (!link.token) return "";
    const params = new URLSearchParams();
    params.set("token", link.token);
    return `#${params}`;
  }
  const params = new URLSearchParams(hash);
  if (!params.has("key") && !params.has("enc")) return null;
  params.delete("key");
  params.delete("enc");
  return params.size ? `#${params}` : "";
}

/** clip shortens text for a message. */
function clip(text) {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
