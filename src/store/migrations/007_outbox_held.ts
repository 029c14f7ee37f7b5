// An outbox message may be held: its channel has nowhere to go (no SMS gateway, no SMTP server), so it is kept for
// `posapi outbox list` rather than recorded as sent. The status's check constraint learns the word.
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreKind } from '../../config.js';

const STATUSES = ['pending', 'sent', 'failed', 'held'] as const;

export const outboxHeldStatus = (store: StoreKind): Migration => ({
  up: (db) => (store === 'postgres' ? checkOnPostgres(db, STATUSES) : rebuildOnSqlite(db, STATUSES)),
  // Held messages were not sent: going back, they are kept as failed, with their reason.
  async down(db) {
    await sql`update outbox set status = 'failed' where status = 'held'`.execute(db);
    const without = STATUSES.filter((s) => s !== 'held');
    await (store === 'postgres' ? checkOnPostgres(db, without) : rebuildOnSqlite(db, without));
  },
});

const inList = (statuses: readonly string[]) => sql.join(statuses.map((s) => sql.lit(s)));

async function checkOnPostgres(db: Kysely<unknown>, statuses: readonly string[]): Promise<void> {
  // The name PostgreSQL gave the column's check in 001.
  await sql`alter table outbox drop constraint outbox_status_check, add constraint outbox_status_check check (status in (${inList(statuses)}))`.execute(db);
}

/** SQLite cannot change a check constraint in place: the table is made again under the new one, rows and index kept. */
async function rebuildOnSqlite(db: Kysely<unknown>, statuses: readonly string[]): Promise<void> {
  await db.schema
    .createTable('outbox_next')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${inList(statuses)})`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await sql`insert into outbox_next select id, channel, payload, status, attempts, next_attempt_at, claimed_until, last_error, created_at, sent_at from outbox`.execute(
    db,
  );
  await db.schema.dropTable('outbox').execute();
  await db.schema.alterTable('outbox_next').renameTo('outbox').execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
}
