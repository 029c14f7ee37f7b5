// Hot reads outside any transaction skip Kysely's executor and run as prepared statements on the driver itself: on the
// request path, Kysely's per-query machinery (connection mutex, plugins, result wrapping) costs as much as the query.
import type SQLite from 'better-sqlite3';
import { remembered } from './bounded-map.js';
import type { Db } from './schema.js';

/** Runs one compiled SELECT with its parameters; synchronous where the driver is (SQLite). */
export type DirectReader = <Row>(sql: string, parameters: readonly unknown[]) => Row[] | Promise<Row[]>;

const readers = new WeakMap<Db, DirectReader>();
const MAX_STATEMENTS = 100;

/**
 * The reader, each read's time told to `onQuery` (these reads skip Kysely, whose log times the others). Without
 * `onQuery` the reader itself: an untimed store pays nothing.
 */
export function timedReader(reader: DirectReader, onQuery: ((seconds: number) => void) | undefined): DirectReader {
  if (!onQuery) return reader;
  return <Row>(sql: string, parameters: readonly unknown[]) => {
    const started = performance.now();
    const rows = reader<Row>(sql, parameters);
    const done = () => onQuery((performance.now() - started) / 1000);
    if (!(rows instanceof Promise)) {
      done();
      return rows;
    }
    // A failed read is timed too, and still fails as it did.
    return rows.finally(done);
  };
}

/** Hot reads on `db` (the store's root instance, never a transaction) go through `reader`. */
export function registerDirectReader(db: Db, reader: DirectReader): void {
  readers.set(db, reader);
}

/** The direct reader of a root instance; undefined for a transaction, whose reads must see its own writes. */
export function directReaderOf(db: Db): DirectReader | undefined {
  return db.isTransaction ? undefined : readers.get(db);
}

/**
 * A second SQLite connection on the same file, for reads only. In WAL mode it reads the last committed state, so a
 * read never sees another request's transaction half done, and it never waits for the writer's connection.
 *
 * Its reads share one snapshot until the event loop's turn is over: every read transaction costs SQLite three system
 * calls (lock, stat, unlock), more than the query itself, and under load one turn answers many requests. The store's
 * writer calls `dropSnapshot` before each write and each end of a transaction, so a request always reads what this
 * process committed before it, and no snapshot of this reader holds back a checkpoint; another process's commit is seen
 * from the next turn on.
 */
export function sqliteReader(open: () => SQLite.Database): { reader: DirectReader; dropSnapshot(): void; close(): void } {
  let connection: SQLite.Database | undefined;
  const statements = new Map<string, { statement: SQLite.Statement; toRow: (values: unknown[]) => unknown }>();
  const snapshot = { open: false, endScheduled: false, begin: undefined as SQLite.Statement | undefined, end: undefined as SQLite.Statement | undefined };
  const connect = () => {
    if (connection) return connection;
    connection = open();
    snapshot.begin = connection.prepare('begin');
    snapshot.end = connection.prepare('commit');
    return connection;
  };
  const dropSnapshot = () => {
    if (!snapshot.open) return;
    snapshot.open = false;
    snapshot.end?.run();
  };
  const endAtTurnEnd = () => {
    snapshot.endScheduled = false;
    dropSnapshot();
  };
  const enterSnapshot = () => {
    if (snapshot.open) return;
    snapshot.begin?.run();
    snapshot.open = true;
    if (!snapshot.endScheduled) {
      snapshot.endScheduled = true;
      setImmediate(endAtTurnEnd);
    }
  };
  // Hot reads are a handful of fixed texts; the bound keeps a mistake from growing the map without end.
  const statementFor = (sql: string) =>
    remembered(statements, sql, MAX_STATEMENTS, () => {
      // Rows come as arrays and are made objects by a function of the statement's own columns: better-sqlite3 builds
      // an object row property by property, which costs more than the query itself on the request path.
      const statement = connect().prepare(sql).raw(true);
      return { statement, toRow: rowMaker(statement.columns().map((c) => c.name)) };
    });
  const reader: DirectReader = <Row>(sql: string, parameters: readonly unknown[]) => {
    const { statement, toRow } = statementFor(sql);
    enterSnapshot();
    return (statement.all(...parameters) as unknown[][]).map(toRow) as Row[];
  };
  return {
    reader,
    dropSnapshot,
    close: () => {
      dropSnapshot();
      statements.clear();
      connection?.close();
      connection = undefined;
    },
  };
}

/** `(values) => ({ name0: values[0], … })` for these column names: one object shape, built in one step. */
function rowMaker(columns: string[]): (values: unknown[]) => unknown {
  // In an object literal this key would set the prototype, not a field.
  if (columns.includes('__proto__')) throw new Error('a hot read may not name a column __proto__');
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${fields} };`) as (values: unknown[]) => unknown;
}
