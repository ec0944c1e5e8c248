// The difference between two decoded tokens: header parameters and claims
// added, removed and changed, and times as dates and as the time between
// them. A pure module, so node tests it as it is; compare.js shows it.

/** TIME_CLAIMS are the claims that hold NumericDates (RFC 7519 §2, OpenID Connect). */
export const TIME_CLAIMS = new Set(["exp", "nbf", "iat", "auth_time", "updated_at"]);

/**
 * members parses JSON text into an object's members, or null when the text
 * is not a JSON object. Of duplicate members the last counts, as in the core
 * and JSON.parse.
 */
export function members(text) {
  try {
    const v = JSON.parse(text ?? "");
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * diffMembers compares two objects member by member: [{name, change,
 * before, after, time?}], change being "added", "removed", "changed" or
 * "same", in the first object's order, then the names only the second has.
 * before and after are JSON text (undefined where absent). time, for a
 * NumericDate claim that is a number on both sides or either, is
 * {before, after, delta}: ISO dates and after − before in words.
 */
export function diffMembers(a, b, times = new Set()) {
  a ??= {};
  b ??= {};
  const names = [...Object.keys(a), ...Object.keys(b).filter((n) => !Object.hasOwn(a, n))];
  return names.map((name) => {
    const inA = Object.hasOwn(a, name);
    const inB = Object.hasOwn(b, name);
    const before = inA ? JSON.stringify(a[name]) : undefined;
    const after = inB ? JSON.stringify(b[name]) : undefined;
    const change = !inA ? "added" : !inB ? "removed" : before === after ? "same" : "changed";
    const row = { name, change, before, after };
    if (times.has(name)) {
      const t = timeDiff(inA ? a[name] : undefined, inB ? b[name] : undefined);
      if (t) row.time = t;
    }
    return row;
  });
}

/**
 * diffTokens compares two of the core's decode results: {header, claims,
 * notes}. notes say what could not be compared (a part that is not a JSON
 * object), so an empty diff is never claimed for parts that were not read.
 */
export function diffTokens(da, db) {
  const notes = [];
  const part = (name, textA, textB) => {
    const a = members(textA);
    const b = members(textB);
    if (!a) notes.push(`The first token's ${name} is not a JSON object.`);
    if (!b) notes.push(`The second token's ${name} is not a JSON object.`);
    return [a, b];
  };
  const [ha, hb] = part("header", da?.headerText, db?.headerText);
  const [pa, pb] = part("payload", da?.payloadText, db?.payloadText);
  return { header: diffMembers(ha, hb), claims: diffMembers(pa, pb, TIME_CLAIMS), notes };
}

/** isDate reports whether v is a NumericDate a Date can hold. */
function isDate(v) {
  return typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= 8.64e12;
}

/** timeDiff is {before, after, delta} for two NumericDates, or null when neither is one. */
export function timeDiff(a, b) {
  if (!isDate(a) && !isDate(b)) return null;
  const iso = (v) => (isDate(v) ? new Date(v * 1000).toISOString() : undefined);
  return { before: iso(a), after: iso(b), delta: isDate(a) && isDate(b) ? formatDelta(b - a) : undefined };
}

const UNITS = [
  ["d", 86400],
  ["h", 3600],
  ["min", 60],
  ["s", 1],
];

/** formatDelta says a number of seconds in words: "+1 h", "−1 d 2 h", "0 s". At most two units. */
export function formatDelta(seconds) {
  if (seconds === 0) return "0 s";
  let rest = Math.abs(seconds);
  const words = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0 && words.length < 2) {
      words.push(`${n} ${unit}`);
      rest -= n * size;
    } else if (words.length > 0) break; // "1 d 5 s" would skip the hours between
  }
  if (words.length === 0) words.push(`${Math.abs(seconds)} s`); // a fraction of a second
  return (seconds > 0 ? "+" : "−") + words.join(" ");
}
