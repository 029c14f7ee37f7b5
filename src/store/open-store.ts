// Opens the store named by DATABASE_URL (SQLite file or PostgreSQL) as one Kysely instance, and migrates it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type SQLiteModule from 'better-sqlite3';
import type pgModule from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type MigrationProvider } from 'kysely';
import type { Config, StoreKind } from '../config.js';
import { migrationsFor } from './migrations/index.js';
import { postgresReader, registerDirectReader, sqliteReader } from './direct-reads.js';
import { withStatementCache } from './statement-cache.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  kind: StoreKind;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Only the driver of the configured store is loaded: start-up time counts.
const require = createRequire(import.meta.url);

export function openStore(config: Pick<Config, 'store' | 'databaseUrl' | 'sqlitePath'>): Store {
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
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file, reads?.dropSnapshot) }) });
    if (!reads) return { db, kind: 'sqlite', close: () => db.destroy() };
    registerDirectReader(db, reads.reader);
    return { db, kind: 'sqlite', close: () => db.destroy().finally(() => reads.close()) };
  }
  const pg = require('pg') as typeof pgModule;
  // Cents are int8: parse them as JS numbers (exact up to 2^53 cents, far beyond any credit limit).
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (v: string) => Number(v) : oid === NUMERIC_OID ? (v: string) => v : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, types: types as pgModule.CustomTypesConfig });
  // An idle client's error (a restarted server) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerDirectReader(db, postgresReader(pool));
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export async function migrateToLatest(store: Store): Promise<string[]> {
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
