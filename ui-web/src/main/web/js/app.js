// Entry point: header, hash router, session state and idle return.
//
// Routes: #/  #/catalog  #/catalog?dept=CODE  #/catalog?event=CODE  #/catalog?q=TEXT  #/item/CODE
//         #/appeal  #/receipt  #/lookup  #/staff  #/staff/appeal  #/staff/receipt  #/technician
// A kiosk not enrolled yet shows "not yet enrolled" for every route but #/technician.
//
// Session = one resident's visit. Language, elderly mode, search text/results, browse
// choices, an appeal's draft and receipt, what was looked up, ID-card tokens and a staff
// login live only in memory and are forgotten when the visit ends: 完成 (Done), logging out,
// or the idle return (with a countdown in its last seconds that any touch stops).
import { h } from './dom.js';
import { t, setLang, getLang, normalizeLang } from './i18n.js';
import { getSettings, forgetIdCard, staffLogout, onNoAnswer, technicianState, technicianLogout } from './api.js';
import { homeIcon } from './components.js';
import { startEvents, onEvent, onStreamState } from './events.js';
import { startServiceWatch, suspect, heard, isPaused } from './service-watch.js';
import * as dimmer from './dimmer.js';
import * as home from './screens/home.js';
import * as catalog from './screens/catalog.js';
import * as item from './screens/item.js';
import * as appeal from './screens/appeal.js';
import * as receipt from './screens/receipt.js';
import * as lookup from './screens/lookup.js';
import * as staff from './screens/staff.js';
import * as technician from './screens/technician.js';
import * as notEnrolled from './screens/not-enrolled.js';

const SCREENS = {
  home, catalog, item, appeal, proxy: appeal, receipt, proxyReceipt: receipt, lookup, staff, technician, notEnrolled,
};
const IDLE_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'input', 'wheel'];
const HELP_BANNER_MS = 60 * 1000;
const COUNTDOWN_MS = 10 * 1000; // the idle return is announced this long before (at most half the idle time)

const DEFAULT_SETTINGS = Object.freeze({
  stationName: null,
  gridCode: null,
  defaultLanguage: 'zh-CN',
  idleTimeoutSeconds: 60,
  elderIdleTimeoutSeconds: 180,
  dimAfterSeconds: 0, // a kiosk that does not say: never dim
});

const headerEl = document.getElementById('topbar');
const mainEl = document.getElementById('app');
const helpBannerEl = document.getElementById('help-banner');
const countdownEl = document.getElementById('idle-countdown');
const pausedEl = document.getElementById('service-paused');
const dimEl = document.getElementById('dim-veil');

let settings = { ...DEFAULT_SETTINGS };
let session = newSession();
let current = null; // {name, instance}
let renderedHash = null;
let idleTimer = 0;
let idleDeadline = 0; // Date.now() of the idle return
let countdownTimer = 0; // starts the countdown
let countdownTick = 0; // repaints it
let helpUntil = 0; // Date.now() until which the help banner shows
let helpTimer = 0;
let reloadWanted = false; // a new version of the page was installed while a receipt was kept on screen
let screenSubscriptions = []; // stop functions of the current screen's event handlers
let awaitingEnrollment = false; // the kiosk is not enrolled yet: residents see only screens/not-enrolled.js

function newSession() {
  return {
    elder: false,
    langChosen: false,
    browseTab: 'departments', // 'departments' | 'lifeEvents'
    keyboardHidden: false,
    lists: {}, // 'departments|zh-CN' -> [{code, name, itemCount}]
    snapshot: null, // last catalog results, to come back to them from an item
    categories: {}, // lang -> appeal category tree (nothing personal)
    appeal: null, // the draft being filed (screens/appeal.js)
    receipt: null, // {view, proxy}: the answer of the last filing, for its receipt screen
    lookup: null, // what the resident looked up and is rating (screens/lookup.js)
    cardTokens: new Set(), // ID-card readings held on the kiosk for this visit: forgotten with it
    staff: null, // {token, id, name} of the staff member logged in
    staffLogin: null, // {badge, message} while logging in
    staffNotice: null, // i18n key shown on the staff login (e.g. the session ended)
    staffTab: 'unacknowledged',
    technician: null, // {token, enrolled} of the technician screen (screens/technician.js)
  };
}

