// Two real service processes on one PostgreSQL and one Redis: lockout, single delivery, idempotency and rate limits hold across them.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/runtime/context.js';
import { createContext } from '../../../src/runtime/context.js';
import { prepareStore } from '../../../src/runtime/server.js';
import { createTestStore, testConfig, type TestStore } from '../../helpers/stores.js';
import { startMailServer } from '../../helpers/mail-server.js';

const SKIP = process.env.POSAPI_TEST_PG === '0';
if (SKIP) console.warn('verify-multiprocess: skipped, PostgreSQL is not reachable (POSAPI_TEST_PG=0)');

const REDIS_URL = 'redis://127.0.0.1:6379';
const PER_ACCOUNT_LIMIT = 10;
const BASE = '/flexiti/pos-api/v2.5';
const ROOT = new URL('../../../', import.meta.url).pathname;
const SERVICE_ENTRY = join(ROOT, 'dist/cli/main.js');

/** The newest modification time of the sources the service is built from. */
function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(dir, entry.name)) : entry.name.endsWith('.ts') ? statSync(join(dir, entry.name)).mtimeMs : 0,
    ),
  );
}

/** `npm run build` when dist/ is older than src/. A type error elsewhere in the tree still emits JavaScript: it is reported, not fatal. */
async function buildIfStale(): Promise<void> {
  if (existsSync(SERVICE_ENTRY) && statSync(SERVICE_ENTRY).mtimeMs >= newestSource(join(ROOT, 'src'))) return;
  const started = Date.now();
  try {
    await promisify(execFile)('npm', ['run', '-s', 'build'], { cwd: ROOT, timeout: 240_000 });
  } catch (error) {
    if (!existsSync(SERVICE_ENTRY) || statSync(SERVICE_ENTRY).mtimeMs < started) throw error;
    console.warn(`verify-multiprocess: the build reported errors but emitted dist/:\n${String((error as { stdout?: string }).stdout ?? error).slice(0, 2000)}`);
  }
}

interface Service {
  name: string;
  url: string;
  process: ChildProcess;
}

/** `node dist/cli/main.js serve` on a port of its choosing; resolves with its address once it listens. */
function startService(name: string, env: Record<string, string>): Promise<Service> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVICE_ENTRY, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening?.[1]) {
        child.stdout?.off('data', onOutput);
        child.stdout?.resume();
        resolve({ name, url: listening[1], process: child });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`service ${name} exited (${code}) before listening:\n${output.slice(-3000)}`)));
  });
}

function stopService(service: Service | undefined): Promise<void> {
  if (!service || service.process.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    service.process.once('exit', () => resolve());
    service.process.kill('SIGTERM');
  });
}

const pinOf = (text: string) => /\b(\d{4})\b/.exec(text)?.[1];

/** Waits for a condition, a bounded number of times; never a fixed sleep. */
async function until(condition: () => Promise<boolean>, what: string, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** How many of each item: the measure of "exactly once". */
const tally = (items: string[]) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [item]: (counts[item] ?? 0) + 1 }), {});

const ACCOUNT = {
  ontarioTester: 116994755, // question 5 "Honda"
  quebecTester: 116994859, // question 5 "Toyota"
  noContact: 300000002,
  accented: 300000001,
};
const EMAIL_ACCOUNTS: Record<number, string> = {
  123456789: 'john.smith@example.com',
  20035156: 'alaninet@flexiti.com',
  116992907: 'vasilevich@flexiti.com',
  300000001: 'marie.gagne@example.ca',
  300000003: 'siobhan.oneil@example.ca',
  300000004: 'siobhan.oneil@example.ca',
};

