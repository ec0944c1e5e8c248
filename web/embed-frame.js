// embed.html, the iframe form: the fragment configures the element
// (#token=…&mode=decode|verify|encode&theme=light|dark|auto&readonly, and
// audience= and nonce= for an SD-JWT's key binding), and
// the frame tells its parent its height so the iframe can fit its content.
import "./embed.js";

const el = document.querySelector("jwt-playground");

function configure() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const name of ["token", "mode", "theme", "key", "audience", "nonce"]) {
    const v = params.get(name);
    if (v === null) el.removeAttribute(name);
    else el.setAttribute(name, v);
  }
  el.toggleAttribute("readonly", params.has("readonly") && params.get("readonly") !== "false");
  document.documentElement.dataset.theme = params.get("theme") ?? "auto";
}

configure();
window.addEventListener("hashchange", configure);

// Tell the parent the height on every change of size, and on request.
const tell = () => parent.postMessage({ type: "jwt-playground:height", height: document.documentElement.scrollHeight }, "*");
new ResizeObserver(tell).observe(document.documentElement);
window.addEventListener("message", (e) => e.data?.type === "jwt-playground:measure" && tell());
