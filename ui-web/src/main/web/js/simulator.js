// Simulator control panel (simulator.html), for the demo and for technicians: drives the
// kiosk's simulated devices through /api/v1/simulator/* and shows what the kiosk tells the
// page over /api/v1/events. A kiosk with real devices has no simulator API (404): then the
// panel says so and offers nothing.
//
// Privacy: the ID-card events carry only present/readable; this page never asks for, nor
// shows, what is on a card.
import { h, setChildren } from './dom.js';
import { t, setLang, getLang } from './i18n.js';
import { getJson, postJson, ApiError } from './api.js';
import { startEvents, onEvent, onStreamState } from './events.js';

const LOG_MAX = 50;
const RECEIPTS_EVERY_MS = 4000;
const PROBE_RETRY_MS = 4000;
const DEVICES = ['scanner', 'idcard', 'gpio', 'printer'];
const STATES = new Set(['ok', 'degraded', 'offline', 'unknown']);
const PRINTER_FLAGS = [
  { key: 'paperEnd', testid: 'sim-paper-end', label: 'sim.printer.paperEnd', fault: true },
  { key: 'paperNearEnd', testid: 'sim-paper-near-end', label: 'sim.printer.paperNearEnd', fault: true },
  { key: 'coverOpen', testid: 'sim-cover-open', label: 'sim.printer.coverOpen', fault: true },
  { key: 'answersStatus', testid: 'sim-answers-status', label: 'sim.printer.answersStatus', fault: false },
];
// The printer's reasons in the kiosk's words (English) -> plain words for the panel.
const PRINTER_WHY = [
  [/paper\s*end|out of paper|no paper/i, 'sim.why.paperEnd'],
  [/cover\s*open/i, 'sim.why.coverOpen'],
  [/no answer|not answer|silen|unknown|offline/i, 'sim.why.noAnswer'],
];

const topEl = document.getElementById('sim-top');
const mainEl = document.getElementById('sim');

// What the panel knows; it survives a language switch (the page is rebuilt from it).
const state = {
  mode: 'checking', // 'checking' | 'on' | 'off' | 'unreachable'
  stream: null, // 'open' | 'retrying'
  log: [], // [{time: Date, name, data}] newest first
  devices: new Map(), // name -> {state, reason}
  printer: { paperEnd: false, paperNearEnd: false, coverOpen: false, answersStatus: true },
  receipts: null, // null = not loaded; 'unavailable'; or [{index, image, lines}]
  results: {}, // section -> {ok, text}
  scanText: '',
};

let receiptsTimer = 0;
let probeTimer = 0;

// ---- words -----------------------------------------------------------------------------

function reasonOf(err) {
  if (err instanceof ApiError) {
    if (err.kind === 'network') return t('sim.reason.network');
    if (err.kind === 'timeout') return t('sim.reason.timeout');
    const words = [err.title, err.detail].filter(Boolean);
    const fields = (err.errors || []).map((e) => [e.field, e.message].filter(Boolean).join(' ')).filter(Boolean);
    if (words.length || fields.length) return [...new Set([...words, ...fields])].join(' — ');
    return t('sim.reason.http', { status: err.status });
  }
  return String(err && err.message || err);
}

function deviceName(name) {
  return DEVICES.includes(name) ? t('sim.device.' + name) : String(name);
}

function stateName(s) {
  return STATES.has(s) ? t('sim.state.' + s) : String(s);
}

function describe(name, data) {
  switch (name) {
    case 'scan': return t('sim.ev.scan', { code: typeof data.code === 'string' ? data.code : '' });
    case 'presence': return t(data.present === true ? 'sim.ev.presence.on' : 'sim.ev.presence.off');
    case 'help': return t('sim.ev.help');
    case 'card':
      if (data.present !== true) return t('sim.ev.card.removed');
      return t(data.readable === false ? 'sim.ev.card.unreadable' : 'sim.ev.card.readable');
    case 'device': {
      const text = t('sim.ev.device', { device: deviceName(data.device), state: stateName(data.state) });
      return typeof data.reason === 'string' && data.reason ? text + ' (' + data.reason + ')' : text;
    }
    case 'receipt': {
      const text = t('sim.ev.receipt', { no: typeof data.trackingNo === 'string' ? data.trackingNo : '', state: String(data.state) });
      return typeof data.reason === 'string' && data.reason ? text + ' (' + data.reason + ')' : text;
    }
    default: return '';
  }
}

