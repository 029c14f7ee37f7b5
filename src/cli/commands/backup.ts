// posapi backup <file> / posapi restore <file>: the embedded SQLite store copied while it serves, and put back.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import { BackupError } from '../../store/backup/backup-error.js';
import { backupSqliteFile, type BackupProgress } from '../../store/backup/sqlite-backup.js';
import { restoreSqliteFile } from '../../store/backup/sqlite-restore.js';

const PG_BACKUP = 'posapi backup copies the embedded SQLite store only: back up PostgreSQL with pg_dump (see "Backup and restore" in the README).';
const PG_RESTORE = 'posapi restore puts back the embedded SQLite store only: restore PostgreSQL with pg_restore (see "Backup and restore" in the README).';

/** The SQLite file the configuration names, or a one-sentence refusal for PostgreSQL and an in-memory store. */
function sqlitePathOf(config: Config, refusalForPostgres: string): string {
  if (config.store !== 'sqlite') throw new BackupError(refusalForPostgres);
  if (!config.sqlitePath || config.sqlitePath === ':memory:') throw new BackupError('An in-memory SQLite store has nothing to back up or restore.');
  return config.sqlitePath;
}

/** A percentage on stderr: rewritten in place on a terminal, a line at most every 2 s otherwise (logs, CI). */
function progressLine(out: NodeJS.WriteStream): { update(p: BackupProgress): void; finish(): void } {
  let last = 0;
  let shown = '';
  const text = (p: BackupProgress) =>
    `backup: ${p.totalPages ? Math.floor((p.copiedPages / p.totalPages) * 100) : 100}% (${p.copiedPages} of ${p.totalPages} pages)`;
  return {
    update(p) {
      shown = text(p);
      if (out.isTTY) out.write(`\r${shown}`);
      else if (Date.now() - last >= 2000) {
        last = Date.now();
        out.write(`${shown}\n`);
      }
    },
    finish: () => out.write(out.isTTY ? '\n' : `${shown}\n`),
  };
}

/** Whether the service will start with keys of its own rather than generate new ones (which no backup's data matches). */
function keysFound(config: Config): boolean {
  const { file, ...given } = config.keys;
  return Object.values(given).every(Boolean) || existsSync(file);
}

/** Every failure of these commands is one sentence on stderr and exit code 1. */
async function oneSentenceFailures(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`posapi: ${error.message}`);
    process.exitCode = 1;
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('copy the SQLite store to <file> while the service runs (online backup), then check the copy')
    .action((file: string) =>
      oneSentenceFailures(async () => {
        const source = sqlitePathOf(loadConfig(), PG_BACKUP);
        const progress = progressLine(process.stderr);
        const done = await backupSqliteFile(source, file, (p) => progress.update(p));
        progress.finish();
        console.log(
          `backed up ${source} to ${file}: ${done.pages} pages, integrity ok, migrations up to ${done.migrations.at(-1) ?? 'none'}` +
            (done.restarts ? ` (started over ${done.restarts} time(s) as the service wrote)` : ''),
        );
        console.log('the keys (KEYS_FILE or the *_KEY variables) are not in the backup: keep them safe apart, a restore needs the same ones');
      }),
    );

  program
    .command('restore <file>')
    .description('check a backup and put it in place of the SQLite store (refused while a service uses the store)')
    .option('--force', 'replace the store even while another process has it open (that process keeps writing to the old file)', false)
    .action((file: string, options: { force: boolean }) =>
      oneSentenceFailures(async () => {
        const config = loadConfig();
        const target = sqlitePathOf(config, PG_RESTORE);
        const done = await restoreSqliteFile(file, target, { force: options.force });
        console.log(`restored ${file} to ${target}: integrity ok, migrations up to ${done.migrations.at(-1) ?? 'none'}`);
        if (done.pending.length) console.log(`the service applies ${done.pending.join(', ')} on its next start`);
        if (done.previous) console.log(`the database it replaced is kept as ${done.previous}`);
        if (!keysFound(config))
          console.error(
            `warning: no keys in the environment nor at ${config.keys.file}: put the backed-up store's keys there before the service starts, or it makes new ones and card lookups, live PINs and queued messages fail`,
          );
      }),
    );
}
