// Hot queries are built and compiled by Kysely once per dialect, then run with new values: compiling a query costs
// more than SQLite takes to answer it.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './db.js';

/**
 * `build` receives marker values in place of the arguments; the compiled query's parameters that are markers are
 * replaced by the call's arguments, the others (constants such as a LIMIT) are kept.
 */
export function precompiled<Args extends (string | number)[], Row>(build: (db: Db, ...args: Args) => Compilable<Row>) {
  const byAdapter = new WeakMap<object, CompiledQuery<Row>>();
  const markerOf = (value: string | number, i: number) => (typeof value === 'number' ? -7_700_000_000 - i : `\u0000marker${i}\u0000`);
  return async (db: Db, ...args: Args): Promise<Row[]> => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    const markers = args.map(markerOf) as Args;
    if (!compiled) {
      compiled = build(db, ...markers).compile();
      byAdapter.set(adapter, compiled);
    }
    const parameters = compiled.parameters.map((p) => {
      const i = markers.indexOf(p as string | number);
      return i === -1 ? p : args[i];
    });
    const result = await db.executeQuery(CompiledQuery.raw(compiled.sql, parameters as unknown[]) as CompiledQuery<Row>);
    return result.rows;
  };
}
