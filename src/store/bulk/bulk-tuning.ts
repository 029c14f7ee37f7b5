// Store settings that make a bulk load fast without weakening what is already committed.
import { sql } from 'kysely';
import type { Store } from '../open-store.js';
import type { Db } from '../schema.js';

/** SQLite's page cache is 2 MB by default: too small to keep the secondary indexes of a million rows in memory while they grow. */
const BULK_SQLITE_CACHE_KIB = 262_144;

/**
 * SQLite checkpoints the WAL into the database every 1000 pages by default, and each checkpoint waits for two fsyncs: a
 * bulk load that commits every few thousand rows would spend most of its time in them. Rarer checkpoints change nothing
 * of what a commit guarantees.
 */
const BULK_SQLITE_CHECKPOINT_PAGES = 65_536;

async function pragma(store: Store, name: string): Promise<number> {
  const result = await sql.raw<Record<string, number>>(`pragma ${name}`).execute(store.db);
  return Number(Object.values(result.rows[0] ?? {})[0]);
}

/** Runs the load with a larger SQLite page cache and rarer checkpoints, restoring the settings it found. */
export async function withBulkTuning<T>(store: Store, load: () => Promise<T>): Promise<T> {
  if (store.kind !== 'sqlite') return load();
  const before = { cache_size: await pragma(store, 'cache_size'), wal_autocheckpoint: await pragma(store, 'wal_autocheckpoint') };
  await sql.raw(`pragma cache_size = -${BULK_SQLITE_CACHE_KIB}`).execute(store.db);
  await sql.raw(`pragma wal_autocheckpoint = ${BULK_SQLITE_CHECKPOINT_PAGES}`).execute(store.db);
  try {
    return await load();
  } finally {
    await sql.raw(`pragma cache_size = ${before.cache_size}`).execute(store.db);
    await sql.raw(`pragma wal_autocheckpoint = ${before.wal_autocheckpoint}`).execute(store.db);
    // Fold the large WAL back into the database now, not in the middle of the next reader's query.
    await sql.raw('pragma wal_checkpoint(truncate)').execute(store.db);
  }
}

/**
 * Opens one batch's transaction. On PostgreSQL its commit does not wait for the WAL flush: a crash may lose the last
 * batches (a re-run restores them, every write is an upsert) but never corrupts or half-writes one.
 */
export function inBatchTransaction<T>(store: Store, work: (tx: Db) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (tx) => {
    if (store.kind === 'postgres') await sql`set local synchronous_commit = off`.execute(tx);
    return work(tx);
  });
}
