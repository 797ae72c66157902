// Filing an appeal (我要反映诉求), step by step: category, description, phone, identity, place,
// review + consent. The same flow serves staff filing on a resident's behalf (帮办代办, route
// #/staff/appeal): then the resident's ID card and their agreement are required.
//
// The draft lives in the session only (ctx.session.appeal) and goes with it; its id is made
// once per filing attempt, so a double tap or a retry files one appeal.
import { h, setChildren } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { fileAppeal, isAbortError } from '../api.js';
import { loadingLine, errorBox, backIcon, chevronIcon } from '../components.js';
import {
  DESCRIPTION_MAX, PLACE_MAX, createTextKeyboard, loadCategories, newFilingId, watchCard, dropCard,
  bigToggle, notice, isStaffSessionError, str,
} from '../appeals.js';
import { textField } from '../text-field.js';

const STEPS = ['category', 'description', 'phone', 'identity', 'place', 'review'];
/** Which step shows a field's problem (the names of POST /appeals' body). */
const FIELD_STEP = {
  category: 0, description: 1, phone: 2, cardToken: 3, place: 4, consent: 5, residentConsent: 5,
};
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

function newDraft(proxy) {
  return {
    id: newFilingId(),
    proxy,
    step: 0,
    domain: null,
    matter: null,
    description: '',
    phone: '',
    identity: proxy ? 'card' : null, // 'anonymous' | 'card'
    card: null, // {token, name, idNumber} (masked)
    placeMode: 'grid', // 'grid' | 'other'
    place: '',
    consent: false,
    residentConsent: false,
    errors: {}, // field -> message key
    failure: null, // null | 'network' | 'other': the last submit did not get through
  };
}

/** Plain words for a field's problem; the server's own message is for technicians. */
function fieldMessage(field) {
  return Object.prototype.hasOwnProperty.call(FIELD_STEP, field) ? t('appeal.err.' + field) : t('appeal.err.other');
}

