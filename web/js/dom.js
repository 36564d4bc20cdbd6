// Small DOM helpers. Elements are built with createElement and text nodes only (never innerHTML), so
// nothing the server or a person typed can become markup; no inline styles (the CSP forbids them).

// api.js imports h() from here; showErrorIn is only called from a click handler, so the cycle is safe.
import {showErrorIn} from './api.js';

/**
 * h('p', {class: 'note'}, 'text', child) creates an element.
 * attrs: `class`, `for`, `on<Event>` (a listener), booleans (set when true, left out when false),
 * anything else as an attribute. Children: strings, nodes, arrays of them; null/false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything in `el` with `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** A fresh id for label/for and aria-describedby pairs. */
export function newId(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * A labelled form field: <div class="field"><label>…</label><input …><p class="hint">…</p></div>.
 * opts: name, label, type (default text), hint, required, value, and any other input attribute.
 * For type 'select', opts.options is [[value, text], …].
 */
export function field(opts) {
  const {label, hint, type = 'text', options, ...rest} = opts;
  const id = rest.id || newId(rest.name ? rest.name.replace(/[^a-z0-9_-]/gi, '-') : 'f');
  const hintId = hint ? `${id}-hint` : null;
  let control;
  if (type === 'select') {
    control = h('select', {id, 'aria-describedby': hintId, ...rest},
      options.map(([v, text]) => h('option', {value: v, selected: String(rest.value) === String(v)}, text)));
  } else {
    control = h('input', {id, type, 'aria-describedby': hintId, ...rest});
  }
  return h('div', {class: 'field'},
    // "(required)" is outside the label so the accessible name is the label alone; `required` on
    // the control tells assistive technology.
    h('div', {class: 'label-row'}, h('label', {for: id}, label),
      rest.required ? h('span', {class: 'req', 'aria-hidden': 'true'}, '(required)') : null),
    control,
    hint ? h('p', {class: 'hint', id: hintId}, hint) : null);
}

/** A group of checkboxes sharing one name, in a fieldset with a legend. items: [[value, text], …]. */
export function checkboxGroup({name, legend, items, checked = [], hint}) {
  const hintId = hint ? newId(`${name}-hint`) : null;
  return h('fieldset', {class: 'group', 'data-group': name, 'aria-describedby': hintId},
    h('legend', {}, legend),
    hint ? h('p', {class: 'hint', id: hintId}, hint) : null,
    h('div', {class: 'checks'}, items.map(([value, text]) => {
      const id = newId(`${name}-${value}`);
      return h('div', {class: 'check'},
        h('input', {type: 'checkbox', id, name, value, checked: checked.includes(value)}),
        h('label', {for: id}, text));
    })));
}

/** Formats a number with at most `digits` decimals, grouped for the reader's locale. */
export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(undefined, {maximumFractionDigits: digits}).format(value);
}

/** Formats money in an ISO 4217 currency (falls back to "12.34 XYZ" for unknown codes). */
export function money(value, currency = 'USD') {
  try {
    return new Intl.NumberFormat(undefined, {style: 'currency', currency}).format(value);
  } catch {
    return `${num(value, 2)} ${currency}`;
  }
}

/**
 * An inline “are you sure?” box for the action behind `trigger`, appended to `container`:
 * the question (it names the box, role=group), optional `details` under it, and two buttons.
 * While the box is open the trigger is hidden and the focus is on `yes`; `no` (or Escape) closes it
 * and gives the focus back to the trigger. `yes` disables both buttons and awaits `onYes()`: when it
 * throws, the error is shown inside the box (“<failed>: <reason>”) and the buttons work again; when
 * it succeeds the box closes (usually the caller has re-rendered it away already).
 *
 * confirmIn(actions, button, {question: 'Stop sharing with Nora?', yes: 'Yes, stop sharing',
 *   no: 'Keep sharing', onYes: () => api('POST', …), failed: 'Sharing could not be stopped'})
 */
export function confirmIn(container, trigger, {question, details = null, yes = 'Yes', no = 'No', onYes,
  failed = '', className = ''}) {
  const open = [...container.children].find((el) => el.confirmFor === trigger);
  if (open) {
    open.querySelector('[data-confirm=yes]').focus();
    return open;
  }
  const qid = newId('confirm-q');
  const yesButton = h('button', {type: 'button', class: 'primary danger', 'data-confirm': 'yes'}, yes);
  const noButton = h('button', {type: 'button', class: 'secondary', 'data-confirm': 'no'}, no);
  const box = h('div', {class: `confirm${className ? ` ${className}` : ''}`, role: 'group', 'aria-labelledby': qid},
    h('p', {id: qid, class: 'confirm-question'}, question),
    details,
    h('div', {class: 'actions'}, yesButton, noButton));
  box.confirmFor = trigger;
  const close = () => {
    box.remove();
    trigger.hidden = false;
  };
  noButton.addEventListener('click', () => {
    close();
    trigger.focus();
  });
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !noButton.disabled) {
      ev.preventDefault();
      noButton.click();
    }
  });
  yesButton.addEventListener('click', async () => {
    yesButton.disabled = true;
    noButton.disabled = true;
    for (const old of box.querySelectorAll('.form-error')) old.remove();
    try {
      await onYes();
    } catch (err) {
      showErrorIn(box, err, failed);
      yesButton.disabled = false;
      noButton.disabled = false;
      yesButton.focus();
      return;
    }
    if (box.isConnected) close();
  });
  container.append(box);
  trigger.hidden = true;
  yesButton.focus();
  return box;
}
