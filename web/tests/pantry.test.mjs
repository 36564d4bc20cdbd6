// The pantry: add a food found by searching (keyboard combobox), a bad amount named at its field, use
// part of a lot (the amount left, after a reload, is what the server holds), lots that expire soon
// and expired ones flagged and listed first, removing a lot, and the 375 px layout.

import assert from 'node:assert/strict';
import {fieldError, shot, suite} from './harness.mjs';

/** YYYY-MM-DD, `days` from today (UTC, as the server counts). */
function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** GET /api/v1/pantry with the page's session. */
async function pantry(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/pantry', {headers: {Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`}});
    return r.json();
  });
}

/** Picks a food in the add form's combobox with the keyboard: type, ArrowDown to `name`, Enter. */
async function pickFood(page, words, name) {
  const input = page.getByRole('combobox', {name: 'Food'});
  await input.fill(words);
  const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
  assert.equal(await list.getAttribute('role'), 'listbox');
  const option = list.getByRole('option', {name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)}).first();
  await option.waitFor();
  const options = await list.getByRole('option').allTextContents();
  const index = options.findIndex((t) => t.startsWith(name));
  assert.ok(index >= 0, `${name} is offered (${options.join(' | ')})`);
  for (let i = 0; i <= index; i += 1) await input.press('ArrowDown');
  assert.equal(await page.locator(`#${await input.getAttribute('aria-activedescendant')}`).getAttribute('aria-selected'), 'true');
  await input.press('Enter');
  assert.equal(await input.inputValue(), name);
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
}

