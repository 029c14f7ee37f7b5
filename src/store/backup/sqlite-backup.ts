// An online backup of a SQLite store while a service reads and writes it: SQLite's backup API, through better-sqlite3.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type SQLiteModule from 'better-sqlite3';
import { BackupError, explainFailure } from './backup-error.js';
import { checkIntegrity, checkMigrations, fsyncPath, looksLikeSqlite, openSqlite } from './sqlite-file.js';

export interface BackupProgress {
  totalPages: number;
  copiedPages: number;
}

export interface BackupResult {
  pages: number;
  /** How often SQLite started over because another connection wrote to the store mid-copy. */
  restarts: number;
  migrations: string[];
}

/** Pages per step while nobody writes: small steps hold the store's read lock briefly and let the progress show. */
const PAGES_PER_STEP = 256;

/**
 * Copies the store at `source` to `destination` as a consistent snapshot, checks the copy's integrity, then puts it in
 * place atomically (a failed backup never leaves a half file under the destination's name).
 *
 * SQLite's backup starts over whenever another connection writes to the source between two steps. A service under
 * load commits every few milliseconds, so small steps could start over forever: after the first restart the rest is
 * copied in one step, under one read lock (which in WAL mode blocks no writer, only the checkpoint for that long).
 */
export async function backupSqliteFile(source: string, destination: string, onProgress: (p: BackupProgress) => void = () => undefined): Promise<BackupResult> {
  if (resolve(source) === resolve(destination)) throw new BackupError('The backup file cannot be the database itself.');
  if (!existsSync(source)) throw new BackupError(`${source} does not exist: check DATABASE_URL.`);
  if (!looksLikeSqlite(source)) throw new BackupError(`${source} is not a SQLite database.`);
  if (!existsSync(dirname(resolve(destination)))) throw new BackupError(`The folder of ${destination} does not exist.`);
  if (existsSync(destination) && statSync(destination).isDirectory()) throw new BackupError(`${destination} is a folder; name a file.`);
  const partial = `${destination}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  let store: SQLiteModule.Database | undefined;
  try {
    // A connection of its own (not the service's), read-only by pragma: opened read-only, SQLite could not map the
    // WAL index of a store no service has open.
    store = openSqlite(source, { fileMustExist: true });
    store.pragma('query_only = ON');
    store.pragma('busy_timeout = 5000');
    let restarts = 0;
    let lastRemaining = Infinity;
    let wholeRest = false;
    const done = await store.backup(partial, {
      progress({ totalPages, remainingPages }) {
        // A step that left as many pages to copy as the last one (or more) copied nothing that stays: SQLite started
        // over. Restarting at every step leaves the count where it was, so only a rise would never be seen.
        if (remainingPages >= lastRemaining) {
          restarts += 1;
          wholeRest = true;
        }
        lastRemaining = remainingPages;
        onProgress({ totalPages, copiedPages: totalPages - remainingPages });
        return wholeRest ? totalPages : PAGES_PER_STEP;
      },
    });
    onProgress({ totalPages: done.totalPages, copiedPages: done.totalPages });
    store.close();
    store = undefined;
    // The copy carries the store's WAL mode in its header; a backup is one self-contained file.
    const copy = openSqlite(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const copyName = `The copy of ${source}`;
    checkIntegrity(partial, copyName);
    const { applied } = checkMigrations(partial, copyName);
    fsyncPath(partial);
    renameSync(partial, destination);
    fsyncPath(dirname(resolve(destination)));
    return { pages: done.totalPages, restarts, migrations: applied };
  } catch (error) {
    throw explainFailure(error, `Backing up ${source} to ${destination}`);
  } finally {
    store?.close();
    rmSync(partial, { force: true });
  }
}
