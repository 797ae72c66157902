// The kiosk's device events (GET /api/v1/events, Server-Sent Events), for the touch page and
// the simulator panel.
//
// Event names and data: scan {code}; presence {present}; help {}; card {present, readable?};
// device {device, state, reason}; receipt {trackingNo, state, reason?}. Comments are
// keep-alives and never reach a handler.
//
// The stream is background machinery: a broken or missing stream is never shown to the
// resident. EventSource reconnects by itself after a kiosk restart; if the browser gives up
// (readyState CLOSED, e.g. the kiosk answered 404 or 503), we open a new one after a pause.

export const EVENT_NAMES = Object.freeze(['scan', 'presence', 'help', 'card', 'device', 'receipt']);
const URL_PATH = '/api/v1/events';
const RETRY_MS = [2000, 5000, 10000, 30000];

const handlers = new Map(); // name -> Set<fn(data, name)>; '*' gets every event
const stateHandlers = new Set(); // fn('open' | 'retrying')
let source = null;
let retries = 0;
let retryTimer = 0;
let started = false;

function parse(raw) {
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    const data = JSON.parse(raw);
    return data && typeof data === 'object' && !Array.isArray(data) ? data : {};
  } catch {
    return null; // not JSON: dropped
  }
}

function dispatch(name, data) {
  for (const key of [name, '*']) {
    const set = handlers.get(key);
    if (!set) continue;
    for (const fn of [...set]) {
      try { fn(data, name); } catch (e) { console.error(e); }
    }
  }
}

function notifyState(state) {
  for (const fn of [...stateHandlers]) {
    try { fn(state); } catch (e) { console.error(e); }
  }
}

function open() {
  clearTimeout(retryTimer);
  if (typeof EventSource !== 'function') return;
  let es;
  try {
    es = new EventSource(URL_PATH);
  } catch {
    scheduleRetry();
    return;
  }
  source = es;
  for (const name of EVENT_NAMES) {
    es.addEventListener(name, (e) => {
      if (source !== es) return;
      const data = parse(e.data);
      if (data !== null) dispatch(name, data);
    });
  }
  es.addEventListener('open', () => {
    retries = 0;
    notifyState('open');
  });
  es.addEventListener('error', () => {
    // CONNECTING: the browser retries by itself. CLOSED: it gave up; we try again later.
    notifyState('retrying');
    if (es.readyState === EventSource.CLOSED && source === es) {
      es.close();
      source = null;
      scheduleRetry();
    }
  });
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  const wait = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
  retries += 1;
  retryTimer = setTimeout(open, wait);
}

/** Opens the one stream of this page (again calls do nothing). */
export function startEvents() {
  if (started) return;
  started = true;
  open();
}

/**
 * Calls fn(data, name) for each event of that name ('*' for all). Returns the function that
 * stops it.
 */
export function onEvent(name, fn) {
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** fn('open') when the stream (re)connects, fn('retrying') when it is broken. */
export function onStreamState(fn) {
  stateHandlers.add(fn);
  return () => stateHandlers.delete(fn);
}
