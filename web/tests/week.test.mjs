// The screens around a week plan: the nutrient coverage chart (checked against the stored plan
// document), a meal's detail (why, the recipe scaled to the planned servings, alternatives), swapping
// a meal (the grid and the stored plan show it), the shopping list (vendor totals, badges, ticks kept
// over a reload) and its CSV download, and the person's data export from the privacy page (the file
// holds the swapped plan).

import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {PLAN_TIMEOUT_MS, fillProfileWizard, shot, suite} from './harness.mjs';

/** GET /api/v1{path} from the page with the session's bearer token (sessionStorage). */
function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, {headers: {Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`}});
    if (!r.ok) throw new Error(`GET ${p}: HTTP ${r.status}`);
    return r.json();
  }, path);
}

const close = (a, b, what, rel = 1e-9) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b}`);

/** A minimal RFC 4180 reader: rows of fields (quoted fields may hold commas and quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

await suite('week plan: coverage, meals, swap, shopping list', async ({page, base, test}) => {
  const email = `week-${Date.now()}@example.org`;
  let planId = '';
  let planUrl = '';
  let doc = null;
  let swapped = null;  // {day, slot, recipe, name}

  await test('sign up and save a profile', async () => {
    await page.goto(`${base}/#/signup`);
    await page.getByRole('heading', {level: 1, name: 'Create your account'}).waitFor();
    await page.getByLabel('Your name').fill('Sam');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', {exact: true}).fill('correct horse battery staple');
    await page.getByRole('button', {name: 'Create account'}).click();
    await page.getByRole('heading', {level: 1, name: 'Your profile'}).waitFor();
    await fillProfileWizard(page, {name: 'Sam', age: 41, sex: 'male', height: 178, weight: 76, budget: 80});
  });

  await test('plan a week; the plan screen links to the chart, the meals and the shopping list', async () => {
    await page.getByRole('link', {name: 'Plan my week'}).click();
    await page.getByRole('button', {name: 'Plan my week'}).click();
    await page.locator('table.week').waitFor({timeout: PLAN_TIMEOUT_MS});
    planUrl = page.url();
    planId = planUrl.match(/#\/plans\/(\d+)$/)[1];
    const nav = page.getByRole('navigation', {name: 'This plan'});
    assert.equal(await nav.getByRole('link', {name: 'Nutrient coverage'}).getAttribute('href'), `#/plans/${planId}/nutrients`);
    assert.equal(await nav.getByRole('link', {name: 'Shopping list'}).getAttribute('href'), `#/plans/${planId}/shopping`);
    const links = page.locator('table.week td.meal a.recipe');
    assert.equal(await links.count(), 28, 'every meal of 7 days × 4 is a link');
    assert.equal(await links.first().getAttribute('href'), `#/plans/${planId}/meals/1/breakfast`);
    doc = (await apiGet(page, `/plans/${planId}`)).plan;
    await shot(page, '20-week-links');
  });

  /** Checks every bar of the chart on screen against the plan document: day null = the week. */
  async function checkChart(day) {
    const person = doc.people[0];
    const totals = doc.days.map((d) => d.people.find((p) => p.person === person.id).totals);
    const coverage = new Map(doc.coverage[0].nutrients.map((c) => [c.nutrient, c]));
    const rows = await page.locator('.cov-row').evaluateAll((els) => els.map((el) => ({
      nutrient: el.dataset.nutrient, value: Number(el.dataset.value), percent: Number(el.dataset.percent),
      status: el.dataset.status, statusText: el.querySelector('.cov-status').textContent,
      amount: el.querySelector('.cov-amount').textContent,
      width: Number(el.querySelector('.cov-fill').getAttribute('width')),
      over: !!el.querySelector('.cov-over'),
      min: el.querySelector('.cov-min') ? Number(el.querySelector('.cov-min').getAttribute('x1')) : null,
      max: el.querySelector('.cov-max') ? Number(el.querySelector('.cov-max').getAttribute('x1')) : null,
    })));
    const scale = Number(await page.locator('.cov-chart').getAttribute('data-scale'));
    const targets = Object.entries(person.targets).filter(([, t]) => t.min !== null || t.max !== null);
    assert.equal(rows.length, targets.length, 'one bar per nutrient with a target');
    for (const r of rows) {
      const t = person.targets[r.nutrient];
      assert.ok(t, `${r.nutrient} has a target`);
      const value = day === null ? totals.reduce((s, x) => s + x[r.nutrient], 0) / totals.length : totals[day - 1][r.nutrient];
      close(r.value, value, `${r.nutrient} amount`);
      const base = t.min ?? t.max;
      close(r.percent, (value / base) * 100, `${r.nutrient} percent`);
      const x = (p) => Math.min(100, Math.max(0, (p / scale) * 100));
      const mark = (p) => Math.min(99.5, x(p));
      close(r.width, x((value / base) * 100), `${r.nutrient} bar length`, 1e-6);
      assert.equal(r.over, (value / base) * 100 > scale, `${r.nutrient}: an arrowhead only when the bar runs off the scale`);
      if (t.min !== null) close(r.min, mark(100), `${r.nutrient} minimum mark`, 1e-6);
      else assert.equal(r.min, null);
      if (t.max !== null) close(r.max, mark((t.max / base) * 100), `${r.nutrient} maximum mark`, 1e-6);
      else assert.equal(r.max, null);
      assert.match(r.amount, new RegExp(`${Math.round((value / base) * 100).toLocaleString('en-US')} % of (min|max)`));
      let status;
      if (day === null) {
        const c = coverage.get(r.nutrient);
        status = c.status === 'ok' ? 'met' : c.status === 'high' ? 'high' : 'low';
      } else {
        const tol = 5e-4;
        status = t.min !== null && value < t.min * (1 - tol) ? 'low' : t.max !== null && value > t.max * (1 + tol) ? 'high' : 'met';
      }
      assert.equal(r.status, status, `${r.nutrient} status`);
      const words = {met: /Met/, low: /[Bb]elow the minimum/, high: /[Aa]bove the maximum/}[status];
      assert.match(r.statusText, words, `${r.nutrient}: the status is in words`);
    }
    return rows;
  }

  await test('the coverage chart matches the stored plan, for the week and for a day', async () => {
    await page.getByRole('link', {name: 'Nutrient coverage'}).click();
    await page.getByRole('heading', {level: 1, name: 'Nutrient coverage'}).waitFor();
    await page.locator('.cov-row').first().waitFor();
    assert.match(await page.locator('.cov-chart figcaption').textContent(), /the week, average a day: \d+ met/);
    await checkChart(null);
    // The table alternative has the same rows and the week's totals.
    const table = page.locator('.cov-table table tbody tr');
    assert.equal(await table.count(), await page.locator('.cov-row').count());
    await shot(page, '21-coverage-week');
    await page.getByLabel('Show').selectOption('3');
    await page.locator('.cov-chart figcaption', {hasText: 'day 3'}).waitFor();
    await checkChart(3);
    assert.match(page.url(), /nutrients\?day=3$/, 'the day is kept in the address');
    await shot(page, '22-coverage-day-3');
    await page.reload();
    await page.locator('.cov-chart figcaption', {hasText: 'day 3'}).waitFor();
    await checkChart(3);
    await page.setViewportSize({width: 375, height: 800});
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375, 'the chart fits 375 px');
    await shot(page, '23-coverage-375px');
    await page.setViewportSize({width: 1280, height: 900});
  });

  let mealUrl = '';
  await test('a meal: why it was chosen and its recipe scaled to the planned servings', async () => {
    await page.goto(planUrl);
    // Choose a meal whose servings differ from its recipe's own, so scaling is visible.
    const cells = doc.plan.cells.filter((c) => !c.skipped);
    let cell = null;
    let recipe = null;
    for (const c of cells) {
      const r = await apiGet(page, `/recipes/${c.recipe}`);
      if (r.servings !== c.servings) { cell = c; recipe = r; break; }
    }
    assert.ok(cell, 'a meal whose servings differ from the recipe’s');
    await page.locator(`tr[data-day="${cell.day}"] td[data-slot="${cell.slot}"] a`).click();
    await page.getByRole('heading', {level: 2, name: 'Why this recipe'}).waitFor();
    mealUrl = page.url();
    assert.ok(mealUrl.endsWith(`#/plans/${planId}/meals/${cell.day}/${cell.slot}`), mealUrl);
    assert.match(await page.locator('h1').textContent(), new RegExp(cell.name.replace(/[()]/g, '.')));
    const why = await page.locator('.why-list li').count();
    assert.equal(why, cell.why.length, 'one line per nutrient of the why');
    await page.locator('.recipe-detail .ingredients li').first().waitFor();
    // Ingredient grams = the recipe's own grams × planned servings ÷ the recipe's servings.
    const shown = await page.locator('.recipe-detail .ingredients li').evaluateAll((els) =>
      els.map((el) => ({food: el.dataset.food, grams: Number(el.dataset.grams), text: el.textContent})));
    assert.equal(shown.length, recipe.ingredients.length);
    for (let i = 0; i < shown.length; i += 1) {
      const expected = recipe.ingredients[i].grams * cell.servings / recipe.servings;
      assert.ok(Math.abs(shown[i].grams - expected) <= 0.05 + 1e-3 * expected, `${shown[i].food}: ${shown[i].grams} g vs ${expected} g`);
      const grams = shown[i].grams.toLocaleString('en-US', {maximumFractionDigits: 1});
      assert.ok(shown[i].text.startsWith(`${grams} g`), `the amount is shown: ${shown[i].text}`);
    }
    assert.match(await page.locator('.recipe-detail').textContent(), /amounts are scaled/);
    assert.ok(await page.locator('.steps-list li').count() >= 1, 'the steps are listed');
    await shot(page, '24-meal');
  });

  await test('swap to an alternative: progress, then the week with the change marked, kept after reload', async () => {
    const alt = page.locator('.alternative').first();
    await alt.waitFor();
    const recipe = await alt.getAttribute('data-recipe');
    const name = (await alt.locator('.alt-text a').textContent()).trim();
    assert.match(await alt.textContent(), /[+−±][\d.,]+ points/, 'the swap’s cost is shown');
    const [, day, slot] = mealUrl.match(/meals\/(\d+)\/(\w+)$/);
    swapped = {day: Number(day), slot, recipe, name};
    await alt.getByRole('button', {name: `Swap to ${name}`}).click();
    await page.locator('.progress progress').waitFor({state: 'visible', timeout: 5_000});
    assert.ok(await alt.getByRole('button').isDisabled(), 'no second swap while one runs');
    await page.locator('.swap-result').waitFor({timeout: PLAN_TIMEOUT_MS});
    assert.equal(page.url(), planUrl);
    const cell = page.locator(`tr[data-day="${day}"] td[data-slot="${slot}"]`);
    assert.equal(await cell.getAttribute('data-recipe'), recipe, 'the grid has the new recipe in that slot');
    assert.match(await cell.getAttribute('class'), /changed/);
    assert.match(await cell.textContent(), /Changed/);
    assert.match(await page.locator('.swap-result').textContent(), new RegExp(`Day ${day} ${slot} is now ${name.replace(/[()]/g, '.')}`));
    const changedCount = await page.locator('td.meal.changed').count();
    assert.ok(changedCount >= 1);
    assert.match(await page.locator('.swap-result').textContent(), new RegExp(`${changedCount} meals? changed`));
    await shot(page, '25-after-swap');
    await page.reload();
    await page.locator('table.week').waitFor();
    assert.equal(await page.locator(`tr[data-day="${day}"] td[data-slot="${slot}"]`).getAttribute('data-recipe'), recipe);
    assert.equal(await page.locator('.swap-result').count(), 0, 'the change marks are shown once');
    const stored = (await apiGet(page, `/plans/${planId}`)).plan;
    const storedCell = stored.plan.cells.find((c) => c.day === Number(day) && c.slot === slot);
    assert.equal(storedCell.recipe, recipe, 'the stored plan has the new recipe');
    assert.deepEqual(stored.request.fixed.map((f) => [f.day, f.slot, f.recipe]), [[Number(day), slot, recipe]]);
    doc = stored;
    await page.setViewportSize({width: 375, height: 800});
    await page.goto(mealUrl);
    await page.getByRole('heading', {level: 2, name: 'Why this recipe'}).waitFor();
    assert.match(await page.locator('h1').textContent(), new RegExp(name.replace(/[()]/g, '.')));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375, 'the meal fits 375 px');
    await shot(page, '26-meal-375px');
    await page.setViewportSize({width: 1280, height: 900});
  });

  let items = [];
  await test('shopping list: vendors with totals that add up, provenance badges', async () => {
    await page.goto(planUrl);
    await page.getByRole('link', {name: 'Shopping list'}).click();
    await page.getByRole('heading', {level: 1, name: 'Shopping list'}).waitFor();
    await page.locator('section.vendor').first().waitFor({timeout: 60_000});
    const vendors = await page.locator('section.vendor').evaluateAll((els) => els.map((el) => ({
      name: el.querySelector('h2').textContent,
      total: el.querySelector('[data-vendor-total]').textContent,
      cost: Number(el.dataset.cost),
      items: [...el.querySelectorAll('.shop-item')].map((li) => ({price: Number(li.dataset.price),
        quantity: Number(li.dataset.quantity), cost: Number(li.dataset.cost), shown: li.querySelector('.shop-cost').textContent})),
    })));
    assert.ok(vendors.length >= 1, 'grouped by vendor');
    let overall = 0;
    for (const v of vendors) {
      const sum = v.items.reduce((s, i) => s + i.price * i.quantity, 0);
      assert.ok(Math.abs(sum - v.cost) < 0.005 * v.items.length + 1e-9, `${v.name}: items ${sum} vs total ${v.cost}`);
      assert.equal(v.total, `$${v.cost.toFixed(2)}`, `${v.name}'s total is shown`);
      for (const i of v.items) assert.equal(i.shown, `$${i.cost.toFixed(2)}`);
      overall += v.cost;
    }
    const shownTotal = await page.locator('[data-total=shop-cost]').textContent();
    assert.equal(shownTotal, `$${overall.toFixed(2)}`, 'the overall total is the sum of the vendors');
    const badges = await page.locator('.shop-item .badge').allTextContents();
    assert.ok(badges.some((b) => /^(Local farm|Greenhouse|Lab-grown|Imported|Wild-caught)$/.test(b)), 'a provenance badge');
    assert.ok(badges.some((b) => /^[\d.]+ kg CO₂e/.test(b)), 'a CO2e badge');
    assert.ok(badges.some((b) => /^\d[\d,]* km from /.test(b)), 'a distance badge');
    items = await page.locator('.shop-item').count();
    await shot(page, '27-shopping');
  });

  await test('a ticked item stays ticked after a reload', async () => {
    const box = page.locator('.shop-item input[type=checkbox]').nth(1);
    const key = await box.getAttribute('data-key');
    await box.check();
    assert.match(await page.locator('.shop-item').nth(1).getAttribute('class'), /ticked/);
    await page.reload();
    await page.locator('section.vendor').first().waitFor({timeout: 60_000});
    const again = page.locator(`.shop-item input[data-key="${key}"]`);
    assert.ok(await again.isChecked(), 'still ticked');
    assert.equal(await page.locator('.shop-item input:checked').count(), 1, 'only that one');
    const stored = await page.evaluate((id) => localStorage.getItem(`hearth.shopping.${id}`), planId);
    assert.deepEqual(JSON.parse(stored), [key]);
    await page.setViewportSize({width: 375, height: 800});
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375, 'the list fits 375 px');
    await shot(page, '28-shopping-375px');
    await page.setViewportSize({width: 1280, height: 900});
  });

  await test('download the list as CSV: header and one row per item', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', {name: 'Download CSV'}).click(),
    ]);
    assert.equal(download.suggestedFilename(), `shopping-plan-${planId}.csv`);
    assert.match(download.url(), /^blob:/);
    const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(rows[0].slice(0, 6), ['status', 'vendor_id', 'vendor_name', 'vendor_kind', 'vendor_distance_km', 'aisle']);
    assert.ok(rows[0].includes('cost') && rows[0].includes('production'));
    assert.equal(rows.length - 1, items, 'one row per item on the list');
    const costCol = rows[0].indexOf('cost');
    const statusCol = rows[0].indexOf('status');
    const csvTotal = rows.slice(1).filter((r) => r[statusCol] === 'buy').reduce((s, r) => s + Number(r[costCol]), 0);
    const shownTotal = Number((await page.locator('[data-total=shop-cost]').textContent()).replace(/[^\d.]/g, ''));
    assert.ok(Math.abs(csvTotal - shownTotal) < 0.01 * rows.length, `CSV ${csvTotal} vs list ${shownTotal}`);
    await page.getByRole('status').filter({hasText: `Saved shopping-plan-${planId}.csv`}).waitFor();
  });

  await test('export my data from the privacy page: the file holds the swapped plan and the account', async () => {
    await page.getByRole('banner').getByRole('link', {name: 'Privacy', exact: true}).click();
    await page.getByRole('heading', {level: 1, name: 'Privacy'}).waitFor();
    assert.match(page.url(), /#\/privacy$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', {name: 'Download my data'}).click(),
    ]);
    assert.match(download.suggestedFilename(), /^hearth-export-\d{4}-\d\d-\d\d\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.format, 'hearth-export');
    assert.equal(exported.account.email, email, 'the file is this account’s');
    const plan = (exported.plans || []).find((p) => String(p.id) === planId);
    assert.ok(plan, 'the plan is in the file');
    const cell = plan.plan.plan.cells.find((c) => c.day === swapped.day && c.slot === swapped.slot);
    assert.equal(cell.recipe, swapped.recipe, 'with the swapped recipe in its slot');
    // Compared as JSON: the file is written with JSON.stringify, which writes -0 as 0.
    assert.deepEqual(plan.plan, JSON.parse(JSON.stringify(doc)), 'the plan as stored after the swap');
    await page.getByRole('status').filter({hasText: `Saved ${download.suggestedFilename()}`}).waitFor();
    assert.match(await page.locator('.export-status').textContent(), new RegExp(`${exported.plans.length} plan\\(s\\)`));
    await shot(page, '29-week-privacy-export');
  });
});
