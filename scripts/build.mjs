// `npm run build` (which `npm start` and `npm test` run first): the service (tsc's output in dist/ and the one-file
// bundle dist/posapi.mjs) and the cashier console (console/dist, served at /console/), each rebuilt only when its
// sources changed since its last good build (see build-stamp.mjs), so a start on an unchanged tree is immediate.
//   node scripts/build.mjs [service] [console] [--force]     (no part named: both)
/* global process, console -- plain Node: it runs before anything is compiled */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearStamp, fingerprint, isUpToDate, writeStamp } from './build-stamp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONSOLE = join(ROOT, 'console');
/** What every part's output also depends on: the installed dependencies and this build's own rules. */
const SHARED_INPUTS = ['package-lock.json', 'scripts/build.mjs', 'scripts/build-stamp.mjs'];

/** A package's file, from where npm installed it (workspaces hoist most packages to the root's node_modules). */
function packageFile(from, name, file) {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', name, file);
    if (existsSync(path)) return path;
    if (dirname(dir) === dir) break;
  }
  console.error(`build: ${name} is not installed; run \`npm ci\` at the repository's root first`);
  process.exit(1);
}

const PARTS = {
  service: {
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs'],
    outputs: ['dist/cli/main.js', 'dist/posapi.mjs'],
    stamp: 'dist/.build-stamp',
    steps: () => [
      { cwd: ROOT, args: [packageFile(ROOT, 'typescript', 'bin/tsc'), '-p', 'tsconfig.build.json'] },
      { cwd: ROOT, args: [join(ROOT, 'scripts/bundle.mjs')] },
    ],
  },
  console: {
    inputs: ['console/src', 'console/index.html', 'console/vite.config.ts', 'console/tsconfig.json', 'console/package.json'],
    outputs: ['console/dist/index.html'],
    // Vite empties console/dist before it writes: the stamp is written after it.
    stamp: 'console/dist/.build-stamp',
    steps: () => [{ cwd: CONSOLE, args: [packageFile(CONSOLE, 'vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'] }],
  },
};

const args = process.argv.slice(2);
const force = args.includes('--force');
const named = args.filter((arg) => arg !== '--force');
for (const name of named) {
  if (!(name in PARTS)) {
    console.error(`build: no part named ${name} (service, console)`);
    process.exit(2);
  }
}

for (const name of named.length > 0 ? named : Object.keys(PARTS)) {
  const part = PARTS[name];
  const stamp = join(ROOT, part.stamp);
  const print = fingerprint(ROOT, [...part.inputs, ...SHARED_INPUTS]);
  if (
    !force &&
    isUpToDate(
      stamp,
      print,
      part.outputs.map((output) => join(ROOT, output)),
    )
  ) {
    console.log(`build: ${name} is up to date`);
    continue;
  }
  console.log(`build: ${name}…`);
  const started = Date.now();
  clearStamp(stamp);
  for (const step of part.steps()) {
    const result = spawnSync(process.execPath, step.args, { cwd: step.cwd, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`build: ${name} failed`);
      process.exit(result.status ?? 1);
    }
  }
  writeStamp(stamp, print);
  console.log(`build: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
