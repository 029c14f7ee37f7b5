// The append-only ledger: entries are inserted, never updated or deleted (the database's triggers refuse both).
import type { LedgerEntry } from '../use-cases/ports.js';
import type { Db } from './schema.js';

export async function appendEntry(tx: Db, entry: Omit<LedgerEntry, 'id'>): Promise<void> {
  await tx.insertInto('ledger_entries').values(entry).execute();
}

export function entriesOf(db: Db, accountNumber: number): Promise<LedgerEntry[]> {
  return db.selectFrom('ledger_entries').selectAll().where('account_number', '=', accountNumber).orderBy('id').execute();
}
