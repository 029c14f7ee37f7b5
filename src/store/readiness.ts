// Whether the store can serve requests: the database answers, and it carries every migration this build knows. A node
// started before a migration of a newer build ran (or on a database nobody migrated) must not be sent traffic.
import type { StoreKind } from '../config.js';
import type { DependencyHealth } from '../use-cases/ports.js';
import { pendingMigrations } from './migration-state.js';
import type { Db } from './schema.js';
import { unavailableReason } from './unavailable.js';

export async function storeReadiness(db: Db, kind: StoreKind): Promise<DependencyHealth> {
  let pending: 'never' | string[];
  try {
    pending = await pendingMigrations(db, kind);
  } catch (error) {
    const reason = unavailableReason(error) ?? (error instanceof Error ? error.message : String(error));
    return { status: 'unavailable', reason: `the database cannot be read: ${reason}` };
  }
  if (pending === 'never') return { status: 'unavailable', reason: 'the database has never been migrated (posapi migrate)' };
  if (pending.length > 0) return { status: 'unavailable', reason: `migrations not applied yet: ${pending.join(', ')} (posapi migrate)` };
  return { status: 'ok' };
}
