// Hot queries are built and compiled by Kysely once per dialect, then run with new values: compiling a query costs
// more than SQLite takes to answer it. Outside a transaction they run on the store's direct reader (prepared statements).
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './schema.js';
import { directReaderOf } from './direct-reads.js';

/**
 * `build` receives marker values in place of the arguments; the compiled query's parameters that are markers are
 * replaced by the call's arguments, the others (constants such as a LIMIT) are kept.
 */
export function precompiled<Args extends (string | number)[], Row>(build: (db: Db, ...args: Args) => Compilable<Row>) {
  const byAdapter = new WeakMap<object, Prepared>();
  return async (db: Db, ...args: Args): Promise<Row[]> => {
    const adapter = db.getExecutor().adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) byAdapter.set(adapter, (prepared = prepare(db, build, args)));
    const { slots, constants } = prepared;
    const parameters = slots.map((slot, i) => (slot === CONSTANT ? constants[i] : args[slot]));
    const direct = directReaderOf(db);
    if (direct) return direct<Row>(prepared.sql, parameters);
    const result = await db.executeQuery(CompiledQuery.raw(prepared.sql, parameters) as CompiledQuery<Row>);
    return result.rows;
  };
}

const CONSTANT = -1;

interface Prepared {
  sql: string;
  /** For each parameter of the SQL: the index of the argument it takes, or CONSTANT. */
  slots: number[];
  constants: readonly unknown[];
}

/** Compiles once, with a marker of each argument's type in its place, and notes where each argument goes. */
function prepare<Args extends (string | number)[]>(db: Db, build: (db: Db, ...args: Args) => Compilable<unknown>, args: Args): Prepared {
  const markers = args.map((value, i) => (typeof value === 'number' ? -7_700_000_000 - i : `\u0000marker${i}\u0000`));
  const compiled = build(db, ...(markers as Args)).compile();
  const slots = compiled.parameters.map((p) => markers.indexOf(p as string | number));
  // An argument the builder transformed (`${name}%`) or branched on would be frozen at its first value: refuse it.
  const unused = markers.findIndex((_, i) => !slots.includes(i));
  const altered = compiled.parameters.some((p, i) => slots[i] === CONSTANT && typeof p === 'string' && p.includes('\u0000marker'));
  if (unused !== -1 || altered)
    throw new Error(`precompiled query: every argument must be passed to the query as it is (argument ${unused === -1 ? '?' : unused})`);
  return { sql: compiled.sql, slots, constants: compiled.parameters };
}
