// Writes rows as multi-row upserts: the statement text is built once per row count with Kysely and reused with fresh parameters.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { StoreKind } from '../../config.js';
import type { Db } from '../schema.js';
import type { SqlValue, TableSpec } from './tables.js';

/** SQLite binds at most 32766 variables per statement, PostgreSQL 65535 parameters. */
const MAX_PARAMETERS: Record<StoreKind, number> = { sqlite: 32766, postgres: 65535 };
/** Past a few hundred rows a statement gains little, and its text grows with every row. */
export const DEFAULT_ROWS_PER_INSERT = 1000;

// The tables are chosen at run time, so the statement is built on an untyped view of the database.
type LooseDatabase = Record<string, Record<string, unknown>>;

export interface UpsertWriter<R> {
  readonly rowsPerInsert: number;
  /** Writes the records with as few statements as the limits allow; the caller owns the transaction. */
  write(db: Db, records: readonly R[], now: number): Promise<void>;
}

export function upsertWriter<R>(compiler: Db, kind: StoreKind, spec: TableSpec<R>, rowsPerInsert = DEFAULT_ROWS_PER_INSERT): UpsertWriter<R> {
  const rows = Math.max(1, Math.min(rowsPerInsert, Math.floor(MAX_PARAMETERS[kind] / spec.columns.length)));
  const statements = new Map<number, string>();
  const statementFor = (count: number): string => {
    let text = statements.get(count);
    if (text === undefined) {
      text = buildUpsert(compiler as unknown as Kysely<LooseDatabase>, spec, count);
      statements.set(count, text);
    }
    return text;
  };
  return {
    rowsPerInsert: rows,
    async write(db, records, now) {
      for (let start = 0; start < records.length; start += rows) {
        const chunk = records.slice(start, start + rows);
        const parameters: SqlValue[] = [];
        for (const record of chunk) for (const value of spec.values(record, now)) parameters.push(value);
        await db.executeQuery(CompiledQuery.raw(statementFor(chunk.length), parameters));
      }
    },
  };
}

/** `insert … values (…), (…) on conflict (key) do update set col = excluded.col`, compiled for the store's dialect. */
function buildUpsert(db: Kysely<LooseDatabase>, spec: TableSpec<unknown>, count: number): string {
  const placeholderRow = Object.fromEntries(spec.columns.map((c) => [c, null]));
  const updated = spec.columns.filter((c) => !spec.key.includes(c) && !spec.keep.includes(c));
  const query = db
    .insertInto(spec.table)
    .values(Array.from({ length: count }, () => placeholderRow))
    .onConflict((oc) =>
      updated.length === 0
        ? oc.columns(spec.key as string[]).doNothing()
        : oc.columns(spec.key as string[]).doUpdateSet(Object.fromEntries(updated.map((c) => [c, sql.ref(`excluded.${c}`)]))),
    );
  const compiled = query.compile();
  if (compiled.parameters.length !== count * spec.columns.length) throw new Error(`unexpected statement shape for ${spec.table}`);
  return compiled.sql;
}
