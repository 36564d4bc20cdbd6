// A nutritionist's clients: #/clients lists the accounts whose consent is active (GET /api/v1/clients)
// and those that stopped sharing; #/clients/:owner shows one client's profiles and plans
// (GET /profiles?owner=, GET /plans?owner=); #/clients/:owner/profiles/:id/targets and
// #/clients/:owner/plans/:id open a profile's targets and a plan read-only through the targets and
// plan screens. Every screen first asks the server whether the client still shares: once a consent is
// revoked the API answers 404, and the screen says so in words ("Ana no longer shares their data with
// you") instead of showing a broken page.

import {ApiError, api, errorText} from '../api.js';
import {h, replace} from '../dom.js';
import {currentAccount} from '../session.js';
import {nameOf, when} from './consent.js';
import {planView} from './plan.js';
import {targetsView} from './targets.js';

function possessive(name) {
  return `${name}’${/s$/i.test(name) ? '' : 's'}`;
}

/** The client (an entry of GET /clients) with this account id, or null when they do not share. */
async function activeClient(owner) {
  const answer = await api('GET', '/clients');
  return (answer.clients || []).find((c) => String(c.account.id) === String(owner)) || null;
}

/** The message for an account whose data this nutritionist may not (or no longer) see. */
async function noAccess(main, owner) {
  let ended = null;
  try {
    const me = currentAccount();
    const consents = (await api('GET', '/consents')).consents || [];
    ended = consents.filter((c) => String(c.client.id) === String(owner) && (!me || c.nutritionist.id === me.id))
        .sort((a, b) => String(b.revoked_at || '').localeCompare(String(a.revoked_at || '')))[0] || null;
  } catch {
    // The message below needs no history.
  }
  const name = ended ? nameOf(ended.client) : null;
  replace(main,
    h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/clients'}, 'Clients')),
    h('h1', {}, name ? `${possessive(name)} data` : 'No access'),
    h('div', {class: 'card notice', role: 'alert', 'data-access': ended ? 'revoked' : 'none'},
      ended ? [
        h('p', {class: 'notice-title'}, `${name} no longer shares their data with you.`),
        h('p', {}, `${name} stopped sharing on `, when(ended.revoked_at),
          '. Their profiles, targets and plans are closed to you from then on. If you still work together, ask ',
          name, ' to share again from their Sharing page.'),
      ] : [
        h('p', {class: 'notice-title'}, 'This account does not share its data with you.'),
        h('p', {}, 'You see a person’s profiles and plans only while they share them with you: they add your email ',
          'on their Sharing page.'),
      ],
      h('p', {}, h('a', {href: '#/clients'}, 'Back to your clients'))));
}

/** Runs `view` for a client who shares, else shows why not. Resolves to the client or null. */
async function forClient(main, owner, alive) {
  const status = h('p', {class: 'muted', role: 'status'}, 'Checking that this client shares their data with you…');
  main.append(status);
  let client;
  try {
    client = await activeClient(owner);
  } catch (err) {
    replace(main, h('h1', {}, 'Clients'), errorText(err));
    return null;
  }
  if (!alive()) return null;
  if (!client) {
    await noAccess(main, owner);
    return null;
  }
  status.remove();
  return client;
}

/** After a shared screen rendered: if it failed because access just ended, say that instead. */
async function recheck(main, owner, alive) {
  if (!main.querySelector('.form-error')) return true;
  try {
    if (await activeClient(owner)) return true;
  } catch {
    return true;
  }
  if (alive()) await noAccess(main, owner);
  return false;
}

function breadcrumb(client, here) {
  const name = nameOf(client.account);
  return h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb'},
    h('a', {href: '#/clients'}, 'Clients'), ' › ',
    here ? h('a', {href: `#/clients/${client.account.id}`}, name) : h('span', {'aria-current': 'page'}, name),
    here ? [' › ', h('span', {'aria-current': 'page'}, here)] : null);
}

