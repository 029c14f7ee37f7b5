// On SQLite, the writes of requests answered together share a COMMIT: no read a write request makes outside its
// transaction may go through the writer's connection, which commits the open group first (it did for verify, whose
// merchant name was read through Kysely: every verify committed alone, 700 a second).
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiClient, nextReferenceId, type ApiClient } from '../helpers/api.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

/**
 * Counts the writer's groups (each opened by BEGIN IMMEDIATE and ended by one COMMIT) while `body` runs; the direct
 * reader's snapshots begin with a plain BEGIN and are not counted.
 */
async function countingCommits(body: () => Promise<void>): Promise<number> {
  const probe = new SQLite(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1')) as { run: (...args: unknown[]) => unknown };
  probe.close();
  const run = statementPrototype.run;
  let commits = 0;
  statementPrototype.run = function (this: { source: string }, ...args: unknown[]) {
    if (/^\s*begin immediate\b/i.test(this.source)) commits += 1;
    return run.apply(this, args);
  };
  try {
    await body();
  } finally {
    statementPrototype.run = run;
  }
  return commits;
}

describe('group commit under concurrent write requests (SQLite)', () => {
  let fixture: StoreFixture;
  let api: ApiClient;
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite', { VERIFY_RATE_PER_CLIENT: '100000', VERIFY_RATE_PER_ACCOUNT: '100000' });
    api = await apiClient(fixture.ctx);
  });
  afterAll(async () => {
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  const REQUESTS = 40;
  const cases: [string, () => Promise<{ statusCode: number }>][] = [
    ['verify (sms)', () => api.call('POST', `${API}/account/20035156/verify`, { referenceId: nextReferenceId(), body: { format: 'sms', request_id: '1' } })],
    [
      'verify (merchant_override)',
      () => api.call('POST', `${API}/account/20035156/verify`, { referenceId: nextReferenceId(), body: { format: 'merchant_override', request_id: '1' } }),
    ],
    ['close (repeat)', () => api.call('POST', `${API}/accounts/116994859/close`, { referenceId: nextReferenceId() })],
  ];

  for (const [name, request] of cases) {
    it(`${name}: ${REQUESTS} requests at once take far fewer commits than requests`, async () => {
      await request();
      let statuses: number[] = [];
      const commits = await countingCommits(async () => {
        statuses = (await Promise.all(Array.from({ length: REQUESTS }, request))).map((res) => res.statusCode);
      });
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(commits).toBeGreaterThan(0);
      expect(commits).toBeLessThanOrEqual(REQUESTS / 4);
    });
  }
});
