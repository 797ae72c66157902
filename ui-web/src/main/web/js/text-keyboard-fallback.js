// TEMPORARY: stands in for js/ime.js (the pinyin keyboard, being written elsewhere) with the
// same interface, on top of the letter/digit keyboard. Letters go in as typed (no pinyin
// candidates). Removed as soon as ime.js lands; appeals.js is the only importer.
import { createKeyboard } from './keyboard.js';

/**
 * @param {{mode: 'pinyin'|'digits', onText(text: string): void, onBackspace(): void, onDone(): void, doneLabel?: string}} opts
 * @returns {{el: HTMLElement, reset(): void, setMode(mode: string): void}}
 */
export function createTextKeyboard({ mode = 'pinyin', onText, onBackspace, onDone, doneLabel }) {
  const el = createKeyboard({
    onChar: (c) => onText(c),
    onBackspace: () => onBackspace(),
    onClear: () => {},
    onSearch: () => onDone(),
  });
  // The pinyin keyboard's test ids, so that the browser tests drive either.
  for (const k of el.querySelectorAll('[data-key]')) {
    k.dataset.testid = 'ime-key-' + (k.dataset.key === 'search' ? 'done' : k.dataset.key);
  }
  el.dataset.testid = 'ime';
  const done = el.querySelector("[data-key='search']");
  if (done && doneLabel) done.textContent = doneLabel;
  const clear = el.querySelector("[data-key='clear']");
  if (clear) clear.hidden = true;
  function setMode(m) {
    el.dataset.mode = m;
    for (const row of el.querySelectorAll('.kb-row-1, .kb-row-2')) row.hidden = m === 'digits';
    for (const key of el.querySelectorAll('.kb-row-3 .key-char, .key-space')) key.hidden = m === 'digits';
  }
  setMode(mode);
  return { el, reset() {}, setMode };
}
