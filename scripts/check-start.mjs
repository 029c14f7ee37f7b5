// CI, on a clean clone: `npm start` builds and serves the API, /docs and the console; stopped and started again on the
// unchanged tree, it answers /health within 3 s (the build has nothing to redo). Exits 1 with one sentence otherwise.
//   node scripts/check-start.mjs
/* global process, console, fetch, setTimeout -- plain Node */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECOND_START_LIMIT_MS = 3000;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const answers = (url) =>
  fetch(url).then(
    (response) => response.status,
    () => 0,
  );

/** `npm start` in its own process group, so stopping it stops npm, the shell and the service together. */
function start(env) {
  const began = Date.now();
  let output = '';
  /** When npm ran the start script: the build's check (prestart) is over, the service starts. */
  let serving;
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => {
    output += d;
    if (serving === undefined && output.includes('bin/posapi serve')) serving = Date.now() - began;
  });
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    output: () => output,
    /** Where the time went: the build's check, then the service's own start. */
    split: (totalMs) =>
      serving === undefined ? '' : ` (the build's check ${(serving / 1000).toFixed(2)} s, the service ${((totalMs - serving) / 1000).toFixed(2)} s)`,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

async function untilHealthy(base, service, timeoutMs) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (service.exited()) return undefined;
    if ((await answers(`${base}/health`)) === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

function fail(message, service) {
  console.error(`check-start: ${message}\n--- npm start said:\n${service.output()}`);
  process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), 'posapi-start-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'posapi.db')}`, LOG_LEVEL: 'warn' };
try {
  const first = start(env);
  const firstMs = await untilHealthy(base, first, 15 * 60_000);
  if (firstMs === undefined) {
    fail('the first `npm start` never answered /health', first);
  } else {
    const pages = { '/health': 200, '/docs': 200, '/openapi.json': 200, '/console/': 200 };
    const got = {};
    for (const path of Object.keys(pages)) got[path] = await answers(`${base}${path}`);
    console.log(`first npm start (with its build): /health in ${(firstMs / 1000).toFixed(1)} s; ${JSON.stringify(got)}`);
    const missing = Object.keys(pages).filter((path) => got[path] !== pages[path]);
    if (missing.length > 0) fail(`the first \`npm start\` does not serve ${missing.join(', ')}`, first);
  }
  await first.stop();

  if (!process.exitCode) {
    const second = start(env);
    const secondMs = await untilHealthy(base, second, 60_000);
    await second.stop();
    if (secondMs === undefined) fail('the second `npm start` never answered /health', second);
    else if (secondMs >= SECOND_START_LIMIT_MS)
      fail(
        `the second \`npm start\` on an unchanged tree took ${(secondMs / 1000).toFixed(1)} s to answer /health${second.split(secondMs)} (limit 3 s)`,
        second,
      );
    else console.log(`second npm start (unchanged tree): /health in ${(secondMs / 1000).toFixed(2)} s${second.split(secondMs)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
