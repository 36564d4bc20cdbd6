// The client of hearth's JSON API (/api/v1, docs/api.md). The session token lives in sessionStorage
// (one tab, gone when it closes) and is sent as `Authorization: Bearer`; no cookies are used.
// Errors come back as RFC 9457 problem details and are raised as ApiError; showProblem() puts each
// `errors[].field` message next to the form control with that name, the rest at the top of the form.

import {h} from './dom.js';

const BASE = '/api/v1';
const TOKEN_KEY = 'hearth.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** A failed request: the problem document's fields, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.type = problem.type || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    /** The whole problem document, with any members of its own (e.g. a conflict's "plans"). */
    this.problem = problem;
  }
}

let onUnauthorized = () => {};
/** Called (once per failed request) when a signed-in request answers 401: the session ended. */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/**
 * Calls the API: api('POST', '/profiles', body) resolves to the parsed JSON answer (null for 204)
 * or rejects with ApiError.
 */
export async function api(method, path, body) {
  const headers = {Accept: 'application/json, application/problem+json'};
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  const init = {method, headers, credentials: 'omit', cache: 'no-store'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch (e) {
    throw new ApiError(0, {title: 'No connection', detail: 'The server could not be reached. Check your connection and try again.'});
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : {title: response.statusText};
    const err = new ApiError(response.status, problem);
    if (response.status === 401 && t) {
      setToken(null);
      onUnauthorized(err);
    }
    throw err;
  }
  return data;
}

/** Removes every error shown by showProblem() in `form`. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error, .form-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') || '').split(' ')
        .filter((id) => id && !id.startsWith('err-'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  }
}

/**
 * The control (or checkbox group's fieldset) that a JSON path names: `pregnancy.trimester` falls back
 * to `pregnancy`, `allergies[2]` to `allergies`. Null when the form has no such field.
 */
export function controlFor(form, path) {
  let p = String(path || '');
  while (p) {
    const group = form.querySelector(`fieldset[data-group="${CSS.escape(p)}"]`);
    if (group) return group;
    const el = form.elements.namedItem(p);
    if (el) return el instanceof RadioNodeList ? el[0].closest('fieldset') || el[0] : el;
    const shorter = p.replace(/(\[[^\]]*\]|\.[^.[]*)$/, '');
    if (shorter === p) break;
    p = shorter;
  }
  return null;
}

/** Shows `message` next to `control`, marks it invalid and links the message to it. */
export function showFieldError(control, message) {
  const id = `err-${control.id || control.getAttribute('data-group') || Math.random().toString(36).slice(2)}`;
  const text = h('p', {class: 'field-error', id}, message);
  const target = control.tagName === 'FIELDSET' ? control : control.closest('.field') || control.parentElement;
  const existing = target.querySelector(`#${CSS.escape(id)}`);
  if (existing) existing.append(document.createTextNode(` ${message}`));
  else if (control.tagName === 'FIELDSET') control.append(text);
  else control.insertAdjacentElement('afterend', text);
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (!described.includes(id)) control.setAttribute('aria-describedby', [...described, id].join(' '));
}

/** Shows a message at the top of `form` (role=alert so it is announced). */
export function showFormError(form, message) {
  const box = h('div', {class: 'form-error', role: 'alert'}, message);
  form.prepend(box);
  return box;
}

/** The name a person sees for a control: its label (or its group's legend), without "(required)". */
function labelOf(control) {
  const label = control.tagName === 'FIELDSET' ? control.querySelector('legend') : control.labels && control.labels[0];
  if (!label) return '';
  const copy = label.cloneNode(true);
  for (const extra of copy.querySelectorAll('.req')) extra.remove();
  return copy.textContent.trim();
}

/** "must be at least 12 characters" next to Password reads "Password must be at least 12 characters". */
function sentence(control, detail) {
  const label = labelOf(control);
  if (!label) return detail;
  return /^[a-z]/.test(detail) ? `${label} ${detail}` : `${label}: ${detail}`;
}

function capitalize(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function humanField(path) {
  return String(path).replace(/_/g, ' ');
}

/**
 * Renders an ApiError on `form`: each error with a field next to that field, everything else (and
 * errors whose field the form does not have) at the top. Returns the first control with an error
 * (or the top message) so the caller can reveal and focus it.
 */
export function showProblem(form, err) {
  clearErrors(form);
  const errors = err instanceof ApiError ? err.errors : [];
  let first = null;
  const unplaced = [];
  for (const e of errors) {
    const control = e.field ? controlFor(form, e.field) : null;
    if (control) {
      showFieldError(control, sentence(control, e.detail || 'is not valid'));
      first = first || control;
    } else {
      unplaced.push(capitalize(e.field ? `${humanField(e.field)}: ${e.detail}` : e.detail));
    }
  }
  if (!errors.length || unplaced.length) {
    let message;
    if (!errors.length) message = describe(err);
    else message = unplaced.join(' ');
    const box = showFormError(form, message);
    first = first || box;
  } else {
    showFormError(form, errors.length === 1 ? 'Please correct the field marked below.' :
      `Please correct the ${errors.length} fields marked below.`);
  }
  return first;
}

/** A sentence for an error that concerns no field. */
export function describe(err) {
  return capitalize(describeRaw(err));
}

function describeRaw(err) {
  if (!(err instanceof ApiError)) return `Something went wrong: ${err && err.message ? err.message : err}`;
  if (err.status === 0) return err.detail;
  if (err.status === 401) return err.detail || 'Please sign in again.';
  if (err.status === 429) return `${err.detail || 'Too many attempts.'} Please wait a little and try again.`;
  if (err.detail && err.title && !err.detail.startsWith(err.title)) return `${err.title}: ${err.detail}`;
  return err.detail || err.title || `The request failed (HTTP ${err.status}).`;
}

/** "<what>: <reason>" for a failed request, or the reason alone when `what` is empty. */
function failedText(err, what) {
  return what ? `${what}: ${describe(err)}` : describe(err);
}

/** A paragraph that announces a failed request at once (role=alert): "<what>: <reason>". */
export function errorText(err, what) {
  return h('p', {class: 'form-error', role: 'alert'}, failedText(err, what));
}

/** Shows errorText(err, what) at the top of `box`, in place of the error shown there before. */
export function showErrorIn(box, err, what) {
  for (const old of box.querySelectorAll('.form-error')) old.remove();
  const message = errorText(err, what);
  box.prepend(message);
  return message;
}

/** Turns the progress paragraph `status` ("Loading…") into `message`, shown as an error (role=alert). */
export function failInto(status, message) {
  status.className = 'form-error';
  status.setAttribute('role', 'alert');
  status.textContent = message;
}

/**
 * Waits for `load()` (usually an api() call) while `status` says what is loading. Resolves to its
 * answer; when it fails, `status` shows "<what>: <reason>" (or the reason alone) and it resolves to null.
 * loadInto(status, () => api('GET', '/consents'), 'Your consents could not be loaded')
 */
export async function loadInto(status, load, what) {
  try {
    return await load();
  } catch (err) {
    failInto(status, failedText(err, what));
    return null;
  }
}
