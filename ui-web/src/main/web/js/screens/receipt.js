// The receipt (回执) of an appeal just filed: tracking number, what happens next, and whether
// the printer printed the slip. When it could not, the slip is shown on the screen, large
// enough to photograph, and staff will print it later. 完成 forgets the visit.
//
// Routes #/receipt (resident) and #/staff/receipt (filed by staff on a resident's behalf);
// the answer of the filing is in ctx.session.receipt, nowhere else.
import { h } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { getAppeal, receiptImageUrl } from '../api.js';
import {
  formatTime, formatDay, printReasonText, notice, str, forgetResident,
} from '../appeals.js';

const POLL_AFTER_MS = [2500, 7000]; // fallbacks in case the receipt event was missed

export function mount(root, ctx) {
  const s = ctx.session;
  const r = s.receipt;
  const v = r.view;
  const proxy = !!r.proxy;
  let disposed = false;
  const timers = [];
  const ctrl = new AbortController();

  const printBox = h('div', { class: 'print-box' });

  function printState() {
    const st = v.receipt && v.receipt.state;
    return st === 'PRINTED' || st === 'OWED' ? st : 'PRINTING';
  }

  function paintPrint() {
    const st = printState();
    printBox.dataset.state = st;
    if (st === 'PRINTED') {
      printBox.replaceChildren(notice('good', 'print-state', t('receipt.printed'),
        t(proxy ? 'receipt.printedHintProxy' : 'receipt.printedHint')));
    } else if (st === 'OWED') {
      printBox.replaceChildren(
        notice('bad', 'print-state', t('receipt.owed', { reason: printReasonText(v.receipt && v.receipt.reason) }),
          t(proxy ? 'receipt.owedHintProxy' : 'receipt.owedHint')),
        h('figure', { class: 'receipt-figure' },
          h('img', {
            class: 'receipt-img', 'data-testid': 'receipt-image', alt: t('receipt.imageAlt', { no: v.trackingNo }),
            src: receiptImageUrl(v.trackingNo, v.verifier),
          }),
          h('figcaption', { class: 'receipt-caption' }, t('receipt.imageCaption'))));
    } else {
      printBox.replaceChildren(notice('info', 'print-state', t('receipt.printing')));
    }
    const stateEl = printBox.querySelector("[data-testid='print-state']");
    if (stateEl) stateEl.dataset.state = st;
  }

  function setPrint(state, reason) {
    if (state !== 'PRINTED' && state !== 'OWED') return;
    v.receipt = { state, reason: str(reason) };
    if (!disposed) paintPrint();
  }

  ctx.onEvent('receipt', (data) => {
    if (data.trackingNo === v.trackingNo) setPrint(data.state, data.reason);
  });

  for (const ms of POLL_AFTER_MS) {
    timers.push(setTimeout(() => {
      if (disposed || printState() !== 'PRINTING') return;
      getAppeal(v.trackingNo, v.verifier, getLang(), ctrl.signal).then((fresh) => {
        if (fresh && fresh.receipt) setPrint(fresh.receipt.state, fresh.receipt.reason);
      }, () => {});
    }, ms));
  }

  const category = v.category
    ? [v.category.domain && v.category.domain.name, v.category.name].filter(str).join(' › ')
    : '';
  const station = str(v.stationName) || ctx.stationName();
  const grid = str(v.gridCode) || ctx.settings.gridCode;

  const row = (testid, label, ...value) => h('div', { class: 'receipt-row', 'data-testid': 'receipt-' + testid },
    h('dt', { class: 'receipt-label' }, label), h('dd', { class: 'receipt-value' }, ...value));

  function done() {
    if (proxy) {
      forgetResident(s);
      ctx.navigate('#/staff', { replace: true });
    } else {
      ctx.finish();
    }
  }

  root.append(h('section', { class: 'screen receipt', 'data-testid': 'screen-' + ctx.route.name },
    notice('good', 'receipt-filed', t(proxy ? 'receipt.filedProxy' : 'receipt.filed')),
    h('div', { class: 'receipt-no-box' },
      h('p', { class: 'receipt-no-label' }, t('receipt.trackingNo')),
      h('p', { class: 'receipt-no', 'data-testid': 'tracking-no' }, v.trackingNo)),
    h('dl', { class: 'receipt-facts' },
      row('category', t('receipt.category'), category),
      row('time', t('receipt.time'), formatTime(v.filedAt)),
      row('station', t('receipt.station'), station,
        grid ? h('span', { class: 'receipt-grid', 'data-testid': 'receipt-grid' }, t('receipt.grid', { grid })) : null),
      str(v.dueAt) ? row('due', t('receipt.due'), t('receipt.dueText', { day: formatDay(v.dueAt) })) : null,
      row('next', t('receipt.next'), str(v.nextSteps) || t('receipt.nextDefault'))),
    printBox,
    h('p', { class: 'receipt-later' }, t('receipt.later')),
    h('button', {
      type: 'button', class: 'btn btn-primary btn-done', 'data-testid': 'btn-done', onClick: done,
    }, t(proxy ? 'receipt.doneProxy' : 'receipt.done'))));
  paintPrint();

  return {
    unmount() {
      disposed = true;
      ctrl.abort();
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
