// On-screen text keyboard for free text (an appeal's description, a phone number). Two modes:
//
//   'pinyin'  QWERTY letters compose pinyin, shown in a strip above a bar of candidates from the
//             kiosk (GET /api/v1/ime/candidates); tapping one types it and takes the letters it
//             stands for ("consumed") off the composition, whose rest is offered again. Space types
//             the first candidate; tapping the composition types the letters as they are (also
//             when candidates cannot be had). A 中/英 key switches to English letters, typed
//             straight through. A row of digits and one of Chinese punctuation (，。？！、).
//   'digits'  a large phone keypad: 0–9, '-', delete.
//
// Single taps only (no long-press, swipe or key repeat), targets of 48 px and more. Like
// keyboard.js it only reports (onText, onBackspace, onDone) and never edits a field itself;
// its buttons keep the focus (and caret) where it is. It talks to nothing but that endpoint.
import { h, setChildren } from './dom.js';
import { t } from './i18n.js';
import { getJson } from './api.js';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LETTER_ROWS = [
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
];
const PUNCTUATION = [['comma', '，'], ['period', '。'], ['question', '？'], ['exclaim', '！'], ['enum', '、']];
const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

const DEBOUNCE_MS = 80;
const MAX_LETTERS = 64; // the endpoint's limit
const FETCH_LIMIT = 24;
const FETCH_TIMEOUT_MS = 3000; // then the letters can only be typed as they are
const PAGE = 8;
const ELDER_PAGE = 4; // the same candidates at double size

/**
 * @param {{mode?: 'pinyin'|'digits', onText(text: string): void, onBackspace(): void,
 *          onDone?: () => void, doneLabel?: string}} options
 *   a Done key (labelled doneLabel, else 完成) is shown when onDone is given
 * @returns {{el: HTMLElement, reset(): void, setMode(mode: 'pinyin'|'digits'): void}}
 */
