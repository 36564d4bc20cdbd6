// My recipes: a new account adds a recipe of its own on #/recipes — ingredients picked with the food
// search, a bad grams value named at that ingredient row's Grams and nothing stored, a taken id named
// at the Id field —; the valid recipe's per-serving energy, protein, cost and CO₂e on screen equal
// GET /recipes/{id}, also after a reload; another account neither lists nor opens it; deleting it is
// refused in words while a plan uses it (after a confirmation; declining keeps it) and done once that
// plan is gone; the 375 px layout.

import assert from 'node:assert/strict';
import {PLAN_TIMEOUT_MS, fieldError, shot, suite} from './harness.mjs';

/** A request to /api/v1 from the page, with its session's bearer token: {status, body}. */
function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const r = await fetch(`/api/v1${p}`, {method: m, headers: {Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`,
      ...(b === undefined ? {} : {'Content-Type': 'application/json'})}, body: b === undefined ? undefined : JSON.stringify(b)});
    return {status: r.status, body: r.status === 204 ? null : await r.json()};
  }, [method, path, body]);
}

async function signUp(page, base, name) {
  await page.goto(`${base}/#/signup`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}-${Date.now()}@example.org`);
  await page.getByLabel('Password', {exact: true}).fill('a recipe book passphrase');
  await page.getByRole('button', {name: 'Create account'}).click();
  await page.getByRole('heading', {level: 1, name: 'Your profile'}).waitFor();
}

/** Picks `name` in the combobox labelled `label` with the keyboard: type `words`, ArrowDown to it, Enter. */
async function pickFood(page, label, words, name) {
  const input = page.getByRole('combobox', {name: label, exact: true});
  await input.fill(words);
  const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
  await list.getByRole('option').first().waitFor();
  const options = await list.getByRole('option').allTextContents();
  const index = options.findIndex((t) => t.startsWith(name));
  assert.ok(index >= 0, `${name} is offered (${options.join(' | ')})`);
  for (let i = 0; i <= index; i += 1) await input.press('ArrowDown');
  await input.press('Enter');
  assert.equal(await input.inputValue(), name);
}

const kcalText = (v) => `${new Intl.NumberFormat('en-US', {maximumFractionDigits: 0}).format(v)} kcal`;
const gramsText = (v) => `${new Intl.NumberFormat('en-US', {maximumFractionDigits: 1}).format(v)} g`;
const co2eText = (v) => `${new Intl.NumberFormat('en-US', {maximumFractionDigits: 2}).format(v)} kg CO₂e`;
const costText = (v) => new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'}).format(v);

/** The per-serving facts shown in `box` against the API's recipe. */
async function checkFacts(box, recipe, where) {
  const n = recipe.nutrition_per_serving;
  assert.equal((await box.locator('[data-fact=kcal]').textContent()).trim(), kcalText(n.energy_kcal), `${where}: energy`);
  assert.equal((await box.locator('[data-fact=protein]').textContent()).trim(), gramsText(n.protein_g), `${where}: protein`);
  assert.equal((await box.locator('[data-fact=cost]').textContent()).trim(), costText(recipe.cost_per_serving), `${where}: cost`);
  assert.equal((await box.locator('[data-fact=co2e]').textContent()).trim(), co2eText(recipe.co2e_kg_per_serving), `${where}: CO₂e`);
  const allergens = await box.locator('[data-fact=allergens]').textContent();
  assert.ok(recipe.allergens.includes('milk') && /Milk/.test(allergens), `${where}: milk is named (${allergens})`);
  const diets = await box.locator('[data-fact=diets]').textContent();
  assert.equal(recipe.diets.includes('vegetarian'), /Vegetarian/.test(diets), `${where}: vegetarian fit (${diets})`);
  assert.equal(recipe.diets.includes('vegan'), /Vegan/.test(diets), `${where}: vegan fit (${diets})`);
}

await suite('my recipes', async ({page, base, test, browser, newPage}) => {
  const name = 'Banana oat porridge';
  const id = 'banana-oat-porridge';
  let recipe = null;
  let planId = 0;

  await test('a new account opens My recipes from the navigation: none yet, and what they are for', async () => {
    await signUp(page, base, 'Kim');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'My recipes'}).click();
    await page.getByRole('heading', {level: 1, name: 'My recipes'}).waitFor();
    await page.getByText('You have no recipes of your own yet').waitFor();
    assert.match(await page.locator('.lead').textContent(), /Plans you make from now on may choose them/);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'the focus starts at the heading');
    await shot(page, '70-recipes-empty');
  });

  await test('a bad grams value is named at that ingredient row, and nothing is stored', async () => {
    await page.getByLabel('Name', {exact: true}).fill(name);
    assert.equal(await page.getByLabel('Id', {exact: true}).inputValue(), id, 'the id is made from the name');
    await page.getByLabel('Servings').fill('2');
    await page.getByLabel('Active minutes').fill('10');
    await page.getByLabel('Total minutes').fill('15');
    await page.getByLabel('Breakfast').check();
    await page.getByLabel('Snack').check();
    await pickFood(page, 'Ingredient 1: Food', 'oats', 'Oats');
    await page.getByLabel('Ingredient 1: Grams').fill('80');
    await pickFood(page, 'Ingredient 2: Food', 'milk whole', 'Milk, whole, 3.25% milkfat, with added vitamin D');
    await page.getByLabel('Ingredient 2: Grams').fill('-50');
    await page.getByRole('button', {name: 'Add an ingredient'}).click();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label') ||
      document.activeElement.labels[0].textContent), 'Ingredient 3: Food', 'the new row has the focus');
    await pickFood(page, 'Ingredient 3: Food', 'banana', 'Bananas, raw');
    await page.getByLabel('Ingredient 3: Grams').fill('120');
    await page.getByLabel('Steps').fill('Bring the milk to a simmer.\nStir in the oats and cook for 5 minutes.\n\nSlice the banana on top.');
    await page.getByRole('button', {name: 'Add the recipe'}).click();
    const said = await fieldError(page, 'Ingredient 2: Grams');
    assert.match(said, /^Ingredient 2: Grams must be more than 0 \(it is -50\)$/, said);
    assert.equal(await page.locator('.field-error').count(), 1, 'only that field is marked');
    assert.equal(await page.getByLabel('Ingredient 1: Grams').getAttribute('aria-invalid'), null);
    assert.equal(await page.evaluate(() => document.activeElement.name), 'ingredients[1].grams', 'the focus is on the bad field');
    const mine = await call(page, 'GET', '/recipes?mine=true');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.recipes, [], 'nothing was stored');
    assert.equal((await call(page, 'GET', `/recipes/${id}`)).status, 404);
    await shot(page, '71-recipes-grams-error');
  });

  await test('a valid recipe is added; the nutrition shown is what GET /recipes/{id} derives', async () => {
    await page.getByLabel('Ingredient 2: Grams').fill('300');
    await page.getByRole('button', {name: 'Add the recipe'}).click();
    const added = page.locator('.recipe-added');
    await added.getByRole('heading', {name: `Added “${name}”`}).waitFor();
    const answer = await call(page, 'GET', `/recipes/${id}`);
    assert.equal(answer.status, 200);
    recipe = answer.body;
    assert.equal(recipe.mine, true);
    assert.deepEqual(recipe.ingredients.map((i) => [i.food, i.grams]), [['20038', 80], ['01077', 300], ['09040', 120]]);
    assert.deepEqual(recipe.steps, ['Bring the milk to a simmer.', 'Stir in the oats and cook for 5 minutes.', 'Slice the banana on top.']);
    assert.deepEqual(recipe.meal_types, ['breakfast', 'snack']);
    await checkFacts(added, recipe, 'the added card');
    assert.deepEqual(await added.locator('.ingredients li').evaluateAll((els) => els.map((e) => Number(e.dataset.grams))), [80, 300, 120]);
    // A serving's energy is the ingredients' total over the servings: about (80 g oats + 300 g milk
    // + 120 g banana) / 2, i.e. a few hundred kcal, not a whole pot.
    assert.ok(recipe.nutrition_per_serving.energy_kcal > 300 && recipe.nutrition_per_serving.energy_kcal < 600,
      `${recipe.nutrition_per_serving.energy_kcal} kcal a serving`);
    const item = page.locator(`.my-recipe[data-recipe="${id}"]`);
    await checkFacts(item, recipe, 'the list');
    assert.equal(await page.locator('.my-recipe').count(), 1);
    assert.equal(await page.getByLabel('Name', {exact: true}).inputValue(), '', 'the form is empty again');
    await shot(page, '72-recipes-added');
  });

  await test('an id already taken is named at the Id field', async () => {
    await page.getByLabel('Name', {exact: true}).fill(name);
    await page.getByLabel('Active minutes').fill('5');
    await page.getByLabel('Total minutes').fill('5');
    await page.getByLabel('Breakfast').check();
    await pickFood(page, 'Ingredient 1: Food', 'oats', 'Oats');
    await page.getByLabel('Ingredient 1: Grams').fill('50');
    await page.getByRole('button', {name: 'Remove ingredient 2'}).click();
    assert.equal(await page.locator('.ingredient-row').count(), 1);
    await page.getByLabel('Steps').fill('Soak overnight.');
    await page.getByRole('button', {name: 'Add the recipe'}).click();
    assert.match(await fieldError(page, 'Id'), /^Id: "banana-oat-porridge" is already the id of one of your recipes: choose another$/);
    await page.getByLabel('Id', {exact: true}).fill('bc-aelplermagronen');
    await page.getByRole('button', {name: 'Add the recipe'}).click();
    await page.getByText('is a recipe of the library').waitFor();
    assert.match(await fieldError(page, 'Id'), /is a recipe of the library; choose another id/);
    assert.equal((await call(page, 'GET', '/recipes?mine=true')).body.recipes.length, 1, 'still one recipe');
  });

  await test('the recipe is still listed after a reload', async () => {
    await page.reload();
    const item = page.locator(`.my-recipe[data-recipe="${id}"]`);
    await item.waitFor();
    assert.equal(await item.locator('.recipe-name').textContent(), name);
    await checkFacts(item, recipe, 'after a reload');
    assert.match(await page.getByRole('heading', {name: /^Your recipes/}).textContent(), /\(1\)/);
  });

  await test('another account neither lists nor opens it', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const other = await newPage(context);
    await signUp(other, base, 'Lee');
    const mine = await call(other, 'GET', '/recipes?mine=true');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.recipes, []);
    assert.equal((await call(other, 'GET', `/recipes/${id}`)).status, 404);
    const all = await call(other, 'GET', `/recipes?q=${encodeURIComponent('banana oat')}&limit=500`);
    assert.ok(!all.body.recipes.some((r) => r.id === id), 'not among the library either');
    await other.goto(`${base}/#/recipes`);
    await other.getByText('You have no recipes of your own yet').waitFor();
    await context.close();
  });

  await test('while a plan uses it, deleting is refused in words; declining keeps it', async () => {
    // A plan of this account that has the recipe for day 1's breakfast.
    const profile = await call(page, 'POST', '/profiles', {name: 'Kim', age_years: 30, sex: 'female', height_cm: 165,
      weight_kg: 60, activity: 'active'});
    assert.equal(profile.status, 201, JSON.stringify(profile.body));
    const plan = await page.evaluate(async ([pid, timeout]) => {
      const r = await fetch('/api/v1/plans', {method: 'POST', signal: AbortSignal.timeout(timeout),
        headers: {Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`, 'Content-Type': 'application/json'},
        body: JSON.stringify({profile_ids: [pid], days: 7})});
      return {status: r.status, body: await r.json()};
    }, [profile.body.id, PLAN_TIMEOUT_MS]);
    assert.ok(plan.status === 200 || plan.status === 201, JSON.stringify(plan.body).slice(0, 300));
    planId = plan.body.id;
    const swap = await call(page, 'POST', `/plans/${planId}/swap`, {day: 1, slot: 'breakfast', recipe: id, servings: 1});
    assert.equal(swap.status, 200, JSON.stringify(swap.body).slice(0, 300));

    // The card says which plan has it, as a link to that plan (after a reload: the list is read afresh).
    await page.reload();
    const item = page.locator(`.my-recipe[data-recipe="${id}"]`);
    const used = item.locator('.used-in-plans');
    await used.waitFor();
    assert.equal((await used.textContent()).trim(), `A meal in your plan ${planId}.`);
    assert.equal(await used.getByRole('link', {name: `plan ${planId}`}).getAttribute('href'), `#/plans/${planId}`);
    assert.deepEqual((await call(page, 'GET', `/recipes/${id}`)).body.used_in_plans, [planId]);

    await item.getByRole('button', {name: `Delete ${name}`}).click();
    const box = item.locator('.confirm');
    assert.match(await box.textContent(), /Plans you make from now on can no longer choose it/);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Yes, delete it', 'the focus is on Yes');
    await item.getByRole('button', {name: 'Keep it'}).click();
    assert.equal(await item.locator('.confirm').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), `Delete ${name}`, 'the focus is back on Delete');
    await item.getByRole('button', {name: `Delete ${name}`}).click();
    await item.getByRole('button', {name: 'Yes, delete it'}).click();
    const error = box.locator('.form-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal((await error.textContent()).trim(), `“${name}” could not be deleted: It is a meal in your plan ${planId}. ` +
      'Swap that meal for another one, or delete the plan, and then delete the recipe.');
    assert.equal(await item.getByRole('button', {name: 'Yes, delete it'}).isDisabled(), false, 'the buttons work again');
    assert.equal((await call(page, 'GET', `/recipes/${id}`)).status, 200, 'still there');
    await shot(page, '73-recipes-delete-refused');
    await item.getByRole('button', {name: 'Keep it'}).click();
  });

  await test('once the plan is gone, delete removes it, also after a reload', async () => {
    assert.equal((await call(page, 'DELETE', `/plans/${planId}`)).status, 204);
    const item = page.locator(`.my-recipe[data-recipe="${id}"]`);
    await item.getByRole('button', {name: `Delete ${name}`}).click();
    await item.getByRole('button', {name: 'Yes, delete it'}).click();
    await page.getByText(`Deleted “${name}”.`).waitFor();
    assert.equal(await page.locator('.my-recipe').count(), 0);
    assert.equal((await call(page, 'GET', `/recipes/${id}`)).status, 404);
    assert.deepEqual((await call(page, 'GET', '/recipes?mine=true')).body.recipes, []);
    await page.reload();
    await page.getByText('You have no recipes of your own yet').waitFor();
    assert.equal(await page.locator('.my-recipe').count(), 0);
  });

  await test('the screen fits 375 px, with a recipe listed and an error shown', async () => {
    // One recipe again, through the API, for the list.
    const again = await call(page, 'POST', '/recipes', {id: 'kims-porridge', name: 'Kim’s porridge', servings: 1,
      time_active_min: 5, time_total_min: 10, meal_types: ['breakfast'],
      ingredients: [{food: '20038', grams: 60}, {food: '01077', grams: 200}], steps: ['Cook.']});
    assert.equal(again.status, 201);
    await page.setViewportSize({width: 375, height: 800});
    await page.reload();
    await page.locator('.my-recipe').first().waitFor();
    await page.getByRole('button', {name: 'Add the recipe'}).click();
    await fieldError(page, 'Name');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await shot(page, '74-recipes-375');
    await page.setViewportSize({width: 1280, height: 900});
    await page.reload();
    await page.locator('.my-recipe').first().waitFor();
    await shot(page, '75-recipes-1280');
  });
});
