// The probes: /health/live answers while the process runs; /health/ready says whether to send the node traffic (its
// store reachable and migrated; Redis reported, not deciding), with the reason when not; /health as it always was.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { createContext, type ServiceContext } from '../../../src/runtime/context.js';
import { freePort } from '../../../testkit/ports.js';
import { createSeededContext, createTestStore, storeKinds, testConfig, type TestStore } from '../../helpers/stores.js';
import { waitFor } from '../../stress/harness.js';

/** What each test opened, closed after it whatever happened. */
const opened: { ctx?: ServiceContext; store?: TestStore }[] = [];
afterEach(async () => {
  for (const { ctx, store } of opened.splice(0)) {
    await ctx?.close().catch(() => undefined);
    await store?.drop();
  }
});

async function seeded(kind: 'sqlite' | 'postgres', extra: Record<string, string> = {}) {
  const fixture = await createSeededContext(kind, extra);
  opened.push(fixture);
  return { ...fixture, app: await buildApp(fixture.ctx, { logger: false }) };
}

const probe = async (app: Awaited<ReturnType<typeof buildApp>>, url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
};

describe.each(storeKinds())('health probes [%s]', (kind) => {
  it('/health/live answers 200 while the process runs', async () => {
    const { app } = await seeded(kind);
    expect(await probe(app, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/health/ready is 200 on a reachable, migrated store', async () => {
    const { app } = await seeded(kind);
    expect(await probe(app, '/health/ready')).toEqual({ status: 200, body: { status: 'ready', store: { kind, status: 'ok' } } });
  });

  it('/health/ready is 503 on a database nobody migrated, and says so', async () => {
    const store = await createTestStore(kind);
    const ctx = createContext(testConfig(store));
    opened.push({ ctx, store });
    const { status, body } = await probe(await buildApp(ctx, { logger: false }), '/health/ready');
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'not_ready', reason: expect.stringMatching(/never been migrated/), store: { kind, status: 'unavailable' } });
  });

  it('/health/ready is 503 while a migration of this build is not applied, naming it', async () => {
    const { app, ctx } = await seeded(kind);
    await sql`delete from kysely_migration where name = '003_purchases'`.execute(ctx.db);
    const { status, body } = await probe(app, '/health/ready');
    expect(status).toBe(503);
    expect(body.reason).toMatch(/migrations not applied yet: 003_purchases/);
  });

  it('/health/ready is 503 once the store is gone, with the reason; /health/live still 200', async () => {
    const { app, ctx, store } = await seeded(kind);
    // SQLite: the store closed under the app. PostgreSQL: the database dropped, its connections ended by the server.
    if (kind === 'sqlite') await ctx.close();
    else await store.drop();
    const { status, body } = await probe(app, '/health/ready');
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'not_ready',
      reason: expect.stringMatching(/^the database cannot be read: ./),
      store: { kind, status: 'unavailable' },
    });
    expect((await probe(app, '/health/live')).status).toBe(200);
    expect((await probe(app, '/health')).status).toBe(503);
  });
});

describe.runIf(storeKinds().includes('postgres'))('health probes on a PostgreSQL server that refuses connections', () => {
  it('/health/ready is 503 with the refusal as the reason', async () => {
    const store = await createTestStore('postgres');
    const closed = new URL(store.databaseUrl);
    closed.port = String(await freePort());
    const ctx = createContext(testConfig(store, { DATABASE_URL: closed.toString() }));
    opened.push({ ctx, store });
    const app = await buildApp(ctx, { logger: false });
    const { status, body } = await probe(app, '/health/ready');
    expect(status).toBe(503);
    expect(body.reason).toMatch(/ECONNREFUSED/);
    expect((await probe(app, '/health/live')).status).toBe(200);
  });
});

describe('health probes with Redis', () => {
  it('report Redis when it answers', async () => {
    const { app } = await seeded('sqlite', { REDIS_URL: 'redis://127.0.0.1:6379' });
    await waitFor('the Redis connection', async () => JSON.stringify((await probe(app, '/health/ready')).body.redis) === '{"status":"ok"}', 10_000);
    expect(await probe(app, '/health/ready')).toEqual({
      status: 200,
      body: { status: 'ready', store: { kind: 'sqlite', status: 'ok' }, redis: { status: 'ok' } },
    });
  });

  it('stay ready with Redis unreachable, reporting it with the reason (limits count per node meanwhile); /health says degraded', async () => {
    const { app } = await seeded('sqlite', { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    await waitFor('the refused connection', async () => /ECONNREFUSED/.test(JSON.stringify((await probe(app, '/health/ready')).body)), 10_000);
    const { status, body } = await probe(app, '/health/ready');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', redis: { status: 'unavailable', reason: expect.stringMatching(/ECONNREFUSED.*counted on this node only/) } });
    expect(await probe(app, '/health')).toMatchObject({ status: 200, body: { status: 'degraded' } });
    expect((await probe(app, '/health/live')).status).toBe(200);
  });
});