/** Tells the kiosk to forget what it holds for this visit: ID-card readings, a staff login. */
function forgetOnKiosk(old) {
  for (const token of old.cardTokens) forgetIdCard(token).catch(() => {});
  old.cardTokens.clear();
  if (old.staff && old.staff.token) staffLogout(old.staff.token).catch(() => {});
  old.staff = null;
  if (old.technician && old.technician.token) technicianLogout(old.technician.token).catch(() => {});
  old.technician = null;
}

// ---- settings ----------------------------------------------------------------------------

function positive(n, fallback) {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

function applySettings(raw) {
  const s = { ...DEFAULT_SETTINGS };
  if (raw && typeof raw === 'object') {
    if (raw.stationName && typeof raw.stationName === 'object') s.stationName = raw.stationName;
    else if (typeof raw.stationName === 'string') s.stationName = { 'zh-CN': raw.stationName };
    if (typeof raw.gridCode === 'string') s.gridCode = raw.gridCode;
    s.defaultLanguage = normalizeLang(raw.defaultLanguage);
    s.idleTimeoutSeconds = positive(raw.idleTimeoutSeconds, DEFAULT_SETTINGS.idleTimeoutSeconds);
    s.elderIdleTimeoutSeconds = positive(raw.elderIdleTimeoutSeconds, s.idleTimeoutSeconds * 3);
    s.dimAfterSeconds = positive(raw.dimAfterSeconds, 0);
  }
  settings = s;
  dimmer.setDimAfter(settings.dimAfterSeconds);
}

function stationName() {
  const names = settings.stationName;
  if (names) {
    const name = names[getLang()] || names['zh-CN'] || names.en;
    if (typeof name === 'string' && name.trim()) return name;
  }
  return t('app.stationFallback');
}

/** Whether the kiosk waits for its enrollment; an older kiosk or no answer: it does not. */
async function loadEnrollment() {
  try {
    const state = await technicianState();
    awaitingEnrollment = Boolean(state && state.enrolled === false);
  } catch {
    // keep what we knew; the kiosk's API refuses what an unenrolled kiosk cannot do anyway
  }
  return true;
}

async function loadSettings() {
  try {
    applySettings(await getSettings());
    return true;
  } catch {
    return false; // keep what we had (defaults at first); try again on the next idle return
  }
}

// ---- history / routing ---------------------------------------------------------------------

function currentHash() {
  return location.hash || '#/';
}

// Each resident's session marks the history entries it makes. The browser keeps entries
// across an idle return (a script cannot delete them), so an entry with another session's
// mark, reached by the browser's back or forward, is turned into home before anything of it
// is shown: the next person cannot page back into what the last one searched for.
let sessionMark = newSessionMark();

function newSessionMark() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

function entry(index) {
  return { jb: index, sid: sessionMark };
}

function foreignEntry() {
  const st = history.state;
  return Boolean(st && typeof st.sid === 'string' && st.sid !== sessionMark);
}

function historyIndex() {
  const st = history.state;
  return st && Number.isInteger(st.jb) ? st.jb : 0;
}

function sameAsCurrent(hash) {
  return new URL(hash, location.href).hash === location.hash || (hash === '#/' && !location.hash);
}

export function parseRoute(hash) {
  let s = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!s.startsWith('/')) s = '/' + s;
  const qi = s.indexOf('?');
  const path = qi >= 0 ? s.slice(0, qi) : s;
  const params = new URLSearchParams(qi >= 0 ? s.slice(qi + 1) : '');
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home', params };
  if (parts[0] === 'catalog' && parts.length === 1) return { name: 'catalog', params };
  if (parts[0] === 'item' && parts.length === 2) {
    let code = parts[1];
    try { code = decodeURIComponent(code); } catch { /* keep raw */ }
    return { name: 'item', params, code };
  }
  if (parts.length === 1 && ['appeal', 'receipt', 'lookup', 'staff', 'technician'].includes(parts[0])) return { name: parts[0], params };
  if (parts[0] === 'staff' && parts.length === 2 && parts[1] === 'appeal') return { name: 'proxy', params };
  if (parts[0] === 'staff' && parts.length === 2 && parts[1] === 'receipt') return { name: 'proxyReceipt', params };
  return null;
}

