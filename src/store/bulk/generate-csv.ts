// Writes generated customers as import files (customers.csv with answers, accounts.csv, cards.csv with clear numbers), for tests and load runs.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import { ACCOUNT_COLUMNS, accountToRow } from './account-rows.js';
import { CARD_IMPORT_COLUMNS, cardToImportRow } from './card-rows.js';
import { ANSWER_COLUMNS, CUSTOMER_COLUMNS, customerToImportRow } from './customer-rows.js';
import { generateCustomer, type GeneratorOptions } from './generator.js';
import { silentProgress, type Progress } from './progress.js';

export interface CsvFiles {
  customers: string;
  accounts: string;
  cards: string;
}

export interface GenerateCsvOptions extends GeneratorOptions {
  count: number;
  first?: number;
  /** Leave the security answer columns out (an import without slow hashes). */
  withoutAnswers?: boolean;
  progress?: (total: number) => Progress;
}

function csvFile(path: string, columns: readonly string[]) {
  const out = createWriteStream(path);
  const csv = stringify({ header: true, columns: [...columns] });
  csv.pipe(out);
  return { csv, done: finished(out) };
}

/** Writes one row, waiting when the file is behind: a million rows must not pile up in memory. */
async function put(csv: Stringifier, row: Record<string, string>): Promise<void> {
  if (!csv.write(row)) await once(csv, 'drain');
}

export async function generateCsvFiles(dir: string, options: GenerateCsvOptions): Promise<CsvFiles & { accountRows: number; cardRows: number }> {
  await mkdir(dir, { recursive: true });
  const paths = { customers: join(dir, 'customers.csv'), accounts: join(dir, 'accounts.csv'), cards: join(dir, 'cards.csv') };
  const customers = csvFile(paths.customers, options.withoutAnswers ? CUSTOMER_COLUMNS : [...CUSTOMER_COLUMNS, ...ANSWER_COLUMNS]);
  const accounts = csvFile(paths.accounts, ACCOUNT_COLUMNS);
  const cards = csvFile(paths.cards, CARD_IMPORT_COLUMNS);
  const progress = options.progress?.(options.count) ?? silentProgress;
  const first = options.first ?? 1;
  let accountRows = 0;
  let cardRows = 0;
  for (let i = 0; i < options.count; i++) {
    const g = generateCustomer(options, first + i);
    await put(customers.csv, customerToImportRow(options.withoutAnswers ? { ...g.customer, answers: [] } : g.customer));
    for (const a of g.accounts) await put(accounts.csv, accountToRow(a));
    for (const c of g.cards) await put(cards.csv, cardToImportRow(c));
    accountRows += g.accounts.length;
    cardRows += g.cards.length;
    if (i % 10_000 === 9_999) progress.update(i + 1, i + 1 + accountRows + cardRows);
  }
  for (const f of [customers, accounts, cards]) f.csv.end();
  await Promise.all([customers.done, accounts.done, cards.done]);
  progress.update(options.count, options.count + accountRows + cardRows);
  progress.finish();
  return { ...paths, accountRows, cardRows };
}
