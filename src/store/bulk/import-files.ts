// Imports customers, accounts and cards from CSV files: streamed, every row checked, good rows upserted in batches, bad rows reported.
import { basename } from 'node:path';
import type { StoreTools } from '../open-store.js';
import type { Db } from '../schema.js';
import { ACCOUNT_COLUMNS, REQUIRED_ACCOUNT_COLUMNS, accountFromRow } from './account-rows.js';
import { hashAnswers } from './answer-hashes.js';
import { inBatchTransaction, withBulkTuning } from './bulk-tuning.js';
import { maskCardNumbersIn } from './card-numbers.js';
import { CARD_EXPORT_COLUMNS, CARD_IMPORT_COLUMNS, cardFromRow } from './card-rows.js';
import { csvRows, fileSize, type HeaderRule } from './csv-source.js';
import { ANSWER_COLUMNS, CUSTOMER_COLUMNS, REQUIRED_CUSTOMER_COLUMNS, customerFromRow, type RowResult } from './customer-rows.js';
import type { CsvRow } from './field-reader.js';
import { knownAccounts, knownCustomers, merchantIdSet } from './known-keys.js';
import { silentProgress, type Progress } from './progress.js';
import type { AccountRecord, CardRecord, CustomerRecord } from './records.js';
import { accountsTable, answersTable, cardsTable, customersTable } from './tables.js';
import { upsertWriter, type UpsertWriter } from './upsert-writer.js';

export interface ImportSources {
  customers?: string;
  accounts?: string;
  cards?: string;
}

export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

export interface FileSummary {
  file: string;
  read: number;
  written: number;
  rejected: number;
  seconds: number;
}

export interface ImportReport {
  files: FileSummary[];
  /** The first rejections (all of them up to `keepRejections`); `rejected` counts them all. */
  rejections: Rejection[];
  rejected: number;
  answers: number;
  /** --strict met a bad row: nothing was written. */
  stopped: boolean;
  seconds: number;
}

export interface ImportOptions {
  /** Stop at the first bad row and write nothing (the whole import is one transaction). */
  strict?: boolean;
  rowsPerBatch?: number;
  keepRejections?: number;
  progress?: (label: string, totalBytes: number) => Progress;
  onRejected?: (rejection: Rejection) => void;
}

interface Batched<R> {
  line: number;
  record: R;
}

/** A row of the batch: a record to check further, or the reason it was already refused (kept in place, for line order). */
type Pending<R> = { line: number; record: R; reason?: undefined } | { line: number; record?: undefined; reason: string };

/** One file format's part in the import: how a row becomes a record, what it must refer to, and how it is written. */
interface Format<R> {
  header: HeaderRule;
  parse(row: CsvRow): RowResult<R>;
  /** Problems that need the database or earlier files: a reason for each bad record, by position in the batch. */
  refer(batch: readonly Batched<R>[], db: Db): Promise<Map<number, string>>;
  key(record: R): string | number;
  write(tx: Db, records: R[], now: number): Promise<void>;
  /** Work done outside the transaction, before it (slow hashes). */
  prepare?(records: R[]): Promise<(tx: Db, now: number) => Promise<void>>;
  written(record: R): void;
}

class StrictStop extends Error {}

/** The transaction each batch runs in: its own, or (strict) the one around the whole import. */
type Runner = <T>(work: (tx: Db) => Promise<T>) => Promise<T>;

