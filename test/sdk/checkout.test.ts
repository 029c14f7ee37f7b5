// The TypeScript SDK against a live service: the service runs on a fresh SQLite database and a free port, the
// SDK's example (token → lookup → verify → plans → purchase → return) runs against it, the Transactions calls go through
// the client, and the client renews its token as the clock moves.
import { spawn, type ChildProcess } from 'node:child_process';
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

/** The part of the SDK these tests use (its sources, loaded through tsx; the SDK typechecks itself). */
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
    verifyCustomer(accountNumber: number, body: Record<string, unknown>): Promise<{ verification_code: number }>;
    authorizePurchase(body: Record<string, unknown>, options?: { referenceId?: string; idempotencyKey?: string }): Promise<Purchase>;
    captureAuthorization(id: string, body: Record<string, unknown>): Promise<Purchase>;
    releaseAuthorization(id: string, body: Record<string, unknown>): Promise<Purchase>;
    refundAccount(accountNumber: number, body: Record<string, unknown>): Promise<{ refundId: string }>;
    takePayment(body: Record<string, unknown>): Promise<{ transaction_id: string; available_credit: number }>;
    listAuthorizations(query?: Record<string, string>): Promise<{ total: number; items: Purchase[] }>;
    getAuthorization(id: string): Promise<Purchase>;
    listCaptures(query?: Record<string, string>): Promise<{ total: number; items: { capture_id: string; authorization_id: string }[] }>;
  };
  PosApiError: new (...args: never[]) => Error;
}

interface Purchase {
  authorization_id: string;
  status: string;
  captured_amount: number;
  released_amount: number;
  remaining_amount: number;
  captures: { capture_id: string; amount: number }[];
  available_credit: number;
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

  it('runs the checkout example: token → lookup → verify → plans → purchase → return', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', join(SDK, 'examples/checkout.ts')], { POSAPI_URL: baseUrl });
    console.log(result.stdout);
    expect(result.stderr.replace(/.*ExperimentalWarning.*\n?/g, '')).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('lookup: Alan Martinet, account 20035156, available credit 5000.00');
    expect(result.stdout).toMatch(/verify: PIN •••• issued/);
    expect(result.stdout).toMatch(/plans for 234\.45/);
    // Plan 4 over 12 months, captured at once: the credit is spent; 50.00 of it returned, and it comes back.
    expect(result.stdout).toMatch(
      /purchase: authorization \d+, 234\.45 on plan 4 over 12 months \(12 × \d+\.\d\d\), captured 234\.45, status closed, available credit 4765\.55/,
    );
    expect(result.stdout).toMatch(/return: 50\.00 of capture \d+, 184\.45 left to return, available credit 4815\.55/);
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

  it('holds a purchase, captures part, releases the rest, refunds, takes a payment and reads it all back', async () => {
    const client = sdk.createPosApiClient({ baseUrl, clientId: 'flexitidemo', clientSecret: 'demo-secret' });
    const account = 116994755;
    const where = { external_location_id: '00-12345', external_employee_id: '12345-SMITH' };
    const pin = async (requestId: string) => (await client.verifyCustomer(account, { format: 'merchant_override', request_id: requestId })).verification_code;
    const body = {
      account_number: account,
      amount: 250,
      financing_option: { transaction_type: 'promotional_purchase', plan_id: 4, term: 12 },
      auto_capture: false,
      verification_code: await pin('sdk-held-1'),
      request_id: 'sdk-held-1',
      ...where,
    };
    const held = await client.authorizePurchase(body, { idempotencyKey: 'sdk-held-1-key' });
    expect(held).toMatchObject({ status: 'opened', remaining_amount: 250, captures: [] });
    // The same key again: the first answer, not a second purchase (the PIN is spent).
    expect(await client.authorizePurchase(body, { idempotencyKey: 'sdk-held-1-key' })).toEqual(held);
    const captured = await client.captureAuthorization(held.authorization_id, { amount: 100, ...where });
    expect(captured).toMatchObject({ status: 'opened', captured_amount: 100, remaining_amount: 150 });
    const released = await client.releaseAuthorization(held.authorization_id, where);
    expect(released).toMatchObject({ status: 'closed', released_amount: 150, remaining_amount: 0 });
    const refund = await client.refundAccount(account, { amount: 20, ...where });
    expect(refund.refundId).toMatch(/^\d+$/);
    const paid = await client.takePayment({
      transaction_type: 'instore_payment',
      amount: 30,
      account_number: account,
      verification_code: await pin('sdk-payment-1'),
      request_id: 'sdk-payment-1',
      ...where,
    });
    expect(paid.available_credit).toBe(released.available_credit + 20 + 30);
    expect(await client.getAuthorization(held.authorization_id)).toMatchObject({ status: 'closed', available_credit: paid.available_credit });
    const page = await client.listAuthorizations({ account_number: String(account), authorization_status: 'closed' });
    expect(page.items.map((a) => a.authorization_id)).toContain(held.authorization_id);
    const captures = await client.listCaptures({ external_location_id: '00-12345' });
    expect(captures.items.find((c) => c.authorization_id === held.authorization_id)?.capture_id).toBe(captured.captures[0]?.capture_id);
    const ended = await client.captureAuthorization(held.authorization_id, where).catch((e: unknown) => e);
    expect(ended).toMatchObject({ status: 409, code: 'authorization_ended' });
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
