// The PIN pad the staff login and the technician screen share: a row of dots for what is typed
// (never the digits themselves), the on-screen digit keyboard, and a submit that hands the PIN
// over once and clears it, so a PIN never stays in the page after it was sent.
import { h } from './dom.js';
import { createTextKeyboard } from './appeals.js';

export const PIN_MAX = 12;

/**
 * @param {{testId: string, label: string, doneLabel: string, onSubmit: function(string): void,
 *   busy?: function(): boolean}} opts  busy: while it says true, a submit is ignored (a login
 *   is under way)
 * @returns {{dots: HTMLElement, keyboard: HTMLElement, submit: function(): void}}
 */
export function createPinEntry(opts) {
  let pin = '';
  const dots = h('p', { class: 'pin-dots', 'data-testid': opts.testId, 'aria-label': opts.label });
  const paint = () => {
    dots.dataset.length = String(pin.length);
    dots.replaceChildren(...Array.from({ length: Math.max(pin.length, 1) }, (_, i) =>
      h('span', { class: i < pin.length ? 'pin-dot is-on' : 'pin-dot' })));
  };
  const submit = () => {
    if (!pin || (opts.busy && opts.busy())) return;
    const tried = pin;
    pin = '';
    paint();
    opts.onSubmit(tried);
  };
  const kb = createTextKeyboard({
    mode: 'digits',
    onText: (text) => { pin = (pin + String(text).replace(/\D/g, '')).slice(0, PIN_MAX); paint(); },
    onBackspace: () => { pin = pin.slice(0, -1); paint(); },
    onDone: submit,
    doneLabel: opts.doneLabel,
  });
  paint();
  return { dots, keyboard: kb.el, submit };
}