export async function importFiles(ctx: StoreTools, sources: ImportSources, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const keep = options.keepRejections ?? 10_000;
  const report: ImportReport = { files: [], rejections: [], rejected: 0, answers: 0, stopped: false, seconds: 0 };
  const reject = (rejection: Rejection) => {
    // Whatever a reason quotes, a card number in it leaves masked.
    const safe = { ...rejection, reason: maskCardNumbersIn(rejection.reason) };
    report.rejected++;
    if (report.rejections.length < keep) report.rejections.push(safe);
    options.onRejected?.(safe);
    if (options.strict) throw new StrictStop();
  };
  for (const path of [sources.customers, sources.accounts, sources.cards]) if (path) await fileSize(path);

  const run = async (runner: Runner, reader: Db) => {
    const formats = await formatsFor(ctx, reader, report);
    const plan: [string | undefined, Format<never>][] = [
      [sources.customers, formats.customers as Format<never>],
      [sources.accounts, formats.accounts as Format<never>],
      [sources.cards, formats.cards as Format<never>],
    ];
    for (const [path, format] of plan) {
      if (!path) continue;
      // Listed before it runs, so a strict stop still reports what the file got to.
      const summary: FileSummary = { file: basename(path), read: 0, written: 0, rejected: 0, seconds: 0 };
      report.files.push(summary);
      await importFile(ctx, path, format, summary, { runner, reader, reject, options });
    }
  };
  try {
    await withBulkTuning(ctx.store, async () => {
      if (options.strict) await ctx.db.transaction().execute((tx) => run((work) => work(tx), tx));
      else await run((work) => inBatchTransaction(ctx.store, work), ctx.db);
    });
  } catch (error) {
    if (!(error instanceof StrictStop)) throw error;
    report.stopped = true;
    for (const file of report.files) file.written = 0;
    report.answers = 0;
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

interface FileRun {
  runner: Runner;
  reader: Db;
  reject: (r: Rejection) => void;
  options: ImportOptions;
}

async function importFile<R>(
  ctx: StoreTools,
  path: string,
  format: Format<R>,
  summary: FileSummary,
  { runner, reader, reject, options }: FileRun,
): Promise<void> {
  const started = performance.now();
  const file = summary.file;
  const progress = options.progress?.(file, await fileSize(path)) ?? silentProgress;
  const rowsPerBatch = options.rowsPerBatch ?? 20_000;
  const rejectRow = (line: number, reason: string) => {
    summary.rejected++;
    reject({ file, line, reason });
  };
  let batch: Pending<R>[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const candidates = batch.filter((item): item is Batched<R> => item.record !== undefined);
    const refused = await format.refer(candidates, reader);
    // Rejections go out in line order, whichever check found them, so --strict stops at the first bad line.
    const reasons = new Map<Pending<R>, string>();
    candidates.forEach((item, i) => {
      const reason = refused.get(i);
      if (reason) reasons.set(item, reason);
    });
    // The same key twice in one statement is an error on PostgreSQL: within a batch the later row wins, as it would across batches.
    const latest = new Map<string | number, R>();
    let accepted = 0;
    for (const item of batch) {
      const reason = item.reason ?? reasons.get(item);
      if (reason) rejectRow(item.line, reason);
      else if (item.record !== undefined) {
        latest.set(format.key(item.record), item.record);
        accepted++;
      }
    }
    batch = [];
    const records = [...latest.values()];
    const finish = format.prepare ? await format.prepare(records) : undefined;
    // One batch is written while the next is read and checked (PostgreSQL works while Node parses); never more than one,
    // so memory stays bounded and batches commit in file order.
    await writing;
    const now = ctx.now();
    writing = runner(async (tx) => {
      await format.write(tx, records, now);
      await finish?.(tx, now);
    }).then(() => {
      records.forEach((r) => format.written(r));
      summary.written += accepted;
    });
    // Handled here so a failed write waiting to be awaited is not reported as unhandled; the await above rethrows it.
    writing.catch(() => undefined);
  };
  let bytes = 0;
  try {
    await readRows();
  } finally {
    // Whatever stopped the reading (a strict stop, a failed write), no write of this file outlives it.
    await writing.catch(() => undefined);
  }
  await writing;
  progress.update(bytes, summary.read);
  progress.finish();
  summary.seconds = (performance.now() - started) / 1000;

  async function readRows(): Promise<void> {
    for await (const source of csvRows(path, format.header)) {
      summary.read++;
      if (!source.readable) {
        batch.push({ line: source.line, reason: source.reason });
        continue;
      }
      bytes = source.bytes;
      const parsed = format.parse(source.row);
      batch.push(parsed.ok ? { line: source.line, record: parsed.record } : { line: source.line, reason: parsed.problems.join('; ') });
      if (batch.length >= rowsPerBatch) {
        await flush();
        progress.update(bytes, summary.read);
      }
    }
    if (batch.length) await flush();
  }
}

async function formatsFor(ctx: StoreTools, reader: Db, report: ImportReport) {
  const kind = ctx.store.kind;
  const today = new Date(ctx.now()).toISOString().slice(0, 10);
  const customers = knownCustomers();
  const accounts = knownAccounts();
  const merchants = await merchantIdSet(reader);
  const writers = {
    customers: upsertWriter(ctx.db, kind, customersTable),
    answers: upsertWriter(ctx.db, kind, answersTable),
    accounts: upsertWriter(ctx.db, kind, accountsTable),
    cards: upsertWriter(ctx.db, kind, cardsTable),
  };
  const write =
    <R>(writer: UpsertWriter<R>) =>
    (tx: Db, records: R[], now: number) =>
      writer.write(tx, records, now);

  const customerFormat: Format<CustomerRecord> = {
    header: { required: REQUIRED_CUSTOMER_COLUMNS, known: [...CUSTOMER_COLUMNS, ...ANSWER_COLUMNS] },
    parse: (row) => customerFromRow(row, today),
    refer: async () => new Map(),
    key: (c) => c.id,
    write: write(writers.customers),
    async prepare(records) {
      const answers = await hashAnswers(records, ctx.config.scryptCost);
      report.answers += answers.length;
      return (tx, now) => writers.answers.write(tx, answers, now);
    },
    written: (c) => customers.add(c.id),
  };

  const accountFormat: Format<AccountRecord> = {
    header: { required: REQUIRED_ACCOUNT_COLUMNS, known: ACCOUNT_COLUMNS },
    parse: (row) => accountFromRow(row, today),
    refer: async (batch, db) => {
      const missing = await customers.missing(
        db,
        batch.map((b) => b.record.customer_id),
      );
      return problemsByIndex(batch, (a) =>
        missing.has(a.customer_id)
          ? `customer_id: no customer ${a.customer_id} (neither in the database nor among the imported customers)`
          : !merchants.has(a.originating_merchant_id)
            ? `originating_merchant_id: no merchant ${JSON.stringify(a.originating_merchant_id)}`
            : undefined,
      );
    },
    key: (a) => a.account_number,
    write: write(writers.accounts),
    written: (a) => accounts.add(a.account_number),
  };

  const cardFormat: Format<CardRecord> = {
    header: {
      required: ['account_number'],
      known: [...CARD_IMPORT_COLUMNS, ...CARD_EXPORT_COLUMNS],
      check: (columns) =>
        columns.includes('card_number') || (columns.includes('card_hash') && columns.includes('last_four'))
          ? undefined
          : 'needs card_number, or card_hash with last_four',
    },
    parse: (row) => cardFromRow(row, ctx.cardHashes),
    refer: async (batch, db) => {
      const missing = await accounts.missing(
        db,
        batch.map((b) => b.record.account_number),
      );
      return problemsByIndex(batch, (c) => (missing.has(c.account_number) ? `account_number: no account ${c.account_number}` : undefined));
    },
    key: (c) => c.card_hash,
    write: write(writers.cards),
    written: () => undefined,
  };
  return { customers: customerFormat, accounts: accountFormat, cards: cardFormat };
}

function problemsByIndex<R>(batch: readonly Batched<R>[], problem: (record: R) => string | undefined): Map<number, string> {
  const found = new Map<number, string>();
  batch.forEach((item, i) => {
    const reason = problem(item.record);
    if (reason) found.set(i, reason);
  });
  return found;
}