/**
 * Where a route that needs something of the session goes without it: a receipt without a
 * filing, staff screens without a login (e.g. reached by the browser's back).
 */
function redirectFor(route) {
  if (route.name === 'receipt' && !(session.receipt && !session.receipt.proxy)) return '#/';
  if ((route.name === 'proxy' || route.name === 'proxyReceipt') && !session.staff) return '#/staff';
  if (route.name === 'proxyReceipt' && !(session.receipt && session.receipt.proxy)) return '#/staff';
  return null;
}

/** Goes to a route, adding a history entry (back/forward work). */
function navigate(hash, { replace = false } = {}) {
  if (sameAsCurrent(hash)) {
    mainEl.scrollTop = 0;
    return;
  }
  if (replace) history.replaceState(entry(historyIndex()), '', hash);
  else history.pushState(entry(historyIndex() + 1), '', hash);
  renderRoute();
}

/** Changes the address without re-rendering (the screen already shows it, e.g. while typing). */
function updateHash(hash, { push = false } = {}) {
  if (sameAsCurrent(hash)) return;
  if (push) history.pushState(entry(historyIndex() + 1), '', hash);
  else history.replaceState(entry(historyIndex()), '', hash);
  renderedHash = currentHash();
}

/** Back within the app, or to `fallback` when there is nothing of ours to go back to. */
function goBack(fallback) {
  if (historyIndex() > 0) history.back();
  else navigate(fallback, { replace: true });
}

function unmountCurrent() {
  if (current && current.instance && typeof current.instance.unmount === 'function') {
    try { current.instance.unmount(); } catch (e) { console.error(e); }
  }
  for (const stop of screenSubscriptions) stop();
  screenSubscriptions = [];
  current = null;
}

/** For screens: fn(data) on each kiosk event of that name ('scan', 'card', ...) until the screen goes. */
function onScreenEvent(name, fn) {
  const stop = onEvent(name, fn);
  screenSubscriptions.push(stop);
  return stop;
}

function renderRoute(force = false) {
  if (foreignEntry()) {
    history.replaceState(entry(0), '', '#/');
    force = true;
  }
  const hash = currentHash();
  if (!force && hash === renderedHash) return;
  let route = parseRoute(hash);
  if (route && awaitingEnrollment && route.name !== 'technician') route = { name: 'notEnrolled', params: route.params };
  const redirect = route ? redirectFor(route) : '#/';
  if (redirect) {
    history.replaceState(entry(historyIndex()), '', redirect);
    renderRoute(true);
    return;
  }
  unmountCurrent();
  mainEl.replaceChildren();
  mainEl.dataset.screen = route.name;
  mainEl.scrollTop = 0;
  renderedHash = currentHash();
  const ctx = {
    route,
    session,
    settings,
    scroller: mainEl,
    stationName,
    navigate,
    updateHash,
    goBack,
    onEvent: onScreenEvent,
    finish: endVisit,
    staffSessionEnded,
  };
  current = { name: route.name, instance: SCREENS[route.name].mount(mainEl, ctx) };
}

// ---- header ------------------------------------------------------------------------------

