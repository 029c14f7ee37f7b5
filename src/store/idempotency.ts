// Idempotency records: the first answer to a (client, reference id) POST, kept to be replayed.
import type { Db } from './open-store.js';
import { precompiled } from './precompiled.js';
import type { IdempotencyRecordsTable } from './schema.js';

export type IdempotencyRecord = IdempotencyRecordsTable;

const recordByKey = precompiled((db, clientId: string, referenceId: string) =>
  db.selectFrom('idempotency_records').selectAll().where('client_id', '=', clientId).where('reference_id', '=', referenceId),
);

export async function findIdempotencyRecord(db: Db, clientId: string, referenceId: string): Promise<IdempotencyRecord | undefined> {
  return (await recordByKey(db, clientId, referenceId))[0];
}

export async function insertIdempotencyRecord(db: Db, record: IdempotencyRecord): Promise<void> {
  await db.insertInto('idempotency_records').values(record).execute();
}

export async function deleteIdempotencyRecordsBefore(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_records').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
