// better-sqlite3 prepares a statement on every query Kysely sends; preparing costs more than running a small query,
// so prepared statements are kept by their SQL text (bounded: least recently used goes first).
import type SQLite from 'better-sqlite3';

const MAX_STATEMENTS = 500;

// SQLite counts transaction control as read-only, yet a COMMIT is what makes earlier writes visible to other connections.
const ENDS_TRANSACTION = /^\s*(commit|end|release|rollback)\b/i;

const ROLLBACK = /^\s*rollback\s*$/i;

/**
 * SQLite rolls a transaction back by itself when a write fails on I/O, a full disk or a busy file; Kysely then sends
 * its own ROLLBACK, and "no transaction is active" would replace the failure that says what happened (and that the
 * caller is answered 503 for). A ROLLBACK with nothing open is nothing to do.
 */
function rollbackIfOpen(statement: SQLite.Statement, database: SQLite.Database): SQLite.Statement {
  const run = (...parameters: unknown[]) => (database.inTransaction ? statement.run(...parameters) : { changes: 0, lastInsertRowid: 0 });
  return new Proxy(statement, {
    get: (target, property, receiver) => (property === 'run' ? run : (Reflect.get(target, property, receiver) as unknown)),
  });
}

/**
 * `onChange` runs before every statement that may change what another connection reads: a write, or the end of a
 * transaction. The direct reader drops its snapshot then, so a commit's checkpoint is not held back by it and the next
 * read, in a fresh snapshot, sees the write.
 */
export function withStatementCache(database: SQLite.Database, onChange: () => void = () => undefined): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  const prepared = (source: string): SQLite.Statement => {
    const statement = prepare(source);
    if (statement.readonly && !ENDS_TRANSACTION.test(source)) return statement;
    const signalled = signalling(statement, onChange);
    return ROLLBACK.test(source) ? rollbackIfOpen(signalled, database) : signalled;
  };
  const cached = (source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = prepared(source);
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  };
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property === 'prepare') return cached;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The statement as Kysely's driver uses it (reader, all, run, iterate), calling `onChange` before each run. */
function signalling(statement: SQLite.Statement, onChange: () => void): SQLite.Statement {
  const before = <T>(run: () => T): T => {
    onChange();
    return run();
  };
  const wrapper = {
    get reader() {
      return statement.reader;
    },
    get readonly() {
      return statement.readonly;
    },
    get source() {
      return statement.source;
    },
    all: (...parameters: unknown[]) => before(() => statement.all(...parameters)),
    get: (...parameters: unknown[]) => before(() => statement.get(...parameters)),
    run: (...parameters: unknown[]) => before(() => statement.run(...parameters)),
    // Unlike the others, an iteration pauses between rows, and reads of other requests may take a snapshot meanwhile:
    // it is dropped again once the statement is done.
    *iterate(...parameters: unknown[]) {
      onChange();
      try {
        yield* statement.iterate(...parameters);
      } finally {
        onChange();
      }
    },
  };
  return wrapper as unknown as SQLite.Statement;
}
