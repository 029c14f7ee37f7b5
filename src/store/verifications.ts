// PINs (as slow hashes) and the record of wrong security answers.
import type { Db } from './schema.js';
import type { VerificationsTable } from './schema.js';

/** A new PIN replaces the account's live PINs of the same purpose. */
export async function replacePin(tx: Db, row: VerificationsTable): Promise<void> {
  await tx
    .updateTable('verifications')
    .set({ revoked_at: row.created_at })
    .where('account_number', '=', row.account_number)
    .where('purpose', '=', row.purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  await tx.insertInto('verifications').values(row).execute();
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

export async function answerHashOf(db: Db, customerId: string, questionId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('security_answers')
    .select('answer_hash')
    .where('customer_id', '=', customerId)
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return row?.answer_hash;
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
