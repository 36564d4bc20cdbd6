// Privacy (#/privacy): where I am signed in (GET /api/v1/auth/sessions), with a sign-out for each other
// session after confirming (DELETE /auth/sessions/{id}); my audit trail (GET /api/v1/audit/me) in words, with the inclusion proof of each
// entry checked in the browser (WebCrypto SHA-256, RFC 6962 / RFC 9162 2.1.3.2; the signed tree head
// with Ed25519 where the browser has it; docs/audit.md); all my data as a JSON file (GET /me/export,
// saved through a Blob URL); and erasing my account (DELETE /me {password}).

import {api, describe, loadInto} from '../api.js';
import {confirmIn, field, h, replace} from '../dom.js';
import {navigate} from '../router.js';
import {endSession, flash} from '../session.js';
import {submitting} from './auth.js';
import {when} from './consent.js';

const EVENTS = {
  account_created: 'Account created',
  login: 'Signed in',
  login_failed: 'A sign-in failed (wrong password)',
  logout: 'Signed out',
  password_changed: 'Password changed',
  consent_granted: 'Data shared with a nutritionist (consent given)',
  consent_revoked: 'Sharing with a nutritionist ended (consent revoked)',
  health_data_read: 'Your health data was read',
  profile_created: 'Profile created',
  profile_updated: 'Profile changed',
  profile_deleted: 'Profile deleted',
  plan_created: 'Week planned',
  plan_reoptimised: 'Plan re-optimised',
  data_exported: 'Your data exported',
  account_erased: 'Account erased',
  household_created: 'Household created',
  household_joined: 'Joined a household',
  household_left: 'Left a household',
  role_changed: 'Role changed',
  session_ended: 'A session was signed out from another one',
  household_code_renewed: 'Household invite code renewed',
  household_member_removed: 'A member was removed from a household',
  products_imported: 'Products imported',
};

export function eventWords(event) {
  if (EVENTS[event]) return EVENTS[event];
  const text = String(event || '').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function actorWords(actor, me) {
  if (actor === me) return 'You';
  if (actor === 'system') return 'hearth';
  return `Another account (pseudonym ${actor})`;
}

function objectWords(object) {
  const m = /^([a-z_]+):(.+)$/.exec(object || '');
  return m ? `${m[1].replace(/_/g, ' ')} ${m[2]}` : (object || '');
}

// --- RFC 6962 in the browser -------------------------------------------------------------------

const hexToBytes = (hex) => new Uint8Array((hex.match(/../g) || []).map((b) => parseInt(b, 16)));
const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function sha256(...parts) {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

/** The canonical JSON the log hashes: the entry's keys in order, details compact with sorted keys. */
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  }
  return value;
}
export function leafData(e) {
  return JSON.stringify({seq: e.seq, at: e.at, actor: e.actor, subject: e.subject, event: e.event, object: e.object,
    details: sorted(e.details)});
}