function clock(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// ---- rendering -------------------------------------------------------------------------

function renderTop() {
  topEl.replaceChildren(
    h('h1', { class: 'sim-title' }, t('sim.title')),
    h('div', { class: 'topbar-spacer' }),
    state.stream ? h('span', {
      class: ['sim-stream', state.stream === 'open' ? 'is-ok' : 'is-bad'], 'data-testid': 'sim-stream',
      'data-state': state.stream,
    }, t(state.stream === 'open' ? 'sim.stream.open' : 'sim.stream.retrying')) : null,
    h('button', {
      type: 'button', class: 'hbtn hbtn-lang', 'data-testid': 'btn-lang',
      lang: getLang() === 'en' ? 'zh-CN' : 'en',
      onClick: () => {
        setLang(getLang() === 'en' ? 'zh-CN' : 'en');
        document.title = t('sim.title');
        render();
      },
    }, t('sim.lang')),
  );
}

function resultLine(section) {
  const r = state.results[section];
  return h('p', {
    class: ['sim-result', r && (r.ok ? 'is-ok' : 'is-bad')], role: 'status',
    'data-testid': 'sim-result-' + section,
  }, r ? r.text : '');
}

function card(section, title, ...body) {
  return h('section', { class: 'sim-card', 'data-testid': 'sim-section-' + section },
    h('h2', { class: 'sim-card-title' }, title), ...body);
}

function button(testid, label, onClick, extra = {}) {
  return h('button', { type: 'button', class: 'btn btn-secondary sim-btn', 'data-testid': testid, onClick, ...extra }, label);
}

function renderControls() {
  const input = h('input', {
    type: 'text', class: 'sim-input', id: 'sim-scan-text', 'data-testid': 'sim-scan-text',
    autocomplete: 'off', spellcheck: 'false', maxlength: '4096',
    placeholder: t('sim.scan.placeholder'), value: state.scanText,
    onInput: (e) => { state.scanText = e.target.value; },
  });
  const scanForm = h('form', {
    class: 'sim-row', onSubmit: (e) => {
      e.preventDefault();
      if (!state.scanText) {
        setResult('scan', false, t('sim.scan.empty'));
        return;
      }
      send('scan', '/simulator/scan', { text: state.scanText }, t('sim.scan.button'));
    },
  },
  h('label', { class: 'visually-hidden', for: 'sim-scan-text' }, t('sim.scan.label')),
  input,
  h('button', { type: 'submit', class: 'btn btn-primary sim-btn', 'data-testid': 'sim-scan' }, t('sim.scan.button')));

  const flags = PRINTER_FLAGS.map((f) => {
    const on = state.printer[f.key];
    return h('button', {
      type: 'button', class: 'btn btn-secondary sim-btn sim-toggle', 'data-testid': f.testid,
      'aria-pressed': on ? 'true' : 'false',
      'data-fault': on === f.fault ? 'true' : null,
      onClick: () => setPrinterFlag(f.key),
    }, h('span', null, t(f.label)), h('span', { class: 'sim-toggle-state' }, t(on ? 'sim.printer.on' : 'sim.printer.off')));
  });

  return [
    card('scan', t('sim.scan.title'), scanForm, resultLine('scan')),
    card('presence', t('sim.presence.title'),
      h('div', { class: 'sim-row' },
        button('sim-presence-on', t('sim.presence.on'),
          () => send('presence', '/simulator/presence', { present: true }, t('sim.presence.on'))),
        button('sim-presence-off', t('sim.presence.off'),
          () => send('presence', '/simulator/presence', { present: false }, t('sim.presence.off')))),
      resultLine('presence')),
    card('help', t('sim.help.title'),
      h('div', { class: 'sim-row' },
        button('sim-help', t('sim.help.button'), () => send('help', '/simulator/help', {}, t('sim.help.button')))),
      resultLine('help')),
    card('card', t('sim.card.title'),
      h('div', { class: 'sim-row' },
        button('sim-card-place', t('sim.card.place'),
          () => send('card', '/simulator/card', { present: true, longTerm: false }, t('sim.card.place'))),
        button('sim-card-place-long', t('sim.card.placeLong'),
          () => send('card', '/simulator/card', { present: true, longTerm: true }, t('sim.card.placeLong'))),
        button('sim-card-remove', t('sim.card.remove'),
          () => send('card', '/simulator/card', { present: false }, t('sim.card.remove')))),
      h('p', { class: 'sim-note' }, t('sim.card.note')),
      resultLine('card')),
    card('printer', t('sim.printer.title'),
      h('div', { class: 'sim-row' }, flags),
      h('div', { class: 'sim-row' },
        h('button', { type: 'button', class: 'btn btn-primary sim-btn', 'data-testid': 'sim-test-page', onClick: printTestPage },
          t('sim.printer.testPage'))),
      resultLine('printer')),
  ];
}

function renderDevices() {
  const names = [...new Set([...DEVICES, ...state.devices.keys()])];
  return card('devices', t('sim.devices.title'),
    h('ul', { class: 'sim-devices', 'data-testid': 'sim-devices' },
      names.map((name) => {
        const d = state.devices.get(name) || { state: 'unknown', reason: '' };
        return h('li', {
          class: ['sim-device', 'is-' + (STATES.has(d.state) ? d.state : 'unknown')],
          'data-testid': 'sim-device-' + name, 'data-device': name, 'data-state': d.state,
        },
        h('span', { class: 'sim-device-name' }, deviceName(name)),
        h('span', { class: 'sim-device-state' }, stateName(d.state)),
        d.reason ? h('span', { class: 'sim-device-reason' }, d.reason) : null);
      })),
    state.devices.size === 0 ? h('p', { class: 'sim-note' }, t('sim.devices.none')) : null);
}

function renderLog() {
  return card('log', t('sim.log.title'),
    h('ol', { class: 'sim-log', 'data-testid': 'sim-log', 'aria-live': 'polite' },
      state.log.map((e) => h('li', { class: 'sim-log-entry', 'data-event': e.name },
        h('span', { class: 'sim-log-time' }, clock(e.time)),
        h('span', { class: 'sim-log-name' }, e.name),
        h('span', { class: 'sim-log-text' }, describe(e.name, e.data))))),
    state.log.length === 0 ? h('p', { class: 'sim-note' }, t('sim.log.empty')) : null);
}

function renderReceipts() {
  let body;
  if (state.receipts === 'unavailable') body = h('p', { class: 'sim-note' }, t('sim.receipts.unavailable'));
  else if (!state.receipts || state.receipts.length === 0) body = h('p', { class: 'sim-note' }, t('sim.receipts.empty'));
  else body = null;
  const list = Array.isArray(state.receipts) ? state.receipts.slice().reverse() : [];
  return card('receipts', t('sim.receipts.title'),
    h('ol', { class: 'sim-receipts', 'data-testid': 'sim-receipts' },
      list.map((r) => h('li', { class: 'sim-receipt', 'data-index': r.index },
        h('img', {
          class: 'sim-receipt-img', src: r.image,
          alt: t('sim.receipts.alt', { n: r.index + 1 }), title: r.lines.join('\n'),
          'data-testid': 'sim-receipt-' + r.index,
        })))),
    body);
}

function render() {
  renderTop();
  if (state.mode === 'checking') {
    setChildren(mainEl, h('p', { class: 'loading', 'data-testid': 'sim-checking' }, t('sim.checking')));
    return;
  }
  if (state.mode === 'unreachable') {
    setChildren(mainEl, h('div', { class: 'error', 'data-testid': 'sim-unreachable', role: 'status' },
      h('p', { class: 'error-title' }, t('sim.unreachable'))));
    return;
  }
  if (state.mode === 'off') {
    setChildren(mainEl, h('div', { class: 'sim-off', 'data-testid': 'sim-off', role: 'status' },
      h('h2', { class: 'sim-off-title' }, t('sim.off.title')),
      h('p', null, t('sim.off.detail'))));
    return;
  }
  // Keep the focus and caret of the scan box across a re-render.
  const active = document.activeElement;
  const refocus = active && active.id === 'sim-scan-text' ? [active.selectionStart, active.selectionEnd] : null;
  setChildren(mainEl,
    h('p', { class: 'sim-subtitle' }, t('sim.subtitle')),
    h('div', { class: 'sim-grid', 'data-testid': 'sim-panel' },
      h('div', { class: 'sim-col' }, renderControls()),
      h('div', { class: 'sim-col' }, renderDevices(), renderReceipts()),
      h('div', { class: 'sim-col' }, renderLog())));
  if (refocus) {
    const input = document.getElementById('sim-scan-text');
    input.focus();
    try { input.setSelectionRange(refocus[0], refocus[1]); } catch { /* not a text state */ }
  }
}

// Re-renders only one part, so that typing in the scan box is not disturbed by events.
function replaceSection(section, node) {
  const old = mainEl.querySelector(`[data-testid='sim-section-${section}']`);
  if (old) old.replaceWith(node);
}

// ---- actions ---------------------------------------------------------------------------

function setResult(section, ok, text) {
  state.results[section] = { ok, text };
  const old = mainEl.querySelector(`[data-testid='sim-result-${section}']`);
  if (old) old.replaceWith(resultLine(section));
}

function goOff() {
  state.mode = 'off';
  clearTimeout(receiptsTimer);
  render();
}

async function send(section, path, body, what) {
  try {
    await postJson(path, body);
    setResult(section, true, t('sim.sent', { what }));
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.kind === 'http') {
      goOff();
      return false;
    }
    setResult(section, false, t('sim.failed', { reason: reasonOf(e) }));
    return false;
  }
}

