// Catalog screen: search box + on-screen keyboard + quick chips, browse tabs (by department /
// by life event), and the results list with a "More" button (paging by offset).
import { h } from '../dom.js';
import { t, tList, getLang } from '../i18n.js';
import { searchCatalog, getDepartments, getLifeEvents, isAbortError } from '../api.js';
import { createKeyboard } from '../keyboard.js';
import { loadingLine, errorBox, searchIcon, chevronIcon, backIcon } from '../components.js';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;

function filterFrom(params) {
  return {
    q: (params.get('q') || '').trim(),
    department: (params.get('dept') || '').trim(),
    lifeEvent: (params.get('event') || '').trim(),
  };
}

function hasFilter(f) {
  return !!(f.q || f.department || f.lifeEvent);
}

function keyOf(lang, f) {
  return JSON.stringify([lang, f.q, f.department, f.lifeEvent]);
}

function queryHash(value) {
  return value.trim() ? '#/catalog?' + new URLSearchParams({ q: value }).toString() : '#/catalog';
}

export function mount(root, ctx) {
  const lang = getLang();
  const s = ctx.session;
  let filter = filterFrom(ctx.route.params);
  let results = null; // {key, items, total}
  let status = 'idle'; // idle | loading | loadingMore | ready | error | errorMore
  let error = null;
  let searchCtrl = null;
  let listCtrl = null;
  let debounceTimer = 0;
  let composing = false;
  let disposed = false;
  let revealPending = false; // scroll the results into view once they are shown
  const MAX_QUERY_LENGTH = 100; // the kiosk's limit for q (docs/api.md)

  // ---- input pane ----------------------------------------------------------------------

  const input = h('input', {
    id: 'search-input',
    class: 'search-input',
    'data-testid': 'search-input',
    type: 'text',
    // inputmode=none: no system keyboard pops up on the touch screen (we have our own);
    // a physical keyboard and an IME still work.
    inputmode: 'none',
    enterkeyhint: 'search',
    autocomplete: 'off',
    autocapitalize: 'off',
    autocorrect: 'off',
    spellcheck: 'false',
    placeholder: t('catalog.search.placeholder'),
    // The kiosk takes at most 100 characters; stop there rather than answer with an error.
    maxlength: '100',
    'aria-describedby': 'search-hint',
    value: ctx.route.params.get('q') || '',
  });

  const keyboard = createKeyboard({
    onChar: (c) => insertText(c),
    onBackspace: backspace,
    onClear: () => { input.value = ''; onUserInput(); },
    onSearch: () => searchNow(),
  });
  keyboard.hidden = !!s.keyboardHidden;

  const kbToggle = h('button', {
    type: 'button', class: 'btn btn-secondary btn-kb-toggle', 'data-testid': 'btn-keyboard',
    'aria-expanded': s.keyboardHidden ? 'false' : 'true',
    onClick: () => setKeyboardHidden(!s.keyboardHidden),
  }, t(s.keyboardHidden ? 'catalog.keyboard.show' : 'catalog.keyboard.hide'));

  function setKeyboardHidden(hidden) {
    s.keyboardHidden = hidden;
    keyboard.hidden = hidden;
    kbToggle.setAttribute('aria-expanded', hidden ? 'false' : 'true');
    kbToggle.textContent = t(hidden ? 'catalog.keyboard.show' : 'catalog.keyboard.hide');
  }

  input.addEventListener('pointerdown', () => { if (s.keyboardHidden) setKeyboardHidden(false); });
  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('compositionend', () => { composing = false; onUserInput(); });
  input.addEventListener('input', (e) => { if (!composing && !e.isComposing) onUserInput(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing && !composing) {
      e.preventDefault();
      searchNow();
    }
  });

  const chips = h('div', { class: 'chips-block' },
    h('span', { class: 'chips-label' }, t('catalog.popular')),
    h('div', { class: 'chips' },
      tList('catalog.chips').map((word) => h('button', {
        type: 'button', class: 'chip', 'data-testid': 'chip', 'data-word': word,
        onClick: () => searchFor(word),
      }, word))));

  const inPane = h('div', { class: 'cat-in' },
    h('h1', { class: 'cat-title' }, t('catalog.title')),
    h('div', { class: 'search-row' },
      h('label', { class: 'search-box', for: 'search-input' },
        searchIcon(),
        h('span', { class: 'visually-hidden' }, t('catalog.search.label')),
        input),
      kbToggle),
    h('p', { class: 'hint', id: 'search-hint' }, t('catalog.hint')),
    keyboard,
    chips);

  const outPane = h('div', { class: 'cat-out' });

  root.append(h('section', { class: 'screen catalog', 'data-testid': 'screen-catalog' }, inPane, outPane));

  // ---- editing -------------------------------------------------------------------------

  function insertText(str) {
    const len = input.value.length;
    const start = input.selectionStart ?? len;
    const end = input.selectionEnd ?? start;
    // setRangeText ignores maxlength (it only limits typing), so the on-screen keys check it.
    if (len - (end - start) + str.length > MAX_QUERY_LENGTH) return;
    input.setRangeText(str, start, end, 'end');
    onUserInput();
  }

  function backspace() {
    const len = input.value.length;
    let start = input.selectionStart ?? len;
    const end = input.selectionEnd ?? start;
    if (start === end) {
      if (start === 0) return;
      start -= 1;
      // don't split a surrogate pair
      const code = input.value.charCodeAt(start);
      if (start > 0 && code >= 0xdc00 && code <= 0xdfff) start -= 1;
    }
    input.setRangeText('', start, end, 'end');
    onUserInput();
  }

  /** The text changed (typed, on-screen key, clear): update the address and search soon. */
  function onUserInput() {
    const value = input.value;
    const next = { q: value.trim(), department: '', lifeEvent: '' };
    // Nothing typed (e.g. "Clear" or a space while a department list is shown): keep the view.
    if (!next.q && !filter.q) return;
    // First letters typed from the browse view or a department list get their own history
    // entry (so Back returns there); further typing replaces it.
    ctx.updateHash(queryHash(value), { push: !filter.q && !!next.q });
    const changed = keyOf(lang, next) !== keyOf(lang, filter);
    filter = next;
    if (!changed) return;
    revealPending = false; // typing: leave the view where it is
    clearTimeout(debounceTimer);
    if (!hasFilter(filter)) {
      abortSearch();
      results = null;
      status = 'idle';
      renderOut();
      return;
    }
    debounceTimer = setTimeout(() => runSearch(), DEBOUNCE_MS);
  }

  function searchNow() {
    clearTimeout(debounceTimer);
    if (!hasFilter(filter)) return;
    revealPending = true;
    runSearch();
  }

  function searchFor(word) {
    input.value = word;
    ctx.updateHash(queryHash(word), { push: true });
    filter = { q: word.trim(), department: '', lifeEvent: '' };
    searchNow();
  }

  /** On a tall screen the results are below the keyboard: bring them into view. */
  function revealResults() {
    if (!revealPending) return;
    revealPending = false;
    const box = ctx.scroller.getBoundingClientRect();
    const top = outPane.getBoundingClientRect().top;
    if (top > box.bottom - box.height * 0.4) outPane.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  // ---- searching -----------------------------------------------------------------------

  function abortSearch() {
    if (searchCtrl) searchCtrl.abort();
    searchCtrl = null;
  }

  function runSearch({ append = false } = {}) {
    clearTimeout(debounceTimer);
    if (!hasFilter(filter)) return;
    abortSearch();
    const c = new AbortController();
    searchCtrl = c;
    const f = filter;
    const key = keyOf(lang, f);
    const more = append && results && results.key === key;
    const offset = more ? results.items.length : 0;
    status = more ? 'loadingMore' : 'loading';
    error = null;
    renderOut();

    searchCatalog({
      q: f.q, department: f.department, lifeEvent: f.lifeEvent, limit: PAGE_SIZE, offset, lang,
    }, c.signal).then((data) => {
      if (disposed || c !== searchCtrl) return;
      searchCtrl = null;
      const page = Array.isArray(data && data.items) ? data.items.filter((it) => it && it.code) : [];
      let items = page;
      if (more) {
        const seen = new Set(results.items.map((it) => it.code));
        items = results.items.concat(page.filter((it) => !seen.has(it.code)));
      }
      let total = data && Number.isFinite(data.total) ? data.total : items.length;
      // Past the server's cap the total is a lower bound ("more than 300").
      let exact = !(data && data.totalExact === false);
      if (total < items.length) total = items.length;
      // An empty page means there is nothing more to fetch: never offer a "More" that brings nothing.
      if (page.length === 0) {
        total = items.length;
        exact = true;
      }
      results = { key, items, total, exact };
      status = 'ready';
      s.snapshot = { key, items, total, exact, mainScroll: 0, paneScroll: 0 };
      renderOut();
      revealResults();
    }, (err) => {
      if (disposed || isAbortError(err) || c !== searchCtrl) return;
      searchCtrl = null;
      error = err;
      if (more) {
        status = 'errorMore';
      } else {
        status = 'error';
        results = null;
      }
      renderOut();
      revealResults();
    });
  }

  // ---- browse lists (departments / life events) ------------------------------------------

  function listKey(tab) {
    return tab + '|' + lang;
  }

  function loadList(tab) {
    if (listCtrl) listCtrl.abort();
    const c = new AbortController();
    listCtrl = c;
    const req = tab === 'departments' ? getDepartments(lang, c.signal) : getLifeEvents(lang, c.signal);
    return req.then((data) => {
      const list = tab === 'departments' ? data && data.departments : data && data.lifeEvents;
      const clean = Array.isArray(list) ? list.filter((e) => e && e.code) : [];
      s.lists[listKey(tab)] = clean;
      return clean;
    }).finally(() => { if (listCtrl === c) listCtrl = null; });
  }

  function fillBrowse(body, tab) {
    const cached = s.lists[listKey(tab)];
    if (cached) {
      body.replaceChildren(browseList(tab, cached));
      return;
    }
    body.replaceChildren(loadingLine());
    loadList(tab).then((list) => {
      if (disposed || !body.isConnected) return;
      body.replaceChildren(browseList(tab, list));
    }, (err) => {
      if (disposed || isAbortError(err) || !body.isConnected) return;
      body.replaceChildren(errorBox(err, () => fillBrowse(body, tab)));
    });
  }

  function browseList(tab, list) {
    if (!list.length) return h('p', { class: 'empty' }, t('catalog.browse.empty'));
    const isDept = tab === 'departments';
    return h('ul', { class: 'entries' }, list.map((e) => h('li', null,
      h('button', {
        type: 'button', class: 'entry', 'data-testid': (isDept ? 'dept-' : 'event-') + e.code,
        onClick: () => {
          s.browseTab = tab;
          ctx.navigate('#/catalog?' + new URLSearchParams({ [isDept ? 'dept' : 'event']: e.code }).toString());
        },
      },
        h('span', { class: 'entry-name' }, e.name || e.code),
        Number.isFinite(e.itemCount)
          ? h('span', { class: 'entry-count' }, t('catalog.entry.count', { count: e.itemCount }))
          : null,
        chevronIcon()))));
  }

  function renderBrowse() {
    const tab = s.browseTab === 'lifeEvents' ? 'lifeEvents' : 'departments';
    const tabBtn = (id, testid, label) => h('button', {
      type: 'button', role: 'tab', class: 'tab', 'data-testid': testid,
      'aria-selected': tab === id ? 'true' : 'false',
      onClick: () => {
        if (s.browseTab === id) return;
        s.browseTab = id;
        renderOut();
      },
    }, label);
    const body = h('div', { class: 'browse-body', role: 'tabpanel' });
    fillBrowse(body, tab);
    return h('div', { class: 'browse' },
      h('h2', { class: 'pane-title' }, t('catalog.browse.title')),
      h('div', { class: 'tabs', role: 'tablist' },
        tabBtn('departments', 'tab-departments', t('catalog.tab.departments')),
        tabBtn('lifeEvents', 'tab-life-events', t('catalog.tab.lifeEvents'))),
      body);
  }

  // ---- results -------------------------------------------------------------------------

  function headingText() {
    if (filter.q) return t('catalog.results.forQuery', { q: filter.q });
    const tab = filter.department ? 'departments' : 'lifeEvents';
    const code = filter.department || filter.lifeEvent;
    const list = s.lists[listKey(tab)];
    let name = list && (list.find((e) => e.code === code) || {}).name;
    if (!name && filter.department && results && results.items.length) {
      const d = results.items[0].department;
      if (d && d.code === code) name = d.name;
    }
    if (name) return t(filter.department ? 'catalog.results.forDepartment' : 'catalog.results.forLifeEvent', { name });
    if (!list && !listCtrl) {
      // Fetch the names once, then redraw the heading.
      loadList(tab).then(() => { if (!disposed) renderOut(); }, () => {});
    }
    return t(filter.department ? 'catalog.results.forDepartmentUnknown' : 'catalog.results.forLifeEventUnknown');
  }

  function resultRow(it) {
    const dept = it.department && it.department.name;
    const level = it.handlingLevelText;
    const time = it.processingTime && it.processingTime.text;
    return h('li', null,
      h('button', {
        type: 'button', class: 'result', 'data-testid': 'result-' + it.code,
        onClick: () => ctx.navigate('#/item/' + encodeURIComponent(it.code)),
      },
        h('span', { class: 'result-main' },
          h('span', { class: 'result-name' }, it.name || it.code),
          h('span', { class: 'result-meta' },
            dept ? h('span', { class: 'meta meta-dept' }, dept) : null,
            level ? h('span', { class: 'meta meta-level' }, t('result.level', { text: level })) : null,
            time ? h('span', { class: 'meta meta-time' }, t('result.time', { text: time })) : null),
          it.proxyHandling || it.onlineAvailable
            ? h('span', { class: 'badges' },
              it.proxyHandling ? h('span', { class: 'badge badge-proxy', 'data-testid': 'badge-proxy' }, t('badge.proxy')) : null,
              it.onlineAvailable ? h('span', { class: 'badge badge-online', 'data-testid': 'badge-online' }, t('badge.online')) : null)
            : null),
        chevronIcon()));
  }

  function renderResults() {
    const listing = !filter.q && (filter.department || filter.lifeEvent);
    const head = h('div', { class: 'results-head' },
      listing
        ? h('button', {
          type: 'button', class: 'btn btn-secondary btn-browse-back', 'data-testid': 'btn-browse-back',
          onClick: () => {
            s.browseTab = filter.department ? 'departments' : 'lifeEvents';
            ctx.navigate('#/catalog');
          },
        }, backIcon(), h('span', null, t('catalog.backToBrowse')))
        : null,
      h('h2', { class: 'pane-title' }, headingText()));

    const box = h('div', { class: 'results', 'data-testid': 'results' });
    const key = keyOf(lang, filter);
    const shown = results && (results.key === key || status === 'loading') ? results : null;

    if (status === 'error') {
      box.append(errorBox(error, () => runSearch()));
    } else if (!shown) {
      box.append(loadingLine(t('catalog.results.searching')));
    } else {
      const stale = status === 'loading';
      if (stale) {
        box.classList.add('is-busy');
        box.setAttribute('aria-busy', 'true');
        box.append(loadingLine(t('catalog.results.searching')));
      }
      if (!stale && shown.total === 0) {
        box.append(h('p', { class: 'results-empty', 'data-testid': 'results-empty', role: 'status' }, t('catalog.results.empty')));
      } else if (shown.items.length) {
        if (!stale) {
          box.append(h('p', { class: 'result-count', 'data-testid': 'result-count', role: 'status' },
            shown.exact === false
              ? t('catalog.results.countAtLeast', { count: shown.total })
              : t('catalog.results.count', { count: shown.total }),
            shown.items.length < shown.total ? t('catalog.results.shown', { shown: shown.items.length }) : null));
        }
        box.append(h('ul', { class: 'result-list' }, shown.items.map(resultRow)));
        if (!stale && status === 'errorMore') {
          box.append(errorBox(error, () => runSearch({ append: true })));
        } else if (!stale && (shown.items.length < shown.total || shown.exact === false)) {
          const loadingMore = status === 'loadingMore';
          box.append(h('button', {
            type: 'button', class: 'btn btn-primary btn-more', 'data-testid': 'btn-more',
            disabled: loadingMore, 'aria-busy': loadingMore ? 'true' : null,
            onClick: () => runSearch({ append: true }),
          }, loadingMore
            ? t('catalog.moreLoading')
            : shown.exact === false
              ? t('catalog.moreOpen')
              : t('catalog.more', { count: shown.total - shown.items.length })));
        }
      }
    }
    return h('div', { class: 'results-pane' }, head, box);
  }

  function renderOut() {
    if (disposed) return;
    outPane.replaceChildren(hasFilter(filter) ? renderResults() : renderBrowse());
  }

  // ---- start -----------------------------------------------------------------------------

  const snap = s.snapshot;
  if (hasFilter(filter) && snap && snap.key === keyOf(lang, filter)) {
    // Coming back (e.g. from an item): show the same list at the same place.
    results = { key: snap.key, items: snap.items, total: snap.total, exact: snap.exact };
    status = 'ready';
    renderOut();
    const { mainScroll, paneScroll } = snap;
    requestAnimationFrame(() => {
      ctx.scroller.scrollTop = mainScroll || 0;
      outPane.scrollTop = paneScroll || 0;
    });
  } else if (hasFilter(filter)) {
    runSearch();
  } else {
    renderOut();
  }

  return {
    unmount() {
      if (s.snapshot && results && s.snapshot.key === results.key) {
        s.snapshot.mainScroll = ctx.scroller.scrollTop;
        s.snapshot.paneScroll = outPane.scrollTop;
      }
      disposed = true;
      clearTimeout(debounceTimer);
      abortSearch();
      if (listCtrl) listCtrl.abort();
    },
  };
}
