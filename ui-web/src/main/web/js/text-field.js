// A text box typed with the on-screen keyboard: a labelled input or textarea (inputmode=none,
// so no system keyboard pops up), a live character count, and the edits the keys make
// (insert at the caret, delete before it), all within a maximum length.
import { h } from './dom.js';
import { t } from './i18n.js';

let nextId = 0;

/**
 * @param {{testid: string, label: string, value?: string, max: number, multiline?: boolean,
 *          placeholder?: string, countKey?: string, inputClass?: string,
 *          onChange(value: string): void}} opts
 */
export function textField({ testid, label, value = '', max, multiline = false, placeholder, countKey, inputClass, onChange }) {
  const id = 'tf-' + testid + '-' + (++nextId);
  const input = h(multiline ? 'textarea' : 'input', {
    id,
    class: 'tf-input' + (inputClass ? ' ' + inputClass : ''),
    'data-testid': testid,
    type: multiline ? null : 'text',
    inputmode: 'none',
    autocomplete: 'off',
    autocapitalize: 'off',
    autocorrect: 'off',
    spellcheck: 'false',
    maxlength: String(max),
    placeholder: placeholder || null,
    value,
  });
  const count = countKey ? h('p', { class: 'tf-count', 'data-testid': testid + '-count', 'aria-live': 'polite' }) : null;

  function paintCount() {
    if (!count) return;
    const n = input.value.length;
    count.textContent = t(countKey, { count: n, max });
    count.classList.toggle('is-full', n >= max);
  }

  function changed() {
    paintCount();
    onChange(input.value);
  }

  function insert(str) {
    if (!str) return;
    const len = input.value.length;
    const start = input.selectionStart ?? len;
    const end = input.selectionEnd ?? start;
    const room = max - (len - (end - start));
    if (room <= 0) return;
    // setRangeText ignores maxlength (that only limits typing): cut what does not fit.
    input.setRangeText(str.slice(0, room), start, end, 'end');
    changed();
  }

  function backspace() {
    const len = input.value.length;
    let start = input.selectionStart ?? len;
    const end = input.selectionEnd ?? start;
    if (start === end) {
      if (start === 0) return;
      start -= 1;
      const code = input.value.charCodeAt(start);
      if (start > 0 && code >= 0xdc00 && code <= 0xdfff) start -= 1; // a surrogate pair goes whole
    }
    input.setRangeText('', start, end, 'end');
    changed();
  }

  /** A quick phrase: added after what is there, separated by a comma when needed. */
  function insertPhrase(phrase) {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const sep = before.trim() && !/[，。、,.;；!！?？\s]$/.test(before) ? t('appeal.phraseSep') : '';
    insert(sep + phrase);
  }

  function focus() {
    // Put the caret at the end, where the keys add text (no system keyboard: inputmode=none).
    try {
      input.focus({ preventScroll: true });
      const n = input.value.length;
      input.setSelectionRange(n, n);
    } catch { /* not focusable now */ }
  }

  input.addEventListener('input', changed);
  paintCount();

  const el = h('div', { class: 'tf' + (multiline ? ' tf-multi' : '') },
    h('label', { class: 'tf-label', for: id }, label),
    input,
    count);
  return { el, input, insert, backspace, insertPhrase, focus };
}
