// Redis goes away and comes back while two service processes on one PostgreSQL are under load: no 5xx, no hang; the
// limits are counted per node while Redis is away (and /health says so) and shared again once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/runtime/context.js';
import { ownRedis, type OwnRedis } from '../helpers/redis-server.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, TOKEN_URL, tokenFor, waitFor } from './harness.js';

const PER_ACCOUNT = 5;
const WORKERS = 8;
/** Accounts whose verify limit the phases read (one before, two per outage); the load's accounts come after them. */
const PHASE_ACCOUNTS = 5;
const REDIS_DOWN = 'redis unavailable: limits are counted on this node only';
/** Answers of the load each phase waits for (Redis up, away, back), so the outage happens under load, not beside it. */
const PER_PHASE = 600;

describe.skipIf(!storeKinds().includes('postgres'))('Redis goes away and comes back under load, two nodes', () => {
  let redis: OwnRedis;
  let store: TestStore;
  let ctx: ServiceContext;
  let nodes: ServiceProcess[] = [];
  let accounts: number[];
  const tokens: string[] = [];
  const base = (node: number) => nodes[node]!.base;

  beforeAll(async () => {
    ensureBuilt();
    // The test's own Redis, which it may kill: never the shared one.
    redis = await ownRedis();
    store = await createTestStore('postgres');
    ctx = await openSeeded(store);
    accounts = (await addAccounts(ctx, { open: PHASE_ACCOUNTS + WORKERS, closable: 0 })).open;
    const env = {
      ...store.env,
      REDIS_URL: redis.url,
      VERIFY_RATE_PER_CLIENT: '1000000',
      VERIFY_RATE_PER_ACCOUNT: String(PER_ACCOUNT),
      // The load's wrong secrets all come from 127.0.0.1: a high limit keeps its token calls checked (and counted) rather than refused.
      TOKEN_FAILURES_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    };
    nodes = await Promise.all([startService(env), startService(env)]);
    for (const node of [0, 1]) tokens.push(await tokenFor(base(node)));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
    await redis?.stop();
    await ctx?.close();
    await store?.drop();
  });

  const verify = (node: number, account: number) =>
    call(base(node), 'POST', `${API}/account/${account}/verify`, { token: tokens[node], body: { format: 'merchant_override', request_id: 'till-outage' } });
  /** Verifies on one account, one call at a time, on the given nodes in turn: their statuses. */
  const limited = async (account: number, onNodes: number[]) => {
    const statuses: number[] = [];
    for (const node of onNodes) statuses.push((await verify(node, account)).status);
    return statuses;
  };
  const health = async (node: number) =>
    JSON.parse((await call(base(node), 'GET', '/health')).body) as { status: string; redis?: { status: string; reason?: string } };
  const bothReport = (status: string) => async () => (await health(0)).status === status && (await health(1)).status === status;

  it('answers every request without a 5xx, counts per node while Redis is away, and shares again once it is back', async () => {
    // The load: every worker loops over a lookup, a verify on its own account, a good and a bad token call, on both nodes.
    const counts = new Map<string, number>();
    const failures: string[] = [];
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        const node = (w + i) % 2;
        const calls = [
          () => call(base(node), 'GET', `${API}/customers/lookup?account_number=20035156`, { token: tokens[node] }),
          () => verify(node, accounts[PHASE_ACCOUNTS + w]!),
          () => call(base(node), 'POST', TOKEN_URL, { form: { grant_type: 'client_credentials', client_id: 'acmedemo', client_secret: 'acme-secret' } }),
          () => call(base(node), 'POST', TOKEN_URL, { form: { grant_type: 'client_credentials', client_id: `nobody-${w}`, client_secret: 'x' } }),
        ];
        try {
          const res = await calls[i % calls.length]!();
          counts.set(String(res.status), (counts.get(String(res.status)) ?? 0) + 1);
          if (res.status >= 500) failures.push(`${res.status} ${res.body}`);
        } catch (error) {
          failures.push(`network: ${(error as Error).message}`);
        }
      }
    };
    const load = Array.from({ length: WORKERS }, (_, w) => worker(w));
    const answered = () => [...counts.values()].reduce((a, b) => a + b, 0) + failures.length;
    const underLoad = async (what: string) => {
      const from = answered();
      await waitFor(`${PER_PHASE} answers ${what}`, () => answered() - from >= PER_PHASE, 120_000, 20);
    };
    const figures: string[] = [];
    const alternate = Array.from({ length: PER_ACCOUNT + 1 }, (_, i) => i % 2);
    const shared = [...Array<number>(PER_ACCOUNT).fill(200), 429];
    const perNode = [0, 1].flatMap((node) => Array<number>(PER_ACCOUNT + 1).fill(node));
    const eachNodeAlone = [...shared, ...shared];
    let account = 0;
    /** Redis is away (`cut`) until `restore`: noticed by both nodes, limits per node, then shared again, all under load. */
    const outage = async (what: string, cut: () => Promise<void> | void, restore: () => Promise<void> | void) => {
      const cutAt = Date.now();
      await cut();
      await waitFor(`both nodes to report Redis ${what}`, bothReport('degraded'), 30_000);
      const noticedMs = Date.now() - cutAt;
      expect((await health(1)).redis).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('counted on this node only') });
      expect(await limited(accounts[account++]!, perNode)).toEqual(eachNodeAlone);
      await underLoad(`while Redis is ${what}`);
      const awayMs = Date.now() - cutAt;
      const backAt = Date.now();
      await restore();
      await waitFor(`both nodes to report Redis back after it was ${what}`, bothReport('ok'), 30_000);
      const backMs = Date.now() - backAt;
      expect(await limited(accounts[account++]!, alternate)).toEqual(shared);
      await underLoad(`after Redis was ${what}`);
      figures.push(`${what} for ${awayMs} ms (both nodes degraded after ${noticedMs} ms, ok again ${backMs} ms after it came back)`);
    };
    try {
      await underLoad('before the outage');
      // Redis up: one account's limit is counted over both nodes together.
      expect((await health(0)).redis).toEqual({ status: 'ok' });
      expect(await limited(accounts[account++]!, alternate)).toEqual(shared);
      // Killed, then started again (empty) on the same port: connections refused, then remade by the client.
      await outage(
        'killed',
        () => redis.stop(),
        () => redis.start(),
      );
      // Frozen: connections stay open and commands time out, as in a partition; then it answers again.
      await outage(
        'frozen',
        () => redis.pause(),
        () => redis.resume(),
      );
    } finally {
      // Stopped whatever happened: a failed expectation must not leave the workers running.
      running = false;
      redis.resume();
      await Promise.all(load);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(failures).toEqual([]);
    // One warning per node per outage, however many requests fell back meanwhile.
    for (const node of nodes)
      expect(
        node
          .output()
          .split('\n')
          .filter((line) => line.includes(REDIS_DOWN)),
      ).toHaveLength(2);
    console.log(
      `redis outage: ${total} requests under load over two nodes (${[...counts].map(([s, n]) => `${n} × ${s}`).join(', ')}), no 5xx, no network error; ` +
        `Redis ${figures.join('; then ')}; the verify limit of ${PER_ACCOUNT} per account counted over both nodes while up, per node while away`,
    );
  });
});
