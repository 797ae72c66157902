// What the appeal screens (filing, receipt, lookup, staff) share: words for statuses, levels
// and warnings, dates, the status timeline, the ID-card reader, the text keyboard and the
// session's memory of what must be forgotten.
import { h } from './dom.js';
import { t, getLang } from './i18n.js';
import { readIdCard, forgetIdCard, getAppealCategories } from './api.js';
import { createTextKeyboard } from './ime.js';

export { createTextKeyboard };

/** The way an appeal normally goes; REJECTED leaves it after SUBMITTED or RECEIVED. */
export const STATUS_PATH = Object.freeze(['SUBMITTED', 'RECEIVED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']);
const STATUSES = new Set([...STATUS_PATH, 'REJECTED']);
const LEVELS = new Set(['COMMUNITY', 'STREET', 'DISTRICT', 'CITY']);
const WARNINGS = new Set(['BLUE', 'YELLOW', 'RED']);
export const RATING_LEVELS = Object.freeze(['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED']);

export const DESCRIPTION_MAX = 2000;
export const PLACE_MAX = 200;
export const REASON_MAX = 500;

/** The receipt's QR text: JB1:{trackingNo}:{verifier}. */
const RECEIPT_QR = /^JB1:([0-9A-Za-z-]{1,64}):([0-9A-Za-z_-]{1,128})$/;

