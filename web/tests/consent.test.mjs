// Sharing and a nutritionist's clients, with two people in two browsers: a new client's data is closed
// to the demo nutritionist until the client shares it on #/sharing; then the nutritionist sees the
// client, their profile's targets and their plan (#/clients…); once the client stops sharing, the
// nutritionist's next page says so in words and the client leaves the list; the history keeps both.

import assert from 'node:assert/strict';
import {PLAN_TIMEOUT_MS, fieldError, shot, suite} from './harness.mjs';

await suite('sharing and clients', async ({page, base, server, test, newPage, browser}) => {
  const email = `client-${Date.now()}@example.org`;
  const password = 'a long client passphrase';
  const name = 'Dana';
  const noraEmail = Object.keys(server.accounts).find((e) => server.accounts[e].role === 'nutritionist');
  const memberEmail = Object.keys(server.accounts).find((e) => server.accounts[e].role === 'member');
  assert.ok(noraEmail && memberEmail, 'the demo has a nutritionist and a member');
  let client;  // {token, account}
  let profile;
  let plan;
  let nora;

  const call = async (method, path, body, token = client && client.token) => {
    const response = await fetch(`${base}/api/v1${path}`, {method,
      headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})},
      body: body === undefined ? undefined : JSON.stringify(body)});
    const data = response.status === 204 ? null : await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
    return data;
  };
  const signIn = async (p, who, secret) => {
    await p.goto(`${base}/#/signin`);
    await p.getByLabel('Email').fill(who);
    await p.getByLabel('Password').fill(secret);
    await p.getByRole('button', {name: 'Sign in'}).click();
    await p.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
  };
  const targetsUrl = () => `${base}/#/clients/${client.account.id}/profiles/${profile.id}/targets`;

  await test('a new client signs up, saves a profile and plans a week through the API', async () => {
    client = await call('POST', '/auth/signup', {email, password, name});
    profile = await call('POST', '/profiles', {name, age_years: 41, sex: 'female', height_cm: 170, weight_kg: 68,
      activity: 'low_active', conditions: ['hypertension'], allergies: ['peanut']});
    plan = await call('POST', '/plans', {profile_ids: [profile.id], days: 7});
    assert.ok(profile.id && plan.id);
    await signIn(page, email, password);
  });

  await test('the nutritionist does not see the client, and the targets URL says the data is not shared', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    nora = await newPage(context);
    await signIn(nora, noraEmail, server.accounts[noraEmail].password);
    assert.ok(await nora.getByRole('link', {name: 'Clients'}).isVisible(), 'a nutritionist has Clients in the menu');
    assert.equal(await page.getByRole('link', {name: 'Clients'}).isVisible(), false, 'a member has not');
    await nora.getByRole('link', {name: 'Clients'}).click();
    await nora.getByRole('heading', {level: 1, name: 'Clients'}).waitFor();
    await nora.locator('.client-list').waitFor();
    const list = await nora.locator('.client-list').textContent();
    assert.match(list, /Ana/, 'the demo client Ana is listed');
    assert.doesNotMatch(list, new RegExp(email), 'the new client is not listed');
    const api = await call('GET', '/clients', undefined, await nora.evaluate(() => sessionStorage.getItem('hearth.token')));
    assert.equal(await nora.locator('.client-list > li').count(), api.clients.length, 'one card per client of GET /clients');
    await shot(nora, '30-clients');
    await nora.goto(targetsUrl());
    const notice = nora.locator('.notice[role=alert]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /This account does not share its data with you/);
    assert.equal(await nora.locator('table.targets').count(), 0, 'no targets shown');
    await shot(nora, '31-clients-not-shared');
  });

  await test('the client shares on #/sharing: wrong addresses are named at the field', async () => {
    await page.getByRole('link', {name: 'Sharing'}).click();
    await page.getByRole('heading', {level: 1, name: 'Sharing'}).waitFor();
    assert.match(await page.locator('main').textContent(), /They cannot.*delete your profiles or your plans/s);
    await page.locator('.empty', {hasText: 'You share your data with no one.'}).waitFor();
    await shot(page, '32-sharing-empty');
    const emailField = page.getByLabel('Nutritionist’s email');
    await emailField.fill('nobody-here@example.org');
    await page.getByRole('button', {name: 'Share my data'}).click();
    assert.match(await fieldError(page, 'Nutritionist’s email'), /^Nutritionist’s email is not the address of a nutritionist on hearth/);
    await emailField.fill(memberEmail);
    await page.getByRole('button', {name: 'Share my data'}).click();
    assert.match(await fieldError(page, 'Nutritionist’s email'), /is not the address of a nutritionist/,
      'an account that is not a nutritionist is refused the same way');
    await shot(page, '33-sharing-error');
    await emailField.fill(noraEmail);
    await page.getByRole('button', {name: 'Share my data'}).click();
    await page.locator('.consent-list li').waitFor();
    assert.equal(await page.locator('.field-error').count(), 0, 'the errors are gone');
    const consents = (await call('GET', '/consents')).consents;
    assert.equal(consents.length, 1);
    assert.equal(consents[0].nutritionist.email, noraEmail);
    const card = page.locator(`.consent-list li[data-consent="${consents[0].id}"]`);
    assert.match(await card.textContent(), new RegExp(`${consents[0].nutritionist.name.replace(/[.,]/g, '.')}.*${noraEmail}.*Sharing since`));
    assert.equal(await card.locator('time').getAttribute('datetime'), consents[0].granted_at);
    // Sharing with the same nutritionist twice is named at the field too.
    await emailField.fill(noraEmail);
    await page.getByRole('button', {name: 'Share my data'}).click();
    assert.match(await fieldError(page, 'Nutritionist’s email'), /already share with/);
    await page.reload();
    await page.locator('.consent-list li').waitFor();
    assert.equal(await page.locator('.consent-list li').count(), 1, 'after a reload one active consent');
    assert.equal(await page.locator('table.consent-history tbody tr[data-active=true]').count(), 1);
    await shot(page, '34-sharing-active');
  });

  await test('the nutritionist now sees the client, the profile and its targets, and the plan', async () => {
    await nora.goto(`${base}/#/clients`);
    const card = nora.locator(`.client-list li[data-client="${client.account.id}"]`);
    await card.waitFor();
    assert.match(await card.textContent(), new RegExp(`${name}.*${email}.*1 profile`));
    await card.getByRole('link', {name: /Open/}).click();
    await nora.getByRole('heading', {level: 1, name}).waitFor();
    assert.match(await nora.locator('.shared-note').textContent(), /Read-only: you see this because Dana shares/);
    const profileCard = nora.locator(`[data-profile="${profile.id}"]`);
    assert.match(await profileCard.textContent(), /female, 41 years, 68 kg, low active/);
    assert.match(await profileCard.textContent(), /hypertension, no peanut/);
    assert.equal(await nora.locator(`tr[data-plan="${plan.id}"]`).count(), 1, 'the client’s plan is listed');
    await shot(nora, '35-client');
    await profileCard.getByRole('link', {name: /Targets/}).click();
    await nora.getByRole('heading', {level: 1, name: 'Dana’s daily targets'}).waitFor();
    await nora.locator('table.targets tbody tr').first().waitFor();
    const targets = await call('GET', `/profiles/${profile.id}/targets`);
    assert.equal(await nora.locator('table.targets tbody tr').count(), targets.nutrients.length, 'every nutrient of the API answer');
    const kcal = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0}).format(targets.energy_kcal);
    assert.match(await nora.locator('.summary h2').textContent(), new RegExp(`about ${kcal} kcal a day`));
    assert.equal(await nora.getByRole('link', {name: 'Plan my week'}).count(), 0, 'read-only: no planning from here');
    await shot(nora, '36-client-targets');
    await nora.goBack();
    await nora.locator(`tr[data-plan="${plan.id}"] a`).click();
    await nora.getByRole('heading', {level: 1, name: 'Dana’s week'}).waitFor();
    await nora.locator('table.week').waitFor({timeout: PLAN_TIMEOUT_MS});
    assert.equal(await nora.locator('table.week tbody tr').count(), 7);
    const cost = plan.plan.totals.cost.toFixed(2);
    assert.match(await nora.locator('[data-total=cost]').textContent(), new RegExp(`\\$${cost.replace('.', '\\.')}`));
    await shot(nora, '37-client-plan');
  });

  await test('the client stops sharing after confirming; the history keeps grant and end', async () => {
    const revoke = page.getByRole('button', {name: /Stop sharing/});
    await revoke.click();
    await page.getByRole('button', {name: 'Keep sharing'}).click();
    assert.equal(await page.locator('.consent-list li').count(), 1, 'keeping changes nothing');
    assert.equal((await call('GET', '/consents')).consents[0].active, true);
    await revoke.click();
    assert.match(await page.locator('.confirm').textContent(), /loses access to your profiles and plans at once/);
    await shot(page, '38-sharing-confirm');
    await page.getByRole('button', {name: 'Yes, stop sharing'}).click();
    await page.locator('.empty', {hasText: 'You share your data with no one.'}).waitFor();
    const [consent] = (await call('GET', '/consents')).consents;
    assert.equal(consent.active, false);
    await page.reload();
    const row = page.locator(`table.consent-history tr[data-consent="${consent.id}"]`);
    await row.waitFor();
    const times = await row.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    assert.deepEqual(times, [consent.granted_at, consent.revoked_at], 'granted and revoked dates in the history');
    assert.equal(await row.getAttribute('data-active'), 'false');
    await shot(page, '39-sharing-history');
  });

  await test('the nutritionist’s next page says Dana no longer shares; Dana leaves the list', async () => {
    await nora.reload();
    const notice = nora.locator('.notice[role=alert]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /Dana no longer shares their data with you\./);
    assert.equal(await nora.locator('table.week').count(), 0, 'the plan is gone from the page');
    await shot(nora, '40-client-no-longer-shared');
    await nora.goto(targetsUrl());
    await nora.locator('.notice[role=alert]').waitFor();
    assert.match(await nora.locator('.notice').textContent(), /Dana no longer shares their data with you/);
    const token = await nora.evaluate(() => sessionStorage.getItem('hearth.token'));
    await assert.rejects(call('GET', `/profiles/${profile.id}/targets`, undefined, token), /404/, 'the API refuses too');
    await nora.getByRole('link', {name: 'Back to your clients'}).click();
    await nora.locator('.client-list').waitFor();
    assert.doesNotMatch(await nora.locator('.client-list').textContent(), new RegExp(email));
    assert.match(await nora.locator('.past-clients').textContent(), new RegExp(`Dana \\(${email}\\) stopped sharing`));
    await shot(nora, '41-clients-after-revoke');
  });

  await test('at 375 px the sharing and client screens fit', async () => {
    for (const [p, url, shotName] of [[page, `${base}/#/sharing`, '42-sharing-375px'], [nora, `${base}/#/clients`, '43-clients-375px'],
      [nora, targetsUrl(), '44-client-no-longer-shared-375px']]) {
      await p.setViewportSize({width: 375, height: 800});
      await p.goto(url);
      await p.locator('h1').waitFor();
      await p.waitForLoadState('networkidle');
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${url} fits 375 px (${width})`);
      await shot(p, shotName);
    }
    // The nutritionist's view of a client who shares (Ana, in the demo), at 375 px.
    await nora.goto(`${base}/#/clients`);
    await nora.locator('.client-list li').first().getByRole('link', {name: /Open/}).click();
    await nora.locator('.shared-note').waitFor();
    assert.ok(await nora.evaluate(() => document.documentElement.scrollWidth) <= 375);
    await shot(nora, '45-client-375px');
  });
});
