// Store settings that make a bulk load fast without weakening what is already committed.
import { sql } from 'kysely';
import type { Store } from '../store/db.js';
import type { Db } from '../store/db.js';

/** SQLite's page cache is 2 MB by default: too small to keep the secondary indexes of a million rows in memory while they grow. */
const BULK_SQLITE_CACHE_KIB = 262_144;

/** Runs the load with a larger SQLite page cache, restoring the one it found. */
export async function withBulkTuning<T>(store: Store, load: () => Promise<T>): Promise<T> {
  if (store.kind !== 'sqlite') return load();
  const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(store.db);
  await sql.raw(`pragma cache_size = -${BULK_SQLITE_CACHE_KIB}`).execute(store.db);
  try {
    return await load();
  } finally {
    await sql.raw(`pragma cache_size = ${Number(before.rows[0]?.cache_size ?? -2000)}`).execute(store.db);
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
