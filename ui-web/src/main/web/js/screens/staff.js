// Staff (工作人员): log in with the badge's QR code and a PIN, then the station's appeals by
// tab (unacknowledged / open / overdue / receipt owed) with a reprint button each, the
// devices, the audit chain, and filing on a resident's behalf (帮办代办, #/staff/appeal).
//
// The staff token lives in ctx.session.staff only: the idle return, logging out, or the
// kiosk ending the session (401 staff-session-required) forget it.
import { h, append } from '../dom.js';
import { t, getLang } from '../i18n.js';
import {
  staffLogin, staffLogout, staffAppeals, staffReprint, staffDevices, staffAudit, staffSync, isAbortError,
} from '../api.js';
import { loadingLine, backIcon } from '../components.js';
import { createPinEntry } from '../pin-entry.js';
import {
  statusBadge, warningBadge, formatTime, notice, str, isStaffSessionError, printReasonText,
} from '../appeals.js';

const BADGE_PREFIX = 'JBSTAFF:';
const TABS = ['unacknowledged', 'open', 'overdue', 'owed'];
const DEVICES = ['scanner', 'idcard', 'printer', 'gpio'];
const DEVICE_STATES = new Set(['ok', 'degraded', 'offline', 'unknown']);
const SYNC_ERRORS = new Set(['unreachable', 'unauthorized', 'certificate', 'silent', 'closed', 'connection', 'kiosk']);

