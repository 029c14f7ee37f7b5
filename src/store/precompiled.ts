// Hot queries are built and compiled by Kysely once per dialect, then run with new values: compiling a query costs
// more than SQLite takes to answer it. Outside a transaction reads run on the store's direct reader (prepared
// statements); writes, and everything inside a transaction, run through the instance's own executor.
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Database, Db } from './schema.js';
import { directReaderOf } from './direct-reads.js';

/** An argument of a precompiled query: a value bound as it is. */
type Arg = string | number | null;

/**
 * `build` receives marker values in place of the arguments; the compiled query's parameters that are markers are
 * replaced by the call's arguments, the others (constants such as a LIMIT) are kept.
 *
 * A null argument is not replaced by a marker: the builder receives the null itself, and the query is compiled once
 * for each pattern of null arguments, so a builder that writes `is null` for a null gets that SQL for every null.
 */
export function precompiled<Args extends Arg[], Row>(build: (db: Db, ...args: Args) => Compilable<Row>) {
  const run = compiledRunner(build);
  return async (db: Db, ...args: Args): Promise<Row[]> => {
    const { sql, parameters } = run(db, args);
    const direct = directReaderOf(db);
    if (direct) return direct<Row>(sql, parameters);
    const result = await db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>);
    return result.rows;
  };
}

/** A precompiled write (or a read that must see the caller's transaction): always through `db`'s own executor. */
export function precompiledWrite<Args extends Arg[], Row = unknown>(build: (db: Db, ...args: Args) => Compilable<Row>) {
  const run = compiledRunner(build);
  return (db: Db, ...args: Args): Promise<QueryResult<Row>> => {
    const { sql, parameters } = run(db, args);
    return db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>);
  };
}

/** Every column of a table's row, named once each: the compiler checks none is missing. */
export type AllColumns<T> = { readonly [K in keyof T]-?: true };

/**
 * Inserts rows of `table`, precompiled once per number of rows: every column of `columns` is written, as the row has
 * it, so a row must have each one (undefined is refused rather than left to a default).
 */
export function precompiledInsert<T extends keyof Database, Row extends object>(table: T, columns: AllColumns<Row>, returning?: string) {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const byCount = new Map<number, (db: Db, ...args: Arg[]) => Promise<QueryResult<unknown>>>();
  const forCount = (count: number) => {
    let insert = byCount.get(count);
    if (!insert) {
      insert = precompiledWrite((db: Db, ...values: Arg[]) => {
        const rows = Array.from({ length: count }, (_, r) => Object.fromEntries(names.map((name, c) => [name, values[r * names.length + c]])));
        // Kysely's types cannot follow a table chosen by name with columns chosen at run time.
        const query = db.insertInto(table).values(rows as never);
        return returning ? query.returning(returning as never) : query;
      });
      byCount.set(count, insert);
    }
    return insert;
  };
  return <R = unknown>(db: Db, rows: readonly Row[]): Promise<QueryResult<R>> => {
    const values: Arg[] = [];
    for (const row of rows) for (const name of names) values.push(row[name] as Arg);
    return forCount(rows.length)(db, ...values) as Promise<QueryResult<R>>;
  };
}

const CONSTANT = -1;
const MAX_ARGS = 30;

interface Prepared {
  sql: string;
  /** For each parameter of the SQL: the index of the argument it takes, or CONSTANT. */
  slots: number[];
  constants: readonly unknown[];
}

/** The SQL and parameters of one call: prepared once per instance's adapter and pattern of null arguments. */
function compiledRunner<Args extends Arg[]>(build: (db: Db, ...args: Args) => Compilable<unknown>) {
  const byAdapter = new WeakMap<object, Map<number, Prepared>>();
  return (db: Db, args: Args): { sql: string; parameters: unknown[] } => {
    if (args.length > MAX_ARGS) throw new Error(`precompiled query: at most ${MAX_ARGS} arguments`);
    let nulls = 0;
    for (let i = 0; i < args.length; i += 1) {
      const value = args[i];
      if (value === null) nulls |= 1 << i;
      else if (value === undefined) throw new Error(`precompiled query: argument ${i} is undefined`);
    }
    const adapter = db.getExecutor().adapter;
    let byNulls = byAdapter.get(adapter);
    if (!byNulls) byAdapter.set(adapter, (byNulls = new Map()));
    let prepared = byNulls.get(nulls);
    if (!prepared) byNulls.set(nulls, (prepared = prepare(db, build, args)));
    const { slots, constants } = prepared;
    const parameters = slots.map((slot, i) => (slot === CONSTANT ? constants[i] : args[slot]));
    return { sql: prepared.sql, parameters };
  };
}

/** Compiles once, with a marker of each argument's type in its place (nulls as they are), and notes where each goes. */
function prepare<Args extends Arg[]>(db: Db, build: (db: Db, ...args: Args) => Compilable<unknown>, args: Args): Prepared {
  const markers = args.map((value, i) => (value === null ? null : typeof value === 'number' ? -7_700_000_000 - i : `\u0000marker${i}\u0000`));
  const compiled = build(db, ...(markers as Args)).compile();
  const slots = compiled.parameters.map((p) => (p === null ? CONSTANT : markers.indexOf(p as string | number)));
  // An argument the builder transformed (`${name}%`) or branched on would be frozen at its first value: refuse it.
  const unused = markers.findIndex((marker, i) => marker !== null && !slots.includes(i));
  const altered = compiled.parameters.some((p, i) => slots[i] === CONSTANT && typeof p === 'string' && p.includes('\u0000marker'));
  if (unused !== -1 || altered)
    throw new Error(`precompiled query: every argument must be passed to the query as it is (argument ${unused === -1 ? '?' : unused})`);
  return { sql: compiled.sql, slots, constants: compiled.parameters };
}
