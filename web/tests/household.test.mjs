// The household: one new account creates a household, another joins it with the invite code shown on
// the first one's screen (a wrong code is named at the code field), both see the members; a profile
// per person, the admin sees the member's profile; one week planned for two profiles shows each
// person's servings; the admin renews the code (the old one then fails at the field, the new one joins)
// and removes a member, who is then in no household and whose profile the admin no longer sees;
// leaving; the 375 px layout.

import assert from 'node:assert/strict';
import {PLAN_TIMEOUT_MS, fieldError, fillProfileWizard, shot, suite} from './harness.mjs';

async function signUp(page, base, name) {
  await page.goto(`${base}/#/signup`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}-${Date.now()}@example.org`);
  await page.getByLabel('Password', {exact: true}).fill('a household passphrase');
  await page.getByRole('button', {name: 'Create account'}).click();
  await page.getByRole('heading', {level: 1, name: 'Your profile'}).waitFor();
}

async function get(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, {headers: {Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`}});
    return r.json();
  }, path);
}

async function members(page) {
  await page.locator('ul.members li').first().waitFor();
  return page.locator('ul.members .member-name').allTextContents();
}

await suite('household', async ({page, base, test, newPage}) => {
  const other = await newPage();  // its own tab, so its own session
  const third = await newPage();
  let caseyProfile = 0;
  let code = '';
  let household = 0;
  let alexId = 0;
  let samId = 0;

  await test('a new account starts a household and sees its invite code', async () => {
    await signUp(page, base, 'Alex');
    alexId = await fillProfileWizard(page, {name: 'Alex', age: 38, sex: 'female', height: 170, weight: 66});
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Household'}).click();
    await page.getByRole('heading', {level: 1, name: 'Household'}).waitFor();
    await page.getByText('You are not in a household').waitFor();
    assert.doesNotMatch(await page.locator('main').textContent(), /null|undefined/);
    await shot(page, '40-household-none');
    // The name is required.
    await page.getByRole('button', {name: 'Create the household'}).click();
    assert.match(await fieldError(page, 'Household name'), /^Household name is required$/);
    await page.getByLabel('Household name').fill('The Testers');
    await page.getByRole('button', {name: 'Create the household'}).click();
    await page.getByRole('heading', {level: 2, name: 'Invite someone'}).waitFor();
    code = (await page.locator('.invite-code').textContent()).trim();
    const session = await get(page, '/auth/session');
    household = session.household_id;
    assert.equal(session.role, 'household_admin');
    const answer = await get(page, `/households/${household}`);
    assert.equal(code, `${household}-${answer.join_code}`, 'the code on screen is the household and its join code');
    assert.deepEqual(await members(page), ['Alex']);
    assert.match(await page.locator('.lead').first().textContent(), /The Testers, as its admin/);
    await shot(page, '41-household-admin');
  });

  await test('a wrong code is named at the code field; the right one joins', async () => {
    await signUp(other, base, 'Blake');
    await other.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Household'}).click();
    await other.getByRole('heading', {level: 1, name: 'Household'}).waitFor();
    await other.getByText('Before you join').waitFor();
    await other.getByLabel('Invite code').fill('not a code');
    await other.getByRole('button', {name: 'Join the household'}).click();
    assert.match(await fieldError(other, 'Invite code'), /^Invite code must be the household number, a dash and the code/);
    const wrong = `${household}-${'0'.repeat(20)}`;
    await other.getByLabel('Invite code').fill(wrong);
    await other.getByRole('button', {name: 'Join the household'}).click();
    assert.equal(await fieldError(other, 'Invite code'), "Invite code is not this household's join code");
    assert.equal((await get(other, '/auth/session')).household_id, null, 'not in a household');
    await shot(other, '42-household-join-error');
    await other.getByLabel('Invite code').fill(code);
    await other.getByRole('button', {name: 'Join the household'}).click();
    await other.getByText('You joined The Testers.').waitFor();
    assert.deepEqual((await members(other)).sort(), ['Alex', 'Blake']);
    assert.equal(await other.locator('.invite-code').count(), 0, 'a member sees no invite code');
    assert.equal((await get(other, '/auth/session')).household_id, household);
    await shot(other, '43-household-member');
    // The admin sees the new member after a reload.
    await page.reload();
    assert.deepEqual((await members(page)).sort(), ['Alex', 'Blake']);
    assert.match(await page.locator('li', {hasText: 'Blake'}).textContent(), /Member/);
  });

  await test('both share one pantry', async () => {
    const [a, b] = await Promise.all([get(page, '/pantry'), get(other, '/pantry')]);
    assert.equal(a.pantry, `household:${household}`);
    assert.equal(b.pantry, a.pantry);
    await other.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Pantry'}).click();
    await other.getByText("Your household's shared pantry").waitFor();
  });

  await test('a second profile is added; the profile list offers one per person', async () => {
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'My profiles'}).click();
    await page.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    await page.getByRole('link', {name: 'Add a profile for a household member'}).click();
    samId = await fillProfileWizard(page, {name: 'Sam', age: 7, sex: 'male', height: 122, weight: 23});
    // The member's own profile, which the admin may see.
    await other.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'My profiles'}).click();
    await other.getByRole('link', {name: 'Create my profile'}).click();
    await fillProfileWizard(other, {name: 'Blake', age: 41, sex: 'male', height: 182, weight: 80, activity: 'low_active'});
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'My profiles'}).click();
    await page.locator('ul.profile-list').first().waitFor();
    const mine = await page.locator('ul.profile-list').first().locator('li h2').allTextContents();
    assert.deepEqual(mine, ['Alex', 'Sam']);
    await page.getByRole('heading', {level: 2, name: 'Household members’ profiles'}).waitFor();
    assert.match(await page.locator('li', {hasText: 'Profile of Blake'}).textContent(), /Blake/);
    await shot(page, '44-profiles-together');
  });

  await test('the admin renews the code: the old one stops working, the new one joins', async () => {
    await page.goto(`${base}/#/household`);
    await page.getByRole('heading', {level: 2, name: 'Invite someone'}).waitFor();
    assert.equal((await page.locator('.invite-code').textContent()).trim(), code);
    assert.match(await page.locator('section', {hasText: 'Renew the code'}).textContent(), /old one stop working/);
    await page.getByRole('button', {name: 'Renew the invite code'}).click();
    await page.locator('.renew-status.ok').waitFor();
    const renewed = (await page.locator('.invite-code').textContent()).trim();
    const answer = await get(page, `/households/${household}`);
    assert.equal(renewed, `${household}-${answer.join_code}`, 'the new code on screen is the household’s code now');
    assert.notEqual(renewed, code);
    assert.match(await page.locator('.renew-status').textContent(),
      new RegExp(`New invite code: ${renewed}\\. The old code no longer works`));
    await shot(page, '44b-household-code-renewed');
    // After a reload the new code stays.
    await page.reload();
    assert.equal((await page.locator('.invite-code').textContent()).trim(), renewed);

    await signUp(third, base, 'Casey');
    await third.goto(`${base}/#/household`);
    await third.getByText('Before you join').waitFor();
    await third.getByLabel('Invite code').fill(code);
    await third.getByRole('button', {name: 'Join the household'}).click();
    assert.equal(await fieldError(third, 'Invite code'), "Invite code is not this household's join code");
    assert.equal((await get(third, '/auth/session')).household_id, null, 'the old code let nobody in');
    await shot(third, '44c-household-old-code');
    await third.getByLabel('Invite code').fill(renewed);
    await third.getByRole('button', {name: 'Join the household'}).click();
    await third.getByText('You joined The Testers.').waitFor();
    assert.equal((await get(third, '/auth/session')).household_id, household);
    code = renewed;
  });

  await test('the admin removes a member after a confirmation; they are in no household and out of sight', async () => {
    // Casey's profile, which the admin sees while Casey is in the household.
    caseyProfile = (await third.evaluate(async () => {
      const r = await fetch('/api/v1/profiles', {method: 'POST', headers: {'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('hearth.token')}`},
      body: JSON.stringify({name: 'Casey', age_years: 29, sex: 'female', height_cm: 165, weight_kg: 60, activity: 'active'})});
      return r.json();
    })).id;
    assert.equal((await get(page, `/profiles/${caseyProfile}`)).id, caseyProfile, 'the admin sees Casey’s profile');
    await page.goto(`${base}/#/`);
    await page.getByText('Profile of Casey').waitFor();

    await page.goto(`${base}/#/household`);
    assert.deepEqual((await members(page)).sort(), ['Alex', 'Blake', 'Casey']);
    const alexItem = page.locator('ul.members li', {hasText: 'Alex'});
    assert.equal(await alexItem.getByRole('button').count(), 0, 'the admin is not offered to remove themself');
    assert.equal(await other.locator('ul.members button').count(), 0, 'a member is offered no Remove');
    const casey = page.locator('ul.members li', {hasText: 'Casey'});
    await casey.getByRole('button', {name: 'Remove Casey from the household'}).click();
    const confirm = casey.locator('.confirm');
    const said = await confirm.textContent();
    assert.match(said, /Remove Casey from The Testers\?/);
    assert.match(said, /Casey keeps their account, their profiles and their plans/);
    assert.match(said, /leaves the shared pantry/);
    assert.match(said, /You no longer see Casey’s profiles and plans/);
    await shot(page, '44d-household-remove-confirm');
    await casey.getByRole('button', {name: 'Keep them'}).click();
    assert.equal((await get(third, '/auth/session')).household_id, household, 'keeping them changes nothing');
    await casey.getByRole('button', {name: 'Remove Casey from the household'}).click();
    await casey.getByRole('button', {name: 'Yes, remove Casey'}).click();
    await page.getByText('Casey is no longer in The Testers.').waitFor();
    assert.deepEqual((await members(page)).sort(), ['Alex', 'Blake']);
    await shot(page, '44e-household-member-removed');

    // Casey's page, after a reload: in no household, own pantry, own profile kept.
    await third.reload();
    await third.getByText('You are not in a household').waitFor();
    assert.equal((await get(third, '/auth/session')).household_id, null);
    assert.notEqual((await get(third, '/pantry')).pantry, `household:${household}`, 'Casey left the shared pantry');
    assert.equal((await get(third, `/profiles/${caseyProfile}`)).id, caseyProfile, 'Casey keeps the profile');
    await shot(third, '44f-household-removed-member');

    // The admin no longer sees Casey's profile, but still sees Blake's.
    assert.equal((await get(page, `/profiles/${caseyProfile}`)).status, 404);
    await page.goto(`${base}/#/`);
    await page.getByText('Profile of Blake').waitFor();
    assert.equal(await page.getByText('Profile of Casey').count(), 0);
    await page.goto(`${base}/#/profiles/${caseyProfile}/targets`);
    await page.locator('.notice[role=alert]').waitFor();
    assert.match(await page.locator('.notice').textContent(), /not yours to see, or not any more/);
    await page.goto(`${base}/#/`);
    await page.locator('ul.profile-list').first().waitFor();
  });

  await test('one week for two profiles shows each person’s servings', async () => {
    // Nothing ticked: the page says so.
    await page.getByRole('button', {name: 'Plan a week for the ticked profiles'}).click();
    await page.getByText('Tick “Plan together” on at least one profile first.').waitFor();
    await page.getByLabel('Plan together: include Alex').check();
    await page.getByLabel('Plan together: include Sam').check();
    await page.getByRole('button', {name: 'Plan a week for the ticked profiles'}).click();
    await page.getByRole('heading', {level: 1, name: 'Plan a week together'}).waitFor();
    assert.match(page.url(), new RegExp(`#/plan\\?profiles=${alexId},${samId}$`));
    await page.locator('.plan-people li').first().waitFor();
    assert.deepEqual(await page.locator('.plan-people li strong').allTextContents(), ['Alex', 'Sam']);
    await shot(page, '45-plan-together');
    await page.getByRole('button', {name: 'Plan the week'}).click();
    await page.locator('table.week').waitFor({timeout: PLAN_TIMEOUT_MS});
    const id = page.url().match(/#\/plans\/(\d+)$/)[1];
    const doc = (await get(page, `/plans/${id}`)).plan;
    assert.deepEqual(doc.people.map((p) => p.id), ['Alex', 'Sam']);
    const cell = doc.plan.cells.find((c) => !c.skipped);
    const shown = page.locator(`tr[data-day="${cell.day}"] td[data-slot="${cell.slot}"] .servings`).nth(1);
    const fmt = (v) => new Intl.NumberFormat('en-US', {maximumFractionDigits: 2}).format(v);
    assert.equal(await shown.textContent(),
      `Alex ${fmt(cell.servings_per_person.Alex)}, Sam ${fmt(cell.servings_per_person.Sam)}`);
    // Each person's servings follow their share of the household's energy.
    for (const person of doc.people) {
      assert.ok(Math.abs(cell.servings_per_person[person.id] - cell.servings * person.share) < 0.01, `${person.id}'s servings`);
    }
    assert.ok(cell.servings_per_person.Sam < cell.servings_per_person.Alex, 'the child eats less');
    await shot(page, '46-plan-together-week');
  });

  await test('the household pages fit 375 px', async () => {
    for (const p of [page, other]) {
      await p.setViewportSize({width: 375, height: 800});
      await p.goto(`${base}/#/household`);
      await p.locator('ul.members li').first().waitFor();
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    }
    await shot(page, '47-household-375');
    await page.goto(`${base}/#/`);
    await page.locator('ul.profile-list').first().waitFor();
    await shot(page, '48-profiles-375');
    for (const p of [page, other]) await p.setViewportSize({width: 1280, height: 900});
  });

  await test('a member leaves; the admin no longer sees them', async () => {
    await other.getByRole('button', {name: 'Leave the household'}).click();
    await other.getByRole('button', {name: 'Yes, leave'}).click();
    await other.getByText('You left The Testers.').waitFor();
    await other.getByText('You are not in a household').waitFor();
    assert.equal((await get(other, '/auth/session')).household_id, null);
    await page.goto(`${base}/#/household`);
    assert.deepEqual(await members(page), ['Alex']);
    // And the admin no longer sees the member's profile.
    await page.goto(`${base}/#/`);
    await page.locator('ul.profile-list').first().waitFor();
    assert.equal(await page.getByText('Household members’ profiles').count(), 0);
  });
});
