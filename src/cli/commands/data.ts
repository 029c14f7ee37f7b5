// posapi generate | import | export: bulk customer data in and out (generated, or CSV files in the documented formats).
import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import type { ImportReport } from '../../store/bulk/import-files.js';
import type { ServiceContext } from '../../runtime/context.js';
import { wholeNumber } from '../arguments.js';
import { withContext } from '../context.js';
import { CommandFailure } from '../failure.js';
import { auditOperatorAction } from '../operator.js';

/** Exit code of an import that finished but refused some rows (1 is kept for "nothing or not everything could be done"). */
export const EXIT_ROWS_REJECTED = 2;

// The bulk modules (CSV, progress bars) are loaded by the commands that use them: `posapi serve` starts without them.
const bulk = async () => {
  const [exportModule, generateCsv, generate, generator, csvSource, importModule, progress] = await Promise.all([
    import('../../store/bulk/export-files.js'),
    import('../../store/bulk/generate-csv.js'),
    import('../../store/bulk/generate.js'),
    import('../../store/bulk/generator.js'),
    import('../../store/bulk/csv-source.js'),
    import('../../store/bulk/import-files.js'),
    import('../../store/bulk/progress.js'),
  ]);
  return { ...exportModule, ...generateCsv, ...generate, ...generator, ...csvSource, ...importModule, ...progress };
};

const rate = (rows: number, seconds: number) => Math.round(rows / Math.max(seconds, 0.001));

export interface GenerateCommandOptions {
  count: number;
  seed?: number;
  first?: number;
  answers?: boolean;
}

/** The ordinal after the highest generated customer already stored, so repeated runs add customers instead of rewriting them. */
async function nextOrdinal(ctx: ServiceContext): Promise<number> {
  const { GENERATED_ID_PREFIX } = await bulk();
  const row = await ctx.db.selectFrom('customers').select(ctx.db.fn.max('id').as('id')).where('id', 'like', `${GENERATED_ID_PREFIX}%`).executeTakeFirst();
  const last = row?.id ? Number(String(row.id).slice(GENERATED_ID_PREFIX.length)) : 0;
  return Number.isSafeInteger(last) ? last + 1 : 1;
}

/** `posapi generate N` and `posapi seed --generate N`: generated customers into the configured store, with progress and a summary. */
export async function runGenerate(ctx: ServiceContext, options: GenerateCommandOptions): Promise<void> {
  const { merchantIds, generateIntoStore, progressFor, generatedCustomerId } = await bulk();
  if ((await merchantIds(ctx)).length === 0)
    throw new CommandFailure('the database has no merchant for accounts to originate from: run `posapi seed --demo` first');
  const seed = options.seed ?? randomInt(2 ** 31);
  const first = options.first ?? (await nextOrdinal(ctx));
  const s = await generateIntoStore(ctx, {
    count: options.count,
    seed,
    first,
    withAnswers: options.answers,
    progress: (total) => progressFor({ label: 'customers', total, out: process.stdout }),
  });
  const rows = s.customers + s.accounts + s.cards + s.answers;
  console.log(
    `generated ${s.customers} customers (${generatedCustomerId(first)}…${generatedCustomerId(first + s.customers - 1)}), ${s.accounts} accounts, ${s.cards} cards` +
      `${s.answers ? `, ${s.answers} security answers` : ''} in ${s.seconds.toFixed(1)} s (${rate(s.customers, s.seconds)} customers/s, ${rate(rows, s.seconds)} rows/s); seed ${seed}`,
  );
}

function printImportReport(report: ImportReport): void {
  for (const f of report.files) {
    console.log(`${f.file}: read ${f.read}, written ${f.written}, rejected ${f.rejected} in ${f.seconds.toFixed(1)} s (${rate(f.read, f.seconds)} rows/s)`);
  }
  const read = report.files.reduce((n, f) => n + f.read, 0);
  const written = report.files.reduce((n, f) => n + f.written, 0);
  console.log(
    `total: read ${read}, written ${written}, rejected ${report.rejected}${report.answers ? `, ${report.answers} security answers hashed` : ''} ` +
      `in ${report.seconds.toFixed(1)} s (${rate(read, report.seconds)} rows/s)`,
  );
  if (report.stopped) console.log('--strict: stopped at the first bad row; nothing was written');
}

