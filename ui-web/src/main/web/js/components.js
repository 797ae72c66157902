// Small shared pieces: loading line, error box, icons. All inline, never pop-ups.
import { h, svg } from './dom.js';
import { t } from './i18n.js';

export function loadingLine(text) {
  return h('p', { class: 'loading', 'data-testid': 'loading', role: 'status' }, text || t('common.loading'));
}

function nonBlank(s) {
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

/** Plain words for an error: the problem's title/detail, or our own wording. Never a stack trace. */
export function describeError(err) {
  const kind = err && err.kind;
  if (kind === 'network') return { title: t('error.network.title'), detail: t('error.network.detail') };
  if (kind === 'timeout') return { title: t('error.timeout.title'), detail: t('error.timeout.detail') };
  if (kind === 'format') return { title: t('error.format.title'), detail: t('error.generic') };
  // The kiosk's problem types get our own words in the page's language; the server's English
  // title/detail are for technicians and logs.
  const type = nonBlank(err && err.type) || '';
  const fields = err && Array.isArray(err.errors) ? err.errors.map((e) => e && e.field) : [];
  if (type.endsWith('/invalid-request') && fields.includes('q')) {
    return { title: t('error.query.title'), detail: t('error.query.detail') };
  }
  if (type.endsWith('/invalid-request')) return { title: t('error.request.title'), detail: t('error.generic') };
  if (type.endsWith('/not-found') || type.endsWith('/no-such-resource')) {
    return { title: t('error.notFound.title'), detail: t('error.notFound.detail') };
  }
  if (type.endsWith('/internal-error')) return { title: t('error.title'), detail: t('error.generic') };
  const title = nonBlank(err && err.title);
  let detail = nonBlank(err && err.detail);
  if (!detail && err && Array.isArray(err.errors)) {
    const msgs = err.errors.map((e) => nonBlank(e && e.message)).filter(Boolean);
    if (msgs.length) detail = msgs.join(t('list.sep'));
  }
  if (!title && !detail) return { title: t('error.title'), detail: t('error.generic') };
  return { title: title || t('error.title'), detail };
}

/** Inline error message with a retry button (data-testid="error", "btn-retry"). */
export function errorBox(err, onRetry) {
  const { title, detail } = describeError(err);
  return h('div', { class: 'error', 'data-testid': 'error', role: 'alert' },
    h('p', { class: 'error-title' }, title),
    detail && detail !== title ? h('p', { class: 'error-detail' }, detail) : null,
    onRetry
      ? h('button', { type: 'button', class: 'btn btn-primary btn-retry', 'data-testid': 'btn-retry', onClick: onRetry }, t('error.retry'))
      : null);
}

// ---- icons (decorative, aria-hidden) ----------------------------------------------------

function icon(cls, ...shapes) {
  return svg('svg', {
    class: 'icon ' + cls, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false',
    fill: 'none', stroke: 'currentColor', 'stroke-width': '2.4', 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
  }, ...shapes);
}

export function homeIcon() {
  return icon('icon-home',
    svg('path', { d: 'M3 11.5 12 4l9 7.5' }),
    svg('path', { d: 'M5.5 10v10h13V10' }),
    svg('path', { d: 'M10 20v-5.5h4V20' }));
}

export function searchIcon() {
  return icon('icon-search',
    svg('circle', { cx: '10.5', cy: '10.5', r: '6.5' }),
    svg('path', { d: 'm15.5 15.5 5 5' }));
}

export function backIcon() {
  return icon('icon-back', svg('path', { d: 'M15 4 7 12l8 8' }));
}

export function chevronIcon() {
  return icon('icon-chevron', svg('path', { d: 'm9 4 8 8-8 8' }));
}

export function listIcon() {
  return icon('icon-list',
    svg('path', { d: 'M9 6h11M9 12h11M9 18h11' }),
    svg('path', { d: 'M4 6h.01M4 12h.01M4 18h.01' }));
}