export function createTextKeyboard({ mode = 'pinyin', onText, onBackspace, onDone, doneLabel } = {}) {
  const type = (text) => { if (text && typeof onText === 'function') onText(text); };
  const erase = () => { if (typeof onBackspace === 'function') onBackspace(); };
  const hasDone = typeof onDone === 'function';

  let currentMode = mode === 'digits' ? 'digits' : 'pinyin';
  let english = false;
  let letters = ''; // the composition
  let cands = []; // the candidates shown: for `candsFor`; stale (disabled) while new ones are asked for
  let candsFor = null; // the letters `cands` are for; null: none asked yet
  let failed = false; // asking for the candidates of `candsFor` failed
  let page = 0;
  let timer = 0;
  let ctrl = null;
  let pending = null; // {letters, promise} of the request under way
  let queue = Promise.resolve(); // taps are handled one after another, in order

  // Keys are built again only when they change (mode, 中/英): a tap must not lose its button
  // because candidates arrived between finger down and finger up.
  const compSlot = h('div', { class: 'ime-comp-slot' });
  const candSlot = h('div', { class: 'ime-cand-slot' });
  const keySlot = h('div', { class: 'ime-keys' });
  const el = h('div', { class: 'kb ime', role: 'group', 'data-testid': 'ime' }, compSlot, candSlot, keySlot);

  // ---- taps ------------------------------------------------------------------------------

  // Keep the focus (and caret) in the field while keys are tapped.
  const keepFocus = (e) => e.preventDefault();

  /** Handles a tap after the taps before it (a space may wait for its candidates). */
  const tap = (fn) => () => {
    // a failing tap must not stop the ones after it; its error still reaches the console
    queue = queue.then(fn).catch((e) => { setTimeout(() => { throw e; }); });
  };

  const key = (id, label, cls, fn, attrs = {}) =>
    h('button', {
      type: 'button',
      class: 'key ' + cls,
      'data-testid': 'ime-key-' + id,
      'data-key': id,
      onMousedown: keepFocus,
      onClick: tap(fn),
      ...attrs,
    }, label);

  // ---- candidates ------------------------------------------------------------------------

  function validCandidates(body) {
    const list = Array.isArray(body?.candidates) ? body.candidates : [];
    return list.filter((c) => c && typeof c.text === 'string' && c.text !== ''
      && Number.isInteger(c.consumed) && c.consumed >= 1);
  }

  /** Asks for the candidates of `forLetters` now (dropping any other request); resolves to them, or null. */
  function fetchNow(forLetters) {
    clearTimeout(timer);
    if (pending && pending.letters === forLetters) return pending.promise;
    if (ctrl) ctrl.abort();
    const c = new AbortController();
    ctrl = c;
    const giveUp = setTimeout(() => c.abort(), FETCH_TIMEOUT_MS);
    const promise = getJson('/ime/candidates', { pinyin: forLetters, limit: FETCH_LIMIT }, { signal: c.signal })
      .then(validCandidates, () => null)
      .then((list) => {
        clearTimeout(giveUp);
        if (ctrl !== c) return list; // the composition changed meanwhile
        ctrl = null;
        pending = null;
        if (forLetters === letters) {
          cands = list || [];
          candsFor = forLetters;
          failed = list === null;
          page = 0;
          render();
        }
        return list;
      });
    pending = { letters: forLetters, promise };
    return promise;
  }

  function cancel() {
    clearTimeout(timer);
    if (ctrl) ctrl.abort();
    ctrl = null;
    pending = null;
  }

  /** The candidates of the composition: those shown if they are its, else asked for now; null if they cannot be had. */
  async function current() {
    if (candsFor === letters) return failed ? null : cands;
    return fetchNow(letters);
  }

  // ---- composing -------------------------------------------------------------------------

  function compose(next) {
    letters = next;
    cancel();
    if (letters) {
      timer = setTimeout(() => fetchNow(letters), DEBOUNCE_MS);
    } else {
      cands = [];
      candsFor = null;
      failed = false;
    }
    render();
  }

  function pick(candidate) {
    type(candidate.text);
    compose(letters.slice(Math.min(candidate.consumed, letters.length)));
    if (letters) fetchNow(letters); // the rest is offered again at once
  }

  /** Types the letters as they are. */
  function commitLetters() {
    const typed = letters;
    compose('');
    type(typed);
  }

  /** Ends the composition before something else is typed: the first candidate if it stands for every letter, else the letters. */
  async function flush() {
    if (!letters) return;
    const list = await current();
    const first = list && list[0];
    if (first && first.consumed >= letters.length) pick(first);
    else commitLetters();
  }

  function letter(c) {
    if (english) type(c);
    else if (letters.length < MAX_LETTERS) compose(letters + c);
  }

  async function space() {
    if (!letters) {
      type(' ');
      return;
    }
    const list = await current();
    if (list && list.length) pick(list[0]);
    else commitLetters();
  }

  function backspace() {
    if (letters) compose(letters.slice(0, -1));
    else erase();
  }

  async function mark(text) {
    await flush();
    type(text);
  }

  async function toggleEnglish() {
    await flush();
    english = !english;
    renderKeys();
  }

  async function finish() {
    await flush();
    onDone();
  }

  // ---- rendering -------------------------------------------------------------------------

  function compositionStrip() {
    if (!letters) {
      return h('p', { class: 'ime-comp ime-comp-empty', 'data-testid': 'ime-composition-empty' },
        t(english ? 'ime.english.hint' : 'ime.composition.empty'));
    }
    return h('div', { class: 'ime-comp' },
      h('button', {
        type: 'button',
        class: 'ime-letters',
        'data-testid': 'ime-composition',
        'data-letters': letters,
        'aria-label': t('ime.composition.commit', { letters }),
        onMousedown: keepFocus,
        onClick: tap(commitLetters),
      },
      h('span', { class: 'ime-letters-text', lang: 'en' }, letters),
      h('span', { class: 'ime-letters-hint' }, t('ime.composition.hint'))));
  }

  function candidateBar() {
    const stale = candsFor !== letters;
    const bar = h('div', {
      class: ['ime-cands', stale ? 'is-stale' : null],
      role: 'group',
      'aria-label': t('ime.candidates.label'),
      'aria-busy': stale ? 'true' : 'false',
      'data-testid': 'ime-candidates',
      'data-for': candsFor === null ? '' : candsFor,
      'data-state': !letters ? 'idle' : stale ? 'loading' : failed ? 'failed' : cands.length ? 'ready' : 'none',
    });
    if (!letters) return bar;
    if (!stale && (failed || !cands.length)) {
      bar.append(h('p', { class: 'ime-cands-note', 'data-testid': 'ime-candidates-note' },
        t(failed ? 'ime.candidates.failed' : 'ime.candidates.none')));
      return bar;
    }
    const size = document.documentElement.classList.contains('elder') ? ELDER_PAGE : PAGE;
    const pages = Math.max(1, Math.ceil(cands.length / size));
    page = Math.min(page, pages - 1);
    cands.slice(page * size, page * size + size).forEach((c, i) => {
      const index = page * size + i;
      bar.append(h('button', {
        type: 'button',
        class: ['ime-cand', index === 0 ? 'is-first' : null],
        'data-testid': 'ime-cand-' + index,
        'data-text': c.text,
        'data-consumed': c.consumed,
        lang: 'zh-CN',
        disabled: stale,
        onMousedown: keepFocus,
        onClick: tap(() => { if (candsFor === letters) pick(c); }),
      }, c.text));
    });
    if (pages > 1) {
      const turn = (id, label, delta, off) => h('button', {
        type: 'button',
        class: 'ime-page',
        'data-testid': id,
        'aria-label': t(label),
        disabled: off || stale,
        onMousedown: keepFocus,
        onClick: tap(() => { page += delta; render(); }),
      }, delta < 0 ? '‹' : '›');
      bar.append(h('span', { class: 'ime-pages' },
        turn('ime-prev', 'ime.prev', -1, page === 0),
        turn('ime-next', 'ime.next', 1, page >= pages - 1)));
    }
    return bar;
  }

  function doneKey() {
    return key('done', doneLabel || t('ime.done'), 'key-fn ime-done', finish);
  }

  function pinyinKeys() {
    const charKey = (c) => key(c, c, 'key-char', () => letter(c));
    const markKey = ([id, text]) => key(id, text, 'key-char ime-mark', () => mark(text),
      { 'aria-label': t('ime.punct.' + id) });
    return [
      h('div', { class: 'kb-row kb-row-digits' }, DIGITS.map((d) => key(d, d, 'key-char', () => mark(d)))),
      h('div', { class: 'kb-row kb-row-1' }, LETTER_ROWS[0].map(charKey)),
      h('div', { class: 'kb-row kb-row-2' }, LETTER_ROWS[1].map(charKey)),
      h('div', { class: 'kb-row kb-row-3' },
        LETTER_ROWS[2].map(charKey),
        key('backspace', t('ime.backspace'), 'key-fn key-backspace', backspace)),
      h('div', { class: 'kb-row ime-row-marks' },
        key('lang', [
          h('span', { class: ['ime-lang', english ? null : 'is-on'] }, t('ime.lang.zh')),
          h('span', { class: 'ime-lang-sep' }, '/'),
          h('span', { class: ['ime-lang', english ? 'is-on' : null] }, t('ime.lang.en')),
        ], 'key-fn ime-lang-key', toggleEnglish, {
          'aria-pressed': english ? 'true' : 'false',
          'aria-label': t(english ? 'ime.lang.toChinese' : 'ime.lang.toEnglish'),
        }),
        PUNCTUATION.map(markKey),
        key('space', t('ime.space'), 'key-fn ime-space' + (hasDone ? '' : ' is-wide'), space),
        hasDone ? doneKey() : null),
    ];
  }

  function digitKeys() {
    const padKey = (d) => key(d, d, 'ime-pad-key', () => type(d));
    return [
      h('div', { class: 'ime-pad' },
        PAD.map(padKey),
        key('dash', '-', 'ime-pad-key', () => type('-'), { 'aria-label': t('ime.dash') }),
        padKey('0'),
        key('backspace', t('ime.backspace'), 'key-fn ime-pad-key ime-pad-back', erase)),
      hasDone ? h('div', { class: 'ime-pad-done' }, doneKey()) : null,
    ];
  }

  /** The composition and the candidates. */
  function render() {
    if (currentMode === 'digits') {
      setChildren(compSlot);
      setChildren(candSlot);
      return;
    }
    setChildren(compSlot, compositionStrip());
    setChildren(candSlot, english ? null : candidateBar());
  }

  function renderKeys() {
    el.dataset.mode = currentMode;
    el.dataset.english = english ? 'true' : 'false';
    el.setAttribute('aria-label', t(currentMode === 'digits' ? 'ime.digits.label' : 'ime.label'));
    setChildren(keySlot, currentMode === 'digits' ? digitKeys() : pinyinKeys());
    render();
  }

  renderKeys();

  return {
    el,
    /** Forgets the composition and its candidates (nothing is typed) and goes back to 中. */
    reset() {
      english = false;
      page = 0;
      compose('');
      renderKeys();
    },
    /** Switches the keys; letters being composed are typed as they are first. */
    setMode(next) {
      if (letters) commitLetters();
      currentMode = next === 'digits' ? 'digits' : 'pinyin';
      renderKeys();
    },
  };
}