function renderHeader() {
  const lang = getLang();
  headerEl.replaceChildren(
    h('button', {
      type: 'button', class: 'hbtn hbtn-home', 'data-testid': 'btn-home',
      onClick: () => navigate('#/'),
    }, homeIcon(), h('span', null, t('header.home'))),
    h('div', { class: 'topbar-spacer' }),
    h('button', {
      type: 'button', class: 'hbtn hbtn-lang', 'data-testid': 'btn-lang',
      onClick: () => switchLanguage(lang === 'en' ? 'zh-CN' : 'en'),
    },
      h('span', { class: lang === 'zh-CN' ? 'lang-opt is-on' : 'lang-opt', lang: 'zh-CN' }, t('lang.zh')),
      h('span', { class: 'lang-sep', 'aria-hidden': 'true' }, '/'),
      h('span', { class: lang === 'en' ? 'lang-opt is-on' : 'lang-opt', lang: 'en' }, t('lang.en'))),
    h('button', {
      type: 'button', class: 'hbtn hbtn-elder', 'data-testid': 'btn-elder',
      'aria-pressed': session.elder ? 'true' : 'false',
      onClick: () => setElder(!session.elder),
    },
      h('span', null, t('header.elder')),
      h('span', { class: 'elder-state' }, t(session.elder ? 'header.elder.on' : 'header.elder.off'))),
  );
  renderHelpBanner(); // its text follows the language
}

function switchLanguage(lang) {
  session.langChosen = true;
  setLang(lang);
  renderHeader();
  renderRoute(true); // re-render the screen; it fetches its data again with the new lang
}

function setElder(on) {
  session.elder = !!on;
  document.documentElement.classList.toggle('elder', session.elder);
  renderHeader();
  armIdle();
}

// ---- kiosk events ------------------------------------------------------------------------

// The help button on the kiosk calls the staff; the page only says so, in a status line under
// the header that blocks nothing (no overlay), for 60 s after the last press.
function renderHelpBanner() {
  if (!helpBannerEl) return;
  const on = Date.now() < helpUntil;
  if (on) {
    if (helpBannerEl.textContent !== t('help.banner')) helpBannerEl.textContent = t('help.banner');
  } else {
    helpBannerEl.replaceChildren();
  }
  helpBannerEl.hidden = !on;
}

function showHelpBanner() {
  helpUntil = Date.now() + HELP_BANNER_MS;
  clearTimeout(helpTimer);
  helpTimer = setTimeout(renderHelpBanner, HELP_BANNER_MS + 50);
  renderHelpBanner();
}

function installEvents() {
  onEvent('help', () => { dimmer.someoneThere(); showHelpBanner(); });
  // Someone stepped up to the kiosk: like a touch, it restarts the idle time and wakes the screen.
  onEvent('presence', (data) => {
    if (data.present === true) armIdle();
    if (typeof data.present === 'boolean') dimmer.presence(data.present);
  });
  onEvent('scan', () => dimmer.someoneThere());
  onEvent('card', (data) => { if (data.present === true) dimmer.someoneThere(); });
  // The stream itself is never shown; its state is marked for the tests and technicians. A
  // broken stream makes the page ask whether the service is still there (js/service-watch.js).
  onStreamState((state) => {
    document.documentElement.dataset.events = state;
    if (state === 'open') heard();
    else suspect();
  });
  startEvents();
}

// ---- service paused ----------------------------------------------------------------------

/**
 * What of the visit outlives the service's absence: an appeal the kiosk confirmed (its receipt
 * on screen), or one whose filing got no answer (the same id sent again gets the first one
 * back, docs/api.md). Anything else is forgotten as the idle return forgets it.
 */
function visitToKeep() {
  const name = current && current.name;
  if (session.receipt && (name === 'receipt' || name === 'proxyReceipt')) return true;
  return Boolean(session.appeal && session.appeal.failure === 'network' && (name === 'appeal' || name === 'proxy'));
}

let keptThroughPause = false;

