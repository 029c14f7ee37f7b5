// A backup or restore that cannot go on: its message is one sentence for the operator, never a driver's error.
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Why a driver's or the file system's call failed, in a few words, from its code; the raw message stays out. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return 'the file is not a readable SQLite database';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'the database is locked by another process; try again';
  if (code === 'ENOENT' || code === 'SQLITE_CANTOPEN') return 'a file or folder cannot be opened';
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_PERM'].includes(code)) return 'permission denied';
  if (['ENOSPC', 'EFBIG', 'SQLITE_FULL'].includes(code)) return 'the disk is full';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'an I/O error';
  return `an unexpected error${code ? ` (${code})` : ''}`;
}

/** "<what> failed: <why>.", or the error itself when it is already one of ours. */
export function explainFailure(error: unknown, what: string): BackupError {
  if (error instanceof BackupError) return error;
  return new BackupError(`${what} failed: ${reasonOf(error)}.`);
}
