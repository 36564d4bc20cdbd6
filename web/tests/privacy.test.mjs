// Privacy: a new account's audit trail in words (sign-up, sign-in, consent given and ended) with every
// inclusion proof checked in the browser; the export downloads a JSON file whose account and profiles
// are the account's; erasing the account needs the right password, signs out, and the account is gone.
// Where you are signed in: a second browser shows as another session, and signing it out from here
// sends that browser to sign-in at its next step. The nutritionist whose access ended is told so on the
// profile's targets URL.

import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {fieldError, shot, suite} from './harness.mjs';

await suite('privacy', async ({page, base, server, test, browser, newPage}) => {
  const email = `privacy-${Date.now()}@example.org`;
  const password = 'my private passphrase';
  const noraEmail = Object.keys(server.accounts).find((e) => server.accounts[e].role === 'nutritionist');
  let token = '';
  let profileId = 0;

  // Calls the API as the signed-in page does (its token), from the test.
  const call = async (method, path, body) => {
    const response = await fetch(`${base}/api/v1${path}`, {method,
      headers: {'Content-Type': 'application/json', Authorization: `Bearer ${token}`},
      body: body === undefined ? undefined : JSON.stringify(body)});
    const data = response.status === 204 ? null : await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
    return data;
  };

  await test('sign up in the browser; a profile, sharing and its end through the API', async () => {
    await page.goto(`${base}/#/signup`);
    await page.getByLabel('Your name').fill('Pat');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', {exact: true}).fill(password);
    await page.getByRole('button', {name: 'Create account'}).click();
    await page.getByRole('heading', {level: 1, name: 'Your profile'}).waitFor();
    token = await page.evaluate(() => sessionStorage.getItem('hearth.token'));
    await call('POST', '/profiles', {name: 'Pat', age_years: 52, sex: 'male', height_cm: 180, weight_kg: 82, activity: 'active'});
    await call('POST', '/profiles', {name: 'Pat junior', age_years: 9, sex: 'male', height_cm: 135, weight_kg: 30, activity: 'active'});
    profileId = (await call('GET', '/profiles')).profiles[0].id;
    const consent = await call('POST', '/consents', {nutritionist_email: noraEmail});
    await call('POST', `/consents/${consent.id}/revoke`);
    await page.getByRole('button', {name: 'Sign out'}).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    token = await page.evaluate(() => sessionStorage.getItem('hearth.token'));
  });

  await test('the nutritionist whose access ended is told the profile is not shared with them any more', async () => {
    const theirs = await browser.newContext({viewport: {width: 375, height: 800}});
    const nora = await newPage(theirs);
    await nora.goto(`${base}/#/signin`);
    await nora.getByLabel('Email').fill(noraEmail);
    await nora.getByLabel('Password').fill(server.accounts[noraEmail].password);
    await nora.getByRole('button', {name: 'Sign in'}).click();
    await nora.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Clients'}).waitFor();
    const noraToken = await nora.evaluate(() => sessionStorage.getItem('hearth.token'));
    const direct = await fetch(`${base}/api/v1/profiles/${profileId}/targets`, {headers: {Authorization: `Bearer ${noraToken}`}});
    assert.equal(direct.status, 404, 'the API refuses the nutritionist');
    await nora.goto(`${base}/#/profiles/${profileId}/targets`);
    const notice = nora.locator('.notice[role=alert]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /This profile is not shared with you \(any more\)\./);
    assert.doesNotMatch(await nora.locator('main').textContent(), /Not found/);
    assert.equal(await nora.locator('table.targets').count(), 0);
    await shot(nora, '49d-targets-not-shared-375px');
    await notice.getByRole('link', {name: 'Clients'}).click();
    await nora.getByRole('heading', {level: 1, name: 'Clients'}).waitFor();
    await theirs.close();
  });

  await test('a second browser is listed as another session; signing it out ends it there', async () => {
    const elsewhere = await browser.newContext({viewport: {width: 1280, height: 900}});
    const other = await newPage(elsewhere);
    await other.goto(`${base}/#/signin`);
    await other.getByLabel('Email').fill(email);
    await other.getByLabel('Password').fill(password);
    await other.getByRole('button', {name: 'Sign in'}).click();
    await other.getByRole('heading', {level: 1, name: 'My profiles'}).waitFor();
    const otherToken = await other.evaluate(() => sessionStorage.getItem('hearth.token'));

    await page.getByRole('link', {name: 'Privacy'}).click();
    await page.getByRole('heading', {level: 2, name: 'Where you are signed in'}).waitFor();
    await page.locator('.session-list li').nth(1).waitFor();
    const {sessions} = await call('GET', '/auth/sessions');
    assert.equal(sessions.length, 2, 'two sessions: this page and the other browser');
    const here = sessions.find((s) => s.current);
    const there = sessions.find((s) => !s.current);
    assert.equal(await page.locator('.session-list li').count(), 2);
    const hereItem = page.locator(`.session-list li[data-session="${here.id}"]`);
    const thereItem = page.locator(`.session-list li[data-session="${there.id}"]`);
    assert.equal(await hereItem.getAttribute('data-current'), 'true');
    assert.match(await hereItem.textContent(), new RegExp(`This device from ${here.address.replace(/\./g, '\\.')}`));
    assert.equal(await hereItem.getByRole('button').count(), 0, 'this session is not offered for signing out here');
    assert.match(await thereItem.textContent(), new RegExp(`Another browser or device from ${there.address.replace(/\./g, '\\.')}`));
    assert.match(await thereItem.textContent(), /Signed in .*\((just now|\d+ (second|minute)s? ago)\); last active /);
    assert.equal(await thereItem.locator('time').first().getAttribute('datetime'), there.created_at);
    assert.equal(await thereItem.locator('time').nth(1).getAttribute('datetime'), there.expires_at);
    assert.match(await page.locator('.session-count').textContent(), /this one and 1 other/);
    await shot(page, '49-privacy-sessions');

    // Asked first; keeping it changes nothing.
    await thereItem.getByRole('button', {name: /^Sign out the session/}).click();
    const confirm = thereItem.locator('.confirm');
    assert.match(await confirm.textContent(), /has to sign in again/);
    await shot(page, '49b-privacy-session-confirm');
    await thereItem.getByRole('button', {name: 'Keep it'}).click();
    assert.equal((await call('GET', '/auth/sessions')).sessions.length, 2, 'keeping it changes nothing');

    await thereItem.getByRole('button', {name: /^Sign out the session/}).click();
    await thereItem.getByRole('button', {name: 'Yes, sign it out'}).click();
    await page.getByText(`Signed out the session from ${there.address}`).waitFor();
    assert.equal(await page.locator('.session-list li').count(), 1);
    const after = (await call('GET', '/auth/sessions')).sessions;
    assert.deepEqual(after.map((s) => s.id), [here.id], 'only this session is left');
    const refused = await fetch(`${base}/api/v1/auth/session`, {headers: {Authorization: `Bearer ${otherToken}`}});
    assert.equal(refused.status, 401, 'the other browser’s token no longer works');

    // The other browser's next step lands on sign-in, saying why.
    await other.getByRole('link', {name: 'Privacy'}).click();
    await other.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
    assert.match(await other.locator('#flash').textContent(), /Your session ended\. Please sign in again\./);
    assert.equal(await other.evaluate(() => sessionStorage.getItem('hearth.token')), null);
    await shot(other, '49c-privacy-session-ended-elsewhere');
    await elsewhere.close();

    // The ending is in this account's audit trail.
    await page.reload();
    await page.locator('tr[data-event=session_ended]').waitFor();
    assert.match(await page.locator('tr[data-event=session_ended] th').textContent(), /A session was signed out/);
  });

  await test('the audit trail lists sign-up, consent given and ended, in words, newest first', async () => {
    await page.getByRole('link', {name: 'Privacy'}).click();
    await page.getByRole('heading', {level: 1, name: 'Privacy'}).waitFor();
    await page.locator('table.audit-trail').waitFor();
    const mine = await call('GET', '/audit/me');
    const rows = page.locator('table.audit-trail tbody tr');
    assert.equal(await rows.count(), mine.entries.length, 'one row per entry of GET /audit/me');
    const events = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.event));
    assert.deepEqual(events, mine.entries.map((e) => e.event).reverse(), 'newest first');
    for (const e of ['account_created', 'logout', 'login', 'consent_granted', 'consent_revoked']) assert.ok(events.includes(e), `${e} is listed`);
    const words = async (event) => (await page.locator(`tr[data-event=${event}] th`).first().textContent());
    assert.match(await words('account_created'), /Account created/);
    assert.match(await words('login'), /Signed in/);
    assert.match(await words('consent_granted'), /Data shared with a nutritionist \(consent given\)/);
    assert.match(await words('consent_revoked'), /Sharing with a nutritionist ended/);
    assert.match(await page.locator(`tr[data-event=consent_granted]`).textContent(), /You/);
    const created = mine.entries.find((e) => e.event === 'account_created');
    assert.equal(await page.locator(`tr[data-seq="${created.seq}"] time`).getAttribute('datetime'), created.at);
    assert.match(await page.locator('main').textContent(), new RegExp(`pseudonym, ${mine.pseudonym}`));
    assert.match(await page.locator('main').textContent(), /inclusion proof/);
    await shot(page, '50-privacy');
  });

  await test('every inclusion proof checks out against the signed head in the browser', async () => {
    await page.getByRole('button', {name: 'Check the proofs in this browser'}).click();
    const result = page.locator('.verify-result.verify-ok');
    await result.waitFor();
    const n = await page.locator('table.audit-trail tbody tr').count();
    assert.match(await result.textContent(), new RegExp(`All ${n} entries verified`));
    assert.match(await result.textContent(), /signature verifies|cannot check Ed25519/);
    assert.equal(await page.locator('td.proof[data-verified=true]').count(), n, 'every row is marked proven');
    await shot(page, '51-privacy-verified');
  });

  await test('a proof that does not lead to the signed root is reported, not passed', async () => {
    // The same answer with one hash of the newest entry's proof changed.
    await page.route('**/api/v1/audit/me', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const last = body.entries[body.entries.length - 1];
      last.inclusion_proof[0] = last.inclusion_proof[0].replace(/^./, (c) => (c === '0' ? '1' : '0'));
      await route.fulfill({response, json: body});
    });
    await page.reload();
    await page.getByRole('button', {name: 'Check the proofs in this browser'}).click();
    const result = page.locator('.verify-result.verify-bad');
    await result.waitFor();
    const n = await page.locator('table.audit-trail tbody tr').count();
    assert.match(await result.textContent(), new RegExp(`1 of ${n} entries failed`));
    assert.equal(await page.locator('td.proof[data-verified=false]').count(), 1);
    assert.match(await page.locator('table.audit-trail tbody tr').first().locator('td.proof').textContent(), /proof does not match/);
    await shot(page, '51b-privacy-proof-mismatch');
    await page.unroute('**/api/v1/audit/me');
    await page.reload();
    await page.locator('table.audit-trail').waitFor();
  });

  await test('export downloads a JSON file with this account and its profiles', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('button', {name: 'Download my data'}).click()]);
    assert.match(download.suggestedFilename(), /^hearth-export-\d{4}-\d\d-\d\d\.json$/);
    const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(doc.format, 'hearth-export');
    assert.equal(doc.account.email, email);
    const profiles = (await call('GET', '/profiles')).profiles;
    assert.deepEqual(doc.profiles.map((p) => [p.id, p.profile.name]), profiles.map((p) => [p.id, p.profile.name]));
    assert.deepEqual(doc.profiles.map((p) => p.profile.name).sort(), ['Pat', 'Pat junior']);
    assert.equal(doc.consents.length, 1);
    assert.ok(doc.consents[0].revoked_at, 'the ended consent is in the export');
    assert.match(await page.locator('.export-status').textContent(), /Saved hearth-export-.*2 profile\(s\).*1 consent\(s\)/);
    // The export is itself audited: it shows after a reload.
    await page.reload();
    await page.locator('tr[data-event=data_exported]').waitFor();
  });

  await test('at 375 px the privacy page fits and the trail scrolls in its own box', async () => {
    await page.setViewportSize({width: 375, height: 800});
    await page.locator('table.audit-trail').waitFor();
    const sizes = await page.evaluate(() => {
      const box = document.querySelector('table.audit-trail').closest('.table-scroll');
      return {page: document.documentElement.scrollWidth, scroll: box.scrollWidth, client: box.clientWidth, tab: box.tabIndex};
    });
    assert.ok(sizes.page <= 375, `the page fits (${sizes.page})`);
    assert.ok(sizes.scroll > sizes.client, 'the table scrolls sideways in its box');
    assert.equal(sizes.tab, 0);
    await shot(page, '52-privacy-375px');
    await page.setViewportSize({width: 1280, height: 900});
  });

  await test('deleting with a wrong password is refused at the field', async () => {
    await page.getByLabel('Your password').fill('not my password');
    await page.getByRole('button', {name: 'Delete my account'}).click();
    assert.match(await fieldError(page, 'Your password'), /^Your password is wrong/);
    await shot(page, '53-privacy-delete-error');
    assert.equal((await call('GET', '/auth/session')).email, email, 'the account is still there');
  });

  await test('deleting with the right password signs out; signing in again fails', async () => {
    await page.getByLabel('Your password').fill(password);
    await page.getByRole('button', {name: 'Delete my account'}).click();
    await page.getByRole('heading', {level: 1, name: 'Sign in'}).waitFor();
    assert.match(await page.locator('#flash').textContent(), /account and your data are erased/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hearth.token')), null);
    await shot(page, '54-privacy-deleted');
    await assert.rejects(call('GET', '/auth/session'), /401/, 'the old session is gone');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.locator('.form-error').waitFor();
    assert.match(await page.locator('.form-error').textContent(), /The email or the password is wrong/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hearth.token')), null);
  });
});
