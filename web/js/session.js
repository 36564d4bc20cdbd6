// Who is signed in, the header's navigation and the one-line flash message under it.

import {api, setToken, token} from './api.js';

let account = null;

export function currentAccount() {
  return account;
}

export function signedIn() {
  return !!token();
}

/** Stores a signup/login/password answer ({token, account}). */
export function startSession(answer) {
  setToken(answer.token);
  account = answer.account || null;
  updateNav();
}

export function endSession() {
  setToken(null);
  account = null;
  updateNav();
}

/** Loads the account of a token kept from before a reload; ends the session if it is no longer valid. */
export async function restore() {
  if (!token()) return;
  try {
    account = await api('GET', '/auth/session');
  } catch {
    endSession();
  }
  updateNav();
}

/** Shows the navigation of the signed-in account: items marked data-roles="a b" only for those roles. */
export function updateNav() {
  const inside = signedIn();
  document.getElementById('nav-signed-in').hidden = !inside;
  document.getElementById('nav-signed-out').hidden = inside;
  const role = account ? account.role : '';
  for (const item of document.querySelectorAll('#nav-signed-in [data-roles]')) {
    item.hidden = !item.dataset.roles.split(' ').includes(role);
  }
}

/** Shows a short message under the header (announced politely); kind: 'info' or 'error'. */
export function flash(message, kind = 'info') {
  const el = document.getElementById('flash');
  el.textContent = message || '';
  if (message) el.dataset.keep = '1';  // survives the navigation that usually follows it
  el.className = `flash${message ? ` flash-${kind}` : ''}`;
}
