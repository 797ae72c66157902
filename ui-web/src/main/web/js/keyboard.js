// On-screen keyboard (the kiosk has no physical keyboard): digits, QWERTY letters for pinyin /
// pinyin initials, delete, clear, space and search. Single taps only (no long-press, no
// key repeat, no swipe). It only reports taps; the catalog screen edits its input.
import { h } from './dom.js';
import { t } from './i18n.js';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LETTER_ROWS = [
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
];

/**
 * @param {{onChar(c: string): void, onBackspace(): void, onClear(): void, onSearch(): void}} handlers
 * @returns {HTMLElement}
 */
export function createKeyboard({ onChar, onBackspace, onClear, onSearch }) {
  // Keep the focus (and caret) in the search input while keys are tapped.
  const keepFocus = (e) => e.preventDefault();

  const key = (id, label, cls, onClick, attrs = {}) =>
    h('button', {
      type: 'button',
      class: 'key ' + cls,
      'data-testid': 'key-' + id,
      'data-key': id,
      onMousedown: keepFocus,
      onClick,
      ...attrs,
    }, label);

  const charKey = (c) => key(c, c, 'key-char', () => onChar(c));

  return h('div', { class: 'kb', role: 'group', 'aria-label': t('keyboard.label'), 'data-testid': 'keyboard' },
    h('div', { class: 'kb-row kb-row-digits' }, DIGITS.map(charKey)),
    h('div', { class: 'kb-row kb-row-1' }, LETTER_ROWS[0].map(charKey)),
    h('div', { class: 'kb-row kb-row-2' }, LETTER_ROWS[1].map(charKey)),
    h('div', { class: 'kb-row kb-row-3' },
      LETTER_ROWS[2].map(charKey),
      key('backspace', t('keyboard.backspace'), 'key-fn key-backspace', onBackspace)),
    h('div', { class: 'kb-row kb-row-4' },
      key('clear', t('keyboard.clear'), 'key-fn key-clear', onClear),
      key('space', t('keyboard.space'), 'key-fn key-space', () => onChar(' ')),
      key('search', t('keyboard.search'), 'key-fn key-search', onSearch)));
}
