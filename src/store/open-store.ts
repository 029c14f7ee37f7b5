// Opens the store named by DATABASE_URL (SQLite file or PostgreSQL) as one Kysely instance behind the use cases'
// ports, and migrates it. The dialect stays in here: nothing above the store knows which one runs.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type SQLiteModule from 'better-sqlite3';
import type pgModule from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type KyselyConfig, type LogEvent, type MigrationProvider } from 'kysely';
import { GroupCommitSqliteDialect } from './group-commit.js';
import type { Config, StoreKind } from '../config.js';
import { migrationsFor } from './migrations/index.js';
import { registerDirectReader, sqliteReader, timedReader } from './direct-reads.js';
import { postgresReader } from './postgres-reader.js';
import { withStatementCache } from './statement-cache.js';
import type { CardHashes } from '../security/card-hash.js';
import type { StorePort } from '../use-cases/ports.js';
import { catalogueSource } from './catalogue.js';
import { keptAnswer, runOnce } from './idempotency.js';
import { pruneExpired } from './pruning.js';
import { storeReadiness } from './readiness.js';
import { repositoriesOf } from './repositories.js';
import { unavailableReason } from './unavailable.js';
import type { Database, Db } from './schema.js';

/** The PostgreSQL pool's connections right now. */
export interface PoolUse {
  max: number;
  /** Connections open, idle or lent out. */
  open: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

/** The ports, and the Kysely instance itself for the store's own tools (migrations, seeding, bulk data) and tests. */
export interface Store extends StorePort {
  db: Db;
  kind: StoreKind;
  /** PostgreSQL's pool; undefined on SQLite, which has no pool. */
  poolUse(): PoolUse | undefined;
}

export interface StoreOptions {
  /** Told the time of every query, in seconds, the hot path's direct reads included (metrics); unset, nothing is timed. */
  onQuery?: (seconds: number) => void;
}

/** The ports over one Kysely instance; `close` ends the driver's connections. */
function storeOver(db: Db, kind: StoreKind, close: () => Promise<void>, now: () => number, poolUse: () => PoolUse | undefined = () => undefined): Store {
  const catalogue = catalogueSource(db);
  const within = (tx: Db) => repositoriesOf(tx, kind, catalogue);
  return {
    ...within(db),
    db,
    kind,
    transaction: (work) => db.transaction().execute((tx) => work(within(tx))),
    once: (key, work) => runOnce(db, key, now, within, work),
    keptAnswer: (clientId, referenceId, at) => keptAnswer(db, clientId, referenceId, at),
    ping: () => ping(db),
    readiness: () => storeReadiness(db, kind),
    poolUse,
    pruneExpired: (cutoffs) => pruneExpired(db, kind, cutoffs),
    unavailableReason,
    close,
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Only the driver of the configured store is loaded: start-up time counts.
const require = createRequire(import.meta.url);

/** Kysely's log hook, when queries are timed: it measures each query itself. */
function queryLog(options: StoreOptions): KyselyConfig['log'] {
  const { onQuery } = options;
  return onQuery && ((event: LogEvent) => onQuery(event.queryDurationMillis / 1000));
}

/** `now` is the service clock, so tests that move time move the store's too. */
export function openStore(
  config: Pick<Config, 'store' | 'databaseUrl' | 'sqlitePath' | 'databaseTimeoutMs' | 'databaseReadConnections'>,
  now: () => number = Date.now,
  options: StoreOptions = {},
): Store {
  const log = queryLog(options);
  if (config.store === 'sqlite') {
    const path = config.sqlitePath ?? ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const SQLite = require('better-sqlite3') as typeof SQLiteModule;
    const file = new SQLite(path);
    // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    // An in-memory database exists only on its one connection: its reads stay on Kysely's path.
    const reads =
      path === ':memory:'
        ? undefined
        : sqliteReader(() => {
            const connection = new SQLite(path);
            connection.pragma('query_only = ON');
            connection.pragma('busy_timeout = 5000');
            return connection;
          });
    const db = new Kysely<Database>({ dialect: new GroupCommitSqliteDialect({ database: withStatementCache(file, reads?.dropSnapshot) }), log });
    if (!reads) return storeOver(db, 'sqlite', () => db.destroy(), now);
    registerDirectReader(db, timedReader(reads.reader, options.onQuery));
    return storeOver(db, 'sqlite', () => db.destroy().finally(() => reads.close()), now);
  }
  const pg = require('pg') as typeof pgModule;
  // Cents are int8: parse them as JS numbers (exact up to 2^53 cents, far beyond any credit limit).
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (v: string) => Number(v) : oid === NUMERIC_OID ? (v: string) => v : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: 10,
    types: types as pgModule.CustomTypesConfig,
    // While the server cannot be reached, a request waits this long for a connection, then is answered 503; the pool
    // drops broken connections and makes new ones by itself once the server answers again.
    connectionTimeoutMillis: config.databaseTimeoutMs,
    // A connection whose peer vanished without a word is found by TCP keepalive rather than kept forever.
    keepAlive: true,
  });
  // A connection's error (a restarted server, a cut line) must not crash the process, whether its client is idle in the
  // pool (the pool's 'error') or checked out between two queries (its own 'error', which nothing else listens to): the
  // next query on it fails and is answered 503, and the pool drops the broken client when it is released.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  // Hot reads outside transactions go to postgres.js's few pipelining connections; everything else stays on the pool.
  const reads = postgresReader({
    url: config.databaseUrl,
    connections: config.databaseReadConnections,
    statementTimeoutMs: readStatementTimeoutMs(config.databaseTimeoutMs),
    connectTimeoutMs: config.databaseTimeoutMs,
  });
  registerDirectReader(db, timedReader(reads.reader, options.onQuery));
  const poolUse = (): PoolUse => ({ max: pool.options.max ?? 10, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  const close = () => Promise.allSettled([reads.close(config.databaseTimeoutMs), db.destroy()]).then(throwFirstFailure);
  return storeOver(db, 'postgres', close, now, poolUse);
}

/**
 * A hot read is a point read that answers in a millisecond: one running this long is stuck (a lock, an overloaded
 * server), and reads pipelined behind it on its connection wait for it, so it is cut well before a request's wait
 * for the database is over.
 */
export function readStatementTimeoutMs(databaseTimeoutMs: number): number {
  return Math.min(databaseTimeoutMs, 3000);
}

function throwFirstFailure(results: PromiseSettledResult<unknown>[]): void {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function migrateToLatest(store: Pick<Store, 'db' | 'kind'>): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(store.kind) };
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** What the store's own tools (seeding, bulk data in and out) work with. */
export interface StoreTools {
  store: Store;
  db: Db;
  config: Config;
  cardHashes: CardHashes;
  now: () => number;
}
