// The TypeScript SDK against a live service: the service runs on a fresh SQLite database and a free port, the
// SDK's example (token → lookup → verify → plans) runs against it, and the client renews its token as the clock moves.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SDK = join(ROOT, 'clients/typescript');
const MAIN = join(ROOT, 'dist/cli/main.js');

/** The part of the SDK these tests use; the SDK is loaded once its own dependencies are installed (it typechecks itself). */
interface Sdk {
  createPosApiClient(options: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    now?: () => number;
    fetch?: (request: Request) => Promise<Response>;
  }): {
    token(): Promise<string>;
    searchCustomers(query: Record<string, string>, options?: { referenceId?: string }): Promise<unknown>;
    lookupCustomer(query: Record<string, string>, options?: { referenceId?: string }): Promise<unknown>;
  };
  PosApiError: new (...args: never[]) => Error;
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * How to start the service: the build (`npm test` builds first, as CI does), or its sources through tsx when dist/ is
 * missing or older than src/, so this test never rewrites dist/ under other tests that run it.
 */
function serviceCommand(): string[] {
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestIn(join(ROOT, 'src'))) return [MAIN, 'serve'];
  return ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve'];
}

/** The SDK's own dependencies (openapi-fetch), as CI installs them. */
function ensureSdkInstalled(): void {
  if (existsSync(join(SDK, 'node_modules/openapi-fetch/package.json'))) return;
  execFileSync('npm', ['--prefix', SDK, 'ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? done(address.port) : fail(new Error('no port'))));
    });
  });

async function waitForHealth(baseUrl: string, service: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (service.exitCode !== null) throw new Error(`the service stopped (${service.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the service did not come up:\n${log()}`);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the TypeScript SDK against a running service', () => {
  let service: ChildProcess | undefined;
  let dir = '';
  let baseUrl = '';
  let serviceLog = '';
  let sdk: Sdk;

  beforeAll(async () => {
    ensureSdkInstalled();
    const client = join(SDK, 'src/client.ts');
    sdk = (await import(client)) as Sdk;
    dir = mkdtempSync(join(tmpdir(), 'posapi-sdk-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const key = () => randomBytes(32).toString('hex');
    service = spawn(process.execPath, serviceCommand(), {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${join(dir, 'sdk.db')}`,
        TOKEN_SIGNING_KEY: key(),
        CARD_HMAC_KEY: key(),
        OUTBOX_KEY: key(),
        SCRYPT_COST: '1024',
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout?.on('data', (d: Buffer) => (serviceLog += d.toString()));
    service.stderr?.on('data', (d: Buffer) => (serviceLog += d.toString()));
    await waitForHealth(baseUrl, service, () => serviceLog);
  }, 180_000);

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const stopped = new Promise((r) => service?.once('exit', r));
      service.kill('SIGTERM');
      await stopped;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the checkout example: token → lookup → verify → plans', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', join(SDK, 'examples/checkout.ts')], { POSAPI_URL: baseUrl });
    console.log(result.stdout);
    expect(result.stderr.replace(/.*ExperimentalWarning.*\n?/g, '')).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('lookup: Alan Martinet, account 20035156, available credit 5000.00');
    expect(result.stdout).toMatch(/verify: PIN •••• issued/);
    expect(result.stdout).toMatch(/plans for 234\.45/);
    expect(result.stdout).toContain('checkout ok');
  }, 60_000);

  it('renews the token before it expires (refresh grant), and gets a new one once it has expired', async () => {
    const clock = { now: Date.now() };
    const grants: string[] = [];
    const client = sdk.createPosApiClient({
      baseUrl,
      clientId: 'flexitidemo',
      clientSecret: 'demo-secret',
      now: () => clock.now,
      fetch: async (request) => {
        if (request.url.endsWith('/oauth/token')) grants.push(new URLSearchParams(await request.clone().text()).get('grant_type') ?? '?');
        return fetch(request);
      },
    });
    const first = await client.token();
    expect(await client.token()).toBe(first);
    clock.now += 3550_000; // within a minute of expiry: renewed by its refresh token
    const renewed = await client.token();
    expect(renewed).not.toBe(first);
    clock.now += 7200_000; // long expired for the client: a new client-credentials token
    await client.lookupCustomer({ account_number: '20035156' });
    expect(grants).toEqual(['client_credentials', 'refresh_token', 'client_credentials']);
  });

  it('sends a fresh x-reference-id on every call, and yours when you give one', async () => {
    const seen: string[] = [];
    const client = sdk.createPosApiClient({
      baseUrl,
      clientId: 'flexitidemo',
      clientSecret: 'demo-secret',
      fetch: async (request) => {
        seen.push(request.headers.get('x-reference-id') ?? '');
        return fetch(request);
      },
    });
    await client.searchCustomers({ first_name: 'Alan', last_name: 'Martinet', dob: '1985-03-14' });
    await client.lookupCustomer({ account_number: '20035156' });
    await client.lookupCustomer({ account_number: '20035156' }, { referenceId: 'till-9/txn-1' });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe('till-9/txn-1');
    for (const id of seen.slice(0, -1)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("throws the lender's error body as a PosApiError", async () => {
    const client = sdk.createPosApiClient({ baseUrl, clientId: 'flexitidemo', clientSecret: 'demo-secret' });
    const error = await client.lookupCustomer({ account_number: '99999999' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.PosApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      body: { error: 'not_found', url: '/flexiti/pos-api/v2.5/client-id/flexitidemo/customers/lookup' },
    });
  });
});
