// "Plan my week" (#/profiles/:id/plan) and a stored plan (#/plans/:id): POST /api/v1/plans
// {profile_ids: [id], days: 7} with a progress state, then the days × meals grid, the week's totals
// and the explanation's summary (binding targets with their price, shortfalls with their reason).

import {api, clearErrors, describe, showProblem} from '../api.js';
import {h, money, num} from '../dom.js';
import {navigate} from '../router.js';

const SLOT_NAMES = {breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack'};
const cache = new Map();  // plan id → the POST answer, so showing a fresh plan needs no second request

export function planWeekView(main, {id}) {
  const elapsed = h('span', {}, '0');
  const progress = h('div', {class: 'progress', hidden: true, role: 'status', 'aria-live': 'polite'},
    h('progress', {'aria-label': 'Planning your week'}),
    h('p', {}, 'Choosing 7 days of meals that meet your targets at the lowest cost… ', elapsed, ' s'),
    h('p', {class: 'muted'}, 'This usually takes a few seconds, at most half a minute.'));
  const form = h('form', {class: 'card', novalidate: true, 'aria-labelledby': 'plan-title'},
    h('p', {}, 'hearth picks breakfast, lunch, dinner and a snack for 7 days from its recipe library, within your budget, ',
      'allergies and diet, so that the week meets your nutrient targets.'),
    h('div', {class: 'check'},
      h('input', {type: 'checkbox', id: 'plan-market', name: 'market'}),
      h('label', {for: 'plan-market'}, 'Use the prices of local market vendors')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Plan my week')),
    progress);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    progress.hidden = false;
    const started = Date.now();
    const timer = setInterval(() => { elapsed.textContent = String(Math.round((Date.now() - started) / 1000)); }, 1000);
    try {
      const body = {profile_ids: [Number(id)], days: 7};
      if (form.market.checked) body.market = true;
      const answer = await api('POST', '/plans', body);
      cache.set(String(answer.id), answer);
      navigate(`#/plans/${answer.id}`);
    } catch (err) {
      const first = showProblem(form, err);
      if (first) {
        first.setAttribute('tabindex', '-1');
        first.focus();
      }
    } finally {
      clearInterval(timer);
      progress.hidden = true;
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  main.append(h('h1', {id: 'plan-title'}, 'Plan my week'), form,
    h('p', {}, h('a', {href: `#/profiles/${encodeURIComponent(id)}/targets`}, 'See the targets the plan meets')));
}

export async function planView(main, {id}, query, alive) {
  main.append(h('h1', {}, 'Your week'));
  let answer = cache.get(String(id));
  if (!answer) {
    const status = h('p', {class: 'muted', role: 'status'}, 'Loading the plan…');
    main.append(status);
    try {
      answer = await api('GET', `/plans/${encodeURIComponent(id)}`);
    } catch (err) {
      status.className = 'form-error';
      status.setAttribute('role', 'alert');
      status.textContent = describe(err);
      return;
    }
    if (!alive()) return;
    status.remove();
  }
  main.append(...renderPlan(answer.plan || answer));
}

/** The grid, totals and explanation of a plan document (docs/plan-json.md). */
export function renderPlan(doc) {
  const options = (doc.request && doc.request.options) || {};
  const cells = (doc.plan && doc.plan.cells) || [];
  const slots = options.slots || [...new Set(cells.map((c) => c.slot))];
  const days = options.days || Math.max(0, ...cells.map((c) => c.day));
  const byKey = new Map(cells.map((c) => [`${c.day}/${c.slot}`, c]));
  const people = (doc.people || []).map((p) => p.id);

  const grid = h('table', {class: 'week', 'data-days': days, 'data-slots': slots.length},
    h('caption', {class: 'visually-hidden'}, `Meals for ${days} days`),
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Day'),
      slots.map((s) => h('th', {scope: 'col'}, SLOT_NAMES[s] || s)))),
    h('tbody', {}, Array.from({length: days}, (_, i) => i + 1).map((day) => h('tr', {'data-day': day},
      h('th', {scope: 'row'}, `Day ${day}`),
      slots.map((slot) => mealCell(byKey.get(`${day}/${slot}`), slot, people))))));

  const totals = doc.totals || {};
  const currency = totals.currency || 'USD';
  const lead = doc.request && doc.request.household && doc.request.household[0];
  const budget = lead && lead.profile ? lead.profile.budget_per_week : null;
  const weekFactor = days ? 7 / days : 1;
  const summary = h('section', {class: 'card', 'aria-labelledby': 'totals-title'},
    h('h2', {id: 'totals-title'}, 'Totals'),
    h('dl', {class: 'totals'},
      h('div', {}, h('dt', {}, 'Groceries'), h('dd', {'data-total': 'cost'}, money(totals.cost, currency),
        budget !== null && budget !== undefined ? h('span', {class: 'muted'}, ` (budget ${money(budget / weekFactor, currency)})`) : null)),
      h('div', {}, h('dt', {}, 'Climate impact'), h('dd', {'data-total': 'co2e'}, `${num(totals.co2e_kg, 1)} kg CO₂e`)),
      h('div', {}, h('dt', {}, 'Cooking'), h('dd', {'data-total': 'minutes'},
        `${num(totals.minutes, 0)} min (${num(days ? totals.minutes / days : 0, 0)} a day)`))),
    totals.prices ? h('p', {class: 'muted'}, totals.prices === 'default' ? 'Prices: typical US grocery prices.' : `Prices: ${totals.prices}.`) : null);

  return [
    h('section', {'aria-labelledby': 'grid-title'},
      h('h2', {id: 'grid-title'}, 'Meals'),
      h('div', {class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'grid-title'}, grid)),
    summary,
    explanation(doc.explanation || {}),
  ];
}

function mealCell(cell, slot, people) {
  if (!cell) return h('td', {class: 'meal empty', 'data-slot': slot}, '—');
  if (cell.skipped) return h('td', {class: 'meal skipped', 'data-slot': slot}, 'Skipped');
  const per = cell.servings_per_person || {};
  const split = people.length > 1 ?
    h('span', {class: 'servings'}, people.map((p) => `${p} ${num(per[p] || 0, 2)}`).join(', ')) : null;
  return h('td', {class: 'meal', 'data-slot': slot, 'data-recipe': cell.recipe},
    h('span', {class: 'recipe'}, cell.name || cell.recipe),
    h('span', {class: 'servings'}, `${num(cell.servings, 2)} ${cell.servings === 1 ? 'serving' : 'servings'}`),
    split);
}

function explanation(ex) {
  const binding = ex.binding || [];
  const shortfalls = ex.shortfalls || [];
  return h('section', {class: 'card explanation', 'aria-labelledby': 'why-title'},
    h('h2', {id: 'why-title'}, 'Why this week'),
    h('h3', {}, 'Targets that shaped it'),
    binding.length ?
      h('ul', {class: 'binding'}, binding.map((b) => h('li', {}, h('strong', {}, b.label), b.text ? ` — ${b.text}` : ''))) :
      h('p', {}, 'No target held the plan back: it is the cheapest week within your rules.'),
    h('h3', {}, 'Shortfalls'),
    shortfalls.length ?
      h('ul', {class: 'shortfalls'}, shortfalls.map((s) => h('li', {},
        h('strong', {}, `${s.nutrient.replace(/_/g, ' ')}${s.person ? ` (${s.person})` : ''}: `), s.reason || '',
        s.closing_foods && s.closing_foods.length ? ` Foods that would close it: ${s.closing_foods.map((f) => f.name).join('; ')}.` : ''))) :
      h('p', {class: 'ok'}, 'None: every target is met.'),
    (ex.notes || []).length ? h('ul', {class: 'notes'}, ex.notes.map((n) => h('li', {}, n))) : null);
}