export function str(v) {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

export function statusText(status) {
  return STATUSES.has(status) ? t('status.' + status) : t('status.unknown');
}

export function levelText(level) {
  return LEVELS.has(level) ? t('level.' + level) : null;
}

/** 红黄蓝 warning as a badge that says it in words too (colour is never the only sign). */
export function warningBadge(warning) {
  if (!WARNINGS.has(warning)) return null;
  return h('span', {
    class: 'warn warn-' + warning.toLowerCase(), 'data-testid': 'warning', 'data-warning': warning,
  }, h('span', { class: 'warn-dot', 'aria-hidden': 'true' }), t('warning.' + warning));
}

export function statusBadge(status) {
  return h('span', { class: 'status status-' + String(status).toLowerCase(), 'data-testid': 'status', 'data-status': status },
    statusText(status));
}

function date(iso) {
  if (!str(iso)) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026年11月23日 16:00 / 23 November 2026, 16:00 (the kiosk's local time). */
export function formatTime(iso) {
  const d = date(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}

/** 2026年11月23日 / 23 November 2026. */
export function formatDay(iso) {
  const d = date(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: 'long', day: 'numeric',
  }).format(d);
}

/** A fresh id for one filing attempt: the kiosk files it once, however often it is sent. */
export function newFilingId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** {trackingNo, verifier} of a receipt's QR text, or null for any other code. */
export function parseReceiptQr(code) {
  const m = typeof code === 'string' ? RECEIPT_QR.exec(code.trim()) : null;
  return m ? { trackingNo: m[1], verifier: m[2] } : null;
}

/** The printer's reason (English, for technicians) in plain words for a resident. */
export function printReasonText(reason) {
  const r = typeof reason === 'string' ? reason : '';
  if (/paper\s*end|out of paper|no paper/i.test(r)) return t('print.reason.paper');
  if (/cover/i.test(r)) return t('print.reason.cover');
  return t('print.reason.other');
}

export function isStaffSessionError(err) {
  return !!err && err.kind === 'http' && err.status === 401 && err.problem === 'staff-session-required';
}

// ---- the category tree (not personal: cached in the session per language) ------------------

export function loadCategories(session, signal) {
  const lang = getLang();
  const cached = session.categories && session.categories[lang];
  if (cached) return Promise.resolve(cached);
  return getAppealCategories(lang, signal).then((data) => {
    const domains = (Array.isArray(data && data.domains) ? data.domains : [])
      .filter((d) => d && str(d.code))
      .map((d) => ({
        code: d.code,
        name: str(d.name) || d.code,
        matters: (Array.isArray(d.matters) ? d.matters : []).filter((m) => m && str(m.code)).map((m) => ({
          code: m.code,
          name: str(m.name) || m.code,
          dueDays: Number.isFinite(m.dueDays) ? m.dueDays : null,
          quickPhrases: (Array.isArray(m.quickPhrases) ? m.quickPhrases : []).filter(str),
        })),
      }));
    if (!session.categories) session.categories = {};
    session.categories[lang] = domains;
    return domains;
  });
}

// ---- ID cards: the token is personal; the session remembers it only to forget it ----------

/** Reads the card on the reader; the token is kept in the session until it is forgotten. */
export async function readCard(session, signal) {
  const card = await readIdCard(signal);
  if (!card || !str(card.token)) throw new Error('no token in the answer');
  session.cardTokens.add(card.token);
  return { token: card.token, name: str(card.name), idNumber: str(card.idNumber) };
}

/** Forgets one card token on the kiosk (best effort: it also expires by itself in 5 minutes). */
export function dropCard(session, token) {
  if (!token) return;
  session.cardTokens.delete(token);
  forgetIdCard(token).catch(() => {});
}

/** Everything of one resident in a staff member's session: the draft, receipt, lookups, cards. */
export function forgetResident(session) {
  for (const token of [...session.cardTokens]) dropCard(session, token);
  session.appeal = null;
  session.receipt = null;
  session.lookup = null;
}

/**
 * A card reader panel's logic: read the card now (it may lie there already), and again each
 * time the kiosk says a readable card was placed. onState gets
 * {state: 'reading'|'waiting'|'unreadable'|'ok'|'error', card?, error?}.
 */
export function watchCard(ctx, { onState, isActive = () => true }) {
  let ctrl = null;
  let stopped = false;

  function read() {
    if (stopped || !isActive()) return;
    if (ctrl) ctrl.abort();
    const c = new AbortController();
    ctrl = c;
    onState({ state: 'reading' });
    readCard(ctx.session, c.signal).then((card) => {
      if (stopped || c !== ctrl) {
        dropCard(ctx.session, card.token);
        return;
      }
      ctrl = null;
      onState({ state: 'ok', card });
    }, (err) => {
      if (stopped || c !== ctrl || (err && err.name === 'AbortError')) return;
      ctrl = null;
      if (err && err.kind === 'http' && err.status === 409) onState({ state: 'waiting', noCard: true });
      else onState({ state: 'error', error: err });
    });
  }

  ctx.onEvent('card', (data) => {
    if (stopped || !isActive()) return;
    if (data.present === true && data.readable === false) onState({ state: 'unreadable' });
    else if (data.present === true) read();
  });

  return {
    read,
    stop() {
      stopped = true;
      if (ctrl) ctrl.abort();
    },
  };
}

// ---- pieces of the screens -----------------------------------------------------------------

/** A big toggle that behaves as a checkbox (role=checkbox, aria-checked). */
export function bigToggle({ testid, label, checked, onChange }) {
  const el = h('button', {
    type: 'button', role: 'checkbox', class: 'toggle', 'data-testid': testid,
    'aria-checked': checked ? 'true' : 'false',
    onClick: () => {
      const on = el.getAttribute('aria-checked') !== 'true';
      el.setAttribute('aria-checked', on ? 'true' : 'false');
      onChange(on);
    },
  }, h('span', { class: 'toggle-box', 'aria-hidden': 'true' }), h('span', { class: 'toggle-label' }, label));
  return el;
}

/** A plain-words message in the flow of the screen (never a pop-up). */
export function notice(kind, testid, ...lines) {
  return h('div', { class: 'notice notice-' + kind, 'data-testid': testid, role: kind === 'bad' ? 'alert' : 'status' },
    lines.filter(Boolean).map((l, i) => h('p', { class: i === 0 ? 'notice-title' : 'notice-text' }, l)));
}

function timelineEntries(view) {
  const done = new Map();
  for (const e of Array.isArray(view.timeline) ? view.timeline : []) {
    if (e && STATUSES.has(e.status)) done.set(e.status, e);
  }
  if (view.status === 'REJECTED' || done.has('REJECTED')) {
    const steps = STATUS_PATH.filter((s) => done.has(s));
    return [...steps, 'REJECTED'].map((s) => ({ status: s, entry: done.get(s) || null, state: 'done' }));
  }
  const at = STATUS_PATH.indexOf(view.status);
  return STATUS_PATH.map((s, i) => ({
    status: s,
    entry: done.get(s) || null,
    state: i < at ? 'done' : i === at ? 'current' : 'todo',
  }));
}

/** The status timeline: every step, those done with their time, DISPATCHED with level and department. */
export function timeline(view) {
  return h('ol', { class: 'timeline', 'data-testid': 'timeline' }, timelineEntries(view).map(({ status, entry, state }) => {
    const level = entry && (levelText(entry.handlingLevel) || str(entry.handlingLevelText));
    const dept = entry && str(entry.department);
    const reason = entry && str(entry.reason);
    return h('li', {
      class: 'tl tl-' + state + (status === 'REJECTED' ? ' tl-rejected' : ''),
      'data-testid': 'tl-' + status, 'data-state': state,
      'aria-current': state === 'current' ? 'step' : null,
    },
      h('span', { class: 'tl-mark', 'aria-hidden': 'true' }),
      h('span', { class: 'tl-body' },
        h('span', { class: 'tl-name' }, statusText(status),
          state === 'current' ? h('span', { class: 'tl-now' }, t('timeline.now')) : null),
        entry && str(entry.at) ? h('span', { class: 'tl-time' }, formatTime(entry.at)) : null,
        level ? h('span', { class: 'tl-extra', 'data-testid': 'tl-level' }, t('timeline.level', { level })) : null,
        dept ? h('span', { class: 'tl-extra', 'data-testid': 'tl-department' }, t('timeline.department', { department: dept })) : null,
        reason ? h('span', { class: 'tl-extra tl-reason', 'data-testid': 'reject-reason' }, t('timeline.reason', { reason })) : null));
  }));
}
