// posapi audit export: the audit trail of a period, as JSON lines or CSV, streamed to stdout or a file.
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { AUDIT_RECORD_FIELDS, auditRecords, type AuditRecord } from '../../use-cases/export-audit.js';
import { withContext } from '../context.js';
import { periodBound } from './audit-period.js';

type Format = 'jsonl' | 'csv';

async function* jsonLines(records: AsyncIterable<AuditRecord>): AsyncIterable<string> {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
}

async function* csvRows(records: AsyncIterable<AuditRecord>): AsyncIterable<Record<string, unknown>> {
  for await (const record of records) yield { ...record, account_number: record.account_number ?? '', detail: JSON.stringify(record.detail) };
}

/** Writes every record, a batch of rows in memory at a time: the pipeline waits whenever the output is full. */
async function writeRecords(records: AsyncIterable<AuditRecord>, format: Format, out: Writable, ownsOut: boolean): Promise<void> {
  const options = { end: ownsOut };
  if (format === 'jsonl') return pipeline(Readable.from(jsonLines(records)), out, options);
  // Loaded by the command that uses it, as the bulk modules are: `posapi serve` starts without it.
  const { stringify } = await import('csv-stringify');
  return pipeline(Readable.from(csvRows(records)), stringify({ header: true, columns: [...AUDIT_RECORD_FIELDS] }), out, options);
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('export')
    .description('every audited action of a period (verify, close, purchases, administrative commands), as JSON lines or CSV')
    .requiredOption('--from <date>', 'from this UTC day (YYYY-MM-DD) or instant (an ISO timestamp with its zone), inclusive')
    .requiredOption('--to <date>', 'to the end of this UTC day, or to this instant (exclusive)')
    .option('--account <number>', "only this account's entries")
    .addOption(
      new Option('--format <format>', 'jsonl: one JSON object a line; csv: a header row, then one row an entry').choices(['jsonl', 'csv']).default('jsonl'),
    )
    .option('--out <file>', 'write to this file rather than stdout')
    .action(async (options: { from: string; to: string; account?: string; format: Format; out?: string }) => {
      const from = periodBound('--from', options.from);
      const to = periodBound('--to', options.to);
      if (!from.ok) return program.error(from.message);
      if (!to.ok) return program.error(to.message);
      if (to.at <= from.at) return program.error('--to must be after --from');
      if (options.account !== undefined && !/^[0-9]{1,14}$/.test(options.account)) return program.error('an account number is 1 to 14 digits');
      const query = { from: from.at, to: to.at, accountNumber: options.account === undefined ? undefined : Number(options.account) };
      const file = options.out;
      if (file !== undefined && !existsSync(dirname(resolve(file)))) return program.error(`the folder of ${file} does not exist`);
      await withContext(async (ctx) => {
        if (file === undefined) return writeRecords(auditRecords(ctx, query), options.format, process.stdout, false);
        // Written beside the file and renamed when whole: a failed export leaves no file that looks complete.
        const partial = `${file}.partial-${process.pid}`;
        try {
          await writeRecords(auditRecords(ctx, query), options.format, createWriteStream(partial, { mode: 0o600 }), true);
          renameSync(partial, file);
        } finally {
          rmSync(partial, { force: true });
        }
      });
    });
}
