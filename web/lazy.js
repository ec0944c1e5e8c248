// A decode answer's payload, parsed only when read. A payload can be a
// megabyte of JSON 64 deep that V8 takes 100 ms to parse, while the page
// shows payloadText and reads only payloadJSON and iss: who needs the value
// pays for it. core.js answers so; the engine worker sends such an answer
// without the value (a structured clone would parse it in the worker and
// rebuild it on the page's thread), and jwt.js makes it lazy again.

/**
 * lazy makes d[name] a value computed on first read. The property stays
 * enumerable, so copies (spread, JSON.stringify) see the value as if it had
 * been there all along.
 */
export function lazy(d, name, compute) {
  const settle = (value) => Object.defineProperty(d, name, { value, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(d, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
}

/** isLazy says whether d[name] is a lazy value not read yet. */
export const isLazy = (d, name) => d !== null && typeof d === "object" && typeof Object.getOwnPropertyDescriptor(d, name)?.get === "function";

/**
 * forTransfer returns d as it can cross to another thread without its lazy
 * payload being parsed: the payload left out and lazyPayload set, for
 * fromTransfer to make lazy again. Anything else is returned as it is.
 */
export function forTransfer(d) {
  if (!isLazy(d, "payload")) return d;
  const out = { lazyPayload: true };
  for (const k of Object.keys(d)) if (k !== "payload") out[k] = d[k];
  return out;
}

/** fromTransfer undoes forTransfer: the payload parsed from payloadText on its first read. */
export function fromTransfer(d) {
  if (d === null || typeof d !== "object" || d.lazyPayload !== true) return d;
  delete d.lazyPayload;
  lazy(d, "payload", () => JSON.parse(d.payloadText));
  return d;
}
