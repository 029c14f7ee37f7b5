// Runs the built service as a real process (`node dist/posapi.mjs serve`, the bundle operators run) on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../../testkit/ports.js';

export const CLI = new URL('../../dist/posapi.mjs', import.meta.url).pathname;

export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startService(env: Record<string, string>, options: { waitForHealth?: boolean } = {}): Promise<ServiceProcess> {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [CLI, 'serve'], {
    // The tests run side by side on a shared machine, where a service process may wait for a core for a second: its
    // load shedding would then refuse a test's request. Shedding has its own test; a test may still set the bound.
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      SCRYPT_COST: '1024',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '60000',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    child,
    base,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  if (options.waitForHealth !== false) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output}`);
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) {
        await service.stop('SIGKILL');
        throw new Error(`the service did not answer /health:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return service;
}
