// A keystroke's answers, handed from the engine worker to the page within
// the keystroke's own task. Answered by message, the verdict arrives after
// the browser has begun the frame that draws the typed text, and waits for
// the next one, 17 ms later; waiting here, the page paints the typed text
// and its verdict in one frame. The page spins on a SharedArrayBuffer
// (Atomics.wait is not allowed on a page's thread), so this works only on
// a page that is cross-origin isolated (serve sends COOP and COEP), and
// only for a bounded time: past it, the answers come by message as before.
//
// The buffer holds one state word, the answer's length, then the answer
// as UTF-8 JSON. The state word is turn << 2 | phase, so that the worker
// can write only the answers of the turn the page still waits for: it
// claims the buffer with one compare-and-exchange from WAITING to WRITING,
// which fails once the page has given up (or moved on to another turn).

const STATE = 0;
const LENGTH = 1;
const HEAD = 8; // bytes before the answer
const WAITING = 1;
const WRITING = 2;
const DONE = 3;
const TURNS = 1 << 29; // turn numbers wrap here, to fit the state word

/** ROOM is the room for a turn's answers; longer ones go by message. */
const ROOM = 1 << 20;

/**
 * createChannel returns the buffer to hand the worker, or null where this
 * context may not share memory with it (not cross-origin isolated).
 */
export function createChannel() {
  const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  return isolated ? new SharedArrayBuffer(HEAD + ROOM) : null;
}

const word = (turn, phase) => ((turn % TURNS) << 2) | phase;

/**
 * expectTurn marks the page as waiting for turn's answers: call it before
 * posting the turn's flush, then wait(buffer, turn, deadline).
 */
export function expectTurn(buffer, turn) {
  Atomics.store(new Int32Array(buffer, 0, 2), STATE, word(turn, WAITING));
}

/**
 * wait spins until the worker has written turn's answers or
 * performance.now() passes deadline, and returns the answers (the parsed
 * JSON), or null: the worker declined (they are on their way by message)
 * or the page gave up, after which the worker cannot hand them over here
 * and posts them.
 */
export function wait(buffer, turn, deadline) {
  const ints = new Int32Array(buffer, 0, 2);
  const waiting = word(turn, WAITING);
  const writing = word(turn, WRITING);
  for (;;) {
    const state = Atomics.load(ints, STATE);
    if (state === word(turn, DONE)) return read(buffer, ints);
    if (state !== waiting && state !== writing) return null;
    // Give up, unless the worker has just moved on: then look again.
    if (performance.now() > deadline && Atomics.compareExchange(ints, STATE, state, 0) === state) return null;
  }
}

function read(buffer, ints) {
  const length = Atomics.load(ints, LENGTH);
  // TextDecoder does not read shared memory: copy it out first.
  const bytes = new Uint8Array(length);
  bytes.set(new Uint8Array(buffer, HEAD, length));
  Atomics.store(ints, STATE, 0);
  return JSON.parse(new TextDecoder().decode(bytes));
}

const encoder = new TextEncoder();

/**
 * offer hands turn's answers over in buffer, if the page still waits for
 * them, and says whether it did; if not, the caller posts them. It
 * declines (and the page stops waiting) when they are not JSON or do not
 * fit, and fails when the page gives up while they are being written.
 */
export function offer(buffer, turn, answers) {
  const ints = new Int32Array(buffer, 0, 2);
  const waiting = word(turn, WAITING);
  const writing = word(turn, WRITING);
  // A page that gave up waits for a message: no need to encode (a decoded
  // megabyte token takes a while).
  if (Atomics.load(ints, STATE) !== waiting) return false;
  let bytes = null;
  try {
    // TextEncoder writes no shared memory either: encode, then copy.
    bytes = encoder.encode(JSON.stringify(answers));
  } catch {
    // An answer that is not JSON goes by message, which says what is wrong.
  }
  if (bytes === null || bytes.length > buffer.byteLength - HEAD) {
    Atomics.compareExchange(ints, STATE, waiting, 0);
    return false;
  }
  if (Atomics.compareExchange(ints, STATE, waiting, writing) !== waiting) return false;
  new Uint8Array(buffer, HEAD, bytes.length).set(bytes);
  Atomics.store(ints, LENGTH, bytes.length);
  return Atomics.compareExchange(ints, STATE, writing, word(turn, DONE)) === writing;
}
