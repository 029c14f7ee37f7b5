// Account state changes, and the row lock that orders them against verifications.
import type { StoreKind } from '../config.js';
import type { AccountMoney } from '../use-cases/ports.js';
import { precompiledWrite } from './precompiled.js';
import type { Db } from './schema.js';

/**
 * Reads the account inside the caller's transaction, locked on PostgreSQL, so a close and a verify of one account
 * happen one after the other. SQLite runs one write transaction at a time already.
 */
export async function lockAccount(tx: Db, kind: StoreKind, accountNumber: number) {
  return (await (kind === 'postgres' ? accountForUpdate : accountInTransaction)(tx, accountNumber)).rows[0];
}

const accountInTransaction = precompiledWrite((db, accountNumber: number) => db.selectFrom('accounts').selectAll().where('account_number', '=', accountNumber));
const accountForUpdate = precompiledWrite((db, accountNumber: number) =>
  db.selectFrom('accounts').selectAll().where('account_number', '=', accountNumber).forUpdate(),
);

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
  await moneyUpdate(tx, money.balance_cents, money.holds_cents, money.open_to_buy_cents, now, accountNumber);
}

const moneyUpdate = precompiledWrite((db, balance: number, holds: number, openToBuy: number, now: number, accountNumber: number) =>
  db
    .updateTable('accounts')
    .set({ balance_cents: balance, holds_cents: holds, open_to_buy_cents: openToBuy, updated_at: now })
    .where('account_number', '=', accountNumber),
);
