// Which of this build's migrations a database lacks, read without writing (Kysely's Migrator would create its table).
import { sql } from 'kysely';
import type { StoreKind } from '../config.js';
import { migrationsFor } from './migrations/index.js';
import type { Db } from './schema.js';

/** The migrations' own table is missing: PostgreSQL's undefined_table, SQLite's message (it has no code for it). */
export function isMissingTable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: unknown }).code === '42P01' || /^no such table/.test(error.message);
}

/** `never`: the database was never migrated; else the names not applied yet (none: up to date). Other failures throw. */
export async function pendingMigrations(db: Db, kind: StoreKind): Promise<'never' | string[]> {
  let applied: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if (isMissingTable(error)) return 'never';
    throw error;
  }
  return Object.keys(migrationsFor(kind)).filter((name) => !applied.has(name));
}
