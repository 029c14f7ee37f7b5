// Purchases: authorizations and their captures, returns, refunds, payments at the till, the clients' registered
// locations, and the append-only ledger every one of them writes to. PINs count their wrong tries; a kept answer may
// carry headers (a refund's id).
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreKind } from '../../config.js';

export const purchasesSchema = (store: StoreKind): Migration => ({ up: (db) => up(db, store), down });

async function up(db: Kysely<unknown>, store: StoreKind): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => (store === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .alterTable('accounts')
    .addColumn('holds_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // The balance brought forward when the ledger began (imported or seeded): entries explain every change after it.
  await db.schema
    .alterTable('accounts')
    .addColumn('opening_balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update accounts set opening_balance_cents = balance_cents`.execute(db);
  await db.schema
    .alterTable('verifications')
    .addColumn('wrong_tries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('idempotency_records').addColumn('response_headers', 'text').execute();
  await db.schema
    .createTable('client_locations')
    .addColumn('client_id', 'text', (c) => c.notNull().references('api_clients.id'))
    .addColumn('external_location_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_locations_pk', ['client_id', 'external_location_id'])
    .execute();
  await db.schema
    .createTable('authorizations')
    .addColumn('id', 'integer', id)
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('account_number', 'bigint', (c) => c.notNull().references('accounts.account_number'))
    .addColumn('transaction_type', 'text', (c) => c.notNull().check(sql`transaction_type in ('promotional_purchase', 'regular_purchase')`))
    .addColumn('plan_id', 'integer')
    .addColumn('term', 'integer')
    .addColumn('plan_category', 'text')
    .addColumn('apr', 'text')
    .addColumn('term_amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('captured_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('released_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('returned_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('opened', 'closed')`))
    .addColumn('reference', 'text')
    .addColumn('external_location_id', 'text')
    .addColumn('external_employee_id', 'text')
    .addColumn('sku_data', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('authorizations_amounts', sql`captured_cents + released_cents <= amount_cents and returned_cents <= captured_cents`)
    .execute();
  await db.schema.createIndex('authorizations_client_created').on('authorizations').columns(['client_id', 'created_at']).execute();
  await db.schema.createIndex('authorizations_account').on('authorizations').columns(['account_number', 'created_at']).execute();
  await db.schema
    .createTable('captures')
    .addColumn('id', 'integer', id)
    .addColumn('authorization_id', 'integer', (c) => c.notNull().references('authorizations.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('account_number', 'bigint', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('returned_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reference', 'text')
    .addColumn('external_location_id', 'text')
    .addColumn('external_employee_id', 'text')
    .addColumn('sku_data', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('captures_returned', sql`returned_cents <= amount_cents`)
    .execute();
  await db.schema.createIndex('captures_authorization').on('captures').columns(['authorization_id', 'id']).execute();
  await db.schema.createIndex('captures_client_created').on('captures').columns(['client_id', 'created_at']).execute();
  // Returns, refunds and payments at the till: one table of credits to an account, each with its kind.
  await db.schema
    .createTable('credits')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('return', 'refund', 'deposit', 'instore_payment', 'tradein')`))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('account_number', 'bigint', (c) => c.notNull().references('accounts.account_number'))
    .addColumn('authorization_id', 'integer')
    .addColumn('capture_id', 'integer')
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('reference', 'text')
    .addColumn('external_location_id', 'text')
    .addColumn('external_employee_id', 'text')
    .addColumn('sku_data', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credits_account_kind').on('credits').columns(['account_number', 'kind', 'created_at']).execute();
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', id)
    .addColumn('account_number', 'bigint', (c) => c.notNull().references('accounts.account_number'))
    .addColumn('entry_type', 'text', (c) =>
      c.notNull().check(sql`entry_type in ('hold', 'capture', 'release', 'return', 'refund', 'deposit', 'instore_payment', 'tradein')`),
    )
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('balance_delta_cents', 'bigint', (c) => c.notNull())
    .addColumn('holds_delta_cents', 'bigint', (c) => c.notNull())
    .addColumn('authorization_id', 'integer')
    .addColumn('capture_id', 'integer')
    .addColumn('credit_id', 'integer')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('external_location_id', 'text')
    .addColumn('external_employee_id', 'text')
    .addColumn('reference_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account_number', 'id']).execute();
  // Append-only: the database itself refuses to change or delete an entry.
  if (store === 'postgres') {
    await sql`create function ledger_entries_append_only() returns trigger language plpgsql as $$
      begin raise exception 'ledger entries are append-only'; end $$`.execute(db);
    await sql`create trigger ledger_entries_no_change before update or delete on ledger_entries
      for each row execute function ledger_entries_append_only()`.execute(db);
  } else {
    await sql`create trigger ledger_entries_no_update before update on ledger_entries
      begin select raise(abort, 'ledger entries are append-only'); end`.execute(db);
    await sql`create trigger ledger_entries_no_delete before delete on ledger_entries
      begin select raise(abort, 'ledger entries are append-only'); end`.execute(db);
  }
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_entries', 'credits', 'captures', 'authorizations', 'client_locations']) await db.schema.dropTable(table).ifExists().execute();
  await sql`drop function if exists ledger_entries_append_only`.execute(db).catch(() => undefined);
  await db.schema.alterTable('idempotency_records').dropColumn('response_headers').execute();
  await db.schema.alterTable('verifications').dropColumn('wrong_tries').execute();
  await db.schema.alterTable('accounts').dropColumn('opening_balance_cents').execute();
  await db.schema.alterTable('accounts').dropColumn('holds_cents').execute();
}