async function setPrinterFlag(key) {
  const value = !state.printer[key];
  const label = t(PRINTER_FLAGS.find((f) => f.key === key).label) + ': ' + t(value ? 'sim.printer.on' : 'sim.printer.off');
  if (await send('printer', '/simulator/printer', { [key]: value }, label)) {
    state.printer[key] = value;
    replaceSection('printer', renderControls()[4]);
  }
}

async function printTestPage() {
  try {
    await postJson('/simulator/printer/test-page', {});
    setResult('printer', true, t('sim.printer.printed'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.kind === 'http') {
      goOff();
      return;
    }
    const reason = reasonOf(e);
    const why = PRINTER_WHY.find(([re]) => re.test(reason));
    setResult('printer', false, t('sim.printer.cannot', { reason: why ? `${t(why[1])} (${reason})` : reason }));
  }
  refreshReceipts();
}

// ---- receipts --------------------------------------------------------------------------

function sameReceipts(a, b) {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length
    && a.every((r, i) => r.index === b[i].index && r.image === b[i].image);
}

async function refreshReceipts() {
  clearTimeout(receiptsTimer);
  if (state.mode !== 'on') return;
  let next = state.receipts;
  try {
    const body = await getJson('/simulator/receipts');
    const list = Array.isArray(body && body.receipts) ? body.receipts : [];
    next = list
      .filter((r) => r && Number.isInteger(r.index) && typeof r.image === 'string' && r.image.startsWith('/api/v1/simulator/'))
      .map((r) => ({ index: r.index, image: r.image, lines: Array.isArray(r.lines) ? r.lines.map(String) : [] }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) next = 'unavailable';
    // other failures: keep what is shown and try again later
  }
  if (state.mode !== 'on') return;
  if (next !== state.receipts && !sameReceipts(next, state.receipts)) {
    state.receipts = next;
    replaceSection('receipts', renderReceipts());
  }
  receiptsTimer = setTimeout(refreshReceipts, RECEIPTS_EVERY_MS);
}

// ---- events ----------------------------------------------------------------------------

function logEvent(data, name) {
  state.log.unshift({ time: new Date(), name, data });
  if (state.log.length > LOG_MAX) state.log.length = LOG_MAX;
  if (name === 'device' && typeof data.device === 'string' && data.device) {
    state.devices.set(data.device, {
      state: typeof data.state === 'string' ? data.state : 'unknown',
      reason: typeof data.reason === 'string' ? data.reason : '',
    });
    if (state.mode === 'on') replaceSection('devices', renderDevices());
  }
  if (state.mode === 'on') replaceSection('log', renderLog());
}

// Device states that changed before this page opened come only from the health report.
async function seedDevices() {
  try {
    const res = await fetch('/observe/health', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await res.json();
    const check = (body && Array.isArray(body.checks) ? body.checks : []).find((c) => c && c.name === 'devices');
    const data = check && check.data && typeof check.data === 'object' ? check.data : {};
    for (const [name, value] of Object.entries(data)) {
      if (state.devices.has(name) || typeof value !== 'string') continue;
      const m = /^(ok|degraded|offline|unknown)(?::\s*(.*))?$/.exec(value);
      if (m) state.devices.set(name, { state: m[1], reason: m[2] || '' });
    }
    if (state.mode === 'on') replaceSection('devices', renderDevices());
  } catch {
    // no health report: the list fills from the events
  }
}

// ---- boot ------------------------------------------------------------------------------

async function status(path) {
  try {
    const res = await fetch('/api/v1' + path, { cache: 'no-store', headers: { Accept: 'application/json' } });
    return res.status;
  } catch {
    return 0;
  }
}

/** The simulator API is there when its paths exist (a real kiosk answers 404 for all of them). */
async function probe() {
  clearTimeout(probeTimer);
  const receipts = await status('/simulator/receipts');
  const scan = receipts === 404 ? await status('/simulator/scan') : receipts;
  if (receipts === 0 || scan === 0) {
    state.mode = 'unreachable';
    render();
    probeTimer = setTimeout(probe, PROBE_RETRY_MS);
    return;
  }
  state.mode = receipts === 404 && scan === 404 ? 'off' : 'on';
  render();
  if (state.mode === 'on') {
    seedDevices();
    refreshReceipts();
  }
}

function boot() {
  setLang('zh-CN');
  document.title = t('sim.title');
  onEvent('*', logEvent);
  onStreamState((s) => {
    if (s === state.stream) return;
    state.stream = s;
    renderTop();
  });
  startEvents();
  render();
  probe();
}

boot();