describe.skipIf(SKIP)('verify with two service processes on one PostgreSQL (Redis rate limits, one SMTP server)', () => {
  let store: TestStore;
  let ctx: ServiceContext;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let services: Service[] = [];
  let token: string;
  const namespace = `posapi-test-${randomBytes(6).toString('hex')}-`;

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      throw new Error(`Redis is not reachable at ${REDIS_URL} (run scripts/ensure-test-services.sh): ${(error as Error).message}`);
    } finally {
      redis.disconnect();
    }
    await buildIfStale();
    store = await createTestStore('postgres');
    ctx = createContext(testConfig(store));
    await prepareStore(ctx); // migrated and seeded once, before either service starts
    mail = await startMailServer();
    const env = {
      PATH: process.env.PATH ?? '',
      ...store.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      REDIS_URL,
      RATE_LIMIT_NAMESPACE: namespace,
      VERIFY_RATE_PER_ACCOUNT: String(PER_ACCOUNT_LIMIT),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.port()),
      OUTBOX_POLL_MS: '20',
    };
    services = await Promise.all([startService('A', env), startService('B', env)]);
    const res = await fetch(`${services[0]!.url}${BASE}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': 'multiprocess-token' },
      body: new URLSearchParams({ client_id: 'flexitidemo', client_secret: 'demo-secret', grant_type: 'client_credentials' }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(services.map(stopService));
    await mail?.stop();
    await ctx?.close();
    await store?.drop();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
    const keys = await redis.keys(`${namespace}*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  let sequence = 0;
  const verifyOn = async (service: Service, account: number, body: object, referenceId = `mp-${process.pid}-${++sequence}`) => {
    const res = await fetch(`${service.url}${BASE}/client-id/flexitidemo/account/${account}/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-reference-id': referenceId },
      body: JSON.stringify({ request_id: '20240515123456789012', ...body }),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as { error?: string; verification_code?: number | string; url?: string; reference_id?: string },
    };
  };
  /** The i-th call goes to A, B, A, B… */
  const alternate = (i: number) => services[i % 2]!;
  const answer = (text: string) => ({ format: 'security_question', security_qid: 5, security_answer: text });
  const failuresOf = async (account: number) =>
    Number(
      (
        await ctx.db
          .selectFrom('answer_failures')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_number', '=', account)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('wrong answers alternated between the processes lock the question after three in total', async () => {
    const outcomes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) outcomes.push((await verifyOn(alternate(i), ACCOUNT.ontarioTester, answer('Civic'))).body.error);
    outcomes.push((await verifyOn(alternate(3), ACCOUNT.ontarioTester, answer('Honda'))).body.error);
    outcomes.push((await verifyOn(alternate(4), ACCOUNT.ontarioTester, answer('Honda'))).body.error);
    expect(outcomes).toEqual(['secret_answer_mismatch', 'secret_answer_mismatch', 'secret_answer_mismatch', 'tries_exceed', 'tries_exceed']);
    expect(await failuresOf(ACCOUNT.ontarioTester)).toBe(3);
  });

  it('concurrent wrong answers on both processes are counted one by one: three mismatches, then tries_exceed', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => verifyOn(alternate(i), ACCOUNT.quebecTester, answer('Corolla'))));
    expect(tally(results.map((r) => `${r.status} ${r.body.error}`))).toEqual({ '409 secret_answer_mismatch': 3, '409 tries_exceed': 5 });
    expect(await failuresOf(ACCOUNT.quebecTester)).toBe(3);
  });

  it('a POST repeated on the other process replays the first answer: the same PIN, made once', async () => {
    const referenceId = `mp-replay-${process.pid}-${++sequence}`;
    const first = await verifyOn(services[0]!, ACCOUNT.accented, { format: 'merchant_override' }, referenceId);
    const again = await verifyOn(services[1]!, ACCOUNT.accented, { format: 'merchant_override' }, referenceId);
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(again.headers.get('x-idempotent-replay')).toBe('true');
  });

  it('email verifications spread over both processes are each delivered exactly once', async () => {
    const since =
      (
        await ctx.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0;
    const receivedBefore = mail.received.length;
    const accounts = Object.keys(EMAIL_ACCOUNTS).map(Number);
    const requests = [...accounts, ...accounts, ...accounts, ...accounts];
    const answers = await Promise.all(requests.map((account, i) => verifyOn(alternate(i), account, { format: 'email' })));
    expect(answers.map((a) => a.body.verification_code)).toEqual(requests.map(() => 'verification_sent_to_email'));

    const sent = () => ctx.db.selectFrom('outbox').selectAll().where('id', '>', Number(since)).orderBy('id').execute();
    await until(
      async () => (await sent()).every((row) => row.status === 'sent') && mail.received.length - receivedBefore >= requests.length,
      'every message sent',
    );

    const rows = await sent();
    const arrived = mail.received.slice(receivedBefore);
    expect(rows).toHaveLength(requests.length);
    expect(rows.every((row) => row.attempts === 0 && row.last_error === null)).toBe(true);
    expect(arrived).toHaveLength(requests.length);
    expect(tally(arrived.map((m) => m.to))).toEqual(tally(requests.map((a) => EMAIL_ACCOUNTS[a]!)));
    // Each outbox message arrived once: its recipient and PIN are in exactly one received message.
    const messages = rows.map((row) => JSON.parse(ctx.seal.open(row.payload)) as { to: string; body: string });
    expect(tally(arrived.map((m) => `${m.to} ${pinOf(m.body)}`))).toEqual(tally(messages.map((m) => `${m.to} ${pinOf(m.body)}`)));
  });

  it('the per-account rate limit is shared by both processes through Redis', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ACCOUNT_LIMIT; i++) statuses.push((await verifyOn(alternate(i), ACCOUNT.noContact, { format: 'merchant_override' })).status);
    expect(statuses).toEqual(Array(PER_ACCOUNT_LIMIT).fill(200));
    for (const service of services) {
      const refused = await verifyOn(service, ACCOUNT.noContact, { format: 'merchant_override' });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        error: 'too_many_requests',
        url: `${BASE}/client-id/flexitidemo/account/${ACCOUNT.noContact}/verify`,
        reference_id: expect.any(String),
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect((await verifyOn(services[1]!, ACCOUNT.accented, { format: 'merchant_override' })).status).toBe(200);
  });
});
