// A vendor's stall: the demo vendor account signs in and sees its products; a stock CSV with one bad
// line is refused as a whole (the line and column named, nothing changed on the server); a good one
// adds its products; a price edited in place is kept after a reload; a negative price is named at
// the price field; the 375 px layout.

import assert from 'node:assert/strict';
import {shot, suite} from './harness.mjs';

const VENDOR = 'green-acre-stall';

/** GET /api/v1<path> with the page's session. */
async function get(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, {headers: {Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`}});
    return r.json();
  }, path);
}

/** The vendor's product `id` for food `food` as GET /products lists it, or undefined. */
async function product(page, food, id) {
  return (await get(page, `/products?food=${food}`)).products.find((p) => p.vendor_id === VENDOR && p.id === id);
}

function csv(lines) {
  return {name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`)};
}

const HEADER = 'vendor_id,id,name,food,package_g,price,stock,production,organic';

await suite('vendor stall', async ({page, base, server, test}) => {
  const email = Object.keys(server.accounts).find((e) => server.accounts[e].role === 'vendor');
  let before = 0;

  await test('the demo vendor signs in and sees its own stall and products', async () => {
    await page.goto(`${base}/#/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(server.accounts[email].password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    await page.getByRole('link', {name: 'My stall'}).click();
    await page.getByRole('heading', {level: 1, name: 'My stall'}).waitFor();
    const vendor = await get(page, `/vendors/${VENDOR}`);
    before = vendor.products.length;
    assert.ok(before > 0);
    await page.getByRole('heading', {level: 2, name: vendor.name}).waitFor();
    await page.getByRole('heading', {level: 2, name: `Products (${before})`}).waitFor();
    assert.equal(await page.locator('table.products tbody tr').count(), before);
    const basil = vendor.products.find((p) => p.id === '02044');
    assert.equal(await page.getByLabel(`Price of ${basil.name}`).inputValue(), String(basil.price));
    assert.equal(await page.getByLabel(`Stock of ${basil.name}`).inputValue(), String(basil.stock));
    await page.getByText(/All or nothing/).waitFor();
    await shot(page, '30-stall');
  });

  await test('a CSV with one bad line imports nothing and names the line and column', async () => {
    const basilBefore = await product(page, '02044', '02044');
    await page.getByLabel('Stock file (CSV)').setInputFiles(csv([
      HEADER,
      `${VENDOR},lentils-1kg,"Lentils, 1 kg",16069,1000,3.10,12,local_farm,true`,
      `${VENDOR},02044,"Basil, 30 g",02044,30,9.99,5,greenhouse,true`,
      `${VENDOR},beans-500,"Kidney beans, 500 g",16027,500,abc,5,local_farm,false`,
    ]));
    await page.getByRole('button', {name: 'Upload and import'}).click();
    const box = page.locator('.import-errors');
    await box.waitFor();
    assert.equal(await box.getAttribute('role'), 'alert');
    assert.match(await box.locator('h3').textContent(), /^Nothing was imported: 1 problem in stock\.csv$/);
    const items = await box.locator('li').allTextContents();
    assert.deepEqual(items, ['Line 4, column price: "abc" is not a number']);
    assert.equal(await box.locator('li').first().getAttribute('data-line'), '4');
    // Nothing changed: the good lines of the file were not imported either.
    assert.equal(await product(page, '16069', 'lentils-1kg'), undefined, 'the new product is not there');
    assert.deepEqual(await product(page, '02044', '02044'), basilBefore, 'the basil is unchanged');
    assert.equal((await get(page, `/vendors/${VENDOR}`)).products.length, before);
    assert.equal(await page.locator('table.products tbody tr').count(), before);
    await shot(page, '31-stall-import-errors');
  });

  await test('a good CSV adds its products to the list', async () => {
    await page.getByLabel('Stock file (CSV)').setInputFiles(csv([
      HEADER,
      `${VENDOR},lentils-1kg,"Lentils, 1 kg",16069,1000,3.10,12,local_farm,true`,
      `${VENDOR},beans-500,"Kidney beans, 500 g",16027,500,2.40,5,local_farm,false`,
    ]));
    await page.getByRole('button', {name: 'Upload and import'}).click();
    await page.getByText('Imported 2 products from stock.csv.').waitFor();
    assert.equal(await page.locator('.import-errors').count(), 0, 'the old errors are gone');
    await page.getByRole('heading', {level: 2, name: `Products (${before + 2})`}).waitFor();
    assert.equal(await page.getByLabel('Price of Lentils, 1 kg').inputValue(), '3.1');
    assert.equal(await page.getByLabel('Stock of Kidney beans, 500 g').inputValue(), '5');
    const lentils = await product(page, '16069', 'lentils-1kg');
    assert.equal(lentils.price, 3.1);
    assert.equal(lentils.stock, 12);
    assert.equal(lentils.organic, true);
  });

  await test('a price and stock edited in place are kept after a reload', async () => {
    await page.getByLabel('Price of Basil, 30 g').fill('0.75');
    await page.getByLabel('Stock of Basil, 30 g').fill('20');
    await page.getByRole('button', {name: 'Save Basil, 30 g'}).click();
    const row = page.locator('tr[data-product="02044"]');
    await row.getByText(/^Saved: \$0\.75, 20 in stock\.$/).waitFor();
    const saved = await product(page, '02044', '02044');
    assert.equal(saved.price, 0.75);
    assert.equal(saved.stock, 20);
    assert.equal(saved.name, 'Basil, 30 g', 'the rest of the product is kept');
    assert.equal(saved.organic, true);
    await page.reload();
    await page.getByRole('heading', {level: 1, name: 'My stall'}).waitFor();
    assert.equal(await page.getByLabel('Price of Basil, 30 g').inputValue(), '0.75');
    assert.equal(await page.getByLabel('Stock of Basil, 30 g').inputValue(), '20');
  });

  await test('a negative price is named at the price field and not saved', async () => {
    const price = page.getByLabel('Price of Basil, 30 g');
    await price.fill('-1');
    await page.getByRole('button', {name: 'Save Basil, 30 g'}).click();
    const row = page.locator('tr[data-product="02044"]');
    const error = row.locator('.field-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Price of Basil, 30 g must be >= 0');
    assert.equal(await price.getAttribute('aria-invalid'), 'true');
    assert.ok((await price.getAttribute('aria-describedby')).split(' ').includes(await error.getAttribute('id')));
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label') || document.activeElement.labels[0].textContent),
      'Price of Basil, 30 g', 'the focus is on the price');
    assert.equal((await product(page, '02044', '02044')).price, 0.75, 'the price is unchanged');
    await shot(page, '32-stall-price-error');
    // Correcting it clears the error.
    await price.fill('0.8');
    await page.getByRole('button', {name: 'Save Basil, 30 g'}).click();
    await row.getByText(/^Saved: \$0\.80/).waitFor();
    assert.equal(await row.locator('.field-error').count(), 0);
  });

  await test('the stall fits 375 px; the product table scrolls in its own box', async () => {
    await shot(page, '33-stall-1280');
    await page.setViewportSize({width: 375, height: 800});
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling of the page (${overflow}px)`);
    const box = page.locator('.table-scroll');
    assert.equal(await box.getAttribute('tabindex'), '0');
    assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table scrolls inside its box');
    await shot(page, '34-stall-375', false);
    await page.setViewportSize({width: 1280, height: 900});
  });

  await test('another account has no stall', async () => {
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
    const member = Object.keys(server.accounts).find((e) => server.accounts[e].role === 'member');
    await page.getByLabel('Email').fill(member);
    await page.getByLabel('Password').fill(server.accounts[member].password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    assert.ok(!(await page.getByRole('link', {name: 'My stall'}).isVisible()), 'no stall in the navigation');
    await page.goto(`${base}/#/stall`);
    await page.getByText('your account does not run a stall').waitFor();
  });
});
