// better-sqlite3 prepares a statement on every query Kysely sends; preparing costs more than running a small query,
// so prepared statements are kept by their SQL text (bounded: least recently used goes first).
import type SQLite from 'better-sqlite3';

const MAX_STATEMENTS = 500;

// SQLite counts transaction control as read-only, yet a COMMIT is what makes earlier writes visible to other connections.
const ENDS_TRANSACTION = /^\s*(commit|end|release|rollback)\b/i;

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
    return statement.readonly && !ENDS_TRANSACTION.test(source) ? statement : signalling(statement, onChange);
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
