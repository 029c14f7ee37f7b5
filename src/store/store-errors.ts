// Tells the database's refusals apart by kind, whichever dialect made them, for the operators' tools to put in words.
import { isMissingTable } from './migration-state.js';
import { unavailableReason } from './unavailable.js';

export type StoreErrorKind =
  /** A unique or primary key constraint: the row exists already. */
  | 'duplicate'
  /** A foreign key constraint: the row names one that does not exist (or is still named by others). */
  | 'missing-reference'
  /** A check or not-null constraint, or a trigger's refusal (the ledger is append-only). */
  | 'invalid-value'
  /** A table this build expects is not there: the database is not migrated. */
  | 'not-migrated'
  /** PostgreSQL: the database named in the URL does not exist on the server. */
  | 'no-such-database'
  /** PostgreSQL: the server refused the login. */
  | 'login-refused'
  /** The database cannot be reached or written right now. */
  | 'unavailable';

export interface StoreErrorDescription {
  kind: StoreErrorKind;
  /** What the database said of it that helps, on one line: the key or columns, the connection's error; none when it said nothing more. */
  detail?: string;
}

const SQLITE: Record<string, StoreErrorKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'duplicate',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'duplicate',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'missing-reference',
  SQLITE_CONSTRAINT_CHECK: 'invalid-value',
  SQLITE_CONSTRAINT_NOTNULL: 'invalid-value',
  SQLITE_CONSTRAINT_TRIGGER: 'invalid-value',
};

const POSTGRES: Record<string, StoreErrorKind> = {
  '23505': 'duplicate',
  '23503': 'missing-reference',
  '23514': 'invalid-value',
  '23502': 'invalid-value',
  P0001: 'invalid-value',
  '3D000': 'no-such-database',
  '28P01': 'login-refused',
  '28000': 'login-refused',
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * PostgreSQL says which key in `detail` ("Key (id)=(x) already exists.") or names the constraint or column (its
 * "Failing row contains (…)" would show the whole row, secrets included: never); SQLite names the columns or the check
 * after "constraint failed: ", and nothing for a foreign key.
 */
function constraintDetail(error: Error): string | undefined {
  const { detail, constraint, column } = error as { detail?: unknown; constraint?: unknown; column?: unknown };
  if (typeof detail === 'string' && detail.startsWith('Key (')) return oneLine(detail);
  if (typeof constraint === 'string' && constraint) return constraint;
  if (typeof column === 'string' && column) return column;
  return /constraint failed: (.+)$/.exec(error.message)?.[1]?.trim();
}

/** The kind of a store error and its detail; undefined for anything the database did not refuse (a bug, a file). */
export function describeStoreError(error: unknown): StoreErrorDescription | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code } = error as { code?: unknown };
  const kind = typeof code === 'string' ? (SQLITE[code] ?? POSTGRES[code]) : undefined;
  if (kind === 'no-such-database' || kind === 'login-refused') return { kind };
  if (kind) return { kind, detail: constraintDetail(error) };
  if (isMissingTable(error)) return { kind: 'not-migrated', detail: oneLine(error.message) };
  const reason = unavailableReason(error);
  if (reason) return { kind: 'unavailable', detail: oneLine(reason).replace(/:$/, '') };
  return error.cause instanceof Error && error.cause !== error ? describeStoreError(error.cause) : undefined;
}
