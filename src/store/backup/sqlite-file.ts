// What a SQLite file holds, judged without trusting it: its integrity, and which migrations made its schema.
import { closeSync, fsyncSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type SQLiteModule from 'better-sqlite3';
import { migrationsFor } from '../migrations/index.js';
import { BackupError, explainFailure } from './backup-error.js';

const require = createRequire(import.meta.url);
/**
 * Opens a SQLite file; the driver is loaded on first use, as the store loads only the configured one: every start of
 * the service (on PostgreSQL too) loads this module with the command line.
 */
export function openSqlite(path: string, options?: SQLiteModule.Options): SQLiteModule.Database {
  const SQLite = require('better-sqlite3') as typeof SQLiteModule;
  return new SQLite(path, options);
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Whether the file starts with SQLite's header (SQLite itself would open any file and fail only at the first read). */
export function looksLikeSqlite(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, header, 0, header.length, 0) === header.length && header.toString('latin1') === SQLITE_HEADER;
  } catch (error) {
    throw explainFailure(error, `Reading ${path}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** SQLite's own full check (every page, every index against its table); throws the first problem it reports. */
export function checkIntegrity(path: string, name = path): void {
  if (!looksLikeSqlite(path)) throw new BackupError(`${name} is not a SQLite database.`);
  let file: SQLiteModule.Database | undefined;
  let problems: string[];
  try {
    file = openSqlite(path, { readonly: true, fileMustExist: true });
    problems = (file.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } catch (error) {
    throw explainFailure(error, `Checking the integrity of ${name}`);
  } finally {
    file?.close();
  }
  if (problems.length !== 1 || problems[0] !== 'ok')
    throw new BackupError(`${name} failed SQLite's integrity check (${problems.length} problem(s), the first: ${problems[0] ?? 'none given'}).`);
}

/**
 * The migrations a posapi database was made by, checked against this build's: a file made by a newer build (or not by
 * posapi at all) is refused, an older one is fine (the service migrates it on start).
 */
export function checkMigrations(path: string, name = path): { applied: string[]; pending: string[] } {
  const known = Object.keys(migrationsFor('sqlite'));
  let applied: string[];
  let file: SQLiteModule.Database | undefined;
  try {
    file = openSqlite(path, { readonly: true, fileMustExist: true });
    const table = file.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) throw new BackupError(`${name} is not a posapi database: it has no migration table.`);
    applied = (file.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((row) => row.name);
  } catch (error) {
    throw explainFailure(error, `Reading the migrations of ${name}`);
  } finally {
    file?.close();
  }
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length) throw new BackupError(`${name} was made by a newer posapi: this build does not know its migration(s) ${unknown.join(', ')}.`);
  return { applied, pending: known.filter((name) => !applied.includes(name)) };
}

/** Flushes a file (or a folder's entries, after a rename) to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
