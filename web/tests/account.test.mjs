// The household's way through the web app: sign up, the profile wizard with its errors, targets,
// planning a week, the 375 px layout, changing the password, signing out and in.

import assert from 'node:assert/strict';
import {PLAN_TIMEOUT_MS, fieldError, fillProfileWizard, shot, suite} from './harness.mjs';

await suite('account, profile and plan', async ({page, base, test}) => {
  const email = `web-${Date.now()}@example.org`;
  const password = 'correct horse battery staple';
  const newPassword = 'a new and longer passphrase';
  let profileUrl = '';

  await test('a signed-out visitor is sent to sign in; headers carry the CSP', async () => {
    const response = await page.goto(`${base}/`);
    const csp = response.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/);
    await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
    assert.match(page.url(), /#\/signin$/);
    await shot(page, '01-sign-in');
  });

  await test('keyboard: Tab reaches the form and the focus is visible', async () => {
    await page.getByLabel('Email').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {label: el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent,
        outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    });
    assert.match(focused.label, /Password/);
    assert.notEqual(focused.outline, 'none', 'a focused input has an outline');
    assert.ok(focused.width >= 2, `the outline is at least 2px (${focused.width})`);
  });

  await test('a short password at sign-up is refused, with the reason next to the password field', async () => {
    await page.getByRole('link', {name: 'Sign up'}).first().click();
    await page.getByRole('heading', {level: 1, name: 'Create your account'}).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', {exact: true}).fill('short');
    await page.getByRole('button', {name: 'Create account'}).click();
    const text = await fieldError(page, 'Password');
    assert.match(text, /Password must be at least 12 characters/);
    assert.equal(await page.locator('.field-error').count(), 1, 'only the password has an error');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hearth.token')), null, 'not signed in');
    await shot(page, '02-sign-up-error');
  });

  await test('sign up, then the profile wizard checks each step', async () => {
    await page.getByLabel('Your name').fill('Robin');
    await page.getByLabel('Password', {exact: true}).fill(password);
    await page.getByRole('button', {name: 'Create account'}).click();
    await page.getByRole('heading', {level: 1, name: 'Your profile'}).waitFor();
    assert.ok(await page.evaluate(() => sessionStorage.getItem('hearth.token')), 'the token is in sessionStorage');
    await shot(page, '03-wizard-body');
    // Next with nothing filled in: the step is not left, and the age says what it needs.
    await page.getByRole('button', {name: 'Next'}).click();
    assert.match(await fieldError(page, 'Age (years)'), /age from 0 to 120/);
    await fillProfileWizard(page, {name: 'Robin', age: 34, sex: 'female', height: 168, weight: 64,
      checks: ['Peanut', 'High blood pressure'], budget: 90}, {save: false, onStep: async (step) => {
      if (step === 2) {
        assert.ok(await page.getByLabel('Pregnancy').isVisible(), 'pregnancy is asked of a woman');
        await shot(page, '04-wizard-activity');
      } else if (step === 3) {
        await shot(page, '05-wizard-health');
      }
    }});
    await shot(page, '06-wizard-budget');
  });

  await test('an error the server finds is shown on the step and field it concerns', async () => {
    // Both fields are fine on their own; the server refuses a pregnancy at 65.
    for (let i = 0; i < 3; i += 1) await page.getByRole('button', {name: 'Back'}).click();
    await page.getByLabel('Age (years)').fill('65');
    await page.getByRole('button', {name: 'Next'}).click();
    await page.getByLabel('Pregnancy').selectOption('2');
    for (let i = 0; i < 2; i += 1) await page.getByRole('button', {name: 'Next'}).click();
    await page.getByRole('button', {name: 'Save and see my targets'}).click();
    const text = await fieldError(page, 'Pregnancy');
    assert.match(text, /^Pregnancy: 65 is outside ages 10-60 years$/, text);
    assert.ok(await page.getByLabel('Pregnancy').isVisible(), 'the wizard went back to the pregnancy step');
    assert.match(await page.locator('.form-error').textContent(), /correct the field marked below/);
    await shot(page, '06b-wizard-server-error');
    await page.getByLabel('Pregnancy').selectOption('');
    await page.getByRole('button', {name: 'Back'}).click();
    await page.getByLabel('Age (years)').fill('34');
  });

  await test('saving the profile shows its targets with their sources', async () => {
    for (let i = 0; i < 3; i += 1) await page.getByRole('button', {name: 'Next'}).click();
    await page.getByRole('button', {name: 'Save and see my targets'}).click();
    await page.getByRole('heading', {level: 1, name: 'Your daily targets'}).waitFor();
    profileUrl = page.url();
    assert.match(profileUrl, /#\/profiles\/\d+\/targets$/);
    await page.locator('table.targets tbody tr').first().waitFor();
    const rows = await page.locator('table.targets tbody tr').count();
    assert.ok(rows >= 20, `${rows} nutrient rows`);
    const protein = page.locator('tr[data-nutrient="protein_g"]');
    assert.match(await protein.textContent(), /46 g.*RDA/);
    assert.match(await protein.locator('.sources').textContent(), /IOM DRI summary tables.*dri_values_long\.csv, row \d+/);
    const sodium = await page.locator('tr[data-nutrient="sodium_mg"] .sources').textContent();
    assert.match(sodium, /Hypertension/, 'the hypertension guideline is the source of the sodium limit');
    assert.match(await page.locator('.summary').textContent(), /kcal a day/);
    assert.match(await page.locator('.summary').textContent(), /Always left out: peanut/);
    await shot(page, '07-targets');
  });

  await test('plan my week: progress, then 7 days × 4 meals, totals and the explanation', async () => {
    await page.getByRole('link', {name: 'Plan my week'}).click();
    await page.getByRole('heading', {level: 1, name: 'Plan my week'}).waitFor();
    await shot(page, '08-plan-start');
    await page.getByRole('button', {name: 'Plan my week'}).click();
    // The solve takes seconds: meanwhile a progress state shows and the button is disabled.
    await page.locator('.progress progress').waitFor({state: 'visible', timeout: 5_000});
    assert.ok(await page.getByRole('button', {name: 'Plan my week'}).isDisabled(), 'no second request while planning');
    await page.locator('table.week').waitFor({timeout: PLAN_TIMEOUT_MS});
    assert.match(page.url(), /#\/plans\/\d+$/);
    const days = page.locator('table.week tbody tr');
    assert.equal(await days.count(), 7, '7 days');
    for (let d = 0; d < 7; d += 1) {
      const meals = days.nth(d).locator('td.meal');
      assert.equal(await meals.count(), 4, `day ${d + 1} has 4 meals`);
      for (let m = 0; m < 4; m += 1) {
        const cell = meals.nth(m);
        if ((await cell.getAttribute('class')).includes('skipped')) continue;
        assert.ok((await cell.locator('.recipe').textContent()).trim().length > 2, `day ${d + 1} meal ${m + 1} names a recipe`);
        assert.match(await cell.locator('.servings').first().textContent(), /^[\d.]+ servings?$/);
      }
    }
    const headers = await page.locator('table.week thead th').allTextContents();
    assert.deepEqual(headers, ['Day', 'Breakfast', 'Lunch', 'Dinner', 'Snack']);
    assert.match(await page.locator('[data-total=cost]').textContent(), /\$\d+\.\d\d.*budget \$90\.00/);
    assert.match(await page.locator('[data-total=co2e]').textContent(), /\d+(\.\d)? kg CO₂e/);
    const why = await page.locator('.explanation').textContent();
    assert.match(why, /Targets that shaped it/);
    assert.ok(await page.locator('.explanation .binding li').count() >= 1 ||
      /No target held the plan back/.test(why), 'binding targets listed');
    assert.match(why, /Shortfalls/);
    await shot(page, '09-plan-week');
  });

  await test('at 375 px the page fits and the week grid scrolls sideways', async () => {
    await page.setViewportSize({width: 375, height: 800});
    // A reload keeps the session (sessionStorage) and loads the stored plan with GET /plans/{id}.
    await page.reload();
    await page.locator('table.week').waitFor();
    assert.equal(await page.locator('table.week tbody tr').count(), 7, 'the stored plan has 7 days');
    const sizes = await page.evaluate(() => {
      const box = document.querySelector('table.week').closest('.table-scroll');
      return {page: document.documentElement.scrollWidth, boxScroll: box.scrollWidth, boxClient: box.clientWidth,
        overflow: getComputedStyle(box).overflowX, tab: box.tabIndex};
    });
    assert.ok(sizes.page <= 375, `the page is not wider than the screen (${sizes.page}px)`);
    assert.ok(sizes.boxScroll > sizes.boxClient, 'the grid is wider than its box');
    assert.equal(sizes.overflow, 'auto');
    assert.equal(sizes.tab, 0, 'the scrolling box is keyboard-focusable');
    await shot(page, '10-plan-week-375px');
    await page.goto(profileUrl);
    await page.getByRole('heading', {level: 1, name: 'Your daily targets'}).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 375, 'targets fit at 375 px');
    await shot(page, '11-targets-375px', false);
    await page.setViewportSize({width: 1280, height: 900});
  });

  await test('change password: a wrong current password is named; the right one signs in anew', async () => {
    await page.getByRole('link', {name: 'Change password'}).click();
    await page.getByRole('heading', {level: 1, name: 'Change password'}).waitFor();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', {name: 'Change password'}).click();
    assert.match(await fieldError(page, 'Current password'), /Current password is wrong/);
    await shot(page, '12-password-error');
    const before = await page.evaluate(() => sessionStorage.getItem('hearth.token'));
    await page.getByLabel('Current password').fill(password);
    await page.getByRole('button', {name: 'Change password'}).click();
    await page.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    assert.match(await page.locator('#flash').textContent(), /password is changed/);
    const after = await page.evaluate(() => sessionStorage.getItem('hearth.token'));
    assert.ok(after && after !== before, 'a new session token');
    assert.match(await page.locator('.profile-list').textContent(), /Robin/);
    await shot(page, '13-profiles');
  });

  await test('sign out ends the session; a wrong password is refused; the new one signs in', async () => {
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hearth.token')), null);
    assert.match(await page.locator('#flash').textContent(), /signed out/);
    await page.goto(profileUrl);
    await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.locator('.form-error').waitFor();
    assert.match(await page.locator('.form-error').textContent(), /The email or the password is wrong/);
    await shot(page, '14-sign-in-error');
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
  });

  await test('signing up again with the same email names the email field', async () => {
    await page.getByRole('link', {name: 'Sign up'}).first().click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', {exact: true}).fill(password);
    await page.getByRole('button', {name: 'Create account'}).click();
    assert.match(await fieldError(page, 'Email'), /^Email is already registered: sign in, or use another email$/);
    await shot(page, '15-sign-up-email-taken');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hearth.token')), null, 'not signed in');
  });

});
