// Specifies the limits' counting in Redis: the keys they write, per-node counting while Redis is unreachable (with
// /health saying so and one warning per outage), and shared counting again once Redis is back, without a restart.
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { connectRedis } from '../../../src/infra/redis.js';
import { createContext, type ServiceContext } from '../../../src/runtime/context.js';
import { tokenForClient } from '../../../src/use-cases/tokens.js';
import { API, nextReferenceId, TOKEN_URL } from '../../helpers/api.js';
import { ownRedis, type OwnRedis } from '../../helpers/redis-server.js';
import { createSeededContext, testConfig, type StoreFixture } from '../../helpers/stores.js';
import { waitFor } from '../../stress/harness.js';

const PER_ACCOUNT = 3;
/** Demo accounts a merchant override verifies. */
const ACCOUNTS = [20035156, 116992907, 116994755, 300000001];

describe('rate limits counted in Redis', () => {
  let redis: OwnRedis;
  let fixture: StoreFixture;
  let second: ServiceContext;
  let nodes: FastifyInstance[];
  let token: string;
  const env = () => ({ REDIS_URL: redis.url, VERIFY_RATE_PER_ACCOUNT: String(PER_ACCOUNT), VERIFY_RATE_PER_CLIENT: '1000' });

  beforeAll(async () => {
    redis = await ownRedis();
    fixture = await createSeededContext('sqlite', env());
    // Two nodes: each its own context (its own Redis client and local counts) on one database.
    second = createContext(testConfig(fixture.store, env()));
    nodes = [await buildApp(fixture.ctx, { logger: false }), await buildApp(second, { logger: false })];
    token = (await tokenForClient(fixture.ctx, 'flexitidemo', 'merchant')).access_token;
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await second.close();
    await fixture.ctx.close();
    await fixture.store.drop();
    await redis.stop();
  });

  const verify = (node: number, account: number) =>
    nodes[node]!.inject({
      method: 'POST',
      url: `${API}/account/${account}/verify`,
      headers: { authorization: `Bearer ${token}`, 'x-reference-id': nextReferenceId(), 'content-type': 'application/json' },
      payload: { format: 'merchant_override', request_id: `limits-${account}` },
    });
  const statuses = async (calls: [node: number, account: number][]) => {
    const answers = [];
    for (const [node, account] of calls) answers.push(await verify(node, account));
    for (const res of answers) if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    return answers.map((res) => res.statusCode);
  };
  const health = async (node: number) => (await nodes[node]!.inject({ method: 'GET', url: '/health' })).json();
  const inspector = () => new Redis(redis.url, { maxRetriesPerRequest: 1 });

  it('names each key after the namespace and the limit (never `undefined`)', async () => {
    const account = ACCOUNTS[0]!;
    expect(await statuses([[0, account]])).toEqual([200]);
    const wrong = await nodes[1]!.inject({
      method: 'POST',
      url: TOKEN_URL,
      remoteAddress: '192.0.2.44',
      headers: { 'x-reference-id': nextReferenceId() },
      payload: { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' },
    });
    expect(wrong.statusCode).toBe(400);
    const client = inspector();
    try {
      // This server is the test's own: every key in it is one the service wrote.
      const keys = (await client.keys('*')).sort();
      expect(keys).toEqual([
        'posapi-rl-token-failures:addr:192.0.2.44',
        'posapi-rl-token-failures:client:nobody',
        `posapi-rl-verify:account:${account}`,
        'posapi-rl-verify:client:flexitidemo',
      ]);
      expect(await client.mget(...keys)).toEqual(['1', '1', '1', '1']);
      for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });

  it('shares the counts of both nodes while Redis is up', async () => {
    expect(await health(0)).toEqual({ status: 'ok', store: 'sqlite', redis: { status: 'ok' } });
    const account = ACCOUNTS[1]!;
    expect(
      await statuses([
        [0, account],
        [1, account],
        [0, account],
        [1, account],
      ]),
    ).toEqual([200, 200, 200, 429]);
  });

  it('counts per node while Redis is down, says so in /health, and shares again once Redis is back', async () => {
    await redis.stop();
    await waitFor('both nodes to report Redis down', async () => (await health(0)).status === 'degraded' && (await health(1)).status === 'degraded', 15_000);
    const degraded = await health(1);
    expect(degraded).toMatchObject({ status: 'degraded', store: 'sqlite', redis: { status: 'unavailable' } });
    expect(degraded.redis.reason).toMatch(/counted on this node only/);

    // Each node allows the limit on its own: no 5xx, nothing uncounted.
    const account = ACCOUNTS[2]!;
    const perNode = [0, 0, 0, 0, 1, 1, 1, 1].map((node) => [node, account] as [number, number]);
    expect(await statuses(perNode)).toEqual([200, 200, 200, 429, 200, 200, 200, 429]);

    await redis.start();
    await waitFor('both nodes to report Redis back', async () => (await health(0)).status === 'ok' && (await health(1)).status === 'ok', 15_000);
    const again = ACCOUNTS[3]!;
    expect(
      await statuses([
        [0, again],
        [1, again],
        [0, again],
        [1, again],
      ]),
    ).toEqual([200, 200, 200, 429]);
    const client = inspector();
    try {
      expect(await client.get(`posapi-rl-verify:account:${again}`)).toBe('4');
    } finally {
      client.disconnect();
    }
  });
});

describe('a Redis outage is logged once', () => {
  it('warns once when it begins, however many errors follow, and says when Redis is back', async () => {
    const redis = await ownRedis();
    const warnings: string[] = [];
    const infos: string[] = [];
    const shared = connectRedis(redis.url, { warn: (_obj, msg) => warnings.push(msg), info: (_obj, msg) => infos.push(msg) });
    let errors = 0;
    shared.client.on('error', () => errors++);
    try {
      await waitFor('the first connection', () => shared.health().status === 'ok', 10_000, 20);
      await redis.stop();
      await waitFor('several failed reconnections', () => errors >= 3, 15_000, 20);
      shared.failed(new Error('a command timed out'));
      expect(warnings).toEqual(['redis unavailable: limits are counted on this node only']);
      expect(shared.health()).toMatchObject({ status: 'unavailable' });

      await redis.start();
      await waitFor('the reconnection', () => shared.health().status === 'ok', 15_000, 20);
      expect(infos).toEqual(['redis available again: limits are shared between nodes']);

      await redis.stop();
      await waitFor('the second outage', () => warnings.length === 2, 15_000, 20);
    } finally {
      await shared.close();
      await redis.stop();
    }
  });
});
