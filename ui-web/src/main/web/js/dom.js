// Tiny DOM builder. Strings and numbers are ALWAYS inserted as text nodes, never parsed as
// HTML, so catalog text from the server can't inject markup. Nothing in this app uses
// innerHTML/outerHTML/insertAdjacentHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Properties that would parse HTML, or run code from a string; h() refuses them outright.
const FORBIDDEN = new Set(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'srcdoc', 'style']);

// Set as DOM properties (live state) rather than attributes.
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected']);

function applyAttrs(el, attrs) {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (FORBIDDEN.has(key) || /^on/i.test(key) && typeof value !== 'function') {
      throw new Error(`h(): refusing to set "${key}"`);
    }
    if (/^on[A-Z]/.test(key)) {
      // onClick -> click, onPointerdown -> pointerdown
      el.addEventListener(key.slice(2).toLowerCase(), value);
      continue;
    }
    if ((key === 'href' || key === 'src' || key === 'action') && /^\s*(javascript|data|vbscript):/i.test(String(value))) {
      throw new Error(`h(): refusing unsafe URL in "${key}"`);
    }
    if (key === 'class' && Array.isArray(value)) {
      el.setAttribute('class', value.filter(Boolean).join(' '));
      continue;
    }
    if (PROPERTIES.has(key) && el.namespaceURI !== SVG_NS) {
      el[key] = value;
      continue;
    }
    el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Appends children: Nodes as they are, strings/numbers as text nodes; null/false/true are skipped; arrays are flattened. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
  return parent;
}

/** h('button', {class: 'x', 'data-testid': 'y', onClick: fn}, 'text', otherNode) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  return append(el, children);
}

/** Same as h() for SVG elements (icons). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  return append(el, children);
}

/** Replaces all children of el (text-safe, same rules as h()). */
export function setChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}
