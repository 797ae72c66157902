// Item detail screen: everything a resident needs to get one service done.
import { h } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { getItem, isAbortError } from '../api.js';
import { loadingLine, errorBox, backIcon, chevronIcon } from '../components.js';

function str(v) {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function arr(v) {
  return Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined) : [];
}

function section(testid, title, ...content) {
  return h('section', { class: 'item-section', 'data-testid': testid },
    h('h2', { class: 'item-section-title' }, title),
    ...content);
}

function para(text, cls = 'item-text') {
  return h('p', { class: cls }, str(text) || t('item.unknown'));
}

function evidenceForm(ev) {
  const form = t(ev.original ? 'item.evidence.original' : 'item.evidence.copy');
  const copies = Number.isInteger(ev.copies) ? ev.copies : null;
  return copies && copies > 0 ? t('item.evidence.count', { form, count: copies }) : form;
}

function renderItem(d, ctx) {
  const aka = arr(d.alternativeNames).filter((n) => str(n));
  const channels = arr(d.channels);
  const evidence = arr(d.requiredEvidence);
  const steps = arr(d.steps).filter((s) => str(s));
  const lifeEvents = arr(d.lifeEvents).filter((e) => e.code);
  const online = d.online || {};
  const cost = d.cost || {};
  const costText = str(cost.text) || (cost.free ? t('item.cost.free') : [cost.amount, cost.currency].filter(str).join(' '));

  return h('article', { class: 'item', 'data-testid': 'item-detail', 'data-code': d.code },
    h('header', { class: 'item-head' },
      h('h1', { class: 'item-name', 'data-testid': 'item-name' }, d.name || d.code),
      aka.length ? h('p', { class: 'item-aka', 'data-testid': 'item-aka' }, t('item.aka', { names: aka.join(t('list.sep')) })) : null,
      str(d.description) ? h('p', { class: 'item-desc', 'data-testid': 'item-description' }, d.description) : null),

    section('item-channels', t('item.section.channels'),
      channels.length
        ? h('ul', { class: 'channels' }, channels.map((c) => h('li', { class: 'channel' },
          str(c.place) ? h('p', { class: 'channel-place' }, c.place) : null,
          str(c.address) ? h('p', { class: 'channel-line' },
            h('span', { class: 'label' }, t('item.channel.address')), c.address) : null,
          str(c.hours) ? h('p', { class: 'channel-line' },
            h('span', { class: 'label' }, t('item.channel.hours')), c.hours) : null)))
        : para(null)),

    h('div', { class: 'item-pair' },
      section('item-department', t('item.section.department'), para(d.department && d.department.name, 'item-text item-strong')),
      section('item-level', t('item.section.level'), para(d.handlingLevelText, 'item-text item-strong'))),

    section('item-evidence', t('item.section.evidence'),
      evidence.length
        ? h('ol', { class: 'evidence-list' }, evidence.map((ev) => h('li', { class: 'evidence' },
          h('span', { class: 'evidence-name' }, ev.name || ''),
          h('span', { class: 'evidence-form' }, evidenceForm(ev)),
          str(ev.note) ? h('span', { class: 'evidence-note' }, ev.note) : null)))
        : para(t('item.evidence.none'))),

    section('item-steps', t('item.section.steps'),
      steps.length
        ? h('ol', { class: 'steps' }, steps.map((s, i) => h('li', { class: 'step' },
          h('span', { class: 'step-no', 'aria-hidden': 'true' }, String(i + 1)),
          h('span', { class: 'step-text' }, s))))
        : para(null)),

    h('div', { class: 'item-pair' },
      section('item-cost', t('item.section.cost'), para(costText, 'item-text item-strong')),
      section('item-time', t('item.section.time'), para(d.processingTime && d.processingTime.text, 'item-text item-strong'))),

    h('div', { class: 'item-pair' },
      section('item-proxy', t('item.section.proxy'),
        h('p', { class: d.proxyHandling ? 'item-text yes' : 'item-text no' },
          t(d.proxyHandling ? 'item.proxy.yes' : 'item.proxy.no'))),
      section('item-online', t('item.section.online'),
        h('p', { class: online.available ? 'item-text yes' : 'item-text no' },
          online.available
            ? (str(online.channel) ? t('item.online.yesChannel', { channel: online.channel }) : t('item.online.yes'))
            : t('item.online.no')))),

    lifeEvents.length
      ? section('item-life-events', t('item.section.lifeEvents'),
        h('div', { class: 'related' }, lifeEvents.map((e) => h('button', {
          type: 'button', class: 'related-link', 'data-testid': 'item-event-' + e.code,
          onClick: () => ctx.navigate('#/catalog?' + new URLSearchParams({ event: e.code }).toString()),
        }, h('span', null, e.name || e.code), chevronIcon()))))
      : null);
}

export function mount(root, ctx) {
  const lang = getLang();
  const code = ctx.route.code;
  let ctrl = null;
  let disposed = false;

  const body = h('div', { class: 'item-body' });
  const backBar = h('div', { class: 'back-bar' },
    h('button', {
      type: 'button', class: 'btn btn-primary btn-back', 'data-testid': 'btn-back',
      onClick: () => ctx.goBack('#/catalog'),
    }, backIcon(), h('span', null, t('item.back'))));

  root.append(h('section', { class: 'screen item-screen', 'data-testid': 'screen-item' }, body, backBar));

  function load() {
    if (ctrl) ctrl.abort();
    const c = new AbortController();
    ctrl = c;
    body.replaceChildren(loadingLine());
    getItem(code, lang, c.signal).then((data) => {
      if (disposed || c !== ctrl) return;
      if (!data || typeof data !== 'object') throw Object.assign(new Error('format'), { kind: 'format' });
      body.replaceChildren(renderItem(data, ctx));
    }).catch((err) => {
      if (disposed || isAbortError(err) || c !== ctrl) return;
      body.replaceChildren(errorBox(err, load));
    });
  }

  load();

  return {
    unmount() {
      disposed = true;
      if (ctrl) ctrl.abort();
    },
  };
}