export function mount(root, ctx) {
  const s = ctx.session;
  const proxy = ctx.route.name === 'proxy';
  let d = s.appeal;
  if (!d || d.proxy !== proxy) d = s.appeal = newDraft(proxy);
  let sending = false; // a submit is on its way (a new screen after a language switch may send again: same id)
  let disposed = false;
  let tree = null; // the category tree in the page's language
  let stepStops = []; // what the current step must stop when it goes
  const ctrl = new AbortController();

  const section = h('section', {
    class: 'screen appeal' + (proxy ? ' appeal-proxy' : ''), 'data-testid': 'screen-' + ctx.route.name,
  });
  root.append(section);

  // ---- helpers ---------------------------------------------------------------------------

  function matterOf(code) {
    for (const dom of tree || []) {
      const m = dom.matters.find((x) => x.code === code);
      if (m) return { domain: dom, matter: m };
    }
    return null;
  }

  function go(step) {
    d.step = Math.max(0, Math.min(STEPS.length - 1, step));
    render();
    ctx.scroller.scrollTop = 0;
  }

  function leave() {
    if (proxy) ctx.navigate('#/staff');
    else ctx.goBack('#/');
  }

  function setError(field, key) {
    if (key) d.errors[field] = key;
    else delete d.errors[field];
  }

  function errorSlot(field) {
    const msg = d.errors[field];
    return h('p', {
      class: 'field-error', 'data-testid': 'error-' + field, role: 'alert', hidden: !msg,
    }, msg ? fieldMessage(field) : '');
  }

  function showError(slot, field, on) {
    setError(field, on ? field : null);
    slot.textContent = on ? fieldMessage(field) : '';
    slot.hidden = !on;
  }

  function stepper() {
    return h('div', { class: 'stepper-wrap' },
      h('ol', { class: 'stepper', 'data-testid': 'stepper', 'aria-label': t('appeal.steps') },
        STEPS.map((name, i) => h('li', {
          class: 'stepper-item' + (i < d.step ? ' is-done' : i === d.step ? ' is-current' : ''),
          'aria-current': i === d.step ? 'step' : null, 'data-step': name,
        },
          h('span', { class: 'stepper-no' }, String(i + 1)),
          h('span', { class: 'stepper-label' }, t('appeal.step.' + name))))),
      h('p', { class: 'stepper-text', 'data-testid': 'step-text' },
        t('appeal.stepOf', { n: d.step + 1, total: STEPS.length, name: t('appeal.step.' + STEPS[d.step]) })));
  }

  function navBar({ onBack, next, nextLabel, nextDisabled = false }) {
    return h('div', { class: 'step-nav' },
      h('button', {
        type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-step-back', onClick: onBack,
      }, backIcon(), h('span', null, d.step === 0 ? t('appeal.leave') : t('appeal.back'))),
      next ? h('button', {
        type: 'button', class: 'btn btn-primary btn-step', 'data-testid': 'btn-step-next',
        disabled: nextDisabled, onClick: next,
      }, h('span', null, nextLabel || t('appeal.next')), chevronIcon()) : null);
  }

  function stopStep() {
    for (const stop of stepStops) stop();
    stepStops = [];
  }

  // ---- steps -----------------------------------------------------------------------------

  function categoryStep() {
    const picked = d.matter && matterOf(d.matter);
    const domain = (tree || []).find((x) => x.code === d.domain) || null;
    let body;
    if (!domain) {
      body = h('div', { class: 'pick' },
        h('h2', { class: 'step-title' }, t('appeal.category.title')),
        h('p', { class: 'step-hint' }, t('appeal.category.hint')),
        h('div', { class: 'pick-grid pick-domains' }, tree.map((dom) => h('button', {
          type: 'button', class: 'pick-btn pick-domain', 'data-testid': 'domain-' + dom.code,
          'aria-pressed': picked && picked.domain.code === dom.code ? 'true' : 'false',
          onClick: () => { d.domain = dom.code; render(); },
        }, h('span', { class: 'pick-name' }, dom.name),
          h('span', { class: 'pick-sub' }, t('appeal.category.count', { count: dom.matters.length }))))));
    } else {
      body = h('div', { class: 'pick' },
        h('h2', { class: 'step-title' }, t('appeal.matter.title', { domain: domain.name })),
        h('p', { class: 'step-hint' }, t('appeal.matter.hint')),
        h('div', { class: 'pick-grid pick-matters' }, domain.matters.map((m) => h('button', {
          type: 'button', class: 'pick-btn pick-matter', 'data-testid': 'matter-' + m.code,
          'aria-pressed': d.matter === m.code ? 'true' : 'false',
          onClick: () => {
            d.matter = m.code; // a description already written stays: it is the resident's
            setError('category', null);
            go(1);
          },
        }, h('span', { class: 'pick-name' }, m.name)))));
    }
    return {
      body: [body, errorSlot('category')],
      nav: navBar({
        onBack: () => {
          if (domain) { d.domain = null; render(); } else leave();
        },
        next: picked && domain && picked.domain.code === domain.code ? () => go(1) : null,
      }),
    };
  }

  function descriptionStep() {
    const found = matterOf(d.matter);
    const slot = errorSlot('description');
    const field = textField({
      testid: 'description', multiline: true, max: DESCRIPTION_MAX, value: d.description,
      label: t('appeal.description.label'), placeholder: t('appeal.description.placeholder'),
      countKey: 'appeal.count',
      onChange: (v) => {
        d.description = v;
        if (v.trim()) showError(slot, 'description', false);
      },
    });
    const next = () => {
      if (!d.description.trim()) {
        showError(slot, 'description', true);
        field.focus();
        return;
      }
      setError('description', null);
      go(2);
    };
    const kb = createTextKeyboard({
      mode: 'pinyin', onText: field.insert, onBackspace: field.backspace, onDone: next, doneLabel: t('appeal.next'),
    });
    const phrases = found ? found.matter.quickPhrases : [];
    return {
      body: [
        h('h2', { class: 'step-title' }, t('appeal.description.title')),
        found ? h('p', { class: 'step-chosen' }, t('appeal.description.for', { matter: found.matter.name })) : null,
        h('p', { class: 'step-hint' }, t('appeal.description.hint')),
        phrases.length ? h('div', { class: 'chips-block' },
          h('span', { class: 'chips-label' }, t('appeal.phrases')),
          h('div', { class: 'chips' }, phrases.map((p, i) => h('button', {
            type: 'button', class: 'chip', 'data-testid': 'phrase', 'data-index': String(i),
            onMousedown: (e) => e.preventDefault(),
            onClick: () => field.insertPhrase(p),
          }, p)))) : null,
        field.el,
        slot,
        kb.el,
      ],
      nav: navBar({ onBack: () => go(0), next }),
      focus: field.focus,
    };
  }

  function phoneStep() {
    const slot = errorSlot('phone');
    const field = textField({
      testid: 'phone', max: 13, value: d.phone, label: t('appeal.phone.label'),
      placeholder: t('appeal.phone.placeholder'), inputClass: 'phone-input',
      onChange: (v) => { d.phone = v; showError(slot, 'phone', false); },
    });
    const next = () => {
      const v = d.phone.trim();
      if (v && !PHONE.test(v)) {
        showError(slot, 'phone', true);
        return;
      }
      d.phone = v;
      setError('phone', null);
      go(3);
    };
    const kb = createTextKeyboard({
      mode: 'digits', onText: field.insert, onBackspace: field.backspace, onDone: next, doneLabel: t('appeal.next'),
    });
    return {
      body: [
        h('h2', { class: 'step-title' }, t('appeal.phone.title')),
        h('p', { class: 'step-hint' }, t('appeal.phone.hint')),
        field.el,
        slot,
        kb.el,
        h('button', {
          type: 'button', class: 'btn btn-secondary btn-wide', 'data-testid': 'btn-no-phone',
          onClick: () => { d.phone = ''; setError('phone', null); go(3); },
        }, t('appeal.phone.none')),
      ],
      nav: navBar({ onBack: () => go(1), next }),
      focus: field.focus,
    };
  }

  function cardPanel() {
    const status = h('div', { class: 'card-status', 'data-testid': 'card-status', role: 'status' });
    const panel = h('div', { class: 'card-panel', 'data-testid': 'card-panel' },
      h('p', { class: 'card-howto' }, t(proxy ? 'appeal.card.howtoProxy' : 'appeal.card.howto')),
      status);
    const show = (st) => {
      if (disposed || d.identity !== 'card') return;
      if (st.state === 'ok') {
        if (d.card && d.card.token !== st.card.token) dropCard(s, d.card.token);
        d.card = st.card;
        setError('cardToken', null);
      }
      if (d.card && st.state !== 'ok') {
        // A new reading that failed does not take away the card already read.
        if (st.state === 'reading' || st.state === 'waiting') return;
      }
      status.replaceChildren(cardStatus(st));
      if (st.state === 'ok') {
        const slot = section.querySelector("[data-testid='error-cardToken']");
        if (slot) { slot.hidden = true; slot.textContent = ''; }
      }
    };
    const watcher = watchCard(ctx, { onState: show, isActive: () => !disposed && d.identity === 'card' });
    stepStops.push(watcher.stop);
    if (d.card) status.replaceChildren(cardStatus({ state: 'ok', card: d.card }));
    else watcher.read();
    panel.append(h('button', {
      type: 'button', class: 'btn btn-secondary', 'data-testid': 'btn-card-read',
      onClick: () => { if (d.card) { dropCard(s, d.card.token); d.card = null; } watcher.read(); },
    }, t(d.card ? 'appeal.card.again' : 'appeal.card.read')));
    return panel;
  }

  function cardStatus(st) {
    switch (st.state) {
      case 'ok':
        return notice('good', 'card-ok', t('appeal.card.ok'),
          h('span', { class: 'masked', 'data-testid': 'card-name' }, st.card.name || ''),
          h('span', { class: 'masked', 'data-testid': 'card-id' }, st.card.idNumber || ''));
      case 'reading':
        return notice('info', 'card-reading', t('appeal.card.reading'));
      case 'unreadable':
        return notice('bad', 'card-unreadable', t('appeal.card.unreadable'), t('appeal.card.unreadableHint'));
      case 'error':
        return notice('bad', 'card-error', t('appeal.card.error'), t('appeal.card.errorHint'));
      default:
        return notice('info', 'card-waiting', st.noCard ? t('appeal.card.none') : t('appeal.card.waiting'), t('appeal.card.waitingHint'));
    }
  }

  function identityStep() {
    const slot = errorSlot('cardToken');
    const choose = (mode) => {
      if (d.identity === mode) return;
      if (mode === 'anonymous' && d.card) {
        dropCard(s, d.card.token);
        d.card = null;
      }
      d.identity = mode;
      setError('cardToken', null);
      render();
    };
    const choices = proxy ? null : h('div', { class: 'choices', role: 'radiogroup', 'aria-label': t('appeal.identity.title') },
      choice('identity-anonymous', d.identity === 'anonymous', t('appeal.identity.anonymous'), t('appeal.identity.anonymousDesc'),
        () => choose('anonymous')),
      choice('identity-card', d.identity === 'card', t('appeal.identity.card'), t('appeal.identity.cardDesc'),
        () => choose('card')));
    const next = () => {
      if (!d.identity) {
        slot.textContent = t('appeal.identity.choose');
        slot.hidden = false;
        return;
      }
      if (d.identity === 'card' && !d.card) {
        showError(slot, 'cardToken', true);
        return;
      }
      go(4);
    };
    return {
      body: [
        h('h2', { class: 'step-title' }, t(proxy ? 'appeal.identity.titleProxy' : 'appeal.identity.title')),
        h('p', { class: 'step-hint' }, t(proxy ? 'appeal.identity.hintProxy' : 'appeal.identity.hint')),
        choices,
        d.identity === 'card' ? cardPanel() : null,
        slot,
      ],
      nav: navBar({ onBack: () => go(2), next }),
    };
  }

  function placeStep() {
    const slot = errorSlot('place');
    const station = ctx.stationName();
    const grid = ctx.settings.gridCode;
    const choose = (mode) => {
      if (d.placeMode === mode) return;
      d.placeMode = mode;
      setError('place', null);
      render();
    };
    let field = null;
    let kb = null;
    const next = () => {
      if (d.placeMode === 'other' && !d.place.trim()) {
        showError(slot, 'place', true);
        return;
      }
      setError('place', null);
      go(5);
    };
    if (d.placeMode === 'other') {
      field = textField({
        testid: 'place', multiline: true, inputClass: 'tf-short', max: PLACE_MAX, value: d.place,
        label: t('appeal.place.label'), placeholder: t('appeal.place.placeholder'), countKey: 'appeal.count',
        onChange: (v) => { d.place = v; if (v.trim()) showError(slot, 'place', false); },
      });
      kb = createTextKeyboard({
        mode: 'pinyin', onText: field.insert, onBackspace: field.backspace, onDone: next, doneLabel: t('appeal.next'),
      });
    }
    return {
      body: [
        h('h2', { class: 'step-title' }, t('appeal.place.title')),
        h('div', { class: 'choices', role: 'radiogroup', 'aria-label': t('appeal.place.title') },
          choice('place-grid', d.placeMode === 'grid', t('appeal.place.grid'),
            grid ? t('appeal.place.gridDesc', { station, grid }) : station, () => choose('grid')),
          choice('place-other', d.placeMode === 'other', t('appeal.place.other'), t('appeal.place.otherDesc'),
            () => choose('other'))),
        field ? field.el : null,
        slot,
        kb ? kb.el : null,
      ],
      nav: navBar({ onBack: () => go(3), next }),
      focus: field ? field.focus : null,
    };
  }

  function reviewRow(testid, label, value, step) {
    return h('div', { class: 'review-row', 'data-testid': 'review-' + testid },
      h('dt', { class: 'review-label' }, label),
      h('dd', { class: 'review-value' }, value),
      h('dd', { class: 'review-edit' }, h('button', {
        type: 'button', class: 'btn btn-secondary', 'data-testid': 'edit-' + testid, onClick: () => go(step),
      }, t('appeal.review.edit'))));
  }

  function reviewStep() {
    const found = matterOf(d.matter);
    const submitBox = h('div', { class: 'submit-box' });
    const submitBtn = h('button', {
      type: 'button', class: 'btn btn-primary btn-submit', 'data-testid': 'btn-submit', onClick: submit,
    });
    const ready = () => d.consent && (!proxy || d.residentConsent);
    const paintSubmit = () => {
      submitBtn.disabled = sending || !ready();
      submitBtn.setAttribute('aria-busy', sending ? 'true' : 'false');
      submitBtn.textContent = sending ? t('appeal.submitting') : t(proxy ? 'appeal.submitProxy' : 'appeal.submit');
      const parts = [];
      if (!ready() && !sending) parts.push(h('p', { class: 'submit-hint', 'data-testid': 'submit-hint' }, t('appeal.consent.needed')));
      if (d.failure === 'network') {
        parts.push(notice('bad', 'submit-error', t('appeal.fail.network'), t('appeal.fail.networkHint')));
      } else if (d.failure === 'other') {
        parts.push(notice('bad', 'submit-error', t('appeal.fail.other'), t('appeal.fail.otherHint')));
      }
      if (d.errors.consent || d.errors.residentConsent) {
        parts.push(notice('bad', 'submit-error', fieldMessage(d.errors.consent ? 'consent' : 'residentConsent')));
      }
      if (d.failure && !sending) {
        parts.push(h('button', {
          type: 'button', class: 'btn btn-primary btn-submit', 'data-testid': 'btn-submit-retry',
          disabled: !ready(), onClick: submit,
        }, t('appeal.fail.retry')));
        submitBtn.hidden = true;
      } else {
        submitBtn.hidden = false;
      }
      submitBox.replaceChildren(...parts, submitBtn);
    };
    paintSubmit();

    async function submit() {
      if (sending || !ready()) return;
      sending = true;
      d.failure = null;
      paintSubmit();
      const body = {
        id: d.id,
        category: d.matter,
        description: d.description.trim(),
        phone: d.phone.trim() || null,
        cardToken: d.identity === 'card' && d.card ? d.card.token : null,
        place: d.placeMode === 'other' ? d.place.trim() : null,
        consent: true,
        lang: getLang(),
      };
      if (proxy) body.residentConsent = true;
      let view;
      try {
        view = await fileAppeal(body, { token: proxy ? s.staff && s.staff.token : null, signal: ctrl.signal });
      } catch (err) {
        sending = false;
        if (disposed || isAbortError(err)) return;
        failed(err);
        if (!disposed && d.step === 5) paintSubmit();
        return;
      }
      sending = false;
      if (disposed) return;
      if (!view || !str(view.trackingNo)) {
        d.failure = 'other';
        paintSubmit();
        return;
      }
      s.receipt = { view, proxy };
      s.appeal = null; // filed: a new filing starts afresh with a new id
      ctx.navigate(proxy ? '#/staff/receipt' : '#/receipt', { replace: true });
    }

    const placeText = d.placeMode === 'other'
      ? d.place.trim()
      : (ctx.settings.gridCode ? t('appeal.place.gridDesc', { station: ctx.stationName(), grid: ctx.settings.gridCode }) : ctx.stationName());
    return {
      body: [
        h('h2', { class: 'step-title' }, t('appeal.review.title')),
        h('dl', { class: 'review' },
          reviewRow('category', t('appeal.review.category'),
            found ? found.domain.name + ' › ' + found.matter.name : '', 0),
          reviewRow('description', t('appeal.review.description'),
            h('span', { class: 'review-text', 'data-testid': 'review-description-text' }, d.description.trim()), 1),
          reviewRow('phone', t('appeal.review.phone'), d.phone.trim() || t('appeal.review.noPhone'), 2),
          reviewRow('identity', t('appeal.review.identity'),
            d.identity === 'card' && d.card
              ? t('appeal.review.named', { name: d.card.name || '', id: d.card.idNumber || '' })
              : t('appeal.review.anonymous'), 3),
          reviewRow('place', t('appeal.review.place'), placeText, 4)),
        h('section', { class: 'consent', 'data-testid': 'consent' },
          h('h3', { class: 'consent-title' }, t('appeal.consent.title')),
          h('ul', { class: 'consent-list' }, [1, 2, 3, 4].map((i) => h('li', null, t('appeal.consent.p' + i)))),
          bigToggle({
            testid: 'consent-toggle', label: t('appeal.consent.confirm'), checked: d.consent,
            onChange: (on) => { d.consent = on; setError('consent', null); paintSubmit(); },
          }),
          proxy ? bigToggle({
            testid: 'resident-consent-toggle', label: t('appeal.consent.resident'), checked: d.residentConsent,
            onChange: (on) => { d.residentConsent = on; setError('residentConsent', null); paintSubmit(); },
          }) : null),
        submitBox,
      ],
      nav: navBar({ onBack: () => go(4) }),
    };
  }

  /** A filing that did not get through: plain words on the step the problem belongs to. */
  function failed(err) {
    if (proxy && isStaffSessionError(err)) {
      ctx.staffSessionEnded();
      return;
    }
    if (err && (err.kind === 'network' || err.kind === 'timeout')) {
      d.failure = 'network';
      return;
    }
    const fields = err && err.status === 400 && Array.isArray(err.errors)
      ? err.errors.map((e) => e.field).filter(Boolean) : [];
    if (fields.length) {
      const known = fields.filter((f) => Object.prototype.hasOwnProperty.call(FIELD_STEP, f));
      d.errors = {};
      for (const f of known) d.errors[f] = f;
      if (!known.length) {
        d.failure = 'other';
        return;
      }
      if (d.errors.cardToken && d.card) {
        // The card's reading has expired on the kiosk: it has to be read again.
        dropCard(s, d.card.token);
        d.card = null;
      }
      if (!disposed) go(Math.min(...known.map((f) => FIELD_STEP[f])));
      return;
    }
    d.failure = 'other';
  }

  // ---- rendering -------------------------------------------------------------------------

  const STEP_VIEWS = [categoryStep, descriptionStep, phoneStep, identityStep, placeStep, reviewStep];

  function render() {
    if (disposed) return;
    stopStep();
    const view = STEP_VIEWS[d.step]();
    setChildren(section,
      h('h1', { class: 'appeal-title' }, t(proxy ? 'appeal.titleProxy' : 'appeal.title')),
      proxy && s.staff ? h('p', { class: 'proxy-by', 'data-testid': 'proxy-by' }, t('appeal.proxyBy', { name: s.staff.name || '' })) : null,
      stepper(),
      h('div', { class: 'step-body', 'data-testid': 'step-' + STEPS[d.step], 'data-step': STEPS[d.step] }, view.body),
      view.nav);
    if (view.focus) view.focus();
  }

  function start() {
    section.replaceChildren(loadingLine());
    loadCategories(s, ctrl.signal).then((domains) => {
      if (disposed) return;
      tree = domains;
      render();
    }, (err) => {
      if (disposed || isAbortError(err)) return;
      section.replaceChildren(errorBox(err, start), navBar({ onBack: leave }));
    });
  }
  start();

  return {
    unmount() {
      disposed = true;
      stopStep();
      ctrl.abort();
    },
  };
}

function choice(testid, on, title, desc, onClick) {
  return h('button', {
    type: 'button', role: 'radio', class: 'choice', 'data-testid': testid,
    'aria-checked': on ? 'true' : 'false', onClick,
  },
    h('span', { class: 'choice-mark', 'aria-hidden': 'true' }),
    h('span', { class: 'choice-text' },
      h('span', { class: 'choice-title' }, title),
      desc ? h('span', { class: 'choice-desc' }, desc) : null));
}
