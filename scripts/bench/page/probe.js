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
   * the private key (or the secret); otherwise the public key.
   */
  async function prepare({ box, key }) {
    const api = globalThis.jwtPlayground;
    const hmac = key.alg.startsWith("HS");
    const encoding = hmac ? "base64url" : "utf8";
    const signing = hmac ? key.secret : key.privatePem;
    const now = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({ sub: "1234567890", name: "Ada Lovelace", admin: true, iat: now, exp: now + 86400 });
    const res = api.encode({ header: JSON.stringify({ alg: key.alg, typ: "JWT" }), payload, key: signing, secretEncoding: encoding });
    if (!res.ok) throw new Error(`${key.alg}: encode failed: ${res.error.message}`);
    set("secret-encoding", encoding);
    set("key-input", box === "payload" || hmac ? signing : key.publicPem);
    set("token-input", res.token);
    await settle();
    const state = status().dataset.state;
    if (state !== "verified") throw new Error(`${key.alg} ${box}: the page shows "${state}": ${status().textContent.trim()}`);
    return state;
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
    const samples = [];
    for (let i = 0; i < warm + keystrokes; i++) {
      await sleep(gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
      const sample = await keystroke(el, i % 2 === 0 ? typed : original);
      if (i >= warm) samples.push(sample);
    }
    await settle();
    return samples;
  }

  /**
   * keystroke sets a box's value and dispatches input, as typing does, and
   * times from just before the dispatch to: the dispatch's return (handler),
   * the first change to the verdict badge (verdict: the app renders it on
   * every input, even when it says the same), the next animation frame
   * after that (frame), and the task after that frame, once it has been
   * rendered (painted).
   */
  function keystroke(el, value, timeoutMs = 30000) {
    const badge = status();
    return new Promise((resolve, reject) => {
      const at = { start: 0, handler: 0, verdict: 0 };
      const observer = new MutationObserver(() => rendered(performance.now()));
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no verdict within ${timeoutMs} ms of input on #${el.id}`));
      }, timeoutMs);
      const rendered = (now) => {
        if (at.verdict) return;
        at.verdict = now;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => {
          const frameAt = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () =>
            resolve({
              handler: at.handler - at.start,
              verdict: at.verdict - at.start,
              frame: frameAt - at.start,
              painted: performance.now() - at.start,
              state: badge.dataset.state,
            });
          channel.port2.postMessage(null);
        });
      };
      observer.observe(badge, { attributes: true, childList: true, characterData: true, subtree: true });
      at.start = performance.now();
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      at.handler = performance.now();
      if (observer.takeRecords().length > 0) rendered(at.handler);
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
   * watches the main thread until the new key has signed the token: long
   * tasks (PerformanceObserver "longtask", 50 ms or more) and the gaps
   * between animation frames.
   */
  async function generate({ alg, bits, timeoutMs }) {
    const button = byTestId("gen-key");
    const genStatus = byTestId("gen-status");
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

    // The click disables the button at once; the app enables it again when
    // the worker has answered, and then signs at once, in the same task.
    const t0 = performance.now();
    button.click();
    const deadline = t0 + timeoutMs;
    while (button.disabled) {
      if (performance.now() > deadline) throw new Error(`no key within ${timeoutMs} ms: ${genStatus.textContent}`);
      await sleep(20);
    }
    const doneMs = performance.now() - t0;
    await settle();
    await sleep(200); // long-task entries arrive after their task
    watching = false;
    tasks.push(...observer.takeRecords());
    observer.disconnect();
    const durations = tasks.filter((e) => e.startTime >= t0 - 1).map((e) => e.duration);
    return {
      totalMs: doneMs,
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
