// One meal of a plan (#/plans/:id/meals/:day/:slot): why the planner chose it
// (GET /plans/{id}/explanation?day&slot), the recipe with its ingredients scaled to the planned
// servings (GET /recipes/{id}?servings=), and the alternatives with what each swap alone costs the
// plan's score. "Swap" (POST /plans/{id}/swap) fixes that recipe in the slot and plans the rest of the
// week again, with a progress state; then the week is shown with what changed marked.

import {api, errorText} from '../api.js';
import {nutrientName} from '../chart.js';
import {h, money, num} from '../dom.js';
import {navigate} from '../router.js';
import {SLOT_NAMES, loadPlan, planNav, rememberSwap} from './plan.js';

export async function mealView(main, {id, day, slot}, query, alive) {
  const slotName = SLOT_NAMES[slot] || slot;
  const heading = h('h1', {}, `Day ${day}, ${slotName.toLowerCase()}`);
  main.append(heading);
  const answer = await loadPlan(main, id, alive);
  if (!answer) return;
  const doc = answer.plan || answer;
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading why this meal was chosen…');
  main.append(planNav(id, 'meal'), status);
  let meal;
  try {
    meal = await api('GET', `/plans/${encodeURIComponent(id)}/explanation?day=${encodeURIComponent(day)}&slot=${encodeURIComponent(slot)}`);
  } catch (err) {
    if (alive()) status.replaceWith(errorText(err));
    return;
  }
  if (!alive()) return;
  heading.textContent = `Day ${day}, ${slotName.toLowerCase()}: ${meal.skipped ? 'skipped' : meal.name || meal.recipe}`;
  document.title = `${heading.textContent} · hearth`;
  const currency = (doc.totals && doc.totals.currency) || 'USD';

  let recipe = null;
  let recipeError = null;
  if (!meal.skipped) {
    status.textContent = 'Loading the recipe…';
    try {
      recipe = await api('GET', `/recipes/${encodeURIComponent(meal.recipe)}?servings=${encodeURIComponent(meal.servings)}`);
    } catch (err) {
      recipeError = err;
    }
    if (!alive()) return;
  }
  status.replaceWith(
    whySection(meal, currency),
    meal.skipped ? null : recipeSection(recipe, recipeError, meal),
    alternativesSection({id, day: Number(day), slot, meal, answer, currency, alive}));
}

function whySection(meal, currency) {
  const why = meal.why || [];
  return h('section', {class: 'card', 'aria-labelledby': 'meal-why-title'},
    h('h2', {id: 'meal-why-title'}, 'Why this recipe'),
    meal.skipped ? h('p', {}, 'This optional meal is left out: the week meets its targets without it.') :
      h('dl', {class: 'totals meal-facts'},
        h('div', {}, h('dt', {}, 'Servings'), h('dd', {}, num(meal.servings, 2))),
        h('div', {}, h('dt', {}, 'Cost'), h('dd', {'data-meal': 'cost'}, money(meal.cost, currency))),
        h('div', {}, h('dt', {}, 'Climate impact'), h('dd', {}, `${num(meal.co2e_kg, 2)} kg CO₂e`)),
        h('div', {}, h('dt', {}, 'Active cooking'), h('dd', {}, `${num(meal.minutes, 0)} min`))),
    why.length ? [
      h('p', {}, 'It brings a large part of the day’s nutrients that were hardest to reach:'),
      h('ul', {class: 'why-list'}, why.map((w) => h('li', {'data-nutrient': w.nutrient},
        h('strong', {}, nutrientName(w.nutrient)), `: ${num(w.amount, 2)} ${unitOf(w.nutrient)}, `,
        `${num(w.percent_of_day, 0)} % of the day’s total`))),
    ] : (meal.skipped ? null : h('p', {}, 'It fills the slot at the lowest cost within your targets.')));
}

function unitOf(nutrient) {
  const m = /_(g|mg|ug|kcal|kj)$/.exec(nutrient);
  return m ? (m[1] === 'ug' ? 'µg' : m[1]) : '';
}

function recipeSection(recipe, err, meal) {
  if (err) {
    return h('section', {class: 'card', 'aria-labelledby': 'recipe-title'},
      h('h2', {id: 'recipe-title'}, 'The recipe'), errorText(err));
  }
  const scaled = recipe.recipe_servings && recipe.servings !== recipe.recipe_servings;
  return h('section', {class: 'card recipe-detail', 'aria-labelledby': 'recipe-title', 'data-recipe': recipe.id},
    h('h2', {id: 'recipe-title'}, recipe.name),
    h('p', {class: 'muted'},
      `For ${num(recipe.servings, 2)} ${recipe.servings === 1 ? 'serving' : 'servings'}`,
      scaled ? ` (the recipe is written for ${num(recipe.recipe_servings, 2)}; amounts are scaled)` : '',
      recipe.time_active_min ? ` · ${num(recipe.time_active_min, 0)} min active, ${num(recipe.time_total_min, 0)} min in all` : ''),
    h('h3', {}, 'Ingredients'),
    h('ul', {class: 'ingredients'}, (recipe.ingredients || []).map((i) => h('li', {'data-food': i.food, 'data-grams': i.grams},
      h('span', {class: 'amount'}, `${num(i.grams, 1)} g`),
      i.household ? h('span', {class: 'muted'}, ` (${i.household})`) : null,
      ` ${i.food_name}`))),
    h('h3', {}, 'Steps'),
    (recipe.steps || []).length ? h('ol', {class: 'steps-list'}, recipe.steps.map((s) => h('li', {}, s))) :
      h('p', {class: 'muted'}, 'This recipe has no written steps.'),
    recipe.steps && recipe.steps.length && scaled ?
      h('p', {class: 'muted'}, 'Steps are as written for the recipe’s own servings; use the amounts above.') : null,
    recipe.source && recipe.source.collection ?
      h('p', {class: 'muted'}, `Source: ${recipe.source.collection}${recipe.source.license ? ` (${recipe.source.license})` : ''}.`) : null,
    meal.servings !== recipe.servings ? h('p', {class: 'form-error'}, 'The recipe could not be scaled to the planned servings.') : null);
}

