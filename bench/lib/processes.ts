// Child processes a benchmark measures: the service itself (this tree's, or another built tree's), the node:http
// baselines (bare, and running SQL), the Prism mock; and what a process has used, from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, fstatSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../testkit/index.js';
import type { Statement } from './statement.js';

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
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`no answer from ${url}:\n${log()}`);
}

/**
 * The child's output goes to a file, as an operator's `npm start > posapi.log` does: read through a pipe, every log line
 * (the service's request lines, at its default level) would cost the bench process, which is also the load generator.
 * The file goes when the child exits; `log()` reads its last lines.
 */
function spawnChild(command: string, args: string[], env: Record<string, string>, cwd?: string): { child: ChildProcess; log: () => string } {
  const folder = mkdtempSync(join(tmpdir(), 'posapi-bench-output-'));
  const path = join(folder, 'output.log');
  const fd = openSync(path, 'w+');
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd], ...(cwd ? { cwd } : {}) });
  let kept = '';
  const tail = () => {
    const size = fstatSync(fd).size;
    const length = Math.min(4000, size);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  };
  child.once('exit', () => {
    kept = tail();
    closeSync(fd);
    rmSync(folder, { recursive: true, force: true });
  });
  return { child, log: () => (child.exitCode === null && child.signalCode === null ? tail() : kept) };
}

const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

async function serve(command: string, args: string[], env: Record<string, string>, cwd?: string): Promise<Child & { startupMs: number }> {
  const port = await freePort();
  const started = Date.now();
  const { child, log } = spawnChild(command, args, { ...env, PORT: String(port), HOST: '127.0.0.1' }, cwd);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/health`, child, log, 60_000, 10);
  return { process: child, base, pid: child.pid as number, startupMs: Date.now() - started, stop: stopper(child) };
}

/** This tree's service as operators run it: the launcher (allocator settings) and the bundle. */
export function startService(env: Record<string, string>): Promise<Child & { startupMs: number }> {
  return serve('bin/posapi', ['serve'], env);
}

/**
 * The bundle of another built tree (`<root>/dist/posapi.mjs`), run by this node with bin/posapi's allocator setting, so
 * the pid is the node process itself and two trees differ only in their code.
 */
export function startServiceFrom(root: string, env: Record<string, string>): Promise<Child & { startupMs: number }> {
  const allocator = { MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '1048576' };
  return serve(process.execPath, [join(root, 'dist/posapi.mjs'), 'serve'], { ...allocator, ...env }, root);
}

export async function startBaseline(bodyBytes: number): Promise<Child> {
  const port = await freePort();
  const { child, log } = spawnChild(process.execPath, ['--import', 'tsx', 'bench/lib/baseline-server.ts'], {
    PORT: String(port),
    BODY_BYTES: String(bodyBytes),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(base, child, log);
  return { process: child, base, pid: child.pid as number, stop: stopper(child) };
}

/**
 * Plain node:http running the given statements in order on the service's database for each request
 * (sql-baseline-server.ts). Refused at once if a statement fails.
 */
export async function startSqlBaseline(databaseUrl: string, statements: Statement[]): Promise<Child> {
  const port = await freePort();
  const { child, log } = spawnChild(process.execPath, ['--import', 'tsx', 'bench/lib/sql-baseline-server.ts'], {
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    STATEMENTS: JSON.stringify(statements),
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitFor(base, child, log);
    const res = await fetch(base);
    if (res.status !== 200) throw new Error(`the SQL baseline answered ${res.status}: ${await res.text()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { process: child, base, pid: child.pid as number, stop };
}

/** Stoplight Prism serving our own openapi.json as a mock: what an integrator would otherwise point a till at. */
export async function startPrism(openapiPath: string): Promise<Child> {
  const port = await freePort();
  const { child, log } = spawnChild(
    process.execPath,
    ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', '-p', String(port), '-h', '127.0.0.1', openapiPath],
    {},
  );
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

let clockTicks: number | undefined;

/** CPU time (user + system, every thread) a process has used so far, in µs, from /proc/<pid>/stat. */
export function cpuMicros(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1e6;
}

/**
 * Waits until the process is idle (under a tenth of a core over a second), at most `maxMs`; gives how long it took. A
 * service may still work after its load stops (the outbox dispatching the PINs verify queued, a checkpoint): measured
 * while that runs, the next endpoint would be charged for it.
 */
export async function settled(pid: number, maxMs = 180_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const before = cpuMicros(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (cpuMicros(pid) - before < 100_000 || Date.now() - started >= maxMs) return Date.now() - started;
  }
}
