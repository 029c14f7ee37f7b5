// Fresh, empty databases of either kind, for tests and benchmarks: a SQLite file in a temp folder, or a new
// PostgreSQL database on 127.0.0.1:5432 (dropped by `drop`). No test runner here, so benchmarks can use it too.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreKind } from '../src/config.js';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  kind: StoreKind;
  databaseUrl: string;
  /** Environment for a service process on this store (keys included, so several processes agree). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

// Every key the service reads, PIN_HMAC_KEY included: a key left out is generated into ./data/posapi.keys.json for a
// PostgreSQL store, where two service processes started at once could each write their own (a PIN issued by one node
// would then be wrong on the other).
const testKeys = () => ({
  TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
  CARD_HMAC_KEY: randomBytes(32).toString('hex'),
  PIN_HMAC_KEY: randomBytes(32).toString('hex'),
  OUTBOX_KEY: randomBytes(32).toString('hex'),
  KEYS_MASTER_KEY: randomBytes(32).toString('hex'),
});

/** An empty database of the given kind. */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const keys = testKeys();
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'posapi-test-'));
    const databaseUrl = `sqlite:${join(dir, 'test.db')}`;
    return {
      kind,
      databaseUrl,
      env: { DATABASE_URL: databaseUrl, ...keys, SCRYPT_COST: '1024' },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `posapi_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind,
    databaseUrl,
    env: { DATABASE_URL: databaseUrl, ...keys, SCRYPT_COST: '1024' },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
