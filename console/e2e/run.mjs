// Runs the console's end-to-end suite: checks for Debian's Chromium, rebuilds what is stale, then node's test runner.
/* global process, console -- plain Node, so it runs before any dependency is needed */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const consoleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(consoleDir, '..');
const CHROMIUM = '/usr/bin/chromium';

function fail(message) {
  console.error(`\n*** console e2e: ${message}\n`);
  process.exit(1);
}

if (!existsSync(CHROMIUM)) {
  // Never a downloaded browser: the suite drives Debian's own Chromium.
  fail(`${CHROMIUM} is missing. Install Debian's Chromium first:\n      apt-get update && apt-get install -y chromium`);
}

// The service under test (the root's build) and the console it serves: the root's build makes both, and skips what is
// already up to date.
const built = spawnSync(process.execPath, [join(rootDir, 'scripts/build.mjs')], { cwd: rootDir, stdio: 'inherit' });
if (built.status !== 0) fail('the service or the console did not build (npm run build at the root)');

const testDir = join(consoleDir, 'e2e');
const files = readdirSync(testDir)
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => join('e2e', name));
if (files.length === 0) fail('no e2e/*.test.ts file found');

// One file at a time: each starts its own service and browser, and the machine has two cores.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: consoleDir,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
