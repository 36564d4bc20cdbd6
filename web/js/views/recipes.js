// My recipes (#/recipes): the account's own recipes (GET /api/v1/recipes?mine=true), each with what
// hearth derives from its ingredients per serving — energy, protein, a typical cost, kg CO₂e,
// allergens and the diets it fits —; adding one (POST /recipes: name, an id made from the name, servings,
// minutes, meal types, ingredient rows of an SR28 food picked with the shared food search and its grams,
// steps one per line), with every error at its field (`ingredients[1].grams` at that row's Grams) and
// the new recipe's derived nutrition shown; deleting one after confirming (DELETE /recipes/{id}; a
// recipe a stored plan uses is refused, said in words). Plans made afterwards may choose these recipes
// beside the library; nobody else sees them (docs/api.md, "Own recipes"; docs/recipe-format.md).

import {ApiError, api, clearErrors, loadInto, showProblem} from '../api.js';
import {checkboxGroup, confirmIn, field, h, money, newId, num, replace} from '../dom.js';
import {foodCombobox} from '../food-search.js';
import {SLOT_NAMES} from './plan.js';
import {ALLERGIES, DIETS} from './profile.js';

const MEAL_TYPES = Object.entries(SLOT_NAMES);
const ALLERGEN_WORDS = Object.fromEntries(ALLERGIES);
const DIET_WORDS = Object.fromEntries(DIETS);
const words = (table, key) => table[key] || String(key).replace(/_/g, ' ');
const ID_PATTERN = /^[a-z0-9-]+$/;

