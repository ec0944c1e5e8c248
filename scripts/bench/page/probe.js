// Probes for the real playground page (index.html), evaluated into it by
// scripts/bench over the DevTools protocol, as a classic script (the page's
// CSP does not apply to DevTools). They drive the page as a person would,
// through its form elements and their events, and time what follows.
(() => {
  if (globalThis.benchProbe) return;

  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const status = () => byTestId("verify-status");
  const boxes = { token: "token-input", payload: "payload-json", key: "key-input" };

  /** set changes a form element and fires what a user's edit fires. */
  function set(id, value) {
    const el = byTestId(id);
    if (!el) throw new Error(`no element [data-testid=${id}]`);
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    if (el.tagName === "SELECT") el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  /** settle lets the page finish what an edit queued: timers and two frames. */
  async function settle() {
    await frame();
    await sleep(0);
    await frame();
    await sleep(50);
  }

  /**
   * prepare loads a token of alg and its key into the page, and waits for
   * "verified". The payload editor re-signs, so for it the key box holds
   * the private key (or the secret); otherwise the public key. The page
   * verifies asynchronously, so it waits for the badge, then lets the page
   * settle and looks again.
   */
  async function prepare({ box, key }) {
    // The page's own API: its engine runs in a worker, so every call is awaited.
    const api = await import(new URL("jwt.js", location.href).href);
    const hmac = key.alg.startsWith("HS");
    const encoding = hmac ? "base64url" : "utf8";
    const signing = hmac ? key.secret : key.privatePem;
    const now = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({ sub: "1234567890", name: "Ada Lovelace", admin: true, iat: now, exp: now + 86400 });
    const res = await api.encode({ header: JSON.stringify({ alg: key.alg, typ: "JWT" }), payload, key: signing, secretEncoding: encoding });
    if (!res.ok) throw new Error(`${key.alg}: encode failed: ${res.error.message}`);
    set("secret-encoding", encoding);
    set("key-input", box === "payload" || hmac ? signing : key.publicPem);
    set("token-input", res.token);
    await settle();
    const deadline = performance.now() + 10000;
    while (status().dataset.state !== "verified" && performance.now() < deadline) await sleep(20);
    await settle();
    const state = status().dataset.state;
    if (state !== "verified") throw new Error(`${key.alg} ${box}: the page shows "${state}": ${status().textContent.trim()}`);
    return state;
  }

  /**
   * watchBadge observes the verdict badge (its data-state and its text) for
   * a run of keystrokes: each change is handed to the listener of the
   * keystroke last typed, so that a change after a keystroke's verdict
   * counts against it, not as the next keystroke's verdict.
   */
  function watchBadge(badge) {
    let listener = null;
    const observer = new MutationObserver(() => listener?.(performance.now()));
    // data-state only: aria-busy, set while a check is under way, is no verdict.
    observer.observe(badge, { attributes: true, attributeFilter: ["data-state"], childList: true, characterData: true, subtree: true });
    return {
      listen(fn) {
        listener = fn;
      },
      // flush delivers changes made but not yet reported, at time now.
      flush(now = performance.now()) {
        if (observer.takeRecords().length > 0) listener?.(now);
      },
      stop() {
        this.flush();
        observer.disconnect();
      },
    };
  }

  /** edits returns the box's text with one character typed, and without. */
  function edits(box, text) {
    if (box !== "payload") return [text + "x", text];
    const name = '"Ada Lovelace"';
    if (!text.includes(name)) throw new Error(`the payload editor holds no ${name}: ${text.slice(0, 200)}`);
    return [text.replace(name, '"Ada Lovelacex"'), text];
  }

  /**
   * type types into a box: keystrokes alternately add a character and take
   * it away, a random gap of gapMs[0] to gapMs[1] apart, so that they fall
   * at any point of a frame. Each keystroke is timed by keystroke; the
   * first warm ones (an even number) are not returned.
   */
  async function type({ box, keystrokes, warm, gapMs }) {
    const el = byTestId(boxes[box]);
    const [typed, original] = edits(box, el.value);
    const watch = watchBadge(status());
    const samples = [];
    try {
      for (let i = 0; i < warm + keystrokes; i++) {
        await sleep(gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
        const sample = await keystroke(el, i % 2 === 0 ? typed : original, watch);
        if (i >= warm) samples.push(sample);
      }
      await settle();
    } finally {
      watch.stop();
    }
    return samples;
  }

  /**
   * keystroke sets a box's value and dispatches input, as typing does, and
   * times from just before the dispatch to: the dispatch's return (handler:
   * what the app does before its first await), the first change to the
   * verdict badge's data-state or text, seen by a MutationObserver (verdict:
   * the app sets the badge on every input, even when it says the same, once
   * its verify promise has resolved), the next animation frame after that
   * (frame), and the task after that frame, once it has been rendered
   * (painted). A change made within the dispatch itself is dated at its
   * return. typedFrame and typedPainted time the first frame after the
   * dispatch, which draws the typed text, and the task after it: a verdict
   * that comes later waited for that frame to be rendered. state is the
   * badge's state at the verdict; settled is its state when the next
   * keystroke begins (or the typing ends), and again counts
   * the badge's changes after the verdict until then: the verdict must be
   * the last word, or the harness timed something else.
   */
  function keystroke(el, value, watch, timeoutMs = 30000) {
    const badge = status();
    watch.flush(); // anything left over belongs to the keystroke before
    return new Promise((resolve, reject) => {
      const at = { start: 0, handler: 0, verdict: 0 };
      const sample = { handler: 0, verdict: 0, frame: 0, painted: 0, typedFrame: 0, typedPainted: 0, state: "", settled: "", again: 0 };
      // The frame after the dispatch, which draws the typed text.
      let typedDone;
      const typed = new Promise((resolve) => (typedDone = resolve));
      const afterTyped = () => {
        const channel = new MessageChannel();
        sample.typedFrame = performance.now() - at.start;
        channel.port1.onmessage = () => {
          sample.typedPainted = performance.now() - at.start;
          typedDone();
        };
        channel.port2.postMessage(null);
      };
      const timer = setTimeout(() => {
        watch.listen(null);
        reject(new Error(`no verdict within ${timeoutMs} ms of input on #${el.id}`));
      }, timeoutMs);
      watch.listen((now) => {
        sample.settled = badge.dataset.state;
        if (at.verdict) {
          sample.again++;
          return;
        }
        at.verdict = now;
        sample.state = badge.dataset.state;
        clearTimeout(timer);
        requestAnimationFrame(() => {
          const frameAt = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            Object.assign(sample, {
              handler: at.handler - at.start,
              verdict: at.verdict - at.start,
              frame: frameAt - at.start,
              painted: performance.now() - at.start,
            });
            typed.then(() => resolve(sample));
          };
          channel.port2.postMessage(null);
        });
      });
      // The event typing fires: an InputEvent that says a character was
      // typed or deleted (a plain Event reads as text that arrived whole,
      // such as a paste, which the page searches for a token).
      const typing = value.length > el.value.length;
      const event = new InputEvent("input", { bubbles: true, inputType: typing ? "insertText" : "deleteContentBackward", data: typing ? "x" : null });
      at.start = performance.now();
      el.value = value;
      el.dispatchEvent(event);
      at.handler = performance.now();
      requestAnimationFrame(afterTyped);
      watch.flush(at.handler);
    });
  }

  /** frameInterval is the median time between animation frames. */
  async function frameInterval(frames) {
    const times = [];
    for (let i = 0; i <= frames; i++) times.push(await new Promise((resolve) => requestAnimationFrame(resolve)));
    const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 2)];
  }

  /**
   * generate clicks "Generate & sign" for alg (and bits, for RSA) and
   * watches the main thread until the badge says "verified" with the new
   * key: long tasks (PerformanceObserver "longtask", 50 ms or more), the
   * gaps between animation frames, and every state the badge passes
   * through on the way.
   */
  async function generate({ alg, bits, timeoutMs }) {
    const button = byTestId("gen-key");
    const genStatus = byTestId("gen-status");
    const badge = status();
    set("gen-alg", alg);
    if (bits) set("gen-bits", String(bits));
    await settle();

    const supported = PerformanceObserver.supportedEntryTypes.includes("longtask");
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
    if (supported) observer.observe({ type: "longtask" });
    let last = performance.now();
    let maxGap = 0;
    let frames = 0;
    let watching = true;
    const tick = (now) => {
      maxGap = Math.max(maxGap, now - last);
      last = now;
      frames++;
      if (watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const badges = []; // {at, state}: each change to the badge after the click
    const badgeWatch = new MutationObserver(() => badges.push({ at: performance.now(), state: badge.dataset.state }));
    badgeWatch.observe(badge, { attributes: true, childList: true, characterData: true, subtree: true });
    let enabledAt = 0; // when the button was enabled again: the worker has answered
    const buttonWatch = new MutationObserver(() => {
      if (!button.disabled && !enabledAt) enabledAt = performance.now();
    });
    buttonWatch.observe(button, { attributes: true, attributeFilter: ["disabled"] });

    // The click disables the button at once; the app enables it again when
    // the worker has answered, then (after a frame) puts the key in the box,
    // re-signs the token and verifies it, both asynchronously.
    const t0 = performance.now();
    button.click();
    const deadline = t0 + timeoutMs;
    while (button.disabled) {
      if (performance.now() > deadline) throw new Error(`no key within ${timeoutMs} ms: ${genStatus.textContent}`);
      await sleep(20);
    }
    buttonWatch.takeRecords();
    buttonWatch.disconnect();
    const keyMs = (enabledAt || performance.now()) - t0;
    // Done when the page has said it has the key and the badge's last word,
    // unchanged over a settle, is "verified"; a page that never gets there
    // is reported as it stands after 10 s.
    const verdictBy = performance.now() + 10000;
    for (;;) {
      const said = genStatus.textContent.startsWith("New ");
      const failed = !said && !/^(Generating|Signing)/.test(genStatus.textContent);
      if (failed) break;
      if (said && badges.at(-1)?.state === "verified") {
        const n = badges.length;
        await settle();
        if (badges.length === n) break;
        continue;
      }
      if (performance.now() > verdictBy) break;
      await sleep(10);
    }
    const doneMs = (badges.at(-1)?.at ?? performance.now()) - t0;
    badgeWatch.disconnect();
    await settle();
    await sleep(200); // long-task entries arrive after their task
    watching = false;
    tasks.push(...observer.takeRecords());
    observer.disconnect();
    const durations = tasks.filter((e) => e.startTime >= t0 - 1).map((e) => e.duration);
    return {
      totalMs: doneMs,
      keyMs,
      // Each state the badge took, when it first took it, ms after the click.
      badges: badges.filter((b, i) => i === 0 || b.state !== badges[i - 1].state).map((b) => ({ state: b.state, ms: b.at - t0 })),
      longtaskSupported: supported,
      longTasks: durations.length,
      longestTaskMs: durations.length ? Math.max(...durations) : 0,
      longTaskTotalMs: durations.reduce((a, b) => a + b, 0),
      maxFrameGapMs: maxGap,
      frames,
      status: genStatus.textContent,
      verdict: status().dataset.state,
    };
  }

  /** loadInfo reads the navigation's timings and what the page fetched. */
  function loadInfo() {
    const nav = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const wasm = resources.find((e) => new URL(e.name).pathname.endsWith("/playground.wasm"));
    return {
      readyMs: globalThis.__benchReadyAt ?? -1,
      dclMs: nav.domContentLoadedEventEnd,
      loadMs: nav.loadEventEnd,
      fcpMs: fcp ? fcp.startTime : -1,
      wasmEndMs: wasm ? wasm.responseEnd : -1,
      controlled: !!navigator.serviceWorker?.controller,
      resources: [nav, ...resources].map((e) => ({
        url: e.name,
        initiator: e.initiatorType,
        transferSize: e.transferSize,
        encodedBodySize: e.encodedBodySize,
        decodedBodySize: e.decodedBodySize,
      })),
    };
  }

  /**
   * serviceWorker waits until the page's service worker is active and
   * controls the page, then lists what it cached.
   */
  async function serviceWorker({ timeoutMs }) {
    if (!("serviceWorker" in navigator)) return { supported: false, controlled: false, cached: [] };
    const deadline = performance.now() + timeoutMs;
    await Promise.race([navigator.serviceWorker.ready, sleep(timeoutMs)]);
    while (!navigator.serviceWorker.controller && performance.now() < deadline) await sleep(50);
    const cached = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        cached.push({ cache: name, url: req.url, bytes: (await res.arrayBuffer()).byteLength });
      }
    }
    return { supported: true, controlled: !!navigator.serviceWorker.controller, cached };
  }

  globalThis.benchProbe = { prepare, type, frameInterval, generate, loadInfo, serviceWorker };
})();
