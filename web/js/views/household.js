// The household (#/household): create one (POST /households; the creator becomes its admin) or join
// one with an invite code (POST /households/{id}/join), see its members (GET /households/{id}) and
// leave it (POST /households/leave). A household shares one pantry, and its admin sees the members'
// profiles and plans. The invite code shown to the admin is "<household id>-<join code>": the join
// route needs both, and one string is easier to pass on. The admin renews the code (POST
// /households/{id}/code; earlier codes stop working) and removes a member after confirming (DELETE
// /households/{id}/members/{account}).
//
// Also planning a week for several profiles at once (#/plan?profiles=1,2): POST /plans with those
// profile_ids, then the plan at #/plans/<id>.

import {ApiError, api, clearErrors, describe, failInto, loadInto, showProblem} from '../api.js';
import {confirmIn, field, h} from '../dom.js';
import {navigate} from '../router.js';
import {planForm} from './plan.js';
import {flash, restore} from '../session.js';

const ROLES = {household_admin: 'Admin', member: 'Member'};

/** "7-3f9a0c…" → {id: 7, code: "3f9a0c…"}, or null. */
export function parseInvite(text) {
  const m = String(text || '').trim().match(/^(\d{1,18})\s*[-–]\s*([0-9a-f]{8,64})$/i);
  return m ? {id: Number(m[1]), code: m[2].toLowerCase()} : null;
}

function focusFirst(first) {
  if (!first) return;
  if (!first.matches('input, select, button')) first.setAttribute('tabindex', '-1');
  first.focus();
}

/** #/household */
export async function householdView(main, params, query, alive) {
  main.append(h('h1', {}, 'Household'));
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading…');
  main.append(status);
  const account = await loadInto(status, () => api('GET', '/auth/session'));
  if (!account || !alive()) return;
  if (!account.household_id) {
    status.replaceWith(...noHousehold(account).filter(Boolean));
    return;
  }
  const household = await loadInto(status, () => api('GET', `/households/${encodeURIComponent(account.household_id)}`),
    'Your household could not be loaded');
  if (!household || !alive()) return;
  status.replaceWith(...inHousehold(account, household).filter(Boolean));
}

function noHousehold(account) {
  const create = h('form', {novalidate: true, 'aria-labelledby': 'hh-create'},
    h('p', {}, 'You become its admin and get an invite code to pass on. Everyone in it shares one pantry, ',
      'and you will see the profiles and plans of those who join.'),
    field({name: 'name', label: 'Household name', required: true, maxlength: 200, autocomplete: 'off', hint: 'For example “The Okafors” or “Flat 3”.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Create the household')));
  create.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(create);
    if (!create.elements.name.value.trim()) {
      focusFirst(showProblem(create, new ApiError(400, {errors: [{field: 'name', detail: 'is required'}]})));
      return;
    }
    const button = create.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await api('POST', '/households', {name: create.elements.name.value.trim()});
      await restore();  // the account is now the household's admin
      flash('Household created. Pass the invite code on to the people you live with.');
      navigate('#/household');
    } catch (err) {
      focusFirst(showProblem(create, err));
    } finally {
      button.disabled = false;
    }
  });

  const join = h('form', {novalidate: true, 'aria-labelledby': 'hh-join'},
    h('p', {}, 'Ask the household’s admin for its invite code.'),
    h('p', {class: 'notice'}, h('strong', {}, 'Before you join: '),
      'the household’s admin will be able to see your profiles (including health conditions) and your plans, ',
      'and you will share its pantry. You can leave at any time.'),
    field({name: 'code', label: 'Invite code', required: true, maxlength: 100, autocomplete: 'off', spellcheck: 'false',
      hint: 'A number, a dash and 20 letters and digits, e.g. 12-3f9a0c5e7b2d4a6c8e1f.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Join the household')));
  join.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(join);
    const invite = parseInvite(join.code.value);
    if (!invite) {
      focusFirst(showProblem(join, new ApiError(400, {errors: [{field: 'code',
        detail: 'must be the household number, a dash and the code, as the admin sees it (e.g. 12-3f9a0c5e7b2d4a6c8e1f)'}]})));
      return;
    }
    const button = join.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const household = await api('POST', `/households/${invite.id}/join`, {code: invite.code});
      await restore();
      flash(`You joined ${household.name}.`);
      navigate('#/household');
    } catch (err) {
      // A wrong code and a household that does not exist get the same answer, at the code field.
      focusFirst(showProblem(join, err));
    } finally {
      button.disabled = false;
    }
  });

  const cannot = account.role !== 'member' && account.role !== 'household_admin';
  return [
    h('p', {class: 'lead'}, 'You are not in a household. A household shares a pantry and plans meals together.'),
    cannot ? h('p', {class: 'notice'}, 'Only personal (member) accounts can be in a household; yours is a ',
      String(account.role).replace(/_/g, ' '), ' account.') : null,
    h('div', {class: 'two-cards'},
      h('section', {class: 'card', 'aria-labelledby': 'hh-create'}, h('h2', {id: 'hh-create'}, 'Start a household'), create),
      h('section', {class: 'card', 'aria-labelledby': 'hh-join'}, h('h2', {id: 'hh-join'}, 'Join a household'), join)),
    h('p', {}, 'Planning for people who do not have an account, such as children? ',
      h('a', {href: '#/profiles/new'}, 'Add a profile for each of them'), ' and plan for everyone together from ',
      h('a', {href: '#/'}, 'My profiles'), '.'),
  ];
}