export function registerDataCommands(program: Command): void {
  program
    .command('generate')
    .description('generate realistic Canadian customers with accounts and cards (ids G0000001…, accounts from 900000000000)')
    .argument('<count>', 'how many customers', wholeNumber('the count'))
    .option('--seed <n>', 'random seed: the same seed gives the same customers', wholeNumber('the seed'))
    .option('--first <n>', "the first customer's ordinal (default: after the last generated customer)", wholeNumber('--first'))
    .option('--answers', 'also store security answers (one scrypt each: slow)', false)
    .option('--csv <dir>', 'write import files (customers.csv, accounts.csv, cards.csv) to this folder instead of the database')
    .option('--no-answer-columns', 'with --csv: leave the security answer columns out')
    .action(async (count: number, options: { seed?: number; first?: number; answers: boolean; csv?: string; answerColumns: boolean }) => {
      const { generateCsvFiles, merchantIds, progressFor } = await bulk();
      await withContext(async (ctx) => {
        if (!options.csv) return runGenerate(ctx, { count, seed: options.seed, first: options.first, answers: options.answers });
        const seed = options.seed ?? randomInt(2 ** 31);
        const started = performance.now();
        const files = await generateCsvFiles(options.csv, {
          count,
          seed,
          first: options.first,
          merchantIds: await merchantIds(ctx),
          withoutAnswers: !options.answerColumns,
          progress: (total) => progressFor({ label: 'customers', total, out: process.stdout }),
        });
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `wrote ${count} customers, ${files.accountRows} accounts, ${files.cardRows} cards to ${options.csv} in ${seconds.toFixed(1)} s; seed ${seed}`,
        );
      });
    });

  program
    .command('import <customers.csv> [accounts.csv]')
    .description('import customers, accounts and cards from CSV (see examples/README.md); a re-run updates, never duplicates')
    .option('--cards <cards.csv>', 'cards: clear numbers are hashed and cut to their last four on the way in')
    .option('--strict', 'stop at the first bad row and write nothing', false)
    .action(async (customers: string, accounts: string | undefined, options: { cards?: string; strict: boolean }) => {
      const { importFiles, progressFor, FileError } = await bulk();
      await withContext(async (ctx) => {
        try {
          const report = await importFiles(
            ctx,
            { customers, accounts, cards: options.cards },
            {
              strict: options.strict,
              progress: (label, bytes) => progressFor({ label, total: bytes, out: process.stdout }),
              onRejected: (r) => console.error(`${r.file}:${r.line}: ${r.reason}`),
              keepRejections: 0,
            },
          );
          printImportReport(report);
          await auditOperatorAction(ctx, 'data.import', report.stopped ? 'stopped' : 'imported', {
            files: report.files.map((f) => ({ file: f.file, read: f.read, written: f.written, rejected: f.rejected })),
            strict: options.strict,
          });
          if (report.stopped) process.exitCode = 1;
          else if (report.rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
        } catch (error) {
          if (!(error instanceof FileError)) throw error;
          console.error(error.message);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('export <dir>')
    .description('write customers.csv, accounts.csv and cards.csv (cards as hash and last four; no security answers)')
    .action(async (dir: string) => {
      const { exportFiles } = await bulk();
      const s = await withContext(async (ctx) => {
        const summary = await exportFiles(ctx, dir);
        // Customer data leaving the service: who took it, and how much.
        await auditOperatorAction(ctx, 'data.export', 'exported', { dir, customers: summary.customers, accounts: summary.accounts, cards: summary.cards });
        return summary;
      });
      console.log(`exported ${s.customers} customers, ${s.accounts} accounts, ${s.cards} cards to ${dir} in ${s.seconds.toFixed(1)} s`);
    });
}