function servicePaused() {
  dimmer.wake();
  keptThroughPause = visitToKeep();
  if (keptThroughPause) {
    stopIdle(); // the resident cannot touch the screen meanwhile: their time starts again after
  } else {
    idleReturn(); // nothing of the visit stays behind the notice
  }
  const active = document.activeElement;
  if (active && active !== document.body && typeof active.blur === 'function') active.blur();
}

/** The service answers again; returns whether the page may reload now for a new version. */
function serviceResumed({ reload }) {
  if (keptThroughPause) {
    reloadWanted = reloadWanted || reload;
    renderRoute(true); // the screen asks the kiosk again (e.g. the receipt's print state)
    armIdle();
    return false;
  }
  if (reload) return true;
  idleReturn();
  return false;
}

// ---- staff session -----------------------------------------------------------------------

/** The kiosk ended the staff session (5 minutes without a staff call): log in again. */
function staffSessionEnded() {
  session.staff = null;
  for (const token of session.cardTokens) forgetIdCard(token).catch(() => {});
  session.cardTokens.clear();
  session.appeal = null;
  session.receipt = null;
  session.staffLogin = null;
  session.staffNotice = 'staff.expired';
  history.replaceState(entry(historyIndex()), '', '#/staff');
  renderRoute(true);
}

// ---- idle return -------------------------------------------------------------------------

function idleSeconds() {
  return session.elder ? settings.elderIdleTimeoutSeconds : settings.idleTimeoutSeconds;
}

function stopIdle() {
  clearTimeout(idleTimer);
  clearTimeout(countdownTimer);
  stopCountdown();
}

function armIdle() {
  stopIdle();
  if (isPaused()) return; // the notice is up: nobody can touch; the time starts when it goes
  const total = idleSeconds() * 1000;
  idleDeadline = Date.now() + total;
  idleTimer = setTimeout(idleReturn, total);
  countdownTimer = setTimeout(startCountdown, total - Math.min(COUNTDOWN_MS, total / 2));
}

/** Whether the idle return would take anything away (an untouched home screen: nothing to say). */
function visitUnderway() {
  return (current && current.name !== 'home' && current.name !== 'notEnrolled') || session.elder || session.langChosen;
}

// The last seconds before the idle return: a bar with the seconds left under the screen, in
// the flow (never over it). Any touch re-arms the idle time, which hides it.
function startCountdown() {
  if (!countdownEl || !visitUnderway()) return;
  countdownEl.hidden = false;
  paintCountdown();
  countdownTick = setInterval(paintCountdown, 200);
}

function paintCountdown() {
  const left = Math.max(0, idleDeadline - Date.now());
  const seconds = Math.ceil(left / 1000);
  const text = t('idle.countdown', { seconds });
  let label = countdownEl.querySelector('.idle-text');
  let bar = countdownEl.querySelector('.idle-bar-fill');
  if (!label || !bar) {
    label = h('span', { class: 'idle-text', 'data-testid': 'idle-seconds' });
    bar = h('span', { class: 'idle-bar-fill' });
    countdownEl.replaceChildren(label, h('span', { class: 'idle-bar', 'aria-hidden': 'true' }, bar));
  }
  if (label.textContent !== text) label.textContent = text;
  label.dataset.seconds = String(seconds);
  bar.style.width = Math.min(100, (left / COUNTDOWN_MS) * 100).toFixed(1) + '%';
}

function stopCountdown() {
  clearInterval(countdownTick);
  countdownTick = 0;
  if (countdownEl && !countdownEl.hidden) {
    countdownEl.hidden = true;
    countdownEl.replaceChildren();
  }
}

/**
 * Whether the screen may dim now: the untouched home screen of nobody's visit, no staff
 * session, no help call being answered, no notice or dialog over the page.
 */
function mayDim() {
  if (isPaused() || !current || (current.name !== 'home' && current.name !== 'notEnrolled') || visitUnderway()
    || session.staff || session.technician) return false;
  if (Date.now() < helpUntil || (countdownEl && !countdownEl.hidden)) return false;
  return !document.querySelector('dialog[open], [role="dialog"]:not([hidden]), [aria-modal="true"]:not([hidden])');
}

