// Pruning: idempotency records past their replay window and refresh tokens past their access token's life are deleted,
// in small batches, by one node at a time.
import { sql } from 'kysely';
import type { StoreKind } from '../config.js';
import type { PruneCutoffs, Pruned } from '../use-cases/ports.js';
import type { Db } from './schema.js';

/** Small enough that one batch holds its locks briefly, so requests writing beside it barely wait. */
const BATCH = 2000;
/** The PostgreSQL advisory lock that lets one node prune at a time; any constant shared by every node will do. */
const PRUNE_LOCK = 7_422_001;

async function pruneIdempotencyRecords(db: Db, before: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = db
      .selectFrom('idempotency_records')
      .select(['client_id', 'reference_id'])
      .where('created_at', '<', before)
      .limit(BATCH)
      .$asTuple('client_id', 'reference_id');
    const result = await db
      .deleteFrom('idempotency_records')
      .where((eb) => eb(eb.refTuple('client_id', 'reference_id'), 'in', batch))
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    deleted += n;
    if (n < BATCH) return deleted;
  }
}

async function pruneRefreshTokens(db: Db, before: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = db.selectFrom('refresh_tokens').select('token_hash').where('access_expires_at', '<', before).limit(BATCH);
    const result = await db.deleteFrom('refresh_tokens').where('token_hash', 'in', batch).executeTakeFirst();
    const n = Number(result.numDeletedRows);
    deleted += n;
    if (n < BATCH) return deleted;
  }
}

/**
 * Deletes what is past its cutoff; undefined when another node holds the pruning lock (PostgreSQL: a session advisory
 * lock on one pooled connection, taken without waiting). SQLite is one process's file, so nothing else prunes it.
 */
export async function pruneExpired(db: Db, kind: StoreKind, cutoffs: PruneCutoffs): Promise<Pruned | undefined> {
  const prune = async (conn: Db): Promise<Pruned> => ({
    idempotencyRecords: await pruneIdempotencyRecords(conn, cutoffs.idempotencyCreatedBefore),
    refreshTokens: await pruneRefreshTokens(conn, cutoffs.refreshExpiredBefore),
  });
  if (kind === 'sqlite') return prune(db);
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${PRUNE_LOCK}) as locked`.execute(conn);
    if (!rows[0]?.locked) return undefined;
    try {
      return await prune(conn);
    } finally {
      await sql`select pg_advisory_unlock(${PRUNE_LOCK})`.execute(conn);
    }
  });
}