function readOnlyNote(client) {
  return h('p', {class: 'shared-note'}, `Read-only: you see this because ${nameOf(client.account)} shares their data with you (since `,
    when(client.since), ').');
}

export async function clientsView(main, params, query, alive) {
  main.append(h('h1', {}, 'Clients'));
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading your clients…');
  main.append(status);
  let clients;
  let consents = [];
  try {
    clients = (await api('GET', '/clients')).clients || [];
    consents = (await api('GET', '/consents')).consents || [];
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) {
      status.replaceWith(h('p', {class: 'card'}, 'Only nutritionists have clients. To let a nutritionist see your data, go to ',
        h('a', {href: '#/sharing'}, 'Sharing'), '.'));
    } else {
      status.replaceWith(errorText(err));
    }
    return;
  }
  if (!alive()) return;
  const me = currentAccount();
  const activeIds = new Set(clients.map((c) => c.account.id));
  const past = new Map();
  for (const c of consents) {
    if (c.active || activeIds.has(c.client.id) || (me && c.nutritionist.id !== me.id)) continue;
    const seen = past.get(c.client.id);
    if (!seen || String(c.revoked_at) > String(seen.revoked_at)) past.set(c.client.id, c);
  }
  status.replaceWith(
    h('p', {}, 'People who share their profiles and plans with you. You may read and edit them, not delete them, ',
      'and only while they share.'),
    clients.length ?
      h('ul', {class: 'profile-list client-list'}, clients.map((c) => {
        const name = nameOf(c.account);
        const n = (c.profile_ids || []).length;
        return h('li', {class: 'card', 'data-client': c.account.id},
          h('h2', {}, name),
          h('p', {class: 'muted'}, c.account.email),
          h('p', {}, `${n} ${n === 1 ? 'profile' : 'profiles'} · sharing since `, when(c.since)),
          h('p', {class: 'actions'}, h('a', {class: 'button primary', href: `#/clients/${c.account.id}`},
            'Open', h('span', {class: 'visually-hidden'}, ` ${possessive(name)} profiles and plans`))));
      })) :
      h('div', {class: 'card empty'}, h('p', {}, 'No one shares their data with you yet.'),
        h('p', {class: 'muted'}, 'A client shares by entering your email, ', me ? me.email : 'your address',
          ', on their Sharing page.')),
    past.size ? h('section', {'aria-labelledby': 'past-title'},
      h('h2', {id: 'past-title'}, 'No longer shared'),
      h('ul', {class: 'past-clients'}, [...past.values()].map((c) => h('li', {'data-client': c.client.id},
        `${nameOf(c.client)} (${c.client.email}) stopped sharing on `, when(c.revoked_at), '.')))) : null);
}

