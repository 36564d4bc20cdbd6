// Runs every real-browser suite (web/tests/*.test.mjs) one after another, each against its own
// server and database, and exits non-zero when any fails.
//
//   HEARTH_BINARY=build/release/src/cli/hearth node web/tests/run.mjs [suite-file …]
//
// Environment: see harness.mjs.

import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const suites = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) :
  readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));
const failed = [];
for (const file of suites) {
  const result = spawnSync(process.execPath, [file], {stdio: 'inherit'});
  if (result.status !== 0) failed.push(path.basename(file));
}
console.log(failed.length ? `web tests: failed: ${failed.join(', ')}` : `web tests: all ${suites.length} suites passed`);
process.exit(failed.length ? 1 : 0);