function alternativesSection({id, day, slot, meal, answer, currency, alive}) {
  const alternatives = meal.alternatives || [];
  const doc = answer.plan || answer;
  const score = doc.objective && doc.objective.value;
  // Recipes' own costs are at typical prices: comparable with the meal's only when the plan used them.
  const typicalPrices = !doc.totals || doc.totals.prices === 'default' || !doc.totals.prices;
  const progress = h('div', {class: 'progress', hidden: true, role: 'status', 'aria-live': 'polite'});
  const section = h('section', {class: 'card', 'aria-labelledby': 'alt-title'},
    h('h2', {id: 'alt-title'}, 'Alternatives'),
    h('p', {}, 'Recipes that could take this slot with the rest of the week unchanged, best first. The change is what the ',
      'swap alone adds to the plan’s score (money, climate, cooking time and missed targets together; lower is better). ',
      'Swapping plans the rest of the week again, which usually makes up part of it.'),
    score !== undefined && score !== null ? h('p', {class: 'muted'}, `The week’s score now: ${num(score, 2)} points.`) : null,
    progress);
  if (!alternatives.length) {
    section.append(h('p', {}, 'No other recipe fits this slot within your rules.'));
    return section;
  }
  const list = h('ul', {class: 'alternatives'});
  for (const alt of alternatives) {
    const button = h('button', {type: 'button', class: 'secondary', 'data-recipe': alt.recipe}, 'Swap',
      h('span', {class: 'visually-hidden'}, ` to ${alt.name}`));
    button.addEventListener('click', () => swap(alt));
    const change = alt.objective_change;
    list.append(h('li', {class: 'alternative', 'data-recipe': alt.recipe},
      h('div', {class: 'alt-text'},
        h('a', {href: `#/plans/${encodeURIComponent(id)}/meals/${day}/${encodeURIComponent(slot)}/recipe/${encodeURIComponent(alt.recipe)}?servings=${alt.servings}`}, alt.name),
        h('span', {class: 'muted'}, ` · ${num(alt.servings, 2)} ${alt.servings === 1 ? 'serving' : 'servings'}`),
        h('span', {class: 'alt-change'}, ` · ${change > 0 ? '+' : change < 0 ? '−' : '±'}${num(Math.abs(change), 2)} points`),
        h('span', {class: 'alt-cost muted'})),
      button));
  }
  section.append(list);
  if (typicalPrices && !meal.skipped) {
    // Each alternative's groceries for its servings, next to this meal's (GET /recipes/{id}?servings=).
    Promise.all(alternatives.map((alt) => api('GET', `/recipes/${encodeURIComponent(alt.recipe)}?servings=${encodeURIComponent(alt.servings)}`)
      .then((r) => r, () => null))).then((recipes) => {
      if (!alive()) return;
      recipes.forEach((r, i) => {
        if (!r || r.cost_per_serving === undefined) return;
        const cost = r.cost_per_serving * r.servings;
        const diff = cost - meal.cost;
        const el = list.children[i].querySelector('.alt-cost');
        el.textContent = ` · groceries ${money(cost, currency)} (${diff >= 0 ? '+' : '−'}${money(Math.abs(diff), currency)} against this meal)`;
      });
    });
  }

  async function swap(alt) {
    const buttons = [...list.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    section.setAttribute('aria-busy', 'true');
    for (const e of section.querySelectorAll('.form-error')) e.remove();
    progress.hidden = false;
    progress.replaceChildren(h('progress', {'aria-label': 'Planning the week again'}),
      h('p', {}, `Putting ${alt.name} on day ${day} and planning the rest of the week again… This takes a few seconds.`));
    try {
      const after = await api('POST', `/plans/${encodeURIComponent(id)}/swap`,
        {day, slot, recipe: alt.recipe, servings: alt.servings});
      rememberSwap(id, answer, after);
      navigate(`#/plans/${encodeURIComponent(id)}`);
    } catch (err) {
      progress.hidden = true;
      section.insertBefore(errorText(err), list);
      for (const b of buttons) b.disabled = false;
    } finally {
      section.removeAttribute('aria-busy');
    }
  }
  return section;
}

/** #/plans/:id/meals/:day/:slot/recipe/:recipe?servings=: an alternative's recipe, scaled. */
export async function alternativeRecipeView(main, {id, day, slot, recipe}, query, alive) {
  const heading = h('h1', {}, 'Recipe');
  main.append(heading, h('p', {}, h('a', {href: `#/plans/${encodeURIComponent(id)}/meals/${encodeURIComponent(day)}/${encodeURIComponent(slot)}`},
    `Back to day ${day}, ${(SLOT_NAMES[slot] || slot).toLowerCase()}`)));
  const servings = query.get('servings');
  try {
    const r = await api('GET', `/recipes/${encodeURIComponent(recipe)}${servings ? `?servings=${encodeURIComponent(servings)}` : ''}`);
    if (!alive()) return;
    heading.textContent = r.name;
    main.append(recipeSection(r, null, {servings: r.servings}));
  } catch (err) {
    if (alive()) main.append(errorText(err));
  }
}