/** "Crème brûlée for 2!" → "creme-brulee-for-2": a recipe id ([a-z0-9-]+) made from its name. */
export function recipeId(name) {
  return String(name || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

function plural(n, one, many) {
  return `${num(n, 2)} ${n === 1 ? one : many}`;
}

/** What hearth works out per serving: the facts list shared by the list and the “added” card. */
function perServing(r, {more = false} = {}) {
  const n = r.nutrition_per_serving || {};
  const fact = (key, label, value) => h('div', {}, h('dt', {}, label), h('dd', {'data-fact': key}, value));
  return h('dl', {class: 'facts recipe-facts'},
    fact('kcal', 'Energy', `${num(n.energy_kcal, 0)} kcal`),
    fact('protein', 'Protein', `${num(n.protein_g, 1)} g`),
    more ? [
      fact('carbohydrate', 'Carbohydrate', `${num(n.carbohydrate_g, 1)} g`),
      fact('fat', 'Fat', `${num(n.fat_g, 1)} g`),
      fact('fiber', 'Fibre', `${num(n.fiber_g, 1)} g`),
      fact('sodium', 'Sodium', `${num(n.sodium_mg, 0)} mg`),
    ] : null,
    fact('cost', 'Cost (typical prices)', r.cost_per_serving === null || r.cost_per_serving === undefined ?
      'no typical price' : money(r.cost_per_serving, r.cost_currency || 'USD')),
    fact('co2e', 'Climate', `${num(r.co2e_kg_per_serving, 2)} kg CO₂e`));
}

/** Allergens and diet fit in words (never colour alone). */
function traits(r) {
  const allergens = r.allergens || [];
  const diets = r.diets || [];
  return h('ul', {class: 'recipe-traits'},
    h('li', {'data-fact': 'allergens'}, h('strong', {}, 'Allergens: '),
      allergens.length ? allergens.map((a) => words(ALLERGEN_WORDS, a)).join(', ') : 'none of the listed ones'),
    h('li', {'data-fact': 'diets'}, h('strong', {}, 'Fits: '),
      diets.length ? diets.map((d) => words(DIET_WORDS, d)).join(', ') : 'none of the diets hearth checks'));
}

function summary(r) {
  const meals = (r.meal_types || []).map((m) => words(SLOT_NAMES, m)).join(', ');
  return `${plural(r.servings, 'serving', 'servings')} · ${num(r.time_active_min, 0)} min active, ` +
    `${num(r.time_total_min, 0)} min in all · ${meals}`;
}

/** #/recipes */
export async function recipesView(main, params, query, alive) {
  const status = h('p', {class: 'muted', role: 'status'}, 'Loading your recipes…');
  const listBox = h('div', {});
  const message = h('p', {class: 'ok', role: 'status'});
  const added = h('div', {'aria-live': 'polite'});
  const listTitle = h('h2', {id: 'recipes-list-title'}, 'Your recipes');

  main.append(h('h1', {}, 'My recipes'),
    h('p', {class: 'lead'}, 'Your own recipes, beside hearth’s library. ',
      h('strong', {}, 'Plans you make from now on may choose them'),
      ' for any meal they are marked for, like the library’s; plans you already made keep their meals.'),
    h('p', {class: 'muted'}, 'hearth works out each recipe’s nutrition, allergens and diet fit from its ingredients, ',
      'with a typical cost and climate impact. Nobody else sees your recipes, not even a household admin or a nutritionist you share with.'),
    message,
    h('div', {class: 'recipes-layout'},
      h('section', {class: 'recipes-list', 'aria-labelledby': 'recipes-list-title'}, listTitle, status, listBox),
      h('section', {class: 'card recipes-add', 'aria-labelledby': 'recipes-add-title'},
        h('h2', {id: 'recipes-add-title'}, 'Add a recipe'),
        recipeForm(async (recipe) => {
          await load();
          message.textContent = '';
          replace(added, addedCard(recipe));
          const heading = added.querySelector('h2');
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }),
        added)));

  async function load() {
    const answer = await loadInto(status, () => api('GET', '/recipes?mine=true&limit=500'), 'Your recipes could not be loaded');
    if (!answer || !alive()) return;
    status.hidden = true;
    const recipes = answer.recipes || [];
    listTitle.textContent = `Your recipes (${recipes.length})`;
    replace(listBox, recipes.length ?
      h('ul', {class: 'recipe-list'}, recipes.map((r) => recipeItem(r))) :
      h('p', {class: 'empty'}, 'You have no recipes of your own yet. Add one with the form.'));
  }

  function recipeItem(r) {
    const remove = h('button', {type: 'button', class: 'secondary danger'}, 'Delete',
      h('span', {class: 'visually-hidden'}, ` ${r.name}`));
    const actions = h('div', {class: 'actions'}, remove);
    const item = h('li', {class: 'card my-recipe', 'data-recipe': r.id},
      h('h3', {class: 'recipe-name'}, r.name),
      h('p', {class: 'muted'}, summary(r), h('span', {class: 'recipe-id'}, ` · id ${r.id}`)),
      h('p', {class: 'per-serving-title'}, 'Per serving'),
      perServing(r), traits(r), usedIn(r.used_in_plans || []), actions);
    remove.addEventListener('click', () => confirmIn(actions, remove, {
      question: `Delete “${r.name}”? Plans you make from now on can no longer choose it.`,
      yes: 'Yes, delete it',
      no: 'Keep it',
      failed: `“${r.name}” could not be deleted`,
      onYes: async () => {
        try {
          await api('DELETE', `/recipes/${encodeURIComponent(r.id)}`);
        } catch (err) {
          throw inUse(err);
        }
        await load();
        if (added.querySelector(`[data-recipe="${CSS.escape(r.id)}"]`)) replace(added);
        message.textContent = `Deleted “${r.name}”.`;
        listTitle.setAttribute('tabindex', '-1');
        listTitle.focus();
      },
    }));
    return item;
  }

  await load();
}

/** "5", "5 and 7", "5, 7 and 9". */
function idList(ids) {
  return ids.length < 2 ? String(ids[0]) : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/** Which of one's plans have a meal of this recipe, each a link to the plan. */
function usedIn(plans) {
  if (!plans.length) return null;
  if (plans.length === 1) {
    return h('p', {class: 'muted used-in-plans'}, 'A meal in your ',
      h('a', {href: `#/plans/${plans[0]}`}, `plan ${plans[0]}`), '.');
  }
  const links = [];
  plans.forEach((id, i) => {
    if (i > 0) links.push(i === plans.length - 1 ? ' and ' : ', ');
    links.push(h('a', {href: `#/plans/${id}`, 'aria-label': `plan ${id}`}, `${id}`));
  });
  return h('p', {class: 'muted used-in-plans'}, 'A meal in your plans ', ...links, '.');
}

/** The 409 of DELETE /recipes/{id} names the plans that use the recipe ("plans": [ids]): say what to do. */
function inUse(err) {
  if (!(err instanceof ApiError) || err.status !== 409) return err;
  const plans = Array.isArray(err.problem.plans) ? err.problem.plans : [];
  if (!plans.length) return err;
  return new ApiError(409, {detail: plans.length === 1 ?
    `it is a meal in your plan ${plans[0]}. Swap that meal for another one, or delete the plan, and then delete the recipe.` :
    `it is a meal in your plans ${idList(plans)}. Swap those meals for other ones, or delete the plans, and then delete ` +
    'the recipe.'});
}

/** The “added” card: the stored recipe as hearth planned it, from the POST's answer. */
function addedCard(r) {
  return h('section', {class: 'card recipe-added', 'aria-labelledby': 'recipe-added-title', 'data-recipe': r.id},
    h('h2', {id: 'recipe-added-title'}, `Added “${r.name}”`),
    h('p', {class: 'muted'}, summary(r)),
    h('p', {class: 'per-serving-title'}, 'Per serving, worked out from the ingredients'),
    perServing(r, {more: true}), traits(r),
    (r.nutrients_incomplete || []).length ? h('p', {class: 'muted'}, 'The food table has no value for some nutrients in ',
      'some of these foods, so a few totals may be a little low.') : null,
    h('h3', {}, 'Ingredients'),
    h('ul', {class: 'ingredients'}, (r.ingredients || []).map((i) => h('li', {'data-food': i.food, 'data-grams': i.grams},
      h('span', {class: 'amount'}, `${num(i.grams, 1)} g`),
      i.household ? h('span', {class: 'muted'}, ` (about ${i.household})`) : null,
      ` ${i.food_name || i.food}`))));
}

/**
 * The “Add a recipe” form. Ingredient rows are named ingredients[i].food and ingredients[i].grams, in
 * the order they are sent, so the server's `ingredients[1].grams` is shown at the second row's Grams.
 */
function recipeForm(onAdded) {
  const nameField = field({name: 'name', label: 'Name', required: true, maxlength: 200, autocomplete: 'off'});
  const idField = field({name: 'id', label: 'Id', required: true, maxlength: 80, autocomplete: 'off', spellcheck: 'false',
    pattern: '[a-z0-9-]+', hint: 'Lower-case letters a–z, digits and dashes; made from the name until you change it. ' +
      'It may not be the id of a library recipe.'});
  const nameInput = nameField.querySelector('input');
  const idInput = idField.querySelector('input');
  let idTyped = false;
  nameInput.addEventListener('input', () => {
    if (!idTyped) idInput.value = recipeId(nameInput.value);
  });
  idInput.addEventListener('input', () => {
    idTyped = idInput.value !== '';
  });

  const rowsBox = h('ol', {class: 'ingredient-rows'});
  const rows = [];  // {element, combo, grams, remove}
  const addRow = h('button', {type: 'button', class: 'secondary'}, 'Add an ingredient');
  const ingredients = h('fieldset', {class: 'group ingredients-group', 'data-group': 'ingredients'},
    h('legend', {}, 'Ingredients'),
    h('p', {class: 'hint'}, 'For the whole recipe (all its servings): each food from the list, and its edible weight in grams.'),
    rowsBox, h('div', {class: 'actions'}, addRow));

  function renumber() {
    rows.forEach((row, i) => {
      row.combo.input.name = `ingredients[${i}].food`;
      row.grams.name = `ingredients[${i}].grams`;
      for (const label of row.element.querySelectorAll('.row-label')) label.textContent = `Ingredient ${i + 1}: `;
      row.remove.lastChild.textContent = ` ingredient ${i + 1}`;
      row.remove.hidden = rows.length === 1;
    });
  }
  function newRow() {
    const combo = foodCombobox({label: [h('span', {class: 'visually-hidden row-label'}), 'Food'], name: 'food', hint: ''});
    const gramsId = newId('grams');
    const grams = h('input', {id: gramsId, type: 'number', min: 0, step: 'any', inputmode: 'decimal', required: true});
    const remove = h('button', {type: 'button', class: 'secondary danger'}, 'Remove', h('span', {class: 'visually-hidden'}));
    const element = h('li', {class: 'ingredient-row'},
      combo.element,
      h('div', {class: 'field grams-field'},
        h('div', {class: 'label-row'}, h('label', {for: gramsId}, h('span', {class: 'visually-hidden row-label'}), 'Grams'),
          h('span', {class: 'req', 'aria-hidden': 'true'}, '(required)')),
        grams),
      h('div', {class: 'row-remove'}, remove));
    const row = {element, combo, grams, remove};
    remove.addEventListener('click', () => {
      const at = rows.indexOf(row);
      rows.splice(at, 1);
      element.remove();
      clearErrors(form);
      renumber();
      (rows[at] || rows[at - 1]).combo.input.focus();
    });
    rows.push(row);
    rowsBox.append(element);
    renumber();
    return row;
  }
  addRow.addEventListener('click', () => newRow().combo.input.focus());
  newRow();
  newRow();

  const stepsId = newId('steps');
  const steps = h('div', {class: 'field steps-field'},
    h('div', {class: 'label-row'}, h('label', {for: stepsId}, 'Steps'), h('span', {class: 'req', 'aria-hidden': 'true'}, '(required)')),
    h('textarea', {id: stepsId, name: 'steps', rows: 5, required: true, maxlength: 20000, 'aria-describedby': `${stepsId}-hint`}),
    h('p', {class: 'hint', id: `${stepsId}-hint`}, 'One step per line.'));

  const form = h('form', {class: 'recipe-form', novalidate: true, 'aria-labelledby': 'recipes-add-title'},
    nameField, idField,
    h('div', {class: 'field-pair'},
      field({name: 'servings', label: 'Servings', type: 'number', min: 1, max: 100, step: 'any', inputmode: 'decimal',
        required: true, value: 2}),
      field({name: 'time_active_min', label: 'Active minutes', type: 'number', min: 0, step: 1, inputmode: 'numeric',
        required: true, hint: 'Hands-on cooking.'}),
      field({name: 'time_total_min', label: 'Total minutes', type: 'number', min: 0, step: 1, inputmode: 'numeric',
        required: true, hint: 'Including waiting.'})),
    checkboxGroup({name: 'meal_types', legend: 'Meal types', items: MEAL_TYPES,
      hint: 'A plan puts it only in these meals.'}),
    ingredients, steps,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Add the recipe')));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    // In the browser only what cannot be sent at all; the server judges the rest, field by field.
    const errors = [];
    const number = (name, what) => {
      const raw = form.elements.namedItem(name).value.trim();
      if (raw === '' || !Number.isFinite(Number(raw))) errors.push({field: name, detail: `must be ${what}`});
      return Number(raw);
    };
    const name = form.elements.name.value.trim();
    if (!name) errors.push({field: 'name', detail: 'is required'});
    const id = idInput.value.trim();
    if (!ID_PATTERN.test(id)) {
      errors.push({field: 'id', detail: id ? 'may hold only lower-case letters a–z, digits and dashes' : 'is required'});
    }
    const body = {
      id, name,
      servings: number('servings', 'a number of servings'),
      time_active_min: number('time_active_min', 'a number of minutes'),
      time_total_min: number('time_total_min', 'a number of minutes'),
      meal_types: [...form.querySelectorAll('input[name=meal_types]:checked')].map((c) => c.value),
      ingredients: rows.map((row, i) => {
        const food = row.combo.value();
        if (!/^\d{5}$/.test(String(food))) {
          errors.push({field: `ingredients[${i}].food`, detail: food ? 'is not chosen: pick a food from the list' :
            'is required: type a few letters and choose a food'});
        }
        return {food: String(food), grams: number(`ingredients[${i}].grams`, 'a number of grams')};
      }),
      steps: form.elements.steps.value.split('\n').map((s) => s.trim()).filter(Boolean),
    };
    if (errors.length) {
      report(form, new ApiError(400, {errors}));
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const recipe = await api('POST', '/recipes', body);
      form.reset();
      idTyped = false;
      while (rows.length) rows.pop().element.remove();
      newRow();
      newRow();
      await onAdded(recipe);
    } catch (err) {
      report(form, inWords(err));
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

/** A few of the server's terse rules in everyday words; the field stays the server's. */
function inWords(err) {
  if (!(err instanceof ApiError)) return err;
  for (const e of err.errors) {
    const d = e.detail || '';
    let m;
    if ((m = /^must be > 0, got (.*)$/.exec(d))) e.detail = `must be more than 0 (it is ${m[1]})`;
    else if (d === 'exceeds time_total_min') e.detail = 'may not be more than the total minutes';
    else if (e.field === 'meal_types' && /empty/.test(d)) e.detail = 'must include at least one meal';
    else if (e.field === 'steps' && /empty/.test(d)) e.detail = 'are needed: write at least one';
    else if ((m = /^you already have a recipe "(.*)"$/.exec(d))) e.detail = `"${m[1]}" is already the id of one of your recipes: choose another`;
    else if ((m = /^unknown SR28 food "(.*)"$/.exec(d))) e.detail = `is not a food hearth knows (${m[1]}): choose one from the list`;
  }
  return err;
}

/** Shows err on the form and moves the focus to the first thing it marks. */
function report(form, err) {
  const first = showProblem(form, err);
  if (!first) return;
  if (first.tagName === 'FIELDSET') {
    (first.querySelector('input') || first).focus();
    return;
  }
  if (!first.matches('input, select, textarea, button')) first.setAttribute('tabindex', '-1');
  first.focus();
}
