// Generates customers straight into the store: batches of customers with their accounts and cards, one transaction each.
import type { StoreTools } from '../open-store.js';
import { hashAnswers } from './answer-hashes.js';
import { inBatchTransaction, withBulkTuning } from './bulk-tuning.js';
import { generateCustomer, type GeneratedCustomer } from './generator.js';
import { silentProgress, type Progress } from './progress.js';
import type { AccountRecord, CardRecord, CustomerRecord } from './records.js';
import { accountsTable, answersTable, cardsTable, customersTable } from './tables.js';
import { upsertWriter } from './upsert-writer.js';

export interface GenerateOptions {
  count: number;
  seed: number;
  /** The first customer's ordinal (G0000001 is 1); ordinals already present are rewritten, not duplicated. */
  first?: number;
  /** Also store each customer's security answers (slow: one scrypt per answer). */
  withAnswers?: boolean;
  customersPerTransaction?: number;
  progress?: (total: number) => Progress;
}

export interface GenerateSummary {
  customers: number;
  accounts: number;
  cards: number;
  answers: number;
  seconds: number;
  first: number;
}

/** Merchants in a stable order, so the same seed picks the same merchants on every database. */
export async function merchantIds(ctx: StoreTools): Promise<string[]> {
  const rows = await ctx.db.selectFrom('merchants').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function generateIntoStore(ctx: StoreTools, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const first = options.first ?? 1;
  const perTransaction = options.customersPerTransaction ?? 5000;
  const generatorOptions = { seed: options.seed, merchantIds: await merchantIds(ctx) };
  const kind = ctx.store.kind;
  const writers = {
    customers: upsertWriter(ctx.db, kind, customersTable),
    accounts: upsertWriter(ctx.db, kind, accountsTable),
    cards: upsertWriter(ctx.db, kind, cardsTable),
    answers: upsertWriter(ctx.db, kind, answersTable),
  };
  const progress = options.progress?.(options.count) ?? silentProgress;
  const totals = { customers: 0, accounts: 0, cards: 0, answers: 0 };
  await withBulkTuning(ctx.store, async () => {
    for (let done = 0; done < options.count; done += perTransaction) {
      const size = Math.min(perTransaction, options.count - done);
      const batch: GeneratedCustomer[] = [];
      for (let i = 0; i < size; i++) batch.push(generateCustomer(generatorOptions, first + done + i));
      const customers: CustomerRecord[] = batch.map((g) => g.customer);
      const accounts: AccountRecord[] = batch.flatMap((g) => g.accounts);
      // The clear number goes no further than this line: only its keyed hash and last four are kept.
      const cards: CardRecord[] = batch.flatMap((g) =>
        g.cards.map((c) => {
          const stored = ctx.cardHashes.current(c.card_number);
          return { card_hash: stored.hash, key_kid: stored.kid, last_four: c.card_number.slice(-4), account_number: c.account_number };
        }),
      );
      // Slow hashes are computed before the transaction opens, so it is never held open by scrypt.
      const answers = options.withAnswers ? await hashAnswers(customers, ctx.config.scryptCost) : [];
      const now = ctx.now();
      await inBatchTransaction(ctx.store, async (tx) => {
        await writers.customers.write(tx, customers, now);
        await writers.answers.write(tx, answers, now);
        await writers.accounts.write(tx, accounts, now);
        await writers.cards.write(tx, cards, now);
      });
      totals.customers += customers.length;
      totals.accounts += accounts.length;
      totals.cards += cards.length;
      totals.answers += answers.length;
      progress.update(done + size, totals.customers + totals.accounts + totals.cards + totals.answers);
    }
  });
  progress.finish();
  return { ...totals, first, seconds: (performance.now() - started) / 1000 };
}
