// Runs the console's end-to-end suite: checks for Debian's Chromium, rebuilds what is stale, then node's test runner.
/* global process, console -- plain Node, so it runs before any dependency is needed */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** The newest modification time under these paths (files or folders), 0 when none exist. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function run(command, args, cwd) {
  console.log(`console e2e: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd, stdio: 'inherit' }).status === 0;
}

// The service under test is the root's compiled build.
const serviceMain = join(rootDir, 'dist/cli/main.js');
if (!existsSync(serviceMain) || newestMtime([join(rootDir, 'src')]) > newestMtime([serviceMain])) {
  const built = run('npm', ['--prefix', rootDir, 'run', 'build'], rootDir);
  // tsc still emits on a type error elsewhere in the tree; a build that left main.js behind can be tested.
  if (!built && !existsSync(serviceMain)) fail('the service did not build (npm --prefix .. run build)');
  if (!built) console.warn('console e2e: the service build reported errors; testing what it emitted');
}

// The console is served from console/dist: rebuild it when its sources are newer.
const consoleSources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(consoleDir, p));
if (newestMtime(consoleSources) > newestMtime([join(consoleDir, 'dist')])) {
  if (!run('npm', ['run', 'build'], consoleDir)) fail('the console did not build (npm run build)');
}

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
