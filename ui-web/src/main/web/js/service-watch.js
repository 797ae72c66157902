// Whether the kiosk service answers, and the "Service paused" notice when it does not.
//
// A call that gets no answer (api.js) or an event stream that breaks (events.js) makes the
// page suspect the service is gone. It then asks the service's health every second or so; if
// nothing has answered for PAUSE_AFTER_MS, a full-screen notice in plain words (Chinese first,
// English below, as offline.html) covers the page. Nothing reloads while the service is gone:
// a reload would end on the browser's own error page. When the service answers again the
// notice goes; the page reloads once if its files changed meanwhile (a new version was
// installed), and only then, when the kiosk has just shown it can serve them.
//
// Any HTTP answer counts, even a 503: the service is there and the page copes with its errors.
import { h } from './dom.js';
import { tIn } from './i18n.js';

const PROBE_PATH = '/observe/health';
const PROBE_TIMEOUT_MS = 3000;
const PAUSE_AFTER_MS = 4000; // no answer for this long: the notice
const PROBE_MS = [1000, 1000, 1000, 1000, 2000, 3000, 5000]; // between probes; the last one repeats
const VERSION_FILES = ['index.html', 'js/app.js'];

let state = 'up'; // 'up' | 'suspect' | 'paused'
let suspectSince = 0;
let probes = 0;
let probeTimer = 0;
let probing = false;
let version = null; // what the page's files were when it loaded (ETag/Last-Modified)
let hooks = { onPause() {}, onResume() {} };
let overlayEl = null;

/**
 * Starts watching.
 * @param {{overlay: HTMLElement, onPause: function(), onResume: function({reload: boolean}): boolean}} opts
 *   onPause when the notice goes up; onResume when the service is back, told whether the page's
 *   files changed; it returns true when the page may reload at once (nothing to keep on screen).
 */
export function startServiceWatch(opts) {
  overlayEl = opts.overlay;
  hooks = opts;
  pageVersion().then((v) => { if (version === null) version = v; });
  // While the notice is up nothing under it may be touched or typed into.
  for (const type of ['keydown', 'keyup', 'keypress']) {
    window.addEventListener(type, (e) => {
      if (state !== 'paused') return;
      e.preventDefault();
      e.stopImmediatePropagation();
    }, { capture: true });
  }
}

export function isPaused() {
  return state === 'paused';
}

/** Something failed to reach the service: find out whether it is still there. */
export function suspect() {
  if (state !== 'up') return;
  state = 'suspect';
  suspectSince = Date.now();
  probes = 0;
  probeSoon(0);
}

/** The service was heard from (the event stream opened): if paused, make sure at once. */
export function heard() {
  if (state === 'paused') probeSoon(0);
}

function probeSoon(ms) {
  clearTimeout(probeTimer);
  probeTimer = setTimeout(probe, ms);
}

async function answers() {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), PROBE_TIMEOUT_MS);
  try {
    await fetch(PROBE_PATH, { cache: 'no-store', credentials: 'same-origin', signal: ctrl.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function probe() {
  if (probing) return;
  probing = true;
  let ok;
  try {
    ok = await answers();
  } finally {
    probing = false;
  }
  probes += 1;
  if (ok) {
    if (state === 'paused') await resume();
    else state = 'up';
    return;
  }
  if (state === 'suspect' && Date.now() - suspectSince >= PAUSE_AFTER_MS) pause();
  probeSoon(PROBE_MS[Math.min(probes - 1, PROBE_MS.length - 1)]);
}

function pause() {
  state = 'paused';
  document.documentElement.dataset.service = 'paused';
  paint();
  overlayEl.setAttribute('role', 'alertdialog');
  overlayEl.setAttribute('aria-modal', 'true');
  overlayEl.setAttribute('aria-labelledby', 'paused-title');
  overlayEl.hidden = false;
  try { hooks.onPause(); } catch (e) { console.error(e); }
}

async function resume() {
  const now = await pageVersion();
  const changed = version !== null && now !== null && now !== version;
  state = 'up';
  document.documentElement.dataset.service = 'up';
  let reloadNow = false;
  try { reloadNow = hooks.onResume({ reload: changed }); } catch (e) { console.error(e); }
  if (changed && reloadNow) {
    // The kiosk has just answered for the page's own files: the reload will find them.
    location.reload();
    return;
  }
  overlayEl.hidden = true;
  for (const name of ['role', 'aria-modal', 'aria-labelledby']) overlayEl.removeAttribute(name);
  overlayEl.replaceChildren();
}

function paint() {
  overlayEl.replaceChildren(h('div', { class: 'paused-box' },
    h('div', { class: 'paused-mark', 'aria-hidden': 'true' },
      h('span', { class: 'paused-dot' }), h('span', { class: 'paused-dot' }), h('span', { class: 'paused-dot' })),
    h('section', { class: 'paused-text', lang: 'zh-CN' },
      h('h1', { id: 'paused-title', 'data-testid': 'paused-title-zh' }, tIn('zh-CN', 'paused.title')),
      h('p', { 'data-testid': 'paused-body-zh' }, tIn('zh-CN', 'paused.body'))),
    h('section', { class: 'paused-text paused-en', lang: 'en' },
      h('h1', { 'data-testid': 'paused-title-en' }, tIn('en', 'paused.title')),
      h('p', { 'data-testid': 'paused-body-en' }, tIn('en', 'paused.body')))));
}

/** The page's files as the kiosk serves them now (their validators), or null if it cannot tell. */
async function pageVersion() {
  try {
    const parts = [];
    for (const file of VERSION_FILES) {
      const res = await fetch(file, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) return null;
      parts.push(file + ' ' + (res.headers.get('etag') || '') + ' ' + (res.headers.get('last-modified') || ''));
    }
    return parts.join('|');
  } catch {
    return null;
  }
}
