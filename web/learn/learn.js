// The Learn page: starts the token core, shows the lesson the address names
// (#three-parts … #in-apps, so each lesson can be linked), and keeps the
// learner's progress: the numbers of the finished lessons, in localStorage,
// never a token or a key.
import { ready, version } from "../local.js";
import { $ } from "./bench.js";
import { initLessons } from "./lessons.js";
import { initLab } from "./lab.js";
import { registerServiceWorker } from "../offline.js";

const storageKey = "jwt-playground:learn-progress";
const lessons = [...document.querySelectorAll("section.lesson")];
const links = [...document.querySelectorAll("#toc a")];

/** progress returns the set of finished lesson numbers. */
function progress() {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey) ?? "[]");
    return new Set(Array.isArray(v) ? v.filter((n) => Number.isInteger(n) && n >= 1 && n <= lessons.length) : []);
  } catch {
    // Storage may be off (a private window) or hold something else.
    return new Set();
  }
}

function saveProgress(set) {
  try {
    localStorage.setItem(storageKey, JSON.stringify([...set].sort()));
  } catch {
    // Progress is a convenience: the lessons work without it.
  }
}

/** markDone records lesson n as finished. */
function markDone(n) {
  const set = progress();
  set.add(n);
  saveProgress(set);
  renderProgress();
}

function renderProgress() {
  const set = progress();
  for (const a of links) {
    const done = set.has(Number(a.dataset.lesson));
    a.classList.toggle("done", done);
    if (done) a.setAttribute("aria-description", "done");
    else a.removeAttribute("aria-description");
  }
  $("progress").textContent = `${set.size} of ${lessons.length} done`;
}

let engineReady = false;
let labStarted = false;

// startLab sets up the attack lab the first time it is shown: it generates
// two RSA key pairs, work not worth doing for a learner who never opens it.
function startLab(lesson) {
  if (!engineReady || labStarted || lesson.id !== "attacks") return;
  labStarted = true;
  initLab(markDone);
}

/** show displays the lesson the fragment names, or the first. */
function show() {
  const id = decodeURIComponent(location.hash.slice(1));
  const i = Math.max(0, lessons.findIndex((s) => s.id === id));
  lessons.forEach((s, j) => (s.hidden = j !== i));
  for (const a of links) {
    if (a.getAttribute("href") === `#${lessons[i].id}`) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const prev = $("prev-lesson");
  const next = $("next-lesson");
  prev.hidden = i === 0;
  next.hidden = i === lessons.length - 1;
  if (i > 0) prev.href = `#${lessons[i - 1].id}`;
  if (i < lessons.length - 1) next.href = `#${lessons[i + 1].id}`;
  document.title = `${lessons[i].querySelector("h2").textContent.replace(/^\d+\s*/, "")} · Learn JWTs`;
  startLab(lessons[i]);
}

async function main() {
  show();
  addEventListener("hashchange", () => {
    show();
    document.querySelector("section.lesson:not([hidden]) h2")?.scrollIntoView({ block: "nearest" });
  });
  $("progress-reset").addEventListener("click", () => {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // Nothing was stored.
    }
    renderProgress();
  });
  renderProgress();
  registerServiceWorker($("update-banner"), $("update-reload"), "../sw.js");
  try {
    await ready;
  } catch (err) {
    $("loading").textContent = `The token engine could not start: ${err.message}`;
    $("loading").classList.add("failed");
    document.documentElement.dataset.ready = "error";
    return;
  }
  initLessons(markDone);
  engineReady = true;
  startLab(lessons.find((s) => !s.hidden));
  $("loading").hidden = true;
  $("version").textContent = `Core ${version()}`;
  document.documentElement.dataset.ready = "true";
}

main();
