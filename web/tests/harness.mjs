// The harness of hearth's real-browser tests: starts the real server binary on a free port with a new
// database (--demo --web-dir web), drives the system's Chromium (headless) through playwright-core,
// collects console errors (a Content-Security-Policy violation is one) and saves screenshots to
// build/web-screenshots/. A suite is one file, *.test.mjs, that calls suite(name, fn); run.mjs runs
// them all.
//
// Environment: HEARTH_BINARY (default build/debug/src/cli/hearth), CHROMIUM (default
// /usr/bin/chromium), SCREENSHOT_DIR (default build/web-screenshots).

import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = path.resolve(root, process.env.HEARTH_BINARY || 'build/debug/src/cli/hearth');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = path.resolve(root, process.env.SCREENSHOT_DIR || 'build/web-screenshots');
export const PLAN_TIMEOUT_MS = 180_000;  // a debug (sanitizer) build solves slowly on a busy machine

/**
 * Starts `hearth serve` on a free port; resolves to {base, child, output(), accounts}, where accounts
 * maps each demo account's email to {role, password} as printed at start.
 */
function startServer(dir) {
  const args = ['--data-dir', path.join(root, 'data'), '--db', path.join(dir, 'hearth.db'),
    'serve', '--port', '0', '--demo', '--web-dir', path.join(root, 'web')];
  const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/);
      if (m) {
        clearTimeout(timer);
        const accounts = {};
        for (const line of output.matchAll(/^ +(\S+@\S+) +(\S+) +(demo-\S+)$/gm)) {
          accounts[line[1]] = {role: line[2], password: line[3]};
        }
        resolve({base: m[1], child, output: () => output, accounts});
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Saves a screenshot of `page` as <SCREENSHOT_DIR>/<name>.png. */
export async function shot(page, name, fullPage = true) {
  await page.screenshot({path: path.join(shots, `${name}.png`), fullPage});
}

/** The error text shown inside the .field that holds the control labelled `label`. */
export async function fieldError(page, label) {
  const control = page.getByLabel(label, {exact: true});
  await control.waitFor();
  const error = control.locator('xpath=ancestor::div[contains(@class,"field")][1]//p[contains(@class,"field-error")]');
  await error.waitFor({timeout: 15_000});
  assert.equal(await control.getAttribute('aria-invalid'), 'true', `${label} is marked aria-invalid`);
  const describedBy = (await control.getAttribute('aria-describedby')) || '';
  const errorId = await error.getAttribute('id');
  assert.ok(describedBy.split(' ').includes(errorId), `${label}'s aria-describedby names its error (${describedBy})`);
  return (await error.textContent()).trim();
}

/**
 * Goes through the profile wizard (#/profiles/new, already open) with the values a test types:
 * {name, age, sex, height, weight, activity = 'active', pregnancy, checks: ['Peanut', …] (labels of
 * the conditions, allergies and diet boxes to tick), budget}. Values left out are left as the wizard
 * has them. opts.onStep(n) runs when step n (1-4) is filled in, before moving on (for screenshots and
 * checks); with opts.save (the default) it saves and resolves to the new profile's id from the
 * targets page's address, else it stays on the last step and resolves to null.
 */
export async function fillProfileWizard(page, profile, {save = true, onStep = async () => {}} = {}) {
  const {name, age, sex, height, weight, activity = 'active', pregnancy, checks = [], budget} = profile;
  const next = () => page.getByRole('button', {name: 'Next'}).click();
  if (name !== undefined) await page.getByLabel('Profile name').fill(String(name));
  if (age !== undefined) await page.getByLabel('Age (years)').fill(String(age));
  if (sex !== undefined) await page.getByLabel('Sex').selectOption(sex);
  if (height !== undefined) await page.getByLabel('Height (cm)').fill(String(height));
  if (weight !== undefined) await page.getByLabel('Weight (kg)').fill(String(weight));
  await onStep(1);
  await next();
  await page.getByLabel('How active are you?').selectOption(activity);
  if (pregnancy !== undefined) await page.getByLabel('Pregnancy').selectOption(String(pregnancy));
  await onStep(2);
  await next();
  for (const label of checks) await page.getByLabel(label, {exact: true}).check();
  await onStep(3);
  await next();
  if (budget !== undefined) await page.getByLabel('Grocery budget per week').fill(String(budget));
  await onStep(4);
  if (!save) return null;
  await page.getByRole('button', {name: 'Save and see my targets'}).click();
  await page.getByRole('heading', {level: 1, name: 'Your daily targets'}).waitFor();
  return Number(page.url().match(/#\/profiles\/(\d+)\/targets$/)[1]);
}

/**
 * Runs one suite: a fresh server and database, one browser, and fn({page, context, browser, base,
 * server, test, newPage}). test(name, body) runs a step; the steps build on each other, so after a
 * failure the rest are skipped rather than failing in a cascade. A last step checks that no page
 * logged an error. Exits the process with 0 only when every step passed.
 */
export async function suite(name, fn) {
  for (const [what, file] of [['server binary', binary], ['Chromium', browserPath]]) {
    if (!existsSync(file)) {
      console.error(`web tests: ${what} ${file} not found`);
      process.exit(2);
    }
  }
  mkdirSync(shots, {recursive: true});
  console.log(`# ${name}`);
  const results = [];
  async function test(stepName, body, {always = false} = {}) {
    if (!always && results.some((r) => !r.ok)) {
      results.push({name: stepName, ok: false, skipped: true});
      console.log(`skip ${stepName} (an earlier step failed)`);
      return;
    }
    const started = Date.now();
    try {
      await body();
      results.push({name: stepName, ok: true});
      console.log(`ok   ${stepName} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      results.push({name: stepName, ok: false});
      console.log(`FAIL ${stepName}\n     ${String(err && err.stack || err).split('\n').join('\n     ')}`);
    }
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-web-'));
  const consoleErrors = [];
  let server;
  let browser;
  try {
    server = await startServer(dir);
    browser = await chromium.launch({executablePath: browserPath, headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage']});
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    // Every page of the suite reports its console errors.
    const newPage = async (ctx = context) => {
      const p = await ctx.newPage();
      p.setDefaultTimeout(30_000);
      p.on('console', (msg) => {
        // A failed API call logs "Failed to load resource: … 4xx" by design; everything else is a
        // bug (a CSP violation, an exception).
        if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
          consoleErrors.push(msg.text());
        }
      });
      p.on('pageerror', (err) => consoleErrors.push(`page error: ${err.message}`));
      return p;
    };
    const page = await newPage();
    await fn({page, context, browser, base: server.base, server, test, newPage});
    await test('no console errors and no CSP violations on any screen', async () => {
      assert.deepEqual(consoleErrors, []);
    }, {always: true});
  } catch (err) {
    console.error(`web tests: ${err && err.stack || err}`);
    results.push({name: 'setup', ok: false});
  } finally {
    if (browser) await browser.close();
    if (server) server.child.kill('SIGTERM');
    rmSync(dir, {recursive: true, force: true});
  }

  const failed = results.filter((r) => !r.ok && !r.skipped);
  const skipped = results.filter((r) => r.skipped);
  console.log(`${name}: ${results.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} skipped; screenshots in ${shots}\n`);
  process.exit(failed.length || skipped.length ? 1 : 0);
}
