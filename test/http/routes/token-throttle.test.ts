// Specifies the token throttle under parallel guesses: a failed attempt is counted before its secret is checked, so N
// wrong secrets sent at once get at most the limit of real checks and the rest 429, on one node, across two nodes
// sharing Redis, and on a node whose Redis is unreachable.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { createContext, type ServiceContext } from '../../../src/runtime/context.js';
import { slowHash } from '../../../src/security/slow-hash.js';
import { insertClient } from '../../../src/store/clients.js';
import { nextReferenceId, TOKEN_URL } from '../../helpers/api.js';
import { createSeededContext, testConfig, type StoreFixture } from '../../helpers/stores.js';

const LIMIT = 5;
const GUESSES = 40;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('parallel wrong secrets against the token call', () => {
  const fixtures: StoreFixture[] = [];
  const extraContexts: ServiceContext[] = [];
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(extraContexts.map((ctx) => ctx.close()));
    for (const fixture of fixtures) {
      await fixture.ctx.close();
      await fixture.store.drop();
    }
  });

  /** A fresh database with its own client (Redis is shared with other tests, so its counters must be this test's only). */
  async function seeded(extra: Record<string, string> = {}) {
    const fixture = await createSeededContext('sqlite', { TOKEN_FAILURES_PER_MINUTE: String(LIMIT), ...extra });
    fixtures.push(fixture);
    const clientId = `parallel-${randomBytes(6).toString('hex')}`;
    await insertClient(fixture.ctx.db, {
      id: clientId,
      secret_hash: await slowHash('right-secret', fixture.ctx.config.scryptCost),
      merchant_id: '12345',
      channel: 'in_store',
      may_override: 0,
      disabled: 0,
      created_at: fixture.ctx.now(),
    });
    return { fixture, clientId };
  }

  async function appOn(ctx: ServiceContext) {
    const app = await buildApp(ctx, { logger: false });
    apps.push(app);
    return app;
  }

  const guess = (app: FastifyInstance, clientId: string, secret: string, remoteAddress = `198.51.100.${Math.floor(Math.random() * 250) + 1}`) =>
    app.inject({
      method: 'POST',
      url: TOKEN_URL,
      remoteAddress,
      headers: { 'x-reference-id': nextReferenceId() },
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });

  /** Every answer is a real check (400 invalid_client) or a 429 with Retry-After; the real checks are counted. */
  function tally(answers: Awaited<ReturnType<typeof guess>>[]) {
    let checked = 0;
    let throttled = 0;
    for (const res of answers) {
      if (res.statusCode === 400) {
        expect(res.json().error).toBe('invalid_client');
        checked++;
      } else {
        expect(res.statusCode).toBe(429);
        expect(res.json()).toMatchObject({ url: TOKEN_URL, error: 'too_many_requests' });
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        throttled++;
      }
    }
    return { checked, throttled };
  }

  it('on one node: at most the limit of wrong secrets are checked, the rest are 429', async () => {
    const { fixture, clientId } = await seeded();
    const app = await appOn(fixture.ctx);
    const answers = await Promise.all(Array.from({ length: GUESSES }, (_, i) => guess(app, clientId, `wrong-${i}`)));
    expect(tally(answers)).toEqual({ checked: LIMIT, throttled: GUESSES - LIMIT });
    // The right secret is throttled too until the window ends.
    expect((await guess(app, clientId, 'right-secret')).statusCode).toBe(429);
  });

  it('from one address with many client ids: at most the limit of checks', async () => {
    const { fixture } = await seeded();
    const app = await appOn(fixture.ctx);
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => guess(app, `nobody-${i}-${randomBytes(3).toString('hex')}`, 'x', '203.0.113.7')),
    );
    expect(tally(answers)).toEqual({ checked: LIMIT, throttled: GUESSES - LIMIT });
  });

  it('a right secret gives its reservation back: nothing stays counted after right secrets, parallel or not', async () => {
    const { fixture, clientId } = await seeded();
    const app = await appOn(fixture.ctx);
    // While in flight, an attempt holds its reservation: the limit of them at once all pass.
    const parallel = await Promise.all(Array.from({ length: LIMIT }, () => guess(app, clientId, 'right-secret', '203.0.113.8')));
    expect(parallel.map((res) => res.statusCode)).toEqual(parallel.map(() => 200));
    for (let i = 0; i < LIMIT * 3; i++) expect((await guess(app, clientId, 'right-secret', '203.0.113.8')).statusCode).toBe(200);
    // And nothing was left counted: the limit of wrong secrets is still checked in full.
    const wrong = await Promise.all(Array.from({ length: LIMIT * 2 }, (_, i) => guess(app, clientId, `wrong-${i}`)));
    expect(tally(wrong).checked).toBe(LIMIT);
  });

  it('across two nodes sharing Redis: at most the limit of checks in all', async () => {
    const namespace = `posapi-test-${randomBytes(4).toString('hex')}-`;
    const { fixture, clientId } = await seeded({ REDIS_URL, RATE_LIMIT_NAMESPACE: namespace });
    // A second node: its own context (its own Redis client, its own local counts) on the same database.
    const second = createContext(testConfig(fixture.store, { REDIS_URL, RATE_LIMIT_NAMESPACE: namespace, TOKEN_FAILURES_PER_MINUTE: String(LIMIT) }));
    extraContexts.push(second);
    const nodes = [await appOn(fixture.ctx), await appOn(second)];
    const answers = await Promise.all(Array.from({ length: GUESSES }, (_, i) => guess(nodes[i % 2]!, clientId, `wrong-${i}`)));
    expect(tally(answers)).toEqual({ checked: LIMIT, throttled: GUESSES - LIMIT });
  });

  it('with Redis unreachable: each node counts on its own, at most the limit of checks', async () => {
    const { fixture, clientId } = await seeded({ REDIS_URL: 'redis://127.0.0.1:1' });
    const app = await appOn(fixture.ctx);
    const answers = await Promise.all(Array.from({ length: GUESSES }, (_, i) => guess(app, clientId, `wrong-${i}`)));
    expect(tally(answers)).toEqual({ checked: LIMIT, throttled: GUESSES - LIMIT });
  });
});