/** The root that an inclusion proof gives for leaf `index` of a tree of `size` (RFC 9162 2.1.3.2). */
async function rootFromProof(index, size, leaf, path) {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  const one = new Uint8Array([1]);
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(one, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(one, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * Checks every entry's proof against the head. Each result: {proven, rehashed}: proven when the
 * leaf hash with its path gives the signed root; rehashed when the entry as shown hashes to that leaf.
 */
async function verifyEntries(answer) {
  const root = answer.head.root_hash;
  const results = new Map();
  for (const e of answer.entries) {
    const leaf = hexToBytes(e.leaf_hash);
    const rebuilt = toHex(await sha256(new Uint8Array([0]), new TextEncoder().encode(leafData(e))));
    const got = await rootFromProof(e.seq, answer.head.tree_size, leaf, (e.inclusion_proof || []).map(hexToBytes));
    results.set(e.seq, {proven: !!got && toHex(got) === root, rehashed: rebuilt === e.leaf_hash});
  }
  return results;
}

/** The head's Ed25519 signature: true, false, or null when this browser cannot check Ed25519. */
async function verifyHead(answer) {
  const head = answer.head;
  const text = new TextEncoder().encode(`hearth-audit-v1\n${head.tree_size}\n${head.root_hash}\n${head.at}\n`);
  let key;
  try {
    key = await crypto.subtle.importKey('raw', hexToBytes(answer.public_key), {name: 'Ed25519'}, false, ['verify']);
  } catch {
    return null;
  }
  return crypto.subtle.verify({name: 'Ed25519'}, key, hexToBytes(head.signature), text);
}

// --- The screen ----------------------------------------------------------------------------------

export async function privacyView(main, params, query, alive) {
  main.append(h('h1', {}, 'Privacy'),
    h('p', {class: 'lead'}, 'Where you are signed in, what hearth recorded about your data, a copy of all of it, ',
      'and erasing your account.'));
  const sessions = h('section', {class: 'card', 'aria-labelledby': 'sessions-title'},
    h('h2', {id: 'sessions-title'}, 'Where you are signed in'));
  const trail = h('section', {class: 'card', 'aria-labelledby': 'trail-title'},
    h('h2', {id: 'trail-title'}, 'Your audit trail'));
  main.append(sessions, trail, exportSection(), deleteSection());
  await Promise.all([loadSessions(sessions, alive), loadTrail(trail, alive)]);
}

// --- Sessions ------------------------------------------------------------------------------------

const UNITS = [['year', 365 * 86400], ['month', 30 * 86400], ['week', 7 * 86400], ['day', 86400], ['hour', 3600],
  ['minute', 60]];

/** "5 minutes ago", "in 25 minutes", "just now" for a server time, in the reader's language. */
export function relative(iso, now = Date.now()) {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const seconds = Math.round((t - now) / 1000);
  const words = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return words.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

function sessionItem(s, reload, say) {
  const address = s.address ? `from ${s.address}` : 'from an unknown address';
  const item = h('li', {class: `session${s.current ? ' session-current' : ''}`, 'data-session': s.id,
    'data-current': s.current ? 'true' : 'false'},
    h('p', {class: 'session-title'},
      s.current ? h('strong', {}, 'This device') : h('strong', {}, 'Another browser or device'),
      ' ', h('span', {class: 'muted'}, address)),
    h('p', {}, 'Signed in ', when(s.created_at), ` (${relative(s.created_at)}); last active ${relative(s.last_seen_at)}.`),
    h('p', {class: 'muted'}, 'If it is not used, it ends by itself on ', when(s.expires_at), ` (${relative(s.expires_at)}).`));
  if (s.current) {
    item.append(h('p', {class: 'muted'}, 'This is the browser you are using now; “Sign out” at the top of the page ends it.'));
    return item;
  }
  const label = `Signed in ${address}, ${relative(s.created_at)}`;
  const ask = h('button', {type: 'button', class: 'secondary danger'}, 'Sign out',
    h('span', {class: 'visually-hidden'}, ` the session ${label}`));
  const actions = h('div', {class: 'actions'}, ask);
  item.append(actions);
  ask.addEventListener('click', () => confirmIn(actions, ask, {
    question: `Sign out the session ${address}? Whoever uses it there has to sign in again with your ` +
      'password. If you do not recognise it, change your password too.',
    yes: 'Yes, sign it out',
    no: 'Keep it',
    failed: 'The session could not be signed out',
    onYes: async () => {
      try {
        await api('DELETE', `/auth/sessions/${encodeURIComponent(s.id)}`);
      } catch (err) {
        if (err.status !== 404) throw err;
        // Ended meanwhile (signed out there, or it timed out): the list is simply out of date.
        await reload();
        say('That session had already ended.');
        return;
      }
      await reload();
      say(`Signed out the session ${address}. It needs the password to sign in again.`);
    },
  }));
  return item;
}

async function loadSessions(section, alive) {
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading your sessions…');
  const list = h('div', {});
  const done = h('p', {class: 'ok', role: 'status'});
  section.append(
    h('p', {}, 'Each browser or device you are signed in with. A session ends by itself when it is not used for a while; ',
      'sign out any you no longer use or do not recognise.'),
    status, list, done);
  const say = (text) => {
    done.textContent = text;
    const heading = document.getElementById('sessions-title');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  };
  async function reload() {
    const answer = await loadInto(status, () => api('GET', '/auth/sessions'), 'Your sessions could not be loaded');
    if (!answer || !alive()) return;
    const sessions = answer.sessions || [];
    status.remove();
    // This device first, then the most recently used.
    sessions.sort((a, b) => (b.current - a.current) || String(b.last_seen_at).localeCompare(String(a.last_seen_at)));
    const others = sessions.filter((s) => !s.current).length;
    replace(list,
      h('p', {class: 'session-count'}, others ? `Signed in on ${sessions.length} browsers or devices: this one and ${others} other(s).` :
        'Signed in only here.'),
      h('ul', {class: 'session-list'}, sessions.map((s) => sessionItem(s, reload, say))));
  }
  await reload();
}

async function loadTrail(section, alive) {
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading your audit trail…');
  section.append(status);
  const answer = await loadInto(status, () => api('GET', '/audit/me'), 'Your audit trail could not be loaded');
  if (!answer || !alive()) return;
  const me = answer.pseudonym;
  const entries = [...(answer.entries || [])].reverse();  // newest first
  const head = answer.head || {};
  const cells = new Map();
  const result = h('div', {role: 'status', 'aria-live': 'polite', class: 'verify-result'});
  const check = h('button', {type: 'button', class: 'secondary'}, 'Check the proofs in this browser');
  check.addEventListener('click', async () => {
    check.disabled = true;
    result.className = 'verify-result';
    replace(result, 'Checking…');
    try {
      if (!globalThis.crypto || !crypto.subtle) throw new Error('this browser offers no WebCrypto here (it needs HTTPS)');
      const results = await verifyEntries(answer);
      const signature = await verifyHead(answer);
      let proven = 0;
      let rehashed = 0;
      for (const [seq, r] of results) {
        if (r.proven) proven += 1;
        if (r.rehashed) rehashed += 1;
        const cell = cells.get(seq);
        if (cell) {
          cell.dataset.verified = r.proven ? 'true' : 'false';
          replace(cell, r.proven ? h('span', {class: 'ok'}, '✓ in the signed log') : h('span', {class: 'bad'}, '✗ proof does not match'),
            r.proven && !r.rehashed ? h('span', {class: 'muted block'}, 'entry text not re-hashed exactly') : null);
        }
      }
      const all = proven === results.size;
      result.classList.add(all && signature !== false ? 'verify-ok' : 'verify-bad');
      replace(result,
        h('p', {}, h('strong', {}, all ? `All ${results.size} entries verified: ` : `${results.size - proven} of ${results.size} entries failed: `),
          all ? `each one's proof leads to the root of the log's signed head (${head.tree_size} entries).` :
            'their proof does not lead to the signed root. Keep this page and contact the service.'),
        h('p', {}, signature === true ? 'The head’s Ed25519 signature verifies with the log’s public key.' :
          signature === false ? 'The head’s signature does NOT verify with the log’s public key.' :
            'This browser cannot check Ed25519 signatures, so the head’s signature was not checked here.'),
        rehashed < results.size && all ? h('p', {class: 'muted'}, `${results.size - rehashed} of them could not be re-hashed from the text shown `,
          '(a number written differently, such as 1.0); their leaf hash as sent is what was proven.') : null);
    } catch (err) {
      result.classList.add('verify-bad');
      replace(result, `The proofs could not be checked: ${err.message}`);
    } finally {
      check.disabled = false;
    }
  });

  status.replaceWith(
    h('p', {}, 'Every time someone signs in to your account, shares or reads your data, or changes it, hearth writes an entry to ',
      'its audit log. Entries name you only by a random pseudonym, ', h('code', {}, me), ', never by name or email, and hold ',
      'no health data.'),
    h('p', {}, 'The log is tamper-evident: each entry below comes with an inclusion proof, the hashes that tie it to the log’s ',
      'latest signed tree head (', String(head.tree_size), ' entries, signed ', when(head.at), ', root ',
      h('code', {class: 'hash', title: head.root_hash}, `${String(head.root_hash).slice(0, 16)}…`), '). ',
      'Changing or removing an entry afterwards would break its proof.'),
    entries.length ? h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'trail-title'},
      h('table', {class: 'audit-trail'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'What'), h('th', {scope: 'col'}, 'When'),
          h('th', {scope: 'col'}, 'By'), h('th', {scope: 'col'}, 'Entry'), h('th', {scope: 'col'}, 'Proof'))),
        h('tbody', {}, entries.map((e) => {
          const proof = h('td', {class: 'proof'}, `${(e.inclusion_proof || []).length} hashes`);
          cells.set(e.seq, proof);
          return h('tr', {'data-event': e.event, 'data-seq': e.seq},
            h('th', {scope: 'row'}, eventWords(e.event), e.object ? h('span', {class: 'muted block'}, objectWords(e.object)) : null),
            h('td', {class: 'num'}, when(e.at)),
            h('td', {}, actorWords(e.actor, me)),
            h('td', {class: 'num'}, `#${e.seq}`),
            proof);
        })))) : h('p', {class: 'empty'}, 'No entries yet.'),
    h('div', {class: 'actions'}, check),
    result);
}

