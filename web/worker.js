// The key worker: a second instance of the token core, off the page's
// thread, for work that takes longer than a frame (RSA key generation).
// The page sends the compiled module first, then calls by name.
import { start } from "./core.js";

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.module) {
    ready = start(data.module);
    return;
  }
  let result;
  try {
    const api = await ready;
    result = await api[data.fn](...data.args);
  } catch (err) {
    result = { ok: false, error: { code: "internal", message: `the key worker failed: ${err.message}` } };
  }
  self.postMessage({ id: data.id, result });
};
