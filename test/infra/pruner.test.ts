// Pruning: expired idempotency records and refresh tokens are deleted on a schedule, by one node at a time, so the two
// tables stay as large as the traffic of their window and retention; what may still be replayed or spent is kept.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_MS } from '../../src/domain/idempotency.js';
import { startPruner } from '../../src/infra/pruner.js';
import { createContext, type ServiceContext } from '../../src/runtime/context.js';
import { prepareStore } from '../../src/runtime/server.js';
import { apiClient, nextReferenceId, TOKEN_URL, type ApiClient } from '../helpers/api.js';
import { createTestStore, storeKinds, testConfig, type TestStore } from '../helpers/stores.js';

const HOUR = 3600_000;
const HOURS = 40;
const PER_HOUR = 2;
const RETENTION_HOURS = 1;
const ACCOUNT = 20035156;

for (const kind of storeKinds()) {
  describe(`pruning [${kind}]`, () => {
    const clock = { now: Date.now() };
    let store: TestStore;
    let ctx: ServiceContext;
    let api: ApiClient;
    beforeAll(async () => {
      store = await createTestStore(kind);
      // The store and the use cases read one clock, which the test moves an hour at a time.
      ctx = createContext(
        testConfig(store, { PRUNE_EVERY_SECONDS: '0', PRUNE_RETENTION_HOURS: String(RETENTION_HOURS), VERIFY_RATE_PER_ACCOUNT: '100000' }),
        () => clock.now,
      );
      await prepareStore(ctx);
      api = await apiClient(ctx);
    });
    afterAll(async () => {
      await api.app.close();
      await ctx.close();
      await store.drop();
    });

    const count = async (table: 'idempotency_records' | 'refresh_tokens') =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select(sql<number>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const freshToken = async () => {
      const res = await api.app.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId() },
        payload: new URLSearchParams({
          client_id: 'flexitidemo',
          client_secret: 'demo-secret',
          grant_type: 'client_credentials',
          scope: 'merchant',
        }).toString(),
      });
      expect(res.statusCode).toBe(200);
      return (res.json() as { access_token: string }).access_token;
    };
    const verify = (token: string, referenceId: string) =>
      api.call('POST', `/flexiti/pos-api/v2.5/client-id/flexitidemo/account/${ACCOUNT}/verify`, {
        token,
        referenceId,
        body: { format: 'merchant_override', request_id: 'till-prune' },
      });

    it(`keeps both tables bounded over ${HOURS} hours of traffic, and keeps what may still be replayed or spent`, async () => {
      const pruner = startPruner(ctx);
      let lastRef = '';
      for (let hour = 0; hour < HOURS; hour++) {
        clock.now += HOUR;
        for (let i = 0; i < PER_HOUR; i++) {
          const token = await freshToken();
          lastRef = `prune-${kind}-${hour}-${i}`;
          expect((await verify(token, lastRef)).statusCode).toBe(200);
        }
        await pruner.runOnce();
      }
      await pruner.stop();
      // Records live the replay window plus the retention, refresh tokens their access token's hour plus the retention;
      // one more hour of either is the one being written when pruning runs.
      const windowHours = REPLAY_WINDOW_MS / HOUR;
      expect(await count('idempotency_records')).toBeLessThanOrEqual(PER_HOUR * (windowHours + RETENTION_HOURS + 1));
      expect(await count('idempotency_records')).toBeGreaterThanOrEqual(PER_HOUR * windowHours);
      expect(await count('refresh_tokens')).toBeLessThanOrEqual(PER_HOUR * (1 + RETENTION_HOURS + 1));
      expect(await count('refresh_tokens')).toBeGreaterThanOrEqual(PER_HOUR);
      // The newest answer still replays, byte for byte.
      const token = await freshToken();
      const replayed = await verify(token, lastRef);
      expect(replayed.statusCode).toBe(200);
    });

    it('prunes on its schedule, without being asked', async () => {
      clock.now += REPLAY_WINDOW_MS + 3 * HOUR;
      const scheduled = createContext(testConfig(store, { PRUNE_EVERY_SECONDS: '1', PRUNE_RETENTION_HOURS: String(RETENTION_HOURS) }), () => clock.now);
      const pruner = startPruner(scheduled);
      try {
        const deadline = Date.now() + 15_000;
        while ((await count('idempotency_records')) + (await count('refresh_tokens')) > 2 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        // What the previous test's replay wrote is the only thing still young enough.
        expect(await count('idempotency_records')).toBeLessThanOrEqual(1);
        expect(await count('refresh_tokens')).toBeLessThanOrEqual(1);
      } finally {
        await pruner.stop();
        await scheduled.close();
      }
    });

    if (kind === 'postgres') {
      it('lets one node prune at a time: while another holds the pruning lock, a run skips', async () => {
        const other = startPruner(ctx);
        await ctx.db.connection().execute(async (conn) => {
          // The lock the store takes; held here as another node's pruning run would hold it.
          await sql`select pg_advisory_lock(7422001)`.execute(conn);
          try {
            expect(await other.runOnce()).toBeUndefined();
          } finally {
            await sql`select pg_advisory_unlock(7422001)`.execute(conn);
          }
        });
        expect(await other.runOnce()).toEqual(expect.objectContaining({ idempotencyRecords: expect.any(Number) }));
        await other.stop();
      });
    }
  });
}