function inHousehold(account, household) {
  const admin = account.role === 'household_admin';
  const members = household.members || [];
  const parts = [
    h('p', {class: 'lead'}, 'You are in ', h('strong', {class: 'household-name'}, household.name),
      admin ? ', as its admin.' : '.'),
    h('section', {class: 'card', 'aria-labelledby': 'hh-members'},
      h('h2', {id: 'hh-members'}, `Members (${members.length})`),
      h('ul', {class: 'members'}, members.map((m) => memberItem(account, household, m, admin)))),
  ];
  if (household.join_code) parts.push(inviteSection(household));
  parts.push(h('section', {class: 'card', 'aria-labelledby': 'hh-plan'},
    h('h2', {id: 'hh-plan'}, 'Plan for the household'),
    h('p', {}, 'Each person you cook for needs a profile. ',
      h('a', {href: '#/profiles/new'}, 'Add a profile'), ' for anyone without an account (children, say), then tick everyone on ',
      h('a', {href: '#/'}, 'My profiles'), ' and plan one week for all of them.')));

  const leave = h('button', {type: 'button', class: 'secondary danger'}, 'Leave the household');
  const section = h('section', {class: 'card', 'aria-labelledby': 'hh-leave'},
    h('h2', {id: 'hh-leave'}, 'Leave'), h('p', {class: 'actions'}, leave));
  leave.addEventListener('click', () => confirmIn(section, leave, {
    question: admin && members.length > 1 ?
      'Leave the household? It will have no admin, and nobody can invite others into it any more.' :
      'Leave the household? You will no longer share its pantry.',
    yes: 'Yes, leave',
    no: 'Stay',
    onYes: async () => {
      await api('POST', '/households/leave');
      await restore();
      flash(`You left ${household.name}.`);
      navigate('#/household');
    },
  }));
  parts.push(section);
  return parts;
}

function memberItem(account, household, m, admin) {
  const name = m.name || `Account ${m.id}`;
  const item = h('li', {'data-member': m.id},
    h('div', {class: 'member-row'},
      h('span', {},
        h('span', {class: 'member-name'}, name),
        m.id === account.id ? h('span', {class: 'muted'}, ' (you)') : null,
        ' ', h('span', {class: 'badge'}, ROLES[m.role] || String(m.role).replace(/_/g, ' ')))));
  if (!admin || m.id === account.id) return item;
  const ask = h('button', {type: 'button', class: 'secondary danger'}, 'Remove',
    h('span', {class: 'visually-hidden'}, ` ${name} from the household`));
  const slot = h('div', {class: 'member-actions'}, ask);
  item.firstChild.append(slot);
  ask.addEventListener('click', () => confirmIn(item, ask, {
    question: h('strong', {}, `Remove ${name} from ${household.name}?`),
    details: [
      h('ul', {},
        h('li', {}, `${name} keeps their account, their profiles and their plans.`),
        h('li', {}, `${name} leaves the shared pantry and gets their own.`),
        h('li', {}, `You no longer see ${name}’s profiles and plans.`)),
      h('p', {class: 'muted'}, `${name} can join again only with an invite code you give them.`),
    ],
    yes: `Yes, remove ${name}`,
    no: 'Keep them',
    failed: `${name} could not be removed`,
    className: 'member-confirm',
    onYes: async () => {
      await api('DELETE', `/households/${encodeURIComponent(household.id)}/members/${encodeURIComponent(m.id)}`);
      flash(`${name} is no longer in ${household.name}. They keep their account and profiles; you no longer see them.`);
      navigate('#/household');
    },
  }));
  return item;
}