function exportSection() {
  const status = h('p', {role: 'status', class: 'export-status'});
  const button = h('button', {type: 'button', class: 'primary'}, 'Download my data');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.className = 'export-status';
    status.textContent = 'Preparing your data…';
    try {
      const doc = await api('GET', '/me/export');
      const day = String(doc.exported_at || new Date().toISOString()).slice(0, 10);
      const name = `hearth-export-${day}.json`;
      const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], {type: 'application/json'}));
      const link = h('a', {href: url, download: name, hidden: true});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      const count = (k) => (Array.isArray(doc[k]) ? doc[k].length : 0);
      status.textContent = `Saved ${name}: your account, ${count('profiles')} profile(s), ${count('plans')} plan(s), ` +
        `${count('consents')} consent(s), your pantry and ${count('audit')} audit entries.`;
    } catch (err) {
      status.className = 'export-status form-error';
      status.textContent = `Your data could not be exported: ${describe(err)}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('section', {class: 'card', 'aria-labelledby': 'export-title'},
    h('h2', {id: 'export-title'}, 'Download your data'),
    h('p', {}, 'One JSON file with your account, profiles, plans, consents, pantry and audit entries, in the ',
      h('code', {}, 'hearth-export'), ' format. The export itself is recorded in your audit trail.'),
    h('div', {class: 'actions'}, button), status);
}

function deleteSection() {
  const form = h('form', {class: 'narrow', novalidate: true, 'aria-labelledby': 'delete-title'},
    field({name: 'password', label: 'Your password', type: 'password', autocomplete: 'current-password', required: true,
      hint: 'We ask for it so that nobody else at this screen can erase your account.'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'danger'}, 'Delete my account')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submitting(form, async () => {
      await api('DELETE', '/me', {password: form.password.value});
      endSession();
      flash('Your account and your data are erased, and you are signed out. The audit log keeps its entries under a pseudonym that no longer leads to you.');
      navigate('#/signin');
    });
  });
  return h('section', {class: 'card danger-zone', 'aria-labelledby': 'delete-title'},
    h('h2', {id: 'delete-title'}, 'Delete your account'),
    h('div', {class: 'rights'},
      h('div', {},
        h('h3', {}, 'Erased at once, for good'),
        h('ul', {},
          h('li', {}, 'your account: name, email and password, and every session'),
          h('li', {}, 'your profiles and their targets, and your plans'),
          h('li', {}, 'the consents you gave or received: nutritionists lose access'),
          h('li', {}, 'your own pantry (a household’s shared pantry stays with the household)'))),
      h('div', {},
        h('h3', {}, 'Kept'),
        h('ul', {},
          h('li', {}, 'the audit log’s entries about your account, including this erasure. They name you only by your random ',
            'pseudonym and hold ids and hashes, no health data, names or emails; once the account is gone nothing links ',
            'the pseudonym to you.')))),
    h('p', {}, 'This cannot be undone. ', h('strong', {}, 'Download your data first'), ' if you want a copy.'),
    form);
}
