// Looking up an appeal (查询办理进度) and rating it (评价): scan the receipt's QR code, or place
// the ID card to list the appeals filed in the card holder's name. The detail shows the
// status timeline, the warning colour in words, the replies and, once resolved, the rating.
//
// What the resident looked up lives in ctx.session.lookup only and is forgotten with the visit.
import { h, setChildren } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { getAppeal, appealsByCard, rateAppeal, isAbortError } from '../api.js';
import { loadingLine, backIcon, chevronIcon } from '../components.js';
import {
  RATING_LEVELS, REASON_MAX, createTextKeyboard, parseReceiptQr, readCard, statusBadge, warningBadge,
  timeline, formatTime, formatDay, notice, str,
} from '../appeals.js';
import { textField } from '../text-field.js';

function newLookup() {
  return {
    view: 'start', // 'start' | 'list' | 'detail'
    list: null, // [view] of the card's appeals
    fromList: false,
    key: null, // {trackingNo, verifier, cardToken} of the appeal shown
    detail: null, // its view
    message: null, // i18n key of a plain message on the start screen
    rating: null, // {level, reason} being chosen
    rated: null, // {trackingNo, level, followUp, followUpBy}
  };
}

export function mount(root, ctx) {
  const s = ctx.session;
  if (!s.lookup) s.lookup = newLookup();
  const L = s.lookup;
  let disposed = false;
  let ctrl = null; // the request in flight
  let busy = null; // i18n key of what is being done, or null
  let rateError = null; // i18n key
  let rateSending = false;

  const section = h('section', { class: 'screen lookup', 'data-testid': 'screen-lookup' });
  root.append(section);

  function request() {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    return ctrl;
  }

  // ---- finding an appeal ----------------------------------------------------------------

  function say(key) {
    L.message = key;
    busy = null;
    render();
  }

  function openReceipt(code) {
    const key = parseReceiptQr(code);
    if (!key) {
      if (L.view !== 'start') { L.view = 'start'; }
      say('lookup.msg.notReceipt');
      return;
    }
    L.fromList = false;
    openDetail(key);
  }

  function openDetail(key, { keepRated = false } = {}) {
    const c = request();
    L.key = key;
    L.message = null;
    if (!keepRated) {
      L.rating = null;
      L.rated = null;
    }
    rateError = null;
    busy = 'lookup.loading';
    render();
    fetchView(key, c.signal).then((view) => {
      if (disposed || c !== ctrl) return;
      if (!view || !str(view.trackingNo)) throw new Error('empty answer');
      busy = null;
      L.detail = view;
      L.view = 'detail';
      render();
      ctx.scroller.scrollTop = 0;
    }).catch((err) => {
      if (disposed || c !== ctrl || isAbortError(err)) return;
      L.view = L.fromList ? 'list' : 'start';
      L.detail = null;
      say(err && err.status === 404 ? 'lookup.msg.notFound'
        : err && err.status === 400 && key.cardToken ? 'lookup.msg.cardExpired' : 'lookup.msg.failed');
    });
  }

  /**
   * The appeal's view, fresh: with the receipt's verifier, or (for the card holder's own
   * appeals, which come without one) from the card's list again.
   */
  function fetchView(key, signal) {
    if (key.verifier) return getAppeal(key.trackingNo, key.verifier, getLang(), signal);
    return appealsByCard(key.cardToken, getLang(), signal).then((data) => {
      const list = Array.isArray(data && data.appeals) ? data.appeals : [];
      const found = list.find((a) => a && a.trackingNo === key.trackingNo);
      if (!found) throw Object.assign(new Error('not in the list'), { status: 404 });
      return found;
    });
  }

  function byCard() {
    const c = request();
    L.message = null;
    busy = 'lookup.cardReading';
    render();
    readCard(s, c.signal)
      .then((card) => {
        if (disposed || c !== ctrl) return null;
        busy = 'lookup.loading';
        render();
        return appealsByCard(card.token, getLang(), c.signal).then((data) => ({ card, data }));
      })
      .then((res) => {
        if (!res || disposed || c !== ctrl) return;
        const list = Array.isArray(res.data && res.data.appeals) ? res.data.appeals.filter((a) => a && str(a.trackingNo)) : [];
        busy = null;
        L.list = list.map((a) => ({ ...a, cardToken: res.card.token }));
        L.view = 'list';
        L.message = list.length ? null : 'lookup.msg.noneForCard';
        render();
      })
      .catch((err) => {
        if (disposed || c !== ctrl || isAbortError(err)) return;
        say(err && err.status === 409 ? 'lookup.msg.noCard' : 'lookup.msg.failed');
      });
  }

  ctx.onEvent('scan', (data) => {
    if (disposed || typeof data.code !== 'string') return;
    openReceipt(data.code);
  });

  ctx.onEvent('card', (data) => {
    if (disposed || L.view === 'detail' || data.present !== true) return;
    if (data.readable === false) say('lookup.msg.unreadable');
    else byCard();
  });

  // ---- rating ---------------------------------------------------------------------------

  function sendRating() {
    const view = L.detail;
    if (!view || !L.rating || !L.rating.level || rateSending) return;
    rateSending = true;
    rateError = null;
    render();
    const reason = (L.rating.reason || '').trim();
    const key = L.key;
    const c = request();
    rateAppeal(view.trackingNo, {
      verifier: key.verifier || undefined,
      cardToken: key.verifier ? undefined : key.cardToken,
      level: L.rating.level,
      reason: reason || undefined,
    }, c.signal).then((res) => {
      rateSending = false;
      if (disposed || c !== ctrl) return;
      L.rated = {
        trackingNo: view.trackingNo,
        level: (res && res.level) || L.rating.level,
        followUp: !!(res && res.followUp),
        followUpBy: res && str(res.followUpBy),
      };
      L.rating = null;
      openDetail(key, { keepRated: true }); // now CLOSED
    }, (err) => {
      rateSending = false;
      if (disposed || c !== ctrl || isAbortError(err)) return;
      const p = err && err.problem;
      rateError = p === 'not-resolved' ? 'rate.err.notResolved'
        : p === 'already-rated' ? 'rate.err.alreadyRated'
          : err && (err.kind === 'network' || err.kind === 'timeout') ? 'rate.err.network'
            : err && err.status === 400 ? 'rate.err.invalid' : 'rate.err.other';
      render();
    });
  }

  function ratingPanel(view) {
    const choice = L.rating || (L.rating = { level: null, reason: '' });
    const levels = h('div', { class: 'rate-levels', role: 'radiogroup', 'aria-label': t('rate.title') },
      RATING_LEVELS.map((level) => h('button', {
        type: 'button', role: 'radio', class: 'rate-btn rate-' + level.toLowerCase(), 'data-testid': 'rate-' + level,
        'aria-checked': choice.level === level ? 'true' : 'false',
        onClick: () => { choice.level = level; rateError = null; render(); },
      }, t('rate.level.' + level))));
    let reasonBox = null;
    if (choice.level) {
      const field = textField({
        testid: 'rate-reason', multiline: true, inputClass: 'tf-short', max: REASON_MAX, value: choice.reason,
        label: t('rate.reason.label'), placeholder: t('rate.reason.placeholder'), countKey: 'appeal.count',
        onChange: (v) => { choice.reason = v; },
      });
      const kb = createTextKeyboard({
        mode: 'pinyin', onText: field.insert, onBackspace: field.backspace, onDone: sendRating, doneLabel: t('rate.submit'),
      });
      reasonBox = h('div', { class: 'rate-reason' }, field.el, kb.el);
    }
    return h('section', { class: 'panel rate-panel', 'data-testid': 'rate-panel' },
      h('h2', { class: 'panel-title' }, t('rate.title')),
      h('p', { class: 'step-hint' }, t('rate.hint')),
      levels,
      reasonBox,
      rateError ? notice('bad', 'rate-error', t(rateError)) : null,
      h('button', {
        type: 'button', class: 'btn btn-primary btn-submit', 'data-testid': 'btn-rate',
        disabled: !choice.level || rateSending, 'aria-busy': rateSending ? 'true' : 'false',
        onClick: sendRating,
      }, t(rateSending ? 'rate.sending' : 'rate.submit')));
  }

  function ratedNotice(view) {
    const rated = L.rated && L.rated.trackingNo === view.trackingNo ? L.rated : null;
    const level = rated ? rated.level : view.rating && view.rating.level;
    if (!level) return null;
    const lines = [t(rated ? 'rate.thanks' : 'rate.already', { level: t('rate.level.' + level) })];
    const followUp = rated ? rated.followUp : view.rating && view.rating.followUp;
    const by = rated ? rated.followUpBy : view.rating && str(view.rating.followUpBy);
    const hasPhone = !!(view.contact && str(view.contact.phone));
    const followLine = followUp
      ? h('span', { 'data-testid': 'follow-up' },
        by ? t(hasPhone ? 'rate.followUp.call' : 'rate.followUp.check', { day: formatTime(by) }) : t('rate.followUp.soon'))
      : null;
    return h('div', { class: 'notice notice-good', 'data-testid': 'rating-done', role: 'status' },
      h('p', { class: 'notice-title' }, lines[0]),
      followLine ? h('p', { class: 'notice-text' }, followLine) : null);
  }

  // ---- views ----------------------------------------------------------------------------

  function doneButton() {
    return h('button', {
      type: 'button', class: 'btn btn-primary btn-step btn-done', 'data-testid': 'btn-done', onClick: () => ctx.finish(),
    }, t('lookup.done'));
  }

  function messageBox() {
    if (!L.message) return null;
    const bad = L.message !== 'lookup.msg.noneForCard';
    return notice(bad ? 'bad' : 'info', 'lookup-message', t(L.message), t(L.message + 'Hint'));
  }

  function startView() {
    return [
      h('h1', { class: 'screen-title' }, t('lookup.title')),
      h('p', { class: 'step-hint' }, t('lookup.hint')),
      messageBox(),
      busy ? loadingLine(t(busy)) : null,
      h('div', { class: 'ways' },
        h('div', { class: 'way', 'data-testid': 'way-scan' },
          h('p', { class: 'way-title' }, t('lookup.scan.title')),
          h('p', { class: 'way-text' }, t('lookup.scan.text'))),
        h('div', { class: 'way', 'data-testid': 'way-card' },
          h('p', { class: 'way-title' }, t('lookup.card.title')),
          h('p', { class: 'way-text' }, t('lookup.card.text')),
          h('button', {
            type: 'button', class: 'btn btn-secondary', 'data-testid': 'btn-lookup-card', onClick: byCard,
          }, t('lookup.card.button')))),
      h('div', { class: 'step-nav' },
        h('button', {
          type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-lookup-back',
          onClick: () => ctx.goBack('#/'),
        }, backIcon(), h('span', null, t('appeal.leave')))),
    ];
  }

  function listRow(a) {
    return h('li', null, h('button', {
      type: 'button', class: 'result appeal-row', 'data-testid': 'appeal-' + a.trackingNo,
      onClick: () => {
        L.fromList = true;
        openDetail({ trackingNo: a.trackingNo, verifier: str(a.verifier), cardToken: a.cardToken });
      },
    },
      h('span', { class: 'result-main' },
        h('span', { class: 'result-name' }, (a.category && a.category.name) || a.trackingNo),
        h('span', { class: 'result-meta' },
          h('span', { class: 'meta' }, a.trackingNo),
          h('span', { class: 'meta' }, formatTime(a.filedAt))),
        h('span', { class: 'badges' }, statusBadge(a.status), warningBadge(a.warning))),
      chevronIcon()));
  }

  function listView() {
    return [
      h('h1', { class: 'screen-title' }, t('lookup.list.title')),
      messageBox(),
      busy ? loadingLine(t(busy)) : null,
      L.list && L.list.length ? h('p', { class: 'result-count' }, t('lookup.list.count', { count: L.list.length })) : null,
      L.list && L.list.length ? h('ul', { class: 'result-list', 'data-testid': 'appeal-list' }, L.list.map(listRow)) : null,
      h('div', { class: 'step-nav' },
        h('button', {
          type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-lookup-back',
          onClick: () => { L.view = 'start'; L.message = null; render(); },
        }, backIcon(), h('span', null, t('appeal.back'))),
        doneButton()),
    ];
  }

  function fact(testid, label, value) {
    if (value === null || value === undefined || value === '') return null;
    return h('div', { class: 'receipt-row', 'data-testid': 'detail-' + testid },
      h('dt', { class: 'receipt-label' }, label), h('dd', { class: 'receipt-value' }, value));
  }

  function detailView() {
    const v = L.detail;
    const category = v.category
      ? [v.category.domain && v.category.domain.name, v.category.name].filter(str).join(' › ') : '';
    const contact = v.contact || {};
    const who = v.anonymous
      ? t('detail.anonymous')
      : [str(contact.name)].filter(Boolean).join(' ');
    const replies = (Array.isArray(v.replies) ? v.replies : []).filter((r) => r && str(r.text));
    const rejected = (Array.isArray(v.timeline) ? v.timeline : []).find((e) => e && e.status === 'REJECTED');
    return [
      h('article', { class: 'detail', 'data-testid': 'appeal-detail', 'data-tracking-no': v.trackingNo, 'data-status': v.status },
        h('header', { class: 'detail-head' },
          h('p', { class: 'detail-no' }, t('receipt.trackingNo'), ' ', h('span', { 'data-testid': 'detail-no' }, v.trackingNo)),
          h('h1', { class: 'detail-title' }, category),
          h('div', { class: 'badges' }, statusBadge(v.status), warningBadge(v.warning))),
        v.warning ? h('p', { class: 'detail-warning-text' }, t('warning.' + v.warning + '.text')) : null,
        v.status === 'REJECTED' && rejected && str(rejected.reason)
          ? notice('bad', 'detail-rejected', t('detail.rejected'), rejected.reason) : null,
        h('dl', { class: 'receipt-facts' },
          fact('filed', t('detail.filed'), formatTime(v.filedAt)),
          str(v.dueAt) && !['RESOLVED', 'CLOSED', 'REJECTED'].includes(v.status)
            ? fact('due', t('receipt.due'), t('receipt.dueText', { day: formatDay(v.dueAt) })) : null,
          fact('place', t('appeal.review.place'), str(v.place) || (v.purged ? null : t('detail.placeGrid', { grid: v.gridCode || '' }))),
          fact('contact', t('detail.contact'), who),
          fact('phone', t('appeal.review.phone'), str(contact.phone)),
          v.proxy ? fact('proxy', t('detail.proxy'), t('detail.proxyText')) : null),
        v.purged ? notice('info', 'detail-purged', t('detail.purged')) : null,
        str(v.description) ? h('section', { class: 'panel' },
          h('h2', { class: 'panel-title' }, t('appeal.review.description')),
          h('p', { class: 'detail-text', 'data-testid': 'detail-description' }, v.description)) : null,
        h('section', { class: 'panel' },
          h('h2', { class: 'panel-title' }, t('detail.progress')),
          timeline(v)),
        replies.length ? h('section', { class: 'panel', 'data-testid': 'replies' },
          h('h2', { class: 'panel-title' }, t('detail.replies')),
          h('ul', { class: 'replies' }, replies.map((r) => h('li', { class: 'reply', 'data-testid': 'reply' },
            str(r.at) ? h('p', { class: 'reply-time' }, formatTime(r.at)) : null,
            h('p', { class: 'reply-text' }, r.text))))) : null,
        ratedNotice(v),
        v.canRate ? ratingPanel(v) : null),
      h('div', { class: 'step-nav' },
        h('button', {
          type: 'button', class: 'btn btn-secondary btn-step', 'data-testid': 'btn-lookup-back',
          onClick: () => {
            L.view = L.fromList ? 'list' : 'start';
            L.detail = null;
            L.rating = null;
            L.message = null;
            render();
          },
        }, backIcon(), h('span', null, t('appeal.back'))),
        doneButton()),
    ];
  }

  function render() {
    if (disposed) return;
    const view = L.view === 'detail' && L.detail ? detailView() : L.view === 'list' ? listView() : startView();
    if (L.view === 'detail' && busy) view.unshift(loadingLine(t(busy)));
    setChildren(section, view);
    section.dataset.view = L.view;
  }

  if (L.view === 'detail' && L.key) openDetail(L.key, { keepRated: true }); // again, in the page's language
  else render();

  return {
    unmount() {
      disposed = true;
      if (ctrl) ctrl.abort();
    },
  };
}
