// Technician (技术人员): the technician PIN, then the enrollment QR scanned with the kiosk's own
// scanner enrolls the kiosk (POST /api/v1/technician/enrollment); the kiosk restarts by itself
// a few seconds later to take the enrollment up (docs/operations.md, section 3).
//
// The technician's token lives in ctx.session.technician only: the idle return forgets it.
import { h, append } from '../dom.js';
import { t } from '../i18n.js';
import { technicianState, technicianLogin, technicianEnroll, isAbortError } from '../api.js';
import { loadingLine, backIcon } from '../components.js';
import { notice, formatTime, str } from '../appeals.js';
import { createPinEntry } from '../pin-entry.js';

const ENROLL_PROBLEMS = {
  'wrong-qr': 'tech.err.wrongQr',
  'invalid-hub': 'tech.err.wrongQr',
  'code-unknown': 'tech.err.unknown',
  'code-used': 'tech.err.used',
  'code-expired': 'tech.err.expired',
  'hub-unreachable': 'tech.err.unreachable',
  'hub-timeout': 'tech.err.timeout',
  'hub-refused': 'tech.err.refused',
  'too-many-attempts': 'tech.err.refused',
  'cannot-write': 'tech.err.write',
  'already-enrolled': 'tech.err.already',
};

export function mount(root, ctx) {
  const s = ctx.session;
  const section = h('section', { class: 'screen technician', 'data-testid': 'screen-technician' });
  root.append(section);
  let disposed = false;
  let kioskState = null; // GET /technician/state
  let message = null; // {kind, key, params}
  let busy = false;
  const ctrl = new AbortController();

  ctx.onEvent('scan', (data) => {
    if (disposed || busy || !s.technician || s.technician.enrolled || typeof data.code !== 'string') return;
    enroll(data.code);
  });

  function render() {
    if (disposed) return;
    section.replaceChildren();
    append(section, [h('h1', { class: 'screen-title' }, t('tech.title'))]);
    if (s.technician && s.technician.enrolled) done(s.technician.enrolled);
    else if (!kioskState) append(section, [loadingLine(t('tech.loading')), leaveBar()]);
    else if (!kioskState.pinSet) {
      append(section, [notice('bad', 'tech-no-pin', t('tech.noPin'),
        t('tech.noPinHow', { command: str(kioskState.setPin) || 'sudo jinban-provision technician-pin' })), leaveBar()]);
    } else if (kioskState.enrolled) append(section, [notice('info', 'tech-enrolled-already', t('tech.enrolledAlready')), leaveBar()]);
    else if (!s.technician) pinStep();
    else scanStep();
  }

  function msg() {
    return message ? notice(message.kind, 'tech-message', t(message.key, message.params || {})) : null;
  }

  // ---- PIN ------------------------------------------------------------------------------

  function pinStep() {
    const pad = createPinEntry({
      testId: 'tech-pin-dots',
      label: t('tech.pin'),
      doneLabel: t('tech.pinOk'),
      busy: () => busy,
      onSubmit: (tried) => {
        busy = true;
        section.classList.add('is-busy');
        technicianLogin(tried, ctrl.signal).then((res) => {
          busy = false;
          if (disposed) return;
          if (!res || !str(res.token)) throw new Error('no token');
          section.classList.remove('is-busy');
          s.technician = { token: res.token, enrolled: null };
          message = null;
          render();
        }).catch((err) => {
          busy = false;
          if (disposed || isAbortError(err)) return;
          section.classList.remove('is-busy');
          message = loginProblem(err);
          render();
        });
      },
    });
    append(section, [
      h('p', { class: 'tf-label' }, t('tech.pin')),
      pad.dots,
      msg(),
      pad.keyboard,
      h('div', { class: 'step-nav' },
        leaveButton(),
        h('button', { type: 'button', class: 'btn btn-primary btn-step', 'data-testid': 'btn-tech-ok', onClick: pad.submit },
          t('tech.pinOk')))]);
  }

  function loginProblem(err) {
    const p = err && err.problem;
    const body = (err && err.body) || {};
    if (p === 'bad-pin') {
      const left = Number.isInteger(body.attemptsLeft) ? body.attemptsLeft : null;
      return left === null ? { kind: 'bad', key: 'tech.badPin' } : { kind: 'bad', key: 'tech.badPinLeft', params: { count: left } };
    }
    if (p === 'technician-locked') return { kind: 'bad', key: 'tech.locked', params: { time: formatTime(str(body.lockedUntil)) } };
    if (p === 'technician-pin-not-set') {
      kioskState = { ...(kioskState || {}), pinSet: false, setPin: str(body.setPin) };
      return null;
    }
    if (err && (err.kind === 'network' || err.kind === 'timeout')) return { kind: 'bad', key: 'tech.network' };
    return { kind: 'bad', key: 'tech.failed' };
  }

  // ---- scan -----------------------------------------------------------------------------

  function scanStep() {
    append(section, [
      h('div', { class: 'way', 'data-testid': 'tech-scan-prompt' },
        h('p', { class: 'way-title' }, t(busy ? 'tech.enrolling' : 'tech.scan')),
        h('p', { class: 'way-text' }, t('tech.scanHint'))),
      msg(),
      leaveBar()]);
  }

  function enroll(qr) {
    busy = true;
    message = null;
    section.classList.add('is-busy');
    render();
    technicianEnroll(s.technician.token, qr, ctrl.signal).then((res) => {
      busy = false;
      if (disposed) return;
      section.classList.remove('is-busy');
      s.technician.enrolled = res || {};
      render();
    }).catch((err) => {
      busy = false;
      if (disposed || isAbortError(err)) return;
      section.classList.remove('is-busy');
      const p = err && err.problem;
      if (p === 'technician-session-required') {
        s.technician = null;
        message = { kind: 'info', key: 'tech.err.session' };
      } else if (ENROLL_PROBLEMS[p]) {
        message = { kind: 'bad', key: ENROLL_PROBLEMS[p] };
      } else {
        message = { kind: 'bad', key: err && (err.kind === 'network' || err.kind === 'timeout') ? 'tech.network' : 'tech.failed' };
      }
      render();
    });
  }

  // ---- enrolled -------------------------------------------------------------------------

  function done(e) {
    const row = (key, testid, value) => h('div', { class: 'tech-row' },
      h('dt', null, t(key)), h('dd', { 'data-testid': testid }, str(value) || ''));
    append(section, [
      h('div', { class: 'notice notice-good', 'data-testid': 'tech-enrolled', role: 'status' },
        h('p', { class: 'notice-title' }, t('tech.done')),
        h('dl', { class: 'tech-facts' },
          row('tech.kioskId', 'tech-kiosk-id', e.kioskId),
          row('tech.station', 'tech-station', e.stationName),
          row('tech.grid', 'tech-grid-code', e.gridCode)),
        h('p', { class: 'notice-text', 'data-testid': 'tech-restart' }, t('tech.restart')))]);
  }

  // ---- leaving --------------------------------------------------------------------------

  function leaveButton() {
    return h('button', {
      type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-tech-leave',
      onClick: () => { s.technician = null; ctx.goBack('#/'); },
    }, backIcon(), h('span', null, t('tech.leave')));
  }

  function leaveBar() {
    return h('div', { class: 'step-nav' }, leaveButton());
  }

  render();
  technicianState(ctrl.signal).then((state) => {
    if (disposed) return;
    kioskState = state || { pinSet: false };
    render();
  }).catch((err) => {
    if (disposed || isAbortError(err)) return;
    kioskState = { pinSet: true, enrolled: false }; // try the PIN anyway: its answer says what is wrong
    message = { kind: 'bad', key: 'tech.network' };
    render();
  });

  return {
    unmount() {
      disposed = true;
      ctrl.abort();
    },
  };
}
