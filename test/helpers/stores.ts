// Runs a test file on every store: a fresh SQLite file and a fresh PostgreSQL database per file, migrated and seeded.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig, type Config, type StoreKind } from '../../src/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createContext } from '../../src/services/context-factory.js';
import { prepareStore } from '../../src/server.js';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function storeKinds(): StoreKind[] {
  return process.env.POSAPI_TEST_PG === '0' ? ['sqlite'] : ['sqlite', 'postgres'];
}

export interface TestStore {
  kind: StoreKind;
  databaseUrl: string;
  /** Environment for a service process on this store (keys included, so several processes agree). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

const testKeys = () => ({
  TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
  CARD_HMAC_KEY: randomBytes(32).toString('hex'),
  OUTBOX_KEY: randomBytes(32).toString('hex'),
});

/** An empty database of the given kind. */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const keys = testKeys();
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'posapi-test-'));
    const databaseUrl = `sqlite:${join(dir, 'test.db')}`;
    return { kind, databaseUrl, env: { DATABASE_URL: databaseUrl, ...keys, SCRYPT_COST: '1024' }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
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

export function testConfig(store: TestStore, extra: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...store.env, ...extra });
}

export interface StoreFixture {
  kind: StoreKind;
  store: TestStore;
  ctx: ServiceContext;
}

/** A migrated, seeded context on a fresh database; `now` may be replaced by tests that move the clock. */
export async function createSeededContext(kind: StoreKind, extra: Record<string, string> = {}): Promise<StoreFixture> {
  const store = await createTestStore(kind);
  const clock = { now: Date.now() };
  const ctx = createContext(testConfig(store, extra), () => clock.now);
  await prepareStore(ctx);
  return { kind, store, ctx };
}

/** Declares the suite once per store; `get()` gives the fixture inside tests. */
export function describeEachStore(name: string, body: (get: () => StoreFixture) => void, extra: Record<string, string> = {}): void {
  for (const kind of storeKinds()) {
    describe(`${name} [${kind}]`, () => {
      let fixture: StoreFixture | undefined;
      beforeAll(async () => {
        fixture = await createSeededContext(kind, extra);
      });
      afterAll(async () => {
        if (!fixture) return;
        await fixture.ctx.store.close();
        await fixture.store.drop();
      });
      body(() => {
        if (!fixture) throw new Error('fixture not ready');
        return fixture;
      });
    });
  }
}
