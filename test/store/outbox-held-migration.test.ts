// Migration 007 on a database that already has an outbox: every message is kept as it was (ids, statuses, errors), new
// ones keep numbering after them, and the status takes `held` while still refusing a word it does not know.
import { Migrator, type MigrationProvider } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type ServiceContext } from '../../src/runtime/context.js';
import { migrateToLatest } from '../../src/store/open-store.js';
import { migrationsFor } from '../../src/store/migrations/index.js';
import { createTestStore, storeKinds, testConfig, type TestStore } from '../helpers/stores.js';

describe.each(storeKinds())('migration 007_outbox_held [%s]', (kind) => {
  let store: TestStore;
  let ctx: ServiceContext;
  const rows = [
    { channel: 'sms' as const, payload: 'v1.a', status: 'sent' as const, attempts: 0, next_attempt_at: 1, created_at: 1, sent_at: 2, last_error: null },
    {
      channel: 'email' as const,
      payload: 'v1.b',
      status: 'failed' as const,
      attempts: 15,
      next_attempt_at: 1,
      created_at: 1,
      sent_at: null,
      last_error: 'gone',
    },
    { channel: 'sms' as const, payload: 'v1.c', status: 'pending' as const, attempts: 2, next_attempt_at: 9, created_at: 3, sent_at: null, last_error: 'busy' },
  ];

  beforeAll(async () => {
    store = await createTestStore(kind);
    ctx = createContext(testConfig(store));
    const provider: MigrationProvider = { getMigrations: async () => migrationsFor(kind) };
    const { error } = await new Migrator({ db: ctx.db, provider }).migrateTo('006_card_key_versions');
    if (error) throw error instanceof Error ? error : new Error(String(error));
    await ctx.db.insertInto('outbox').values(rows).execute();
    expect((await migrateToLatest(ctx.store))[0]).toBe('007_outbox_held');
  });
  afterAll(async () => {
    await ctx?.close();
    await store?.drop();
  });

  it('keeps every message as it was, and numbers new ones after them', async () => {
    const kept = await ctx.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    expect(kept).toEqual(rows.map((row, i) => ({ ...row, id: i + 1, claimed_until: null })));
    await ctx.store.outbox.enqueue('email', 'v1.d', 10);
    expect((await ctx.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id).toBe(4);
  });

  it('takes held, with its reason, and refuses a status it does not know', async () => {
    await ctx.store.outbox.markHeld([4], 'no SMTP server configured (SMTP_URL or SMTP_HOST)');
    expect(await ctx.store.outbox.countByStatus()).toEqual({ sent: 1, failed: 1, pending: 1, held: 1 });
    await expect(
      ctx.db
        .updateTable('outbox')
        .set({ status: 'lost' as 'held' })
        .where('id', '=', 4)
        .execute(),
    ).rejects.toThrow();
  });
});