export function mount(root, ctx) {
  const s = ctx.session;
  const section = h('section', { class: 'screen staff', 'data-testid': 'screen-staff' });
  root.append(section);
  let disposed = false;
  const stops = [];

  ctx.onEvent('scan', (data) => {
    if (disposed || s.staff || typeof data.code !== 'string') return;
    if (data.code.startsWith(BADGE_PREFIX) && data.code.length > BADGE_PREFIX.length) {
      s.staffLogin = { badge: data.code, message: null };
    } else {
      s.staffLogin = { badge: s.staffLogin && s.staffLogin.badge, message: { key: 'staff.login.notBadge' } };
    }
    render();
  });

  function render() {
    if (disposed) return;
    for (const stop of stops.splice(0)) stop();
    section.replaceChildren();
    if (s.staff) home();
    else login();
  }

  // ---- login ----------------------------------------------------------------------------

  function login() {
    const state = s.staffLogin || (s.staffLogin = { badge: null, message: null });
    const expired = s.staffNotice ? notice('info', 'staff-notice', t(s.staffNotice)) : null;
    const msg = state.message
      ? notice('bad', 'login-error', t(state.message.key, state.message.params || {}))
      : null;
    append(section, [h('h1', { class: 'screen-title' }, t('staff.login.title')), expired]);
    if (!state.badge) {
      append(section, [
        h('div', { class: 'way', 'data-testid': 'staff-scan-prompt' },
          h('p', { class: 'way-title' }, t('staff.login.scan')),
          h('p', { class: 'way-text' }, t('staff.login.scanHint'))),
        msg,
        cancelBar()]);
      return;
    }
    let sending = false;
    const pad = createPinEntry({
      testId: 'pin-dots',
      label: t('staff.login.pin'),
      doneLabel: t('staff.login.submit'),
      busy: () => sending,
      onSubmit: (tried) => {
        sending = true;
        section.classList.add('is-busy');
        staffLogin(state.badge, tried).then((res) => {
          sending = false;
          if (disposed) return;
          if (!res || !str(res.token)) throw new Error('no token');
          section.classList.remove('is-busy');
          s.staff = { token: res.token, id: res.staff && res.staff.id, name: res.staff && str(res.staff.name) };
          s.staffLogin = null;
          s.staffNotice = null;
          render();
        }).catch((err) => {
          sending = false;
          if (disposed || isAbortError(err)) return;
          section.classList.remove('is-busy');
          state.message = loginProblem(err);
          render();
        });
      },
    });
    append(section, [
      notice('good', 'staff-badge-ok', t('staff.login.badgeOk')),
      h('p', { class: 'tf-label' }, t('staff.login.pin')),
      pad.dots,
      msg,
      pad.keyboard,
      h('div', { class: 'step-nav' },
        h('button', {
          type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-staff-rescan',
          onClick: () => { s.staffLogin = null; render(); },
        }, backIcon(), h('span', null, t('staff.login.rescan'))),
        h('button', {
          type: 'button', class: 'btn btn-primary btn-step', 'data-testid': 'btn-staff-login', onClick: pad.submit,
        }, t('staff.login.submit')))]);
  }

  function loginProblem(err) {
    const p = err && err.problem;
    const body = (err && err.body) || {};
    if (p === 'bad-credentials' || (err && err.status === 401)) {
      const left = Number.isInteger(body.attemptsLeft) ? body.attemptsLeft : null;
      return left === null ? { key: 'staff.login.bad' } : { key: 'staff.login.badLeft', params: { count: left } };
    }
    if (p === 'badge-locked' || (err && err.status === 423)) {
      const until = str(body.lockedUntil);
      return until ? { key: 'staff.login.lockedUntil', params: { time: formatTime(until) } } : { key: 'staff.login.locked' };
    }
    if (err && (err.kind === 'network' || err.kind === 'timeout')) return { key: 'staff.login.network' };
    return { key: 'staff.login.failed' };
  }

  function cancelBar() {
    return h('div', { class: 'step-nav' },
      h('button', {
        type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-staff-cancel',
        onClick: () => { s.staffLogin = null; s.staffNotice = null; ctx.goBack('#/'); },
      }, backIcon(), h('span', null, t('appeal.leave'))));
  }

  // ---- home -----------------------------------------------------------------------------

  function home() {
    const staff = s.staff;
    const tab = TABS.includes(s.staffTab) ? s.staffTab : TABS[0];
    const listBox = h('div', { class: 'staff-list', 'data-testid': 'staff-list' });
    const devicesBox = h('div', { class: 'staff-devices', 'data-testid': 'staff-devices' });
    const auditBox = h('div', { class: 'staff-audit', 'data-testid': 'staff-audit' });
    const syncBox = h('div', { class: 'staff-sync', 'data-testid': 'staff-sync' });

    append(section, [
      h('div', { class: 'staff-head' },
        h('h1', { class: 'screen-title' }, t('staff.home.title')),
        h('p', { class: 'staff-who', 'data-testid': 'staff-name' }, t('staff.home.who', { name: staff.name || staff.id || '' })),
        h('button', {
          type: 'button', class: 'btn btn-secondary', 'data-testid': 'btn-staff-logout', onClick: logout,
        }, t('staff.home.logout'))),
      h('button', {
        type: 'button', class: 'tile tile-proxy', 'data-testid': 'btn-proxy',
        onClick: () => { s.appeal = null; ctx.navigate('#/staff/appeal'); },
      }, h('span', { class: 'tile-text' },
        h('span', { class: 'tile-title' }, t('staff.proxy.title')),
        h('span', { class: 'tile-desc' }, t('staff.proxy.desc')))),
      h('section', { class: 'panel' },
        h('h2', { class: 'panel-title' }, t('staff.appeals.title')),
        h('div', { class: 'tabs tabs-4', role: 'tablist' }, TABS.map((name) => h('button', {
          type: 'button', role: 'tab', class: 'tab', 'data-testid': 'tab-' + name,
          'aria-selected': name === tab ? 'true' : 'false',
          onClick: () => { s.staffTab = name; render(); },
        }, t('staff.tab.' + name)))),
        listBox),
      h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, t('staff.sync.title')), syncBox),
      h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, t('staff.devices.title')), devicesBox),
      h('section', { class: 'panel' }, h('h2', { class: 'panel-title' }, t('staff.audit.title')), auditBox)]);

    loadList(tab, listBox);
    loadSync(syncBox);
    loadDevices(devicesBox);
    loadAudit(auditBox);
  }

  /** A staff call: a 401 staff-session-required sends the staff back to log in. */
  function call(promise, box, onData) {
    const ctrl = new AbortController();
    stops.push(() => ctrl.abort());
    box.replaceChildren(loadingLine());
    promise(ctrl.signal).then((data) => {
      if (disposed || ctrl.signal.aborted) return;
      onData(data || {});
    }, (err) => {
      if (disposed || isAbortError(err) || ctrl.signal.aborted) return;
      if (isStaffSessionError(err)) {
        ctx.staffSessionEnded();
        return;
      }
      box.replaceChildren(notice('bad', 'staff-error', t('staff.failed')));
    });
  }

  function loadList(tab, box) {
    call((signal) => staffAppeals(s.staff.token, tab, getLang(), signal), box, (data) => {
      const list = (Array.isArray(data.appeals) ? data.appeals : []).filter((a) => a && str(a.trackingNo));
      box.replaceChildren(list.length
        ? h('ul', { class: 'result-list' }, list.map(appealRow))
        : h('p', { class: 'results-empty', 'data-testid': 'staff-list-empty' }, t('staff.list.empty')));
      box.dataset.filter = tab;
      box.dataset.count = String(list.length);
    });
  }

  function receiptText(receipt) {
    const st = receipt && receipt.state;
    if (st === 'PRINTED') return t('staff.receipt.PRINTED');
    if (st === 'OWED') return t('staff.receipt.OWED', { reason: printReasonText(receipt.reason) });
    if (st === 'PRINTING') return t('staff.receipt.PRINTING');
    return '';
  }

  function appealRow(a) {
    const state = h('span', { class: 'meta', 'data-testid': 'receipt-state-' + a.trackingNo }, receiptText(a.receipt));
    const btn = h('button', {
      type: 'button', class: 'btn btn-secondary', 'data-testid': 'reprint-' + a.trackingNo,
      onClick: () => {
        btn.disabled = true;
        state.textContent = t('staff.receipt.PRINTING');
        staffReprint(s.staff.token, a.trackingNo).then((res) => {
          if (disposed) return;
          btn.disabled = false;
          state.textContent = receiptText(res && res.receipt) || t('staff.receipt.PRINTING');
          state.dataset.state = (res && res.receipt && res.receipt.state) || '';
        }, (err) => {
          if (disposed) return;
          if (isStaffSessionError(err)) {
            ctx.staffSessionEnded();
            return;
          }
          btn.disabled = false;
          state.textContent = t('staff.reprint.failed');
        });
      },
    }, t('staff.reprint'));
    return h('li', { class: 'staff-row', 'data-testid': 'staff-appeal-' + a.trackingNo },
      h('div', { class: 'result-main' },
        h('span', { class: 'result-name' }, (a.category && a.category.name) || ''),
        h('span', { class: 'result-meta' },
          h('span', { class: 'meta meta-dept' }, a.trackingNo),
          h('span', { class: 'meta' }, formatTime(a.filedAt)),
          a.proxy ? h('span', { class: 'meta' }, t('detail.proxy')) : null),
        h('span', { class: 'badges' }, statusBadge(a.status), warningBadge(a.warning), state)),
      btn);
  }

  function deviceList(data) {
    // {devices: [{device, state, reason}]} or {devices: {name: {state, reason}}} or {name: ...}
    const raw = data && data.devices !== undefined ? data.devices : data;
    const out = [];
    if (Array.isArray(raw)) {
      for (const d of raw) if (d && str(d.device || d.name)) out.push({ name: d.device || d.name, state: d.state, reason: d.reason });
    } else if (raw && typeof raw === 'object') {
      for (const [name, v] of Object.entries(raw)) {
        if (v && typeof v === 'object') out.push({ name, state: v.state, reason: v.reason });
        else if (typeof v === 'string') {
          const [st, ...why] = v.split(':');
          out.push({ name, state: st.trim(), reason: why.join(':').trim() || null });
        }
      }
    }
    return out;
  }

  function loadDevices(box) {
    call((signal) => staffDevices(s.staff.token, signal), box, (data) => {
      const list = deviceList(data);
      box.replaceChildren(list.length ? h('ul', { class: 'sim-devices' }, list.map((d) => {
        const st = DEVICE_STATES.has(d.state) ? d.state : 'unknown';
        return h('li', { class: 'sim-device is-' + st, 'data-testid': 'device-' + d.name, 'data-state': st },
          h('span', { class: 'sim-device-name' }, DEVICES.includes(d.name) ? t('sim.device.' + d.name) : d.name),
          h('span', { class: 'sim-device-state' }, t('sim.state.' + st)),
          str(d.reason) ? h('span', { class: 'sim-device-reason' }, d.reason) : null);
      })) : h('p', { class: 'empty' }, t('sim.devices.none')));
    });
  }

  /** "3 分钟前" from a number of seconds; null when unknown. */
  function agoText(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) return null;
    if (seconds < 60) return t('staff.sync.justNow');
    if (seconds < 3600) return t('staff.sync.minutesAgo', { n: Math.floor(seconds / 60) });
    if (seconds < 86400) return t('staff.sync.hoursAgo', { n: Math.floor(seconds / 3600) });
    return t('staff.sync.daysAgo', { n: Math.floor(seconds / 86400) });
  }

  function ageText(seconds) {
    if (seconds < 60) return t('staff.sync.lessThanMinute');
    if (seconds < 3600) return t('staff.sync.minutes', { n: Math.floor(seconds / 60) });
    if (seconds < 86400) return t('staff.sync.hours', { n: Math.floor(seconds / 3600) });
    return t('staff.sync.days', { n: Math.floor(seconds / 86400) });
  }

  function loadSync(box) {
    call((signal) => staffSync(s.staff.token, signal), box, (data) => {
      if (data.configured !== true) {
        box.dataset.configured = 'false';
        box.replaceChildren(notice('info', 'sync-state', t('staff.sync.notConfigured')));
        return;
      }
      const connected = data.connected === true;
      const queue = Number.isFinite(data.queue) ? data.queue : 0;
      const oldest = Number.isFinite(data.oldestUnsentSeconds) ? data.oldestUnsentSeconds : 0;
      const ago = agoText(data.lastContactSeconds);
      const error = data.lastError && typeof data.lastError === 'object' ? data.lastError : null;
      const kind = error && SYNC_ERRORS.has(error.kind) ? error.kind : 'other';
      box.dataset.configured = 'true';
      box.dataset.connected = String(connected);
      box.dataset.queue = String(queue);
      box.replaceChildren(
        connected
          ? notice('good', 'sync-state', t('staff.sync.connected'))
          : notice('bad', 'sync-state', t('staff.sync.disconnected'), t('staff.sync.offlineHint')),
        h('p', { class: 'staff-sync-line', 'data-testid': 'sync-contact' },
          ago ? t('staff.sync.lastContact', { ago }) : t('staff.sync.never')),
        h('p', { class: 'staff-sync-line', 'data-testid': 'sync-queue' },
          queue > 0 ? t('staff.sync.queue', { count: queue }) : t('staff.sync.queueEmpty')),
        queue > 0 ? h('p', { class: 'staff-sync-line', 'data-testid': 'sync-oldest' },
          t('staff.sync.oldest', { age: ageText(oldest) })) : null,
        error ? h('p', { class: 'staff-sync-line staff-sync-error', 'data-testid': 'sync-error', 'data-kind': kind },
          t('staff.sync.lastError', { text: t('staff.sync.error.' + kind) })) : null,
        error && str(error.detail) ? h('p', { class: 'staff-sync-detail', 'data-testid': 'sync-error-detail' },
          error.detail) : null);
    });
  }

  function loadAudit(box) {
    call((signal) => staffAudit(s.staff.token, signal), box, (data) => {
      const n = Number.isFinite(data.records) ? data.records : 0;
      box.dataset.intact = String(data.intact === true);
      box.replaceChildren(data.intact === true
        ? notice('good', 'audit-state', t('staff.audit.intact', { count: n }))
        : notice('bad', 'audit-state', t('staff.audit.broken', { count: n, at: data.brokenAt ?? '?' }), t('staff.audit.brokenHint')));
    });
  }

  function logout() {
    const token = s.staff && s.staff.token;
    s.staff = null;
    if (token) staffLogout(token).catch(() => {});
    ctx.finish();
  }

  render();

  return {
    unmount() {
      disposed = true;
      for (const stop of stops.splice(0)) stop();
    },
  };
}
