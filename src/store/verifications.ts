// PINs (as keyed hashes, with their wrong tries) and the record of wrong security answers.
import { precompiled, precompiledInsert, precompiledWrite } from './precompiled.js';
import type { Db } from './schema.js';
import type { VerificationsTable } from './schema.js';

// Precompiled, as every statement of verify's transaction: built by Kysely on each call, a statement costs about as
// much CPU as SQLite takes to run it.
const livePinsRevoke = precompiledWrite((db, now: number, accountNumber: number, purpose: string) =>
  db
    .updateTable('verifications')
    .set({ revoked_at: now })
    .where('account_number', '=', accountNumber)
    .where('purpose', '=', purpose as VerificationsTable['purpose'])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null),
);

const pinInsert = precompiledInsert<'verifications', VerificationsTable>('verifications', {
  id: true,
  account_number: true,
  client_id: true,
  format: true,
  purpose: true,
  pin_hash: true,
  request_id: true,
  created_at: true,
  expires_at: true,
  used_at: true,
  revoked_at: true,
  wrong_tries: true,
});

/** A new PIN replaces the account's live PINs of the same purpose. */
export async function replacePin(tx: Db, row: VerificationsTable): Promise<void> {
  await livePinsRevoke(tx, row.created_at, row.account_number, row.purpose);
  await pinInsert(tx, [row]);
}

export async function countAnswerFailures(tx: Db, accountNumber: number, since: number): Promise<number> {
  const row = await tx
    .selectFrom('answer_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_number', '=', accountNumber)
    .where('failed_at', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function recordAnswerFailure(tx: Db, accountNumber: number, at: number): Promise<void> {
  await tx.insertInto('answer_failures').values({ account_number: accountNumber, failed_at: at }).execute();
}

/** A right answer starts the count again. */
export async function clearAnswerFailures(tx: Db, accountNumber: number): Promise<void> {
  await tx.deleteFrom('answer_failures').where('account_number', '=', accountNumber).execute();
}

// Precompiled: read before verify's transaction, on the direct reader (through Kysely's executor it would commit
// SQLite's open group of transactions first).
const answerHashQuery = precompiled((db, customerId: string, questionId: number) =>
  db.selectFrom('security_answers').select('answer_hash').where('customer_id', '=', customerId).where('question_id', '=', questionId),
);

export async function answerHashOf(db: Db, customerId: string, questionId: number): Promise<string | undefined> {
  return (await answerHashQuery(db, customerId, questionId))[0]?.answer_hash;
}

export function livePinsOf(db: Db, accountNumber: number, now: number) {
  return db
    .selectFrom('verifications')
    .selectAll()
    .where('account_number', '=', accountNumber)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Every PIN of the account still usable stops being usable. */
export async function revokeLivePins(tx: Db, accountNumber: number, now: number): Promise<number> {
  const result = await tx
    .updateTable('verifications')
    .set({ revoked_at: now })
    .where('account_number', '=', accountNumber)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest unspent, unrevoked PIN of this account issued to this client for this request id (expired ones included). */
export async function pinFor(db: Db, accountNumber: number, clientId: string, requestId: string | null) {
  return (await pinQuery(db, accountNumber, clientId, requestId))[0];
}

// Compiled once for a null request id (`is null`) and once for the others.
const pinQuery = precompiled((db, accountNumber: number, clientId: string, requestId: string | null) => {
  const query = db
    .selectFrom('verifications')
    .selectAll()
    .where('account_number', '=', accountNumber)
    .where('client_id', '=', clientId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null);
  return (requestId === null ? query.where('request_id', 'is', null) : query.where('request_id', '=', requestId)).orderBy('created_at', 'desc').limit(1);
});

export async function recordWrongTry(tx: Db, pinId: string, wrongTries: number, kill: boolean, now: number): Promise<void> {
  await tx
    .updateTable('verifications')
    .set(kill ? { wrong_tries: wrongTries, revoked_at: now } : { wrong_tries: wrongTries })
    .where('id', '=', pinId)
    .execute();
}

/** True when this call spent it: a PIN is good once. */
export async function spendPin(tx: Db, pinId: string, now: number): Promise<boolean> {
  const result = await pinSpending(tx, now, pinId);
  return Number(result.numAffectedRows) === 1;
}

const pinSpending = precompiledWrite((db, now: number, pinId: string) =>
  db.updateTable('verifications').set({ used_at: now }).where('id', '=', pinId).where('used_at', 'is', null).where('revoked_at', 'is', null),
);