await suite('pantry', async ({page, base, test}) => {
  const lentils = 'Lentils, raw';

  await test('a new account sees its own, empty pantry', async () => {
    await page.goto(`${base}/#/signup`);
    await page.getByLabel('Your name').fill('Pat');
    await page.getByLabel('Email').fill(`pantry-${Date.now()}@example.org`);
    await page.getByLabel('Password', {exact: true}).fill('a pantry passphrase');
    await page.getByRole('button', {name: 'Create account'}).click();
    await page.getByRole('heading', {level: 1, name: 'Your profile'}).waitFor();
    await page.getByRole('link', {name: 'Pantry'}).click();
    await page.getByRole('heading', {level: 1, name: 'Pantry'}).waitFor();
    await page.getByText('Your own pantry').waitFor();
    await page.getByText('The pantry is empty').waitFor();
  });

  await test('a food found by searching is added with its amount, unit and date', async () => {
    await pickFood(page, 'lentils raw', lentils);
    // The food's own measures are offered as units once it is chosen.
    await page.locator('select[name=unit] option[value=cup]').first().waitFor({state: 'attached'});
    await page.getByLabel('Amount', {exact: true}).fill('0.5');
    await page.getByLabel('Unit', {exact: true}).selectOption('kg');
    await page.getByLabel('Best before').fill(day(60));
    await page.getByLabel('Where it is kept').fill('cupboard');
    await shot(page, '20-pantry-add');
    await page.getByRole('button', {name: 'Add to the pantry'}).click();
    await page.getByText(`Added 500 g of ${lentils}.`).waitFor();
    const item = page.locator('.pantry-item', {hasText: lentils});
    assert.equal(await item.locator('.pantry-amount').textContent(), '500 g');
    const items = (await pantry(page)).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].grams, 500);
    assert.equal(items[0].expiry, day(60));
  });

  await test('a bad amount is refused, with the reason at the Amount field', async () => {
    await pickFood(page, 'lentils raw', lentils);
    await page.getByLabel('Amount', {exact: true}).fill('-2');
    await page.getByRole('button', {name: 'Add to the pantry'}).click();
    const text = await fieldError(page, 'Amount');
    assert.match(text, /^Amount must be a number more than 0 \(it is -2\)$/);
    assert.equal(await page.evaluate(() => document.activeElement.name), 'amount', 'the focus is on the bad field');
    await shot(page, '21-pantry-amount-error');
    // A unit the food has no conversion for is named at the unit, not the amount.
    assert.equal((await pantry(page)).items.length, 1, 'nothing was added');
  });

  await test('using part of a lot leaves the right amount, also after a reload', async () => {
    const item = page.locator('.pantry-item', {hasText: lentils});
    await item.getByRole('button', {name: `Use some of ${lentils}`}).click();
    await item.getByLabel('Amount to use').fill('150');
    await item.getByRole('button', {name: `Use ${lentils}`}).click();
    await page.getByText(`Used 150 g of ${lentils}.`).waitFor();
    assert.equal(await page.locator('.pantry-item', {hasText: lentils}).locator('.pantry-amount').textContent(), '350 g');
    await page.reload();
    await page.getByRole('heading', {level: 1, name: 'Pantry'}).waitFor();
    const amount = page.locator('.pantry-item', {hasText: lentils}).locator('.pantry-amount');
    await amount.waitFor();
    const grams = (await pantry(page)).items[0].grams;
    assert.equal(grams, 350);
    assert.equal(await amount.textContent(), `${grams} g`);
  });

  await test('using more than there is names the amount and changes nothing', async () => {
    const item = page.locator('.pantry-item', {hasText: lentils});
    await item.getByRole('button', {name: `Use some of ${lentils}`}).click();
    await item.getByLabel('Amount to use').fill('2');
    await item.getByLabel('Unit').selectOption('kg');
    await item.getByRole('button', {name: `Use ${lentils}`}).click();
    const error = item.locator('.field-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Amount to use is more than the pantry holds: asked for 2,000 g, there is 350 g in 1 lot');
    assert.equal(await item.getByLabel('Amount to use').getAttribute('aria-invalid'), 'true');
    assert.equal((await pantry(page)).items[0].grams, 350);
  });

  await test('lots that expire soon are flagged and listed first; expired ones are marked', async () => {
    await pickFood(page, 'milk whole 3.25', 'Milk, whole, 3.25% milkfat, with added vitamin D');
    await page.getByLabel('Amount', {exact: true}).fill('1000');
    await page.getByLabel('Best before').fill(day(2));
    await page.getByRole('button', {name: 'Add to the pantry'}).click();
    await page.getByText(/^Added 1 kg of Milk/).waitFor();
    await pickFood(page, 'yogurt plain whole', 'Yogurt, plain, whole milk, 8 grams protein per 8 ounce');
    await page.getByLabel('Amount', {exact: true}).fill('400');
    await page.getByLabel('Best before').fill(day(-1));
    await page.getByRole('button', {name: 'Add to the pantry'}).click();
    await page.getByText(/^Added 400 g of Yogurt/).waitFor();

    const api = (await pantry(page)).items;
    const soon = api.filter((i) => i.days_left !== null && i.days_left <= 3).map((i) => String(i.id));
    assert.equal(soon.length, 2, 'the milk and the yogurt are within 3 days');
    const listed = await page.locator('.pantry-soon .pantry-item').evaluateAll((els) => els.map((e) => e.dataset.item));
    const order = [...api].filter((i) => soon.includes(String(i.id))).sort((a, b) => a.days_left - b.days_left).map((i) => String(i.id));
    assert.deepEqual(listed, order, 'the use-soon list holds exactly those, the expired one first');
    const first = page.locator('.pantry-item').first();
    assert.match(await first.textContent(), /Yogurt/);
    assert.equal(await first.locator('.badge').textContent(), 'Expired');
    assert.match(await first.textContent(), /Expired .*\(1 day ago\)/);
    const milk = page.locator('.pantry-soon .pantry-item', {hasText: 'Milk, whole'});
    assert.equal(await milk.locator('.badge').textContent(), 'Use soon');
    assert.match(await milk.textContent(), /Expires in 2 days/);
    // The lentils (60 days) are not flagged.
    assert.equal(await page.locator('.pantry-soon .pantry-item', {hasText: lentils}).count(), 0);
    assert.equal(await page.locator('.pantry-item', {hasText: lentils}).locator('.badge').count(), 0);
    // The Use-soon section comes before the rest on the page.
    const [soonY, restY] = await Promise.all(['#pantry-soon-title', '#pantry-all-title'].map((s) =>
      page.locator(s).evaluate((el) => el.getBoundingClientRect().top)));
    assert.ok(soonY < restY);
    await shot(page, '22-pantry-expiring');

    // N days: within 0 days only the expired yogurt is left in the list.
    await page.getByLabel(/expires within \(days\)/).fill('0');
    await page.getByRole('button', {name: 'Show'}).click();
    await page.waitForURL(/#\/pantry\?within=0$/);
    await page.getByRole('heading', {name: 'Use soon (1)'}).waitFor();
    assert.match(await page.locator('.pantry-soon').textContent(), /Yogurt/);
    await page.getByLabel(/expires within \(days\)/).fill('90');
    await page.getByRole('button', {name: 'Show'}).click();
    await page.getByRole('heading', {name: 'Use soon (3)'}).waitFor();
  });

  await test('a lot is removed after a confirmation', async () => {
    const item = page.locator('.pantry-item', {hasText: 'Milk, whole'});
    await item.getByRole('button', {name: /^Remove Milk/}).click();
    await item.getByRole('button', {name: 'Yes, remove'}).click();
    await page.getByText(/^Removed Milk/).waitFor();
    assert.equal(await page.locator('.pantry-item', {hasText: 'Milk, whole'}).count(), 0);
    const items = (await pantry(page)).items;
    assert.equal(items.length, 2);
    assert.ok(!items.some((i) => /Milk/.test(i.food_name)));
  });

  await test('the pantry fits 375 px', async () => {
    await page.goto(`${base}/#/pantry`);
    await page.getByRole('heading', {level: 1, name: 'Pantry'}).waitFor();
    await page.locator('.pantry-item').first().waitFor();
    await shot(page, '23-pantry-1280');
    await page.setViewportSize({width: 375, height: 800});
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await page.locator('.pantry-item', {hasText: lentils}).getByRole('button', {name: `Use some of ${lentils}`}).click();
    await shot(page, '24-pantry-375');
    await page.setViewportSize({width: 1280, height: 900});
  });
});
