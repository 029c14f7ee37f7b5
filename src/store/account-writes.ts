// Account state changes, and the row lock that orders them against verifications.
import type { StoreKind } from '../config.js';
import type { AccountMoney } from '../use-cases/ports.js';
import type { Db } from './schema.js';

/**
 * Reads the account inside the caller's transaction, locked on PostgreSQL, so a close and a verify of one account
 * happen one after the other. SQLite runs one write transaction at a time already.
 */
export function lockAccount(tx: Db, kind: StoreKind, accountNumber: number) {
  const query = tx.selectFrom('accounts').selectAll().where('account_number', '=', accountNumber);
  return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/** True when this call closed it; false when it was closed already. */
export async function markClosed(tx: Db, accountNumber: number, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('accounts')
    .set({ status: 'C', status_reason: 'CCUS', updated_at: now })
    .where('account_number', '=', accountNumber)
    .where('status', '<>', 'C')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The account's money after a ledger posting, written in the posting's transaction. */
export async function setMoney(tx: Db, accountNumber: number, money: AccountMoney, now: number): Promise<void> {
  await tx
    .updateTable('accounts')
    .set({ ...money, updated_at: now })
    .where('account_number', '=', accountNumber)
    .execute();
}
