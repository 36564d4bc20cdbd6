// Sharing (#/sharing): a client lets a nutritionist see and edit their profiles and plans
// (POST /api/v1/consents {nutritionist_email}), sees every consent given, active and past, with its
// dates (GET /consents), and ends one after confirming (POST /consents/{id}/revoke). The page says in
// plain words what a nutritionist can and cannot do (docs/api.md, "Roles and who sees what").

import {ApiError, api, loadInto} from '../api.js';
import {confirmIn, field, h, replace} from '../dom.js';
import {currentAccount} from '../session.js';
import {submitting} from './auth.js';

/** A server time (2026-11-27T02:57:48Z) as a <time> in the reader's locale: "27 Nov 2026, 03:57". */
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'}).format(d);
  return h('time', {datetime: iso}, text);
}

/** The name a person goes by on hearth: their name, else their email. */
export function nameOf(who) {
  return (who && (who.name || who.email)) || 'Someone';
}

/** What a nutritionist with your consent can and cannot do, in plain words. */
function rights() {
  return h('section', {class: 'card', 'aria-labelledby': 'rights-title'},
    h('h2', {id: 'rights-title'}, 'What a nutritionist can and cannot do'),
    h('div', {class: 'rights'},
      h('div', {},
        h('h3', {}, 'While you share, they can'),
        h('ul', {class: 'can'},
          h('li', {}, 'see your profiles: age, sex, height, weight, activity, pregnancy, conditions, allergies, diet, dislikes and budget'),
          h('li', {}, 'see your nutrient targets and the weekly plans you made'),
          h('li', {}, 'change your profiles and plan weeks for you, for example to set a target your condition needs'))),
      h('div', {},
        h('h3', {}, 'They cannot'),
        h('ul', {class: 'cannot'},
          h('li', {}, 'delete your profiles or your plans'),
          h('li', {}, 'see your password, your pantry or your household, or change your account'),
          h('li', {}, 'see anything at all once you stop sharing: access ends at once')))),
    h('p', {class: 'muted'}, 'Every grant and every end is kept in the history below and in the signed audit log ',
      '(see ', h('a', {href: '#/privacy'}, 'Privacy'), '), and so are their reads of your profiles.'));
}

/**
 * The server names the email field in its consent problems (404 no such nutritionist, 409 already
 * shared, 400 your own address); this says each one in words that tell the person what to do.
 */
const EMAIL_WORDS = {
  404: 'is not the address of a nutritionist on hearth: check it with them',
  409: 'belongs to a nutritionist you already share with (see “Shared now” below)',
};
function emailProblem(err) {
  if (!(err instanceof ApiError)) return err;
  const onEmail = err.errors.find((e) => e.field === 'nutritionist_email');
  if (!onEmail) return err;
  if (EMAIL_WORDS[err.status]) onEmail.detail = EMAIL_WORDS[err.status];
  else if (err.status === 400 && /yourself/.test(onEmail.detail || '')) onEmail.detail = 'is your own address: enter your nutritionist’s';
  return err;
}

export async function sharingView(main, params, query, alive) {
  const me = currentAccount();
  const active = h('div', {'aria-live': 'polite'});
  const history = h('div', {});
  const listStatus = h('p', {class: 'muted', role: 'status'}, 'Loading your consents…');

  const form = h('form', {class: 'card narrow', novalidate: true, 'aria-labelledby': 'grant-title'},
    h('h2', {id: 'grant-title'}, 'Share with a nutritionist'),
    field({name: 'nutritionist_email', label: 'Nutritionist’s email', type: 'email', autocomplete: 'off', required: true,
      maxlength: 254, hint: 'The address they use on hearth. They see your data as soon as you share it.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Share my data')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    done.textContent = '';
    submitting(form, async () => {
      const email = form.nutritionist_email.value.trim();
      let consent;
      try {
        consent = await api('POST', '/consents', {nutritionist_email: email});
      } catch (err) {
        throw emailProblem(err);
      }
      form.reset();
      await load();
      done.textContent = `${nameOf(consent.nutritionist)} can now see your profiles and plans.`;
    });
  });
  const done = h('p', {class: 'ok', role: 'status'});
  form.append(done);

  async function load() {
    const answer = await loadInto(listStatus, () => api('GET', '/consents'), 'Your consents could not be loaded');
    if (!answer || !alive()) return;
    const consents = answer.consents || [];
    listStatus.remove();
    const given = consents.filter((c) => c.client && me && c.client.id === me.id);
    const received = consents.filter((c) => c.nutritionist && me && c.nutritionist.id === me.id);
    const now = given.filter((c) => c.active);
    replace(active,
      now.length ? h('ul', {class: 'consent-list'}, now.map((c) => activeItem(c))) :
        h('p', {class: 'empty'}, 'You share your data with no one.'));
    replace(history, given.length ? historyTable(given) : h('p', {class: 'muted'}, 'You have not shared your data yet.'),
      received.length ? h('p', {class: 'muted'}, `${received.filter((c) => c.active).length} client(s) share their data with you: see `,
        h('a', {href: '#/clients'}, 'Clients'), '.') : null);
  }

  function activeItem(c) {
    const who = nameOf(c.nutritionist);
    const actions = h('div', {class: 'actions'});
    const item = h('li', {class: 'card consent', 'data-consent': c.id},
      h('h3', {}, who),
      h('p', {class: 'muted'}, c.nutritionist.email || ''),
      h('p', {}, 'Sharing since ', when(c.granted_at)),
      actions);
    const ask = h('button', {type: 'button', class: 'secondary'}, 'Stop sharing', h('span', {class: 'visually-hidden'}, ` with ${who}`));
    ask.addEventListener('click', () => confirmRevoke(c, who, actions, ask));
    actions.append(ask);
    return item;
  }

  function confirmRevoke(c, who, actions, ask) {
    confirmIn(actions, ask, {
      question: `Stop sharing with ${who}? ${who} loses access to your profiles and plans at once. ` +
        'You can share again later; both steps stay in your history.',
      yes: 'Yes, stop sharing',
      no: 'Keep sharing',
      onYes: async () => {
        await api('POST', `/consents/${encodeURIComponent(c.id)}/revoke`);
        await load();
        done.textContent = `You stopped sharing with ${who}.`;
        const heading = document.getElementById('active-title');
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }
      },
    });
  }

  main.append(h('h1', {}, 'Sharing'),
    h('p', {class: 'lead'}, 'A nutritionist can help you best when they see your profile, targets and plans. ',
      'You decide who, and you can stop at any time.'),
    rights(), form,
    h('section', {'aria-labelledby': 'active-title'}, h('h2', {id: 'active-title'}, 'Shared now'), listStatus, active),
    h('section', {'aria-labelledby': 'history-title'}, h('h2', {id: 'history-title'}, 'History'), history));
  await load();
}

function historyTable(given) {
  const rows = [...given].reverse();
  return h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'history-title'},
    h('table', {class: 'consent-history'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Nutritionist'), h('th', {scope: 'col'}, 'Shared from'),
        h('th', {scope: 'col'}, 'Until'))),
      h('tbody', {}, rows.map((c) => h('tr', {'data-consent': c.id, 'data-active': c.active ? 'true' : 'false'},
        h('th', {scope: 'row'}, nameOf(c.nutritionist), h('span', {class: 'muted block'}, c.nutritionist.email || '')),
        h('td', {}, when(c.granted_at)),
        h('td', {}, c.active ? h('strong', {}, 'still shared') : when(c.revoked_at)))))));
}
