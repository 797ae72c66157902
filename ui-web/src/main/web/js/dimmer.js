// Dims the screen when nobody uses the kiosk, and wakes it when someone comes.
//
// After settings.dimAfterSeconds without a touch, a key or a presence event (0: never), and
// only when the page says it may (the untouched home screen: no resident's or staff member's
// visit, nothing printing, no notice or dialog open), a dark veil covers the page and the
// kiosk is asked to turn the backlight down (PUT /api/v1/screen). A touch, a key, someone
// stepping up (the presence sensor), a scan or an ID card wakes it at once. The touch that
// wakes the screen does only that: the veil stays under the finger until it is lifted, so the
// button under it is not pressed.
import { h } from './dom.js';
import { tIn } from './i18n.js';
import { putScreen } from './api.js';

const RECHECK_MS = 2000; // when the time is up but the page may not dim yet
const RELEASE_MS = 400; // the veil outlives the waking touch by this much (its click comes after)

let dimAfterMs = 0;
let timer = 0;
let dimmed = false;
let present = false; // the presence sensor's last word
let swallowUntil = 0; // clicks before this time belong to the waking touch
let releaseTimer = 0;
let touchDown = false; // a touch that began on the veil has not ended yet
let veil = null;
let mayDim = () => false;

/**
 * @param {{veil: HTMLElement, mayDim: function(): boolean}} opts  mayDim tells whether the page
 *   is in a state that may be dimmed (asked when the quiet time is up, and again until it is)
 */
export function startDimmer(opts) {
  veil = opts.veil;
  mayDim = opts.mayDim;
  // Capture on window: before the page's own handlers (which are on document) see anything.
  window.addEventListener('pointerdown', onTouch, { capture: true });
  window.addEventListener('touchstart', onTouch, { capture: true, passive: false });
  window.addEventListener('mousedown', onTouch, { capture: true });
  for (const type of ['pointerup', 'pointercancel', 'touchend', 'touchcancel', 'mouseup']) {
    window.addEventListener(type, onRelease, { capture: true });
  }
  window.addEventListener('click', (e) => {
    if (Date.now() < swallowUntil) swallow(e);
  }, { capture: true });
  window.addEventListener('keydown', (e) => {
    if (dimmed) {
      swallow(e);
      wake();
      return;
    }
    activity();
  }, { capture: true });
  for (const type of ['input', 'wheel']) window.addEventListener(type, activity, { capture: true, passive: true });
  // A page loaded (or reloaded) while the backlight was down brings it up.
  putScreen('awake').catch(() => {});
}

/** seconds: the quiet time before dimming; 0 never dims (and wakes a dimmed screen). */
export function setDimAfter(seconds) {
  dimAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  if (!dimAfterMs && dimmed) wake();
  arm();
}

/** Someone stepped up (true) or left (false), by the presence sensor. */
export function presence(isPresent) {
  present = isPresent === true;
  // On the root element too, where a test (or a technician's devtools) can see the page heard it.
  document.documentElement.dataset.present = present ? 'yes' : 'no';
  if (present) wake();
  else arm(); // the quiet time starts when they leave
}

/** Someone is at the kiosk (a scan, an ID card, the help button): awake, quiet time anew. */
export function someoneThere() {
  if (dimmed) wake();
  else arm();
}

/** Wakes the screen now (e.g. before a notice goes over it). */
export function wake() {
  clearTimeout(timer);
  if (dimmed) {
    dimmed = false;
    document.documentElement.dataset.display = 'awake';
    veil.classList.remove('is-dim');
    putScreen('awake').catch(() => {});
  }
  // The veil itself goes when the waking touch has ended (onRelease), or now if none is down.
  if (!touchDown) hideVeil();
  arm();
}

export function isDimmed() {
  return dimmed;
}

function activity() {
  if (!dimmed) arm();
}

function onTouch(e) {
  if (dimmed || !veil.hidden) {
    // The finger is on the veil (or on one being lifted): it wakes the screen and nothing else.
    touchDown = true;
    swallowUntil = Date.now() + 10000;
    clearTimeout(releaseTimer);
    swallow(e);
    if (dimmed) wake();
    return;
  }
  arm();
}

function onRelease(e) {
  if (!touchDown) return;
  swallow(e);
  touchDown = false;
  // The click of this touch comes right after its release: swallow it, then lift the veil.
  swallowUntil = Date.now() + RELEASE_MS;
  clearTimeout(releaseTimer);
  releaseTimer = setTimeout(() => { if (!dimmed && !touchDown) hideVeil(); }, RELEASE_MS);
}

function swallow(e) {
  if (e.cancelable) e.preventDefault();
  e.stopImmediatePropagation();
}

function arm() {
  clearTimeout(timer);
  if (!dimAfterMs || dimmed || present) return;
  timer = setTimeout(tryDim, dimAfterMs);
}

function tryDim() {
  if (!dimAfterMs || dimmed || present) return;
  let may = false;
  try { may = mayDim(); } catch (e) { console.error(e); }
  if (!may) {
    timer = setTimeout(tryDim, RECHECK_MS);
    return;
  }
  dimmed = true;
  document.documentElement.dataset.display = 'dim';
  veil.replaceChildren(h('p', { class: 'dim-hint', 'data-testid': 'dim-hint' },
    h('span', { lang: 'zh-CN' }, tIn('zh-CN', 'dim.hint')),
    h('span', { lang: 'en', class: 'dim-hint-en' }, tIn('en', 'dim.hint'))));
  veil.hidden = false;
  // The next frame, so that the veil fades in rather than drops.
  requestAnimationFrame(() => { if (dimmed) veil.classList.add('is-dim'); });
  putScreen('dim').catch(() => {});
}

function hideVeil() {
  clearTimeout(releaseTimer);
  if (dimmed) return;
  veil.classList.remove('is-dim');
  veil.hidden = true;
  veil.replaceChildren();
  swallowUntil = Math.min(swallowUntil, Date.now() + RELEASE_MS);
}
