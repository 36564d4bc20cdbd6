// #/profiles/:id/targets — the profile's daily nutrient targets (GET /profiles/{id}/targets), each
// bound with the reference it comes from (DRI table and row, guideline or condition). A profile the
// API answers 404 for is said in words: for a nutritionist, that it is not shared with them (any more).

import {ApiError, api, describe, failInto} from '../api.js';
import {h, num} from '../dom.js';
import {currentAccount} from '../session.js';

const KIND_NAMES = {
  RDA: 'Recommended Dietary Allowance', AI: 'Adequate Intake', UL: 'Tolerable Upper Intake Level',
  EAR: 'Estimated Average Requirement', EER: 'Estimated Energy Requirement', AMDR: 'Acceptable Macronutrient Distribution Range',
  CDRR: 'Chronic Disease Risk Reduction intake',
};

function sourceText(bound) {
  if (!bound) return null;
  const s = bound.source || {};
  const where = s.table ? ` (${s.table}${s.row ? `, row ${s.row}` : ''})` : '';
  return `${bound.kind}: ${s.citation || KIND_NAMES[bound.kind] || ''}${where}`;
}

function boundCell(bound, unit) {
  if (!bound) return h('td', {class: 'num muted'}, '—');
  return h('td', {class: 'num'}, `${num(bound.value, 1)} ${unit}`,
    h('abbr', {class: 'kind', title: KIND_NAMES[bound.kind] || bound.kind}, bound.kind));
}

function sourcesCell(n) {
  const items = [];
  if (n.min) items.push(h('li', {}, h('span', {class: 'side'}, 'Minimum — '), sourceText(n.min), n.min.note ? h('span', {class: 'note'}, ` ${n.min.note}`) : null));
  if (n.max && n.max !== n.min) items.push(h('li', {}, h('span', {class: 'side'}, 'Maximum — '), sourceText(n.max), n.max.note ? h('span', {class: 'note'}, ` ${n.max.note}`) : null));
  return h('td', {class: 'sources'}, items.length ? h('ul', {}, items) : '—');
}

export async function targetsView(main, {id}, query, alive) {
  const title = h('h1', {}, 'Your daily targets');
  main.append(title);
  const status = h('p', {class: 'muted', role: 'status'}, 'Working out your targets…');
  main.append(status);
  let targets;
  let profile;
  try {
    [targets, profile] = await Promise.all([api('GET', `/profiles/${encodeURIComponent(id)}/targets`),
      api('GET', `/profiles/${encodeURIComponent(id)}`)]);
  } catch (err) {
    if (!alive()) return;
    if (err instanceof ApiError && err.status === 404) {
      title.textContent = 'Targets';
      status.replaceWith(notShared());
      return;
    }
    failInto(status, describe(err));
    return;
  }
  if (!alive()) return;
  const name = (profile.profile && profile.profile.name) || `Profile ${id}`;
  const life = targets.life_stage || {};
  status.replaceWith(
    h('section', {class: 'card summary', 'aria-labelledby': 'energy-title'},
      h('h2', {id: 'energy-title'}, `${name}: about ${num(targets.energy_kcal, 0)} kcal a day`),
      h('p', {}, `Energy from the ${targets.energy_method || 'energy equation'}; reference values for ${life.label || 'your age and sex'}.`),
      targets.conditions && targets.conditions.length ? h('p', {}, `Conditions applied: ${targets.conditions.join(', ').replace(/_/g, ' ')}.`) : null,
      targets.excluded_allergens && targets.excluded_allergens.length ? h('p', {}, `Always left out: ${targets.excluded_allergens.join(', ').replace(/_/g, ' ')}.`) : null,
      targets.required_diets && targets.required_diets.length ? h('p', {}, `Diet: ${targets.required_diets.join(', ').replace(/_/g, ' ')}.`) : null,
      h('p', {class: 'actions'}, h('a', {class: 'button primary', href: `#/profiles/${encodeURIComponent(id)}/plan`}, 'Plan my week'))),
    h('section', {'aria-labelledby': 'nutrients-title'},
      h('h2', {id: 'nutrients-title'}, 'Nutrients'),
      h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'nutrients-title'},
        h('table', {class: 'targets'},
          h('thead', {}, h('tr', {},
            h('th', {scope: 'col'}, 'Nutrient'), h('th', {scope: 'col'}, 'At least'), h('th', {scope: 'col'}, 'At most'),
            h('th', {scope: 'col'}, 'Checked'), h('th', {scope: 'col'}, 'Source'))),
          h('tbody', {}, (targets.nutrients || []).map((n) => h('tr', {'data-nutrient': n.nutrient},
            h('th', {scope: 'row'}, n.name || n.nutrient),
            boundCell(n.min, n.unit), boundCell(n.max, n.unit),
            h('td', {}, n.averaging === 'weekly' ? 'on the week’s average' : 'every day'),
            sourcesCell(n))))))),
    energyShares(targets),
    notes(targets));
}

/**
 * What a 404 means to the person: the profile was never theirs to see, or it no longer is (a client
 * stopped sharing with their nutritionist, a member left the household).
 */
function notShared() {
  const me = currentAccount();
  const nutritionist = me && me.role === 'nutritionist';
  return h('div', {class: 'card notice', role: 'alert', 'data-access': 'none'},
    h('p', {class: 'notice-title'}, nutritionist ? 'This profile is not shared with you (any more).' :
      'This profile is not yours to see, or not any more.'),
    nutritionist ?
      h('p', {}, 'You see a client’s profiles only while they share their data with you; a client who stops sharing ',
        'closes them to you at once. Your clients who share now are on ', h('a', {href: '#/clients'}, 'Clients'), '.') :
      h('p', {}, 'It may have been deleted, or its owner left your household. Your own profiles are on ',
        h('a', {href: '#/'}, 'My profiles'), '.'));
}

function energyShares(targets) {
  const shares = targets.energy_shares || [];
  if (!shares.length) return null;
  const pct = (b) => (b ? `${num(b.value * 100, 0)} %` : '—');
  return h('section', {'aria-labelledby': 'shares-title'},
    h('h2', {id: 'shares-title'}, 'Share of energy'),
    h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'shares-title'},
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'From'), h('th', {scope: 'col'}, 'At least'),
          h('th', {scope: 'col'}, 'At most'), h('th', {scope: 'col'}, 'Source'))),
        h('tbody', {}, shares.map((s) => h('tr', {},
          h('th', {scope: 'row'}, s.nutrient.replace(/_g$/, '').replace(/_/g, ' ')),
          h('td', {class: 'num'}, pct(s.min_fraction)), h('td', {class: 'num'}, pct(s.max_fraction)),
          h('td', {class: 'sources'}, sourceText(s.max_fraction || s.min_fraction))))))));
}

function notes(targets) {
  const items = [...(targets.notes || []), ...(targets.excluded_foods || []).map((f) => f.note).filter(Boolean)];
  if (!items.length) return null;
  return h('section', {'aria-labelledby': 'notes-title'},
    h('h2', {id: 'notes-title'}, 'Notes'),
    h('ul', {class: 'notes'}, items.map((t) => h('li', {}, t))));
}
