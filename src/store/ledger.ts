// The append-only ledger: entries are inserted, never updated or deleted (the database's triggers refuse both).
import type { LedgerEntry } from '../use-cases/ports.js';
import { precompiledInsert } from './precompiled.js';
import type { Db } from './schema.js';

const entriesInsert = precompiledInsert<'ledger_entries', Omit<LedgerEntry, 'id'>>('ledger_entries', {
  account_number: true,
  entry_type: true,
  amount_cents: true,
  balance_delta_cents: true,
  holds_delta_cents: true,
  authorization_id: true,
  capture_id: true,
  credit_id: true,
  client_id: true,
  external_location_id: true,
  external_employee_id: true,
  reference_id: true,
  at: true,
});

/** Appends the entries in one statement, in their order. */
export async function appendEntries(tx: Db, entries: readonly Omit<LedgerEntry, 'id'>[]): Promise<void> {
  if (entries.length) await entriesInsert(tx, entries);
}

export function entriesOf(db: Db, accountNumber: number): Promise<LedgerEntry[]> {
  return db.selectFrom('ledger_entries').selectAll().where('account_number', '=', accountNumber).orderBy('id').execute();
}