export async function clientView(main, {owner}, query, alive) {
  const client = await forClient(main, owner, alive);
  if (!client) return;
  const name = nameOf(client.account);
  let profiles;
  let plans;
  try {
    const q = `?owner=${encodeURIComponent(owner)}`;
    [profiles, plans] = await Promise.all([api('GET', `/profiles${q}`), api('GET', `/plans${q}`)]);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) await noAccess(main, owner);
    else replace(main, h('h1', {}, name), errorText(err));
    return;
  }
  if (!alive()) return;
  profiles = profiles.profiles || [];
  plans = plans.plans || [];
  const base = `#/clients/${encodeURIComponent(owner)}`;
  main.append(breadcrumb(client), h('h1', {}, name),
    h('p', {class: 'muted'}, client.account.email),
    readOnlyNote(client),
    h('section', {'aria-labelledby': 'client-profiles-title'},
      h('h2', {id: 'client-profiles-title'}, 'Profiles'),
      profiles.length ? h('ul', {class: 'profile-list'}, profiles.map((p) => {
        const doc = p.profile || {};
        const label = doc.name || `Profile ${p.id}`;
        const facts = [doc.sex, doc.age_years !== undefined ? `${doc.age_years} years` : null,
          doc.weight_kg !== undefined ? `${doc.weight_kg} kg` : null, String(doc.activity || '').replace('_', ' ')].filter(Boolean);
        const extra = [...(doc.conditions || []), ...(doc.allergies || []).map((a) => `no ${a}`)].map((t) => t.replace(/_/g, ' '));
        return h('li', {class: 'card', 'data-profile': p.id},
          h('h3', {}, label),
          h('p', {class: 'muted'}, facts.join(', ')),
          extra.length ? h('p', {}, extra.join(', ')) : null,
          h('p', {class: 'muted'}, 'Updated ', when(p.updated_at)),
          h('p', {class: 'actions'}, h('a', {class: 'button secondary', href: `${base}/profiles/${p.id}/targets`},
            'Targets', h('span', {class: 'visually-hidden'}, ` of ${label}`))));
      })) : h('p', {class: 'empty'}, `${name} has no profile yet.`)),
    h('section', {'aria-labelledby': 'client-plans-title'},
      h('h2', {id: 'client-plans-title'}, 'Plans'),
      plans.length ? h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'client-plans-title'},
        h('table', {class: 'client-plans'},
          h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Made'), h('th', {scope: 'col'}, 'For'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Open')))),
          h('tbody', {}, plans.map((p) => h('tr', {'data-plan': p.id},
            h('td', {}, when(p.created_at)),
            h('td', {}, (p.members || []).join(', ') || '—'),
            h('td', {}, h('a', {href: `${base}/plans/${p.id}`}, 'Open', h('span', {class: 'visually-hidden'}, ` the plan made ${p.created_at}`)))))))) :
        h('p', {class: 'empty'}, `${name} has no plan yet.`)));
}

export async function clientTargetsView(main, {owner, id}, query, alive) {
  const client = await forClient(main, owner, alive);
  if (!client) return;
  if (!(client.profile_ids || []).map(String).includes(String(id))) {
    replace(main, breadcrumb(client, 'Targets'), h('h1', {}, 'Targets'),
      h('p', {class: 'form-error', role: 'alert'}, `Profile ${id} is not one of ${possessive(nameOf(client.account))} profiles.`));
    return;
  }
  await targetsView(main, {id}, query, alive);
  if (!alive() || !(await recheck(main, owner, alive))) return;
  const heading = main.querySelector('h1');
  if (heading) heading.textContent = `${possessive(nameOf(client.account))} daily targets`;
  // A nutritionist reads the targets here; planning stays with the client.
  for (const link of main.querySelectorAll('a[href$="/plan"]')) link.closest('p.actions')?.remove();
  main.prepend(breadcrumb(client, 'Targets'));
  heading?.insertAdjacentElement('afterend', readOnlyNote(client));
}

export async function clientPlanView(main, {owner, id}, query, alive) {
  const client = await forClient(main, owner, alive);
  if (!client) return;
  try {
    const plans = (await api('GET', `/plans?owner=${encodeURIComponent(owner)}`)).plans || [];
    if (!plans.some((p) => String(p.id) === String(id))) {
      replace(main, breadcrumb(client, 'Plan'), h('h1', {}, 'Plan'),
        h('p', {class: 'form-error', role: 'alert'}, `Plan ${id} is not one of ${possessive(nameOf(client.account))} plans.`));
      return;
    }
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) await noAccess(main, owner);
    else replace(main, h('h1', {}, 'Plan'), errorText(err));
    return;
  }
  if (!alive()) return;
  await planView(main, {id}, query, alive);
  if (!alive() || !(await recheck(main, owner, alive))) return;
  const heading = main.querySelector('h1');
  if (heading) heading.textContent = `${possessive(nameOf(client.account))} week`;
  main.prepend(breadcrumb(client, 'Plan'));
  heading?.insertAdjacentElement('afterend', readOnlyNote(client));
}
