// "Plan my week" (#/profiles/:id/plan), a stored plan (#/plans/:id) and its nutrient coverage
// (#/plans/:id/nutrients): POST /api/v1/plans {profile_ids: [id], days: 7} with a progress state, then
// the days × meals grid (each meal a link to its detail, #/plans/:id/meals/:day/:slot), the week's
// totals, the explanation's summary (binding targets with their price, shortfalls with their reason)
// and links to the coverage chart and the shopping list. After a swap the grid marks what changed.

import {api, clearErrors, loadInto, showProblem, token} from '../api.js';
import {coveragePanel} from '../chart.js';
import {h, money, num} from '../dom.js';
import {navigate} from '../router.js';

export const SLOT_NAMES = {breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack'};
// plan id → {session, answer}: the latest answer (POST, GET or swap), so the next screen of the same
// plan needs no second request. Only the session that fetched it may use it (a sign-out and another
// account's sign-in in the same tab start from the server again).
const cache = new Map();
const swaps = new Map();  // plan id → {before, after}: the last swap, shown once on the week

/** Keeps a plan answer ({id, plan, …}) for this session. */
export function rememberPlan(answer) {
  cache.set(String(answer.id), {session: token(), answer});
}

function cachedPlan(id) {
  const entry = cache.get(String(id));
  return entry && entry.session && entry.session === token() ? entry.answer : null;
}

/** Records a swap so the week screen can show what it changed (once). */
export function rememberSwap(id, before, after) {
  rememberPlan(after);
  swaps.set(String(id), {before: before.plan || before, after: after.plan || after});
}

/**
 * The stored plan `id` ({id, plan: document, …}) from the cache or GET /plans/{id}; on failure shows
 * the error in `main` and resolves to null. A loading line is shown meanwhile.
 */
export async function loadPlan(main, id, alive, {fresh = false} = {}) {
  const cached = cachedPlan(id);
  if (cached && !fresh) return cached;
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading the plan…');
  main.append(status);
  const answer = await loadInto(status, () => api('GET', `/plans/${encodeURIComponent(id)}`));
  if (!answer || !alive()) return null;
  status.remove();
  rememberPlan(answer);
  return answer;
}

/** The links between a plan's screens; `here` names the current one. */
export function planNav(id, here) {
  const base = `#/plans/${encodeURIComponent(id)}`;
  const items = [['week', base, 'The week'], ['nutrients', `${base}/nutrients`, 'Nutrient coverage'],
    ['shopping', `${base}/shopping`, 'Shopping list']];
  return h('nav', {class: 'plan-nav', 'aria-label': 'This plan'},
    h('ul', {}, items.map(([key, href, text]) => h('li', {},
      h('a', {href, class: 'button secondary', 'aria-current': key === here ? 'page' : null}, text)))));
}

/**
 * The form that plans a week: POST /plans {profile_ids, days: 7, market?, pantry?} with a progress
 * state (elapsed seconds; the button disabled so nothing is sent twice), then the new week.
 * opts: ids (profile ids, the first leads), labelledBy (the heading's id), intro (nodes shown first),
 * who (the progress text's subject, e.g. "for 2 people"), submit (the button's text), actions (extra
 * nodes beside the button), idPrefix (for the checkboxes' ids).
 */
export function planForm({ids, labelledBy, intro = [], who = '', submit = 'Plan my week', actions = [], idPrefix = 'plan'}) {
  const elapsed = h('span', {}, '0');
  const progress = h('div', {class: 'progress', hidden: true, role: 'status', 'aria-live': 'polite'},
    h('progress', {'aria-label': 'Planning the week'}),
    h('p', {}, `Choosing 7 days of meals${who} that meet the targets at the lowest cost… `, elapsed, ' s'),
    h('p', {class: 'muted'}, 'This usually takes a few seconds, at most half a minute.'));
  const form = h('form', {class: 'card', novalidate: true, 'aria-labelledby': labelledBy},
    intro,
    h('div', {class: 'check'},
      h('input', {type: 'checkbox', id: `${idPrefix}-market`, name: 'market'}),
      h('label', {for: `${idPrefix}-market`}, 'Use the prices of local market vendors')),
    h('div', {class: 'check'},
      h('input', {type: 'checkbox', id: `${idPrefix}-pantry`, name: 'pantry'}),
      h('label', {for: `${idPrefix}-pantry`}, 'Count what is already in the pantry as free')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, submit), actions),
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
      const body = {profile_ids: ids.map(Number), days: 7};
      if (form.market.checked) body.market = true;
      if (form.pantry.checked) body.pantry = true;
      const answer = await api('POST', '/plans', body);
      rememberPlan(answer);
      navigate(`#/plans/${answer.id}`);
    } catch (err) {
      const first = showProblem(form, err);
      if (first) {
        if (!first.matches('input, select, button')) first.setAttribute('tabindex', '-1');
        first.focus();
      }
    } finally {
      clearInterval(timer);
      progress.hidden = true;
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

export function planWeekView(main, {id}) {
  const form = planForm({ids: [id], labelledBy: 'plan-title',
    intro: h('p', {}, 'hearth picks breakfast, lunch, dinner and a snack for 7 days from its recipe library, within your budget, ',
      'allergies and diet, so that the week meets your nutrient targets.')});
  main.append(h('h1', {id: 'plan-title'}, 'Plan my week'), form,
    h('p', {}, h('a', {href: `#/profiles/${encodeURIComponent(id)}/targets`}, 'See the targets the plan meets')));
}

export async function planView(main, {id}, query, alive) {
  main.append(h('h1', {}, 'Your week'));
  const answer = await loadPlan(main, id, alive);
  if (!answer) return;
  const doc = answer.plan || answer;
  const swap = swaps.get(String(id));
  swaps.delete(String(id));
  const changed = swap && swap.after === doc ? changedCells(swap.before, swap.after) : null;
  main.append(planNav(id, 'week'));
  if (changed) main.append(swapSummary(swap, changed));
  main.append(...renderPlan(doc, {planId: id, changed}));
}

/** #/plans/:id/nutrients[?day=N]: the coverage chart for the week and for each day. */
export async function planNutrientsView(main, {id}, query, alive) {
  main.append(h('h1', {}, 'Nutrient coverage'));
  const answer = await loadPlan(main, id, alive);
  if (!answer) return;
  const doc = answer.plan || answer;
  const day = query.get('day') ? Number(query.get('day')) : null;
  main.append(planNav(id, 'nutrients'),
    h('p', {}, 'How much of each nutrient target the plan meets: for the whole week (what you eat on an average ',
      'day) or for one day. A bar reaching the solid mark meets the minimum; past the dashed mark is over the maximum.'),
    h('section', {class: 'card', 'aria-label': 'Chart'}, coveragePanel(doc, {
      initialDay: day,
      // Keep the choice in the address so a reload or a shared link shows the same view.
      onChange: (d) => history.replaceState(null, '', `#/plans/${encodeURIComponent(id)}/nutrients${d ? `?day=${d}` : ''}`),
    })));
}

/** Cells ("day/slot") whose recipe or servings differ between two plan documents. */
export function changedCells(before, after) {
  const old = new Map(((before.plan && before.plan.cells) || []).map((c) => [`${c.day}/${c.slot}`, c]));
  const out = new Map();
  for (const c of (after.plan && after.plan.cells) || []) {
    const o = old.get(`${c.day}/${c.slot}`);
    if (!o || o.recipe !== c.recipe || o.servings !== c.servings) out.set(`${c.day}/${c.slot}`, o || null);
  }
  return out;
}

function swapSummary({before, after}, changed) {
  const s = after.swap || {};
  const currency = (after.totals && after.totals.currency) || 'USD';
  const cell = ((after.plan && after.plan.cells) || []).find((c) => c.day === s.day && c.slot === s.slot);
  const b = before.totals || {};
  const a = after.totals || {};
  const sign = (v) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  return h('section', {class: 'card swap-result', role: 'status', 'aria-labelledby': 'swap-title'},
    h('h2', {id: 'swap-title'}, 'Swapped: the week is planned again'),
    h('p', {}, `Day ${s.day} ${(SLOT_NAMES[s.slot] || s.slot || '').toLowerCase()} is now `,
      h('strong', {}, cell ? cell.name : s.recipe), `. ${changed.size} ${changed.size === 1 ? 'meal' : 'meals'} changed `,
      '(marked “Changed” in the grid).'),
    h('ul', {},
      h('li', {}, `Groceries: ${money(b.cost, currency)} → ${money(a.cost, currency)}`),
      h('li', {}, `Climate impact: ${num(b.co2e_kg, 1)} → ${num(a.co2e_kg, 1)} kg CO₂e`),
      h('li', {}, `Cooking: ${num(b.minutes, 0)} → ${num(a.minutes, 0)} min`),
      s.objective_before !== undefined ? h('li', {}, `Plan score (lower is better): ${num(s.objective_before, 2)} → `,
        `${num(s.objective_after, 2)} (${sign(s.objective_change)}${num(Math.abs(s.objective_change), 2)})`) : null));
}

/** The grid, totals and explanation of a plan document (docs/plan-json.md). */
export function renderPlan(doc, {planId = null, changed = null} = {}) {
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
      slots.map((slot) => mealCell(byKey.get(`${day}/${slot}`), slot, people, planId,
        changed ? changed.has(`${day}/${slot}`) : false, changed ? changed.get(`${day}/${slot}`) : null))))));

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