/** The resident is done (完成, logging out): forget everything now, as the idle return does. */
function endVisit() {
  idleReturn();
}

function idleReturn() {
  if (reloadWanted && !isPaused()) {
    // A new version came while a receipt was kept: the visit is over, load it now (the kiosk
    // answered a moment ago; the reload forgets everything, as the idle return would).
    forgetOnKiosk(session);
    location.reload();
    return;
  }
  unmountCurrent();
  stopCountdown();
  forgetOnKiosk(session);
  session = newSession(); // drops search text, results, browse choices, drafts, tokens
  document.documentElement.classList.remove('elder');
  setLang(settings.defaultLanguage);
  const active = document.activeElement;
  if (active && active !== document.body && typeof active.blur === 'function') active.blur();

  renderHeader();
  sessionMark = newSessionMark(); // every history entry of the last resident is now foreign
  history.replaceState(entry(0), '', '#/');
  renderRoute(true);
  armIdle();

  // Pick up changed settings (station name, timeouts) while nobody is using the kiosk.
  // ... and whether the kiosk still waits for its enrollment (it restarts once enrolled).
  const wasAwaiting = awaitingEnrollment;
  Promise.all([loadSettings(), loadEnrollment()]).then(([ok]) => {
    if (awaitingEnrollment !== wasAwaiting && (current?.name === 'home' || current?.name === 'notEnrolled')) {
      renderRoute(true);
    }
    if (!ok || session.langChosen || session.elder || current?.name !== 'home') return;
    setLang(settings.defaultLanguage);
    renderHeader();
    renderRoute(true);
    armIdle();
  });
}

// ---- boot --------------------------------------------------------------------------------

function installGuards() {
  // No context menu, no drag ghosts, no pinch/double-tap zoom gestures (touch-action in CSS too).
  document.addEventListener('contextmenu', (e) => e.preventDefault());
  document.addEventListener('dragstart', (e) => e.preventDefault());
  document.addEventListener('gesturestart', (e) => e.preventDefault());
  document.addEventListener('touchmove', (e) => { if (e.touches && e.touches.length > 1) e.preventDefault(); }, { passive: false });
  document.addEventListener('selectstart', (e) => {
    const el = e.target instanceof Element ? e.target : e.target && e.target.parentElement;
    if (!el || !el.closest('input, textarea')) e.preventDefault();
  });
  for (const ev of IDLE_EVENTS) document.addEventListener(ev, armIdle, { capture: true, passive: true });
}

async function boot() {
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  installGuards();
  setLang(DEFAULT_SETTINGS.defaultLanguage);
  renderHeader();
  startServiceWatch({ overlay: pausedEl, onPause: servicePaused, onResume: serviceResumed });
  onNoAnswer(() => suspect());
  dimmer.startDimmer({ veil: dimEl, mayDim });
  installEvents();
  history.replaceState(entry(0), '', currentHash()); // the first entry is this session's too
  window.addEventListener('hashchange', () => renderRoute());
  window.addEventListener('popstate', () => renderRoute());

  // Wait briefly for the settings (default language, station name) to avoid a flash of
  // defaults; if the server is slow, start anyway and apply them when they arrive.
  const settingsLoaded = Promise.all([loadSettings(), loadEnrollment()]).then(([ok]) => ok);
  const first = await Promise.race([settingsLoaded, new Promise((r) => setTimeout(() => r(null), 1500))]);
  if (first && !session.langChosen) setLang(settings.defaultLanguage);
  renderHeader();
  renderRoute(true);
  armIdle();

  if (first === null && await settingsLoaded) {
    const langChanged = !session.langChosen && getLang() !== settings.defaultLanguage;
    if (langChanged) {
      setLang(settings.defaultLanguage);
      renderHeader();
    }
    if (langChanged || current?.name === 'home') renderRoute(true);
    armIdle();
  }
}

boot();
