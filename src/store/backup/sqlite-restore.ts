// Puts a backup in place of a SQLite store: checked first, refused while the store is in use, replaced atomically.
import { existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BackupError, explainFailure } from './backup-error.js';
import { isInUse } from './sqlite-in-use.js';
import { checkIntegrity, checkMigrations, fsyncPath, openSqlite } from './sqlite-file.js';

export interface RestoreResult {
  migrations: string[];
  /** Migrations this build has and the backup lacks: the service applies them on its next start. */
  pending: string[];
  /** Where the database that was replaced is kept (a hard link), if there was one. */
  previous?: string;
}

/**
 * Replaces the store at `target` with the backup at `file`. The copy is written next to the target (same file system),
 * flushed, and renamed over it, so the target is at every moment either the old database or the whole new one. The
 * target's -wal and -shm files are removed first: they belong to the old database, and SQLite would replay that WAL's
 * pages into the new file. The old database is kept under a second name (a hard link: no space until it is deleted).
 */
export async function restoreSqliteFile(file: string, target: string, options: { force?: boolean; now?: () => number } = {}): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  if (resolve(file) === resolve(target)) throw new BackupError('The backup file is the database itself; name another file.');
  checkIntegrity(file);
  const { applied, pending } = checkMigrations(file);
  const targetExists = existsSync(target);
  if (targetExists && !options.force && isInUse(target))
    throw new BackupError(`${target} is in use by a running service or another process: stop it first (or pass --force to replace it anyway).`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const partial = `${target}.restore-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    // Through SQLite's backup API rather than a file copy: a backup file in WAL mode with its -wal beside it comes whole.
    const source = openSqlite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(partial);
    } finally {
      source.close();
    }
    checkIntegrity(partial, `The copy of ${file}`);
    fsyncPath(partial);
    let previous: string | undefined;
    if (targetExists) {
      previous = `${target}.before-restore-${new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-')}`;
      linkSync(target, previous);
    }
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(partial, target);
    fsyncPath(dirname(resolve(target)));
    return { migrations: applied, pending, previous };
  } catch (error) {
    throw explainFailure(error, `Restoring ${file} to ${target}`);
  } finally {
    rmSync(partial, { force: true });
  }
}
