// The outbox: messages written with the change that caused them, claimed and delivered by the dispatcher.
import { sql } from 'kysely';
import type { StoreKind } from '../config.js';
import type { OutboxBacklog, OutboxMessage } from '../use-cases/ports.js';
import { precompiledWrite } from './precompiled.js';
import type { Db } from './schema.js';

// Precompiled: it runs in verify's transaction, where a statement built by Kysely costs about what SQLite takes to run it.
const messageInsert = precompiledWrite((db, channel: string, payload: string, now: number, status: string, lastError: string | null) =>
  db.insertInto('outbox').values({
    channel: channel as 'sms' | 'email',
    payload,
    status: status as 'pending' | 'held',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    last_error: lastError,
  }),
);

export async function enqueueMessage(tx: Db, channel: 'sms' | 'email', sealedPayload: string, now: number, heldBecause?: string): Promise<void> {
  await messageInsert(tx, channel, sealedPayload, now, heldBecause === undefined ? 'pending' : 'held', heldBecause?.slice(0, 500) ?? null);
}

/**
 * Claims up to `limit` due messages for `leaseMs`: a claimed row is invisible to other dispatchers until the lease
 * ends, so several processes never send one message at the same time (SKIP LOCKED on PostgreSQL).
 */
export async function claimDueMessages(db: Db, kind: StoreKind, now: number, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    // Oldest due first, in the due index's own order: ordered by id alone, every claim read and sorted the whole backlog.
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  const lockedDue = kind === 'postgres' ? due.forUpdate().skipLocked() : due;
  return db
    .updateTable('outbox')
    .set({ claimed_until: now + leaseMs })
    .where('id', 'in', lockedDue)
    .returningAll()
    .execute();
}

/**
 * Extends the claim on those of `ids` still held under `heldUntil` (not yet marked, not taken over) to `until`; the
 * claim's end is its fence: another dispatcher that took a lapsed claim over wrote its own, so this renews nothing of it.
 */
export async function renewClaims(db: Db, ids: number[], heldUntil: number, until: number): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('outbox')
    .set({ claimed_until: until })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('claimed_until', '=', heldUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markSent(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: now, claimed_until: null, last_error: null }).where('id', '=', id).execute();
}

export async function markHeld(db: Db, ids: readonly number[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status: 'held', claimed_until: null, last_error: reason.slice(0, 500) })
    .where('id', 'in', ids)
    .execute();
}

/** Records a failed attempt, if the claim `heldUntil` is still this dispatcher's (a claim taken over is the new holder's to record). */
export async function markFailedAttempt(db: Db, id: number, heldUntil: number, attempts: number, error: string, nextAttemptAt: number | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      attempts,
      last_error: error.slice(0, 500),
      claimed_until: null,
      ...(nextAttemptAt === null ? { status: 'failed' as const } : { next_attempt_at: nextAttemptAt }),
    })
    .where('id', '=', id)
    .where('claimed_until', '=', heldUntil)
    .execute();
}

export function listMessages(db: Db, limit: number) {
  return db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The pending messages' count and the oldest one's age: one read of the due index (status first), made per scrape. */
export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom('outbox')
    .select([sql<number>`count(*)`.as('pending'), sql<number | null>`min(created_at)`.as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return { pending: Number(row?.pending ?? 0), oldestPendingAt: row?.oldest == null ? null : Number(row.oldest) };
}
