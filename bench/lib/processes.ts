// Child processes a benchmark measures: the service itself, the node:http baseline, the Prism mock.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../../testkit/index.js';

export interface Child {
  process: ChildProcess;
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000, pollMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${log()}`);
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`no answer from ${url}:\n${log()}`);
}

function spawnChild(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
  child.stderr?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
  return { child, log: () => log };
}

const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

export async function startService(env: Record<string, string>): Promise<Child & { startupMs: number }> {
  const port = await freePort();
  const started = Date.now();
  // As operators run it: the launcher (allocator settings) and the bundle.
  const { child, log } = spawnChild('bin/posapi', ['serve'], { LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/health`, child, log, 60_000, 10);
  return { process: child, base, pid: child.pid as number, startupMs: Date.now() - started, stop: stopper(child) };
}

export async function startBaseline(bodyBytes: number): Promise<Child> {
  const port = await freePort();
  const { child, log } = spawnChild(process.execPath, ['--import', 'tsx', 'bench/lib/baseline-server.ts'], { PORT: String(port), BODY_BYTES: String(bodyBytes) });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(base, child, log);
  return { process: child, base, pid: child.pid as number, stop: stopper(child) };
}

/** Stoplight Prism serving our own openapi.json as a mock: what an integrator would otherwise point a till at. */
export async function startPrism(openapiPath: string): Promise<Child> {
  const port = await freePort();
  const { child, log } = spawnChild(process.execPath, ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', '-p', String(port), '-h', '127.0.0.1', openapiPath], {});
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/health`, child, log, 120_000);
  return { process: child, base, pid: child.pid as number, stop: stopper(child) };
}

/** Resident memory of a process, in MB, from /proc. */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
