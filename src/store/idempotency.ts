// Idempotency records: the first answer to a (client, reference id) POST, kept as data with the request's hash, and
// the transaction that makes a POST's effects and the keeping of its answer one.
import { refusalBodyOf } from '../contract/error-body.js';
import { ApiError } from '../contract/errors.js';
import { IdempotentReplay, REPLAY_WINDOW_MS, ReferenceIdReused, type IdempotencyKey, type KeptAnswer } from '../domain/idempotency.js';
import type { Outcome } from '../use-cases/ports.js';
import { precompiled, precompiledInsert, precompiledWrite } from './precompiled.js';
import type { Db, IdempotencyRecordsTable } from './schema.js';

export type IdempotencyRecord = IdempotencyRecordsTable;

const recordQuery = (db: Db, clientId: string, referenceId: string) =>
  db.selectFrom('idempotency_records').selectAll().where('client_id', '=', clientId).where('reference_id', '=', referenceId);

const recordByKey = precompiled(recordQuery);

export async function findIdempotencyRecord(db: Db, clientId: string, referenceId: string): Promise<IdempotencyRecord | undefined> {
  return (await recordByKey(db, clientId, referenceId))[0];
}

/**
 * The record as the writer sees it, not the direct reader: a concurrent twin's record may be in SQLite's open group of
 * transactions, committed with this one's failed attempt; a read through the writer's connection commits that group
 * first (on PostgreSQL the twin's insert waited for the winner's commit, so any read sees it).
 */
const recordByKeyOnWriter = precompiledWrite(recordQuery);

const recordInsert = precompiledInsert<'idempotency_records', IdempotencyRecord>('idempotency_records', {
  client_id: true,
  reference_id: true,
  request_hash: true,
  status_code: true,
  response_body: true,
  response_headers: true,
  created_at: true,
});

export async function insertIdempotencyRecord(db: Db, record: IdempotencyRecord): Promise<void> {
  await recordInsert(db, [record]);
}

const answerOf = (record: IdempotencyRecord): KeptAnswer => ({
  status: record.status_code,
  body: JSON.parse(record.response_body) as unknown,
  ...(record.response_headers ? { headers: JSON.parse(record.response_headers) as Record<string, string> } : {}),
});

/** The answer kept for the key while it may be replayed; past the window the id is free again and its record goes. */
export async function keptAnswer(db: Db, clientId: string, referenceId: string, now: number): Promise<{ requestHash: string; answer: KeptAnswer } | undefined> {
  const record = await findIdempotencyRecord(db, clientId, referenceId);
  if (!record) return undefined;
  if (record.created_at > now - REPLAY_WINDOW_MS) return { requestHash: record.request_hash, answer: answerOf(record) };
  await db.deleteFrom('idempotency_records').where('client_id', '=', clientId).where('reference_id', '=', referenceId).execute();
  return undefined;
}

/** A refusal is kept as the body the client may see: no secret and no card number reaches the table. */
const keptOf = <T>(outcome: Outcome<T>): KeptAnswer =>
  outcome.ok
    ? { status: outcome.status ?? 200, body: outcome.body, ...(outcome.headers ? { headers: outcome.headers } : {}) }
    : { status: outcome.error.status, body: refusalBodyOf(outcome.error) };

/**
 * Runs `work` in one transaction with the record of its answer. A refusal thrown (not returned) by `work` rolls its
 * transaction back, then is recorded on its own: it had no effect, but the reference id is spent on it all the same.
 */
export async function runOnce<T, Tx>(
  db: Db,
  key: IdempotencyKey | undefined,
  now: () => number,
  repositoriesOf: (tx: Db) => Tx,
  work: (tx: Tx) => Promise<Outcome<T>>,
): Promise<T> {
  const recordOf = (key: IdempotencyKey, answer: KeptAnswer): IdempotencyRecord => ({
    client_id: key.clientId,
    reference_id: key.referenceId,
    request_hash: key.requestHash,
    status_code: answer.status,
    response_body: JSON.stringify(answer.body),
    response_headers: answer.headers ? JSON.stringify(answer.headers) : null,
    created_at: now(),
  });
  let outcome: Outcome<T>;
  try {
    outcome = await db.transaction().execute(async (tx) => {
      const result = await work(repositoriesOf(tx));
      if (key) await insertIdempotencyRecord(tx, recordOf(key, keptOf(result)));
      return result;
    });
  } catch (error) {
    if (!key) throw error;
    if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
      const recorded = await insertIdempotencyRecord(db, recordOf(key, keptOf({ ok: false, error }))).then(
        () => true,
        () => false,
      );
      if (recorded) throw error;
    }
    // A concurrent twin won the race: its answer is the one to give.
    const [record] = (await recordByKeyOnWriter(db, key.clientId, key.referenceId)).rows as IdempotencyRecord[];
    if (record) {
      if (record.request_hash !== key.requestHash) throw new ReferenceIdReused();
      throw new IdempotentReplay(answerOf(record));
    }
    throw error;
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.body;
}
