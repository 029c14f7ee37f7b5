// Exports customers, accounts and cards to CSV in the import formats, streamed page by page: no answers, no card numbers.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { StoreTools } from '../open-store.js';
import type { Db } from '../schema.js';
import type { Account } from '../schema.js';
import { ACCOUNT_COLUMNS, accountToRow } from './account-rows.js';
import { CARD_EXPORT_COLUMNS, cardToExportRow } from './card-rows.js';
import { CUSTOMER_COLUMNS, customerToRow } from './customer-rows.js';
import type { AccountRecord } from './records.js';

/** Rows per query: keyset pages keep memory flat however large the tables are. */
const PAGE = 5000;

export interface ExportSummary {
  customers: number;
  accounts: number;
  cards: number;
  seconds: number;
}

/** Pages through a table in key order, starting after the last key seen (no OFFSET: every page costs the same). */
async function* pages<T, K>(fetch: (after: K | undefined) => Promise<T[]>, keyOf: (row: T) => K): AsyncGenerator<T> {
  let after: K | undefined;
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = keyOf(rows[rows.length - 1] as T);
  }
}

function customerPages(db: Db) {
  return pages(
    (after: string | undefined) => {
      let q = db
        .selectFrom('customers')
        .select(['id', 'first_name', 'last_name', 'dob', 'address_1', 'address_2', 'city', 'province', 'postal_code', 'email', 'phone', 'preferred_language']);
      if (after !== undefined) q = q.where('id', '>', after);
      return q.orderBy('id').limit(PAGE).execute();
    },
    (r) => r.id,
  );
}

function accountPages(db: Db) {
  return pages(
    (after: number | undefined) => {
      let q = db.selectFrom('accounts').selectAll();
      if (after !== undefined) q = q.where('account_number', '>', after);
      return q.orderBy('account_number').limit(PAGE).execute();
    },
    (r) => r.account_number,
  );
}

function cardPages(db: Db) {
  return pages(
    (after: string | undefined) => {
      let q = db.selectFrom('cards').select(['card_hash', 'key_kid', 'last_four', 'account_number']);
      if (after !== undefined) q = q.where('card_hash', '>', after);
      return q.orderBy('card_hash').limit(PAGE).execute();
    },
    (r) => r.card_hash,
  );
}

/** Integer columns may come back as strings or numbers depending on the driver; the record wants numbers and flags. */
const asAccountRecord = (a: Account): AccountRecord => ({
  ...a,
  account_number: Number(a.account_number),
  tos_agreement: Number(a.tos_agreement) === 1,
  payment_protection: Number(a.payment_protection) === 1,
});

async function writeCsv<T>(path: string, columns: readonly string[], rows: AsyncIterable<T>, toRow: (row: T) => Record<string, string>): Promise<number> {
  let count = 0;
  async function* mapped() {
    for await (const row of rows) {
      count++;
      yield toRow(row);
    }
  }
  await pipeline(Readable.from(mapped()), stringify({ header: true, columns: [...columns] }), createWriteStream(path));
  return count;
}

export async function exportFiles(ctx: StoreTools, dir: string): Promise<ExportSummary> {
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  const customers = await writeCsv(join(dir, 'customers.csv'), CUSTOMER_COLUMNS, customerPages(ctx.db), customerToRow);
  const accounts = await writeCsv(join(dir, 'accounts.csv'), ACCOUNT_COLUMNS, accountPages(ctx.db), (a) => accountToRow(asAccountRecord(a)));
  const cards = await writeCsv(join(dir, 'cards.csv'), CARD_EXPORT_COLUMNS, cardPages(ctx.db), (c) =>
    cardToExportRow({ ...c, account_number: Number(c.account_number) }),
  );
  return { customers, accounts, cards, seconds: (performance.now() - started) / 1000 };
}
