// Whether another process has a SQLite store open, found by asking SQLite for an exclusive lock on it.
import { BackupError, explainFailure } from './backup-error.js';
import { openSqlite } from './sqlite-file.js';

/**
 * In WAL mode every connection holds a shared lock on the database file for as long as it has it open (that is how
 * the last one to close knows to checkpoint), so an exclusive lock is refused at once while a service, a `posapi`
 * command or a sqlite3 shell has the store open. No lock is waited for: busy means in use.
 */
export function isInUse(path: string): boolean {
  let probe: ReturnType<typeof openSqlite> | undefined;
  try {
    probe = openSqlite(path, { fileMustExist: true, timeout: 0 });
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error instanceof BackupError ? error : explainFailure(error, `Checking whether ${path} is in use`);
  } finally {
    probe?.close();
  }
}
