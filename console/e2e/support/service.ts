// Starts the real service (the root's build) on a free port with a fresh SQLite database, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_MAIN } from './paths.ts';

export interface RunningService {
  baseUrl: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the service did not answer /health within 60 s:\n${output()}`);
}

/** The service's own settings from the caller's environment (a CI's REDIS_URL, SMTP, keys…) would couple runs together. */
const SERVICE_SETTING =
  /^(DATABASE_URL|PORT|HOST|LOG_LEVEL|REDIS_URL|RATE_LIMIT_|SMTP_|SMS_|TOKEN_|CARD_HMAC_KEY|OUTBOX_|KEYS_FILE|SEED_DEMO|SCRYPT_COST|PIN_TTL|SECURITY_|VERIFY_RATE_|BYPASS_)/;

function isolatedEnv(extraEnv: Record<string, string>, dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!SERVICE_SETTING.test(key)) env[key] = value;
  return { ...env, DATABASE_URL: `sqlite:${join(dataDir, 'db.sqlite')}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv };
}

export async function startService(extraEnv: Record<string, string> = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posapi-console-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVICE_MAIN, 'serve'], {
    env: isolatedEnv(extraEnv, dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const consolePage = await fetch(`${baseUrl}/console/`);
  if (!consolePage.ok) throw new Error(`the service does not serve /console/ (HTTP ${consolePage.status}): is console/dist built?`);

  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