function mealCell(cell, slot, people, planId, isChanged, was) {
  if (!cell) return h('td', {class: 'meal empty', 'data-slot': slot}, '—');
  const mark = isChanged ? h('span', {class: 'changed-tag'}, 'Changed',
    was ? h('span', {class: 'visually-hidden'}, ` (was ${was.name || was.recipe}, ${num(was.servings, 2)} servings)`) : null) : null;
  const href = planId !== null ? `#/plans/${encodeURIComponent(planId)}/meals/${cell.day}/${encodeURIComponent(slot)}` : null;
  const cls = `meal${cell.skipped ? ' skipped' : ''}${isChanged ? ' changed' : ''}`;
  if (cell.skipped) {
    return h('td', {class: cls, 'data-slot': slot}, mark, href ? h('a', {href, class: 'recipe'}, 'Skipped') : 'Skipped');
  }
  const per = cell.servings_per_person || {};
  const split = people.length > 1 ?
    h('span', {class: 'servings'}, people.map((p) => `${p} ${num(per[p] || 0, 2)}`).join(', ')) : null;
  const name = cell.name || cell.recipe;
  return h('td', {class: cls, 'data-slot': slot, 'data-recipe': cell.recipe},
    mark,
    href ? h('a', {href, class: 'recipe'}, name) : h('span', {class: 'recipe'}, name),
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
