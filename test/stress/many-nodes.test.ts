// Many nodes: two service processes on one PostgreSQL and one Redis, sharing no memory. A request repeated on the other
// node is replayed (verify and close; concurrent twins give one effect), a security-question lockout earned across both
// holds on both, and the rate limits (verify, and the token call's failed authentications) are counted across both.
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/runtime/context.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { addAccounts, API, call, ensureBuilt, openSeeded, tokenFor, TOKEN_URL } from './harness.js';

/** A Redis database of its own (the stress files run one at a time), emptied first so no earlier run's counters remain. */
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/11`;
const PAIRS = 30;
const PER_ACCOUNT = 6;

describe.skipIf(!storeKinds().includes('postgres'))('two service processes on one PostgreSQL and Redis', () => {
  let store: TestStore;
  let ctx: ServiceContext;
  let nodes: ServiceProcess[] = [];
  let accounts: { open: number[]; closable: number[] };
  const tokens: string[] = [];
  const base = (i: number) => (nodes[i] as ServiceProcess).base;

  beforeAll(async () => {
    ensureBuilt();
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    store = await createTestStore('postgres');
    ctx = await openSeeded(store);
    accounts = await addAccounts(ctx, { open: PAIRS * 2 + 4, closable: PAIRS });
    const env = { ...store.env, REDIS_URL, VERIFY_RATE_PER_CLIENT: '100000', VERIFY_RATE_PER_ACCOUNT: String(PER_ACCOUNT), LOG_LEVEL: 'warn' };
    nodes = await Promise.all([startService(env), startService(env)]);
    for (const i of [0, 1]) tokens.push(await tokenFor(base(i)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
    await ctx?.close();
    await store?.drop();
  });

  const verify = (node: number, account: number, ref: string, body: Record<string, unknown>) =>
    call(base(node), 'POST', `${API}/account/${account}/verify`, { token: tokens[node], ref, body: { request_id: 'till-nodes', ...body } });
  const auditCount = async (ref: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from audit_events where reference_id = ${ref}`.execute(ctx.db)).rows[0]?.n);

  it('replays a verify on the other node, and gives concurrent twins on both nodes one PIN and one SMS', async () => {
    // One after the other: the second node replays the first node's answer.
    const ref = `nodes-seq-${Date.now().toString(36)}`;
    const first = await verify(0, accounts.open[0] as number, ref, { format: 'merchant_override' });
    const again = await verify(1, accounts.open[0] as number, ref, { format: 'merchant_override' });
    expect([first.status, again.status, again.headers.get('x-idempotent-replay'), again.body]).toEqual([200, 200, 'true', first.body]);
    const other = await verify(1, accounts.open[0] as number, ref, { format: 'regular_purchase_bypass' });
    expect([other.status, (JSON.parse(other.body) as { error: string }).error]).toEqual([409, 'reference_id_reused']);

    // At the same time on both nodes: one effect, one answer.
    const outboxBefore = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
    const twins = await Promise.all(
      Array.from({ length: PAIRS }, async (_, i) => {
        const account = accounts.open[1 + i] as number;
        const twinRef = `nodes-twin-${Date.now().toString(36)}-${i}`;
        const body = { format: i % 2 === 0 ? 'sms' : 'merchant_override' };
        const [a, b] = await Promise.all([verify(0, account, twinRef, body), verify(1, account, twinRef, body)]);
        return { twinRef, a, b, sms: i % 2 === 0 };
      }),
    );
    for (const { twinRef, a, b } of twins) {
      expect([twinRef, a.status, b.status, a.body === b.body]).toEqual([twinRef, 200, 200, true]);
      expect([twinRef, await auditCount(twinRef)]).toEqual([twinRef, 1]);
    }
    const outboxAfter = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
    expect(outboxAfter - outboxBefore).toBe(twins.filter((t) => t.sms).length);
    const replayed = twins.filter(({ a, b }) => a.headers.get('x-idempotent-replay') === 'true' || b.headers.get('x-idempotent-replay') === 'true').length;
    console.log(
      `many nodes: ${PAIRS} concurrent verify twins on two nodes: ${PAIRS} single effects, ${replayed} twins answered by replay, ${outboxAfter - outboxBefore} SMS for ${twins.filter((t) => t.sms).length} SMS twins`,
    );
  });

  it('replays a close on the other node; concurrent twins close once', async () => {
    const twins = await Promise.all(
      accounts.closable.map(async (account, i) => {
        const ref = `nodes-close-${Date.now().toString(36)}-${i}`;
        const [a, b] = await Promise.all([0, 1].map((node) => call(base(node), 'POST', `${API}/accounts/${account}/close`, { token: tokens[node], ref })));
        return { ref, account, a: a!, b: b! };
      }),
    );
    for (const { ref, a, b } of twins) {
      expect([ref, a.status, b.status, a.body === b.body]).toEqual([ref, 200, 200, true]);
      expect([ref, await auditCount(ref)]).toEqual([ref, 1]);
    }
    const closed = await ctx.db.selectFrom('accounts').select('status').where('account_number', 'in', accounts.closable).execute();
    expect(closed.every((r) => r.status === 'C')).toBe(true);
    const { ref, account, a } = twins[0]!;
    const later = await call(base(1), 'POST', `${API}/accounts/${account}/close`, { token: tokens[1], ref });
    expect([later.status, later.headers.get('x-idempotent-replay'), later.body]).toEqual([200, 'true', a.body]);
  });

  it('locks the security question after wrong answers spread over both nodes', async () => {
    const account = 20035156;
    const answer = (node: number, text: string) =>
      verify(node, account, `nodes-lock-${Date.now().toString(36)}-${node}-${text}-${Math.random()}`, {
        format: 'security_question',
        security_qid: 4,
        security_answer: text,
      });
    const wrong = [];
    for (const node of [0, 1, 0]) wrong.push((await answer(node, 'Wrong')).status);
    expect(wrong).toEqual([409, 409, 409]);
    for (const node of [1, 0]) {
      const right = await answer(node, 'Jamie');
      expect([node, right.status, (JSON.parse(right.body) as { error: string }).error]).toEqual([node, 409, 'tries_exceed']);
    }
  });

  it('counts the verify rate limit in Redis, across both nodes', async () => {
    const account = accounts.open[PAIRS + 2] as number;
    const statuses: number[] = [];
    for (let i = 0; i < PER_ACCOUNT; i++)
      statuses.push((await verify(i % 2, account, `nodes-rate-${Date.now().toString(36)}-${i}`, { format: 'merchant_override' })).status);
    expect(statuses).toEqual(Array.from({ length: PER_ACCOUNT }, () => 200));
    for (const node of [0, 1]) {
      const over = await verify(node, account, `nodes-rate-over-${Date.now().toString(36)}-${node}`, { format: 'merchant_override' });
      expect([node, over.status]).toEqual([node, 429]);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.parse(over.body)).toMatchObject({ error: 'too_many_requests' });
    }
  });

  it("counts the token call's failed authentications in Redis, across both nodes", async () => {
    const attempt = (node: number, secret: string) =>
      call(base(node), 'POST', TOKEN_URL, { form: { grant_type: 'client_credentials', client_id: 'acmedemo', client_secret: secret } });
    const failures = [];
    for (let i = 0; i < 10; i++) failures.push((await attempt(i % 2, `wrong-${i}`)).status);
    expect(failures).toEqual(Array.from({ length: 10 }, () => 400));
    for (const node of [0, 1]) {
      const res = await attempt(node, 'acme-secret');
      expect([node, res.status]).toEqual([node, 429]);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
