// Whether the store can serve requests: the database answers, and it carries every migration this build knows. A node
// started before a migration of a newer build ran (or on a database nobody migrated) must not be sent traffic.
import { sql } from 'kysely';
import type { StoreKind } from '../config.js';
import type { DependencyHealth } from '../use-cases/ports.js';
import { migrationsFor } from './migrations/index.js';
import type { Db } from './schema.js';
import { unavailableReason } from './unavailable.js';

/** The migrations' own table is missing: PostgreSQL's undefined_table, SQLite's message (it has no code for it). */
function isMissingTable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error as { code?: unknown }).code === '42P01' || /^no such table/.test(error.message);
}

export async function storeReadiness(db: Db, kind: StoreKind): Promise<DependencyHealth> {
  let applied: Set<string>;
  try {
    // Read directly, not through Kysely's Migrator: the Migrator creates the table it looks for, and a probe writes nothing.
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if (isMissingTable(error)) return { status: 'unavailable', reason: 'the database has never been migrated (posapi migrate)' };
    const reason = unavailableReason(error) ?? (error instanceof Error ? error.message : String(error));
    return { status: 'unavailable', reason: `the database cannot be read: ${reason}` };
  }
  const pending = Object.keys(migrationsFor(kind)).filter((name) => !applied.has(name));
  if (pending.length > 0) return { status: 'unavailable', reason: `migrations not applied yet: ${pending.join(', ')} (posapi migrate)` };
  return { status: 'ok' };
}