function inviteSection(household) {
  const codeOf = (hh) => `${hh.id}-${hh.join_code}`;
  let code = codeOf(household);
  const codeEl = h('code', {class: 'invite-code', 'data-code': code}, code);
  const copied = h('span', {role: 'status', class: 'muted'});
  const copy = h('button', {type: 'button', class: 'secondary'}, 'Copy the code');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code);
      copied.textContent = 'Copied.';
    } catch {
      copied.textContent = 'Select the code and copy it.';
    }
  });
  const renewed = h('div', {role: 'status', class: 'renew-status'});
  const renew = h('button', {type: 'button', class: 'secondary'}, 'Renew the invite code');
  renew.addEventListener('click', async () => {
    renew.disabled = true;
    renewed.className = 'renew-status';
    renewed.textContent = 'Making a new code…';
    try {
      const answer = await api('POST', `/households/${encodeURIComponent(household.id)}/code`);
      code = codeOf(answer);
      codeEl.textContent = code;
      codeEl.dataset.code = code;
      copied.textContent = '';
      renewed.className = 'renew-status ok';
      renewed.replaceChildren(`New invite code: ${code}. The old code no longer works; `,
        'anyone who has not joined yet needs this one.');
    } catch (err) {
      renewed.className = 'renew-status form-error';
      renewed.textContent = `The code could not be renewed: ${describe(err)}`;
    } finally {
      renew.disabled = false;
      renew.focus();  // disabling it moved the focus away
    }
  });
  return h('section', {class: 'card', 'aria-labelledby': 'hh-invite'},
    h('h2', {id: 'hh-invite'}, 'Invite someone'),
    h('p', {}, 'Pass this code on to the person joining; they enter it on their Household page.'),
    h('p', {class: 'invite'}, codeEl),
    h('p', {class: 'actions'}, copy, copied),
    h('p', {class: 'muted'}, 'As admin you see the profiles and plans of everyone who joins.'),
    h('h3', {}, 'Renew the code'),
    h('p', {}, 'Gave the code to the wrong person, or it got around? A new code makes the old one stop working at once. ',
      'Nobody already in the household is affected.'),
    h('p', {class: 'actions'}, renew),
    renewed);
}

/** "1,2, 5" → [1, 2, 5] (positive whole numbers, no repeats, order kept). */
export function profileIds(text) {
  const out = [];
  for (const part of String(text || '').split(',')) {
    const n = Number(part.trim());
    if (Number.isInteger(n) && n > 0 && !out.includes(n)) out.push(n);
  }
  return out;
}

/** #/plan?profiles=1,2 : one week for several profiles. */
export async function planTogetherView(main, params, query, alive) {
  main.append(h('h1', {id: 'plan-together-title'}, 'Plan a week together'));
  const ids = profileIds(query.get('profiles'));
  if (!ids.length || ids.length > 12) {
    main.append(h('p', {class: 'form-error', role: 'alert'},
      ids.length ? 'A plan takes at most 12 profiles.' : 'No profiles were chosen.', ' ',
      h('a', {href: '#/'}, 'Choose them on My profiles')));
    return;
  }
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading the profiles…');
  main.append(status);
  const profiles = await Promise.all(ids.map((id) => api('GET', `/profiles/${id}`).then(
    (p) => ({id, name: (p.profile && p.profile.name) || `Profile ${id}`, profile: p.profile || {}}),
    (err) => ({id, error: describe(err)}))));
  if (!alive()) return;
  const bad = profiles.filter((p) => p.error);
  if (bad.length) {
    failInto(status, bad.map((p) => `Profile ${p.id}: ${p.error}`).join(' '));
    return;
  }
  status.remove();

  const lead = profiles[0];
  const form = planForm({ids, labelledBy: 'plan-together-title', idPrefix: 'together',
    who: ` for ${profiles.length} people`, submit: 'Plan the week',
    intro: [
      h('p', {}, 'One week of shared meals; each person gets their own servings to meet their own targets. ',
        'Allergies and diets of everyone are respected.'),
      h('h2', {}, 'For'),
      h('ol', {class: 'plan-people'}, profiles.map((p) => h('li', {'data-profile': p.id}, h('strong', {}, p.name),
        p.profile.age_years !== undefined ? h('span', {class: 'muted'}, ` — ${p.profile.sex || ''}, ${p.profile.age_years} years`) : null))),
      h('p', {class: 'muted'}, `${lead.name} leads: the week uses ${lead.name}’s budget and currency.`)],
    actions: h('a', {class: 'button secondary', href: '#/'}, 'Change who')});
  main.append(form);
}

