// The PostgreSQL runbook of the README, run as written: pg_dump of a store with purchases, createdb, pg_restore into
// it, and the restored database answers the same (lookups, the authorizations list, ledgers, the audit trail).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext, type ServiceContext } from '../../src/runtime/context.js';
import { PG_ADMIN_URL } from '../../testkit/databases.js';
import { API, API251, apiClient, type ApiClient } from '../helpers/api.js';
import { ALAN, ONTARIO, purchase } from '../helpers/purchases.js';
import { createSeededContext, storeKinds, type StoreFixture } from '../helpers/stores.js';

const run = promisify(execFile);
const QUEBEC_CLOSABLE = 116994859;

describe.skipIf(!storeKinds().includes('postgres'))('PostgreSQL backup and restore with pg_dump and pg_restore', () => {
  let fixture: StoreFixture;
  let api: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'posapi-pgdump-'));
  const restoredName = `posapi_t_${randomBytes(6).toString('hex')}`;
  const admin = new URL(PG_ADMIN_URL);
  const restoredUrl = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${restoredName}` }).toString();

  async function answers(ctx: ServiceContext) {
    const client = await apiClient(ctx);
    const lookups = [];
    for (const account of [ONTARIO, ALAN, QUEBEC_CLOSABLE])
      lookups.push((await client.call('GET', `${API}/customers/lookup?account_number=${account}`)).json());
    const list = (await client.call('GET', `${API251}/authorizations?page_size=100`)).json();
    const ledgers = [await ctx.store.ledger.entriesOf(ONTARIO), await ctx.store.ledger.entriesOf(ALAN)];
    const trail = await ctx.store.audit.trailOf(QUEBEC_CLOSABLE);
    await client.app.close();
    return { lookups, list, ledgers, trail };
  }

  beforeAll(async () => {
    fixture = await createSeededContext('postgres');
    api = await apiClient(fixture.ctx);
    expect((await purchase(api, { account: ONTARIO, amount: 120, autoCapture: true })).statusCode).toBe(200);
    expect((await purchase(api, { account: ALAN, amount: 80, autoCapture: false })).statusCode).toBe(200);
    expect((await api.call('POST', `${API}/accounts/${QUEBEC_CLOSABLE}/close`, { body: {} })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
    await fixture.ctx.close();
    await fixture.store.drop();
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${restoredName} with (force)`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the README commands make a restored database that answers the same', { timeout: 120_000 }, async () => {
    const before = await answers(fixture.ctx);
    const dump = join(dir, 'posapi.dump');
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: fixture.store.databaseUrl };
    await run('pg_dump', ['--format=custom', `--file=${dump}`, fixture.store.databaseUrl], { env });
    await run('createdb', ['-h', admin.hostname, '-p', admin.port || '5432', '-U', admin.username || 'postgres', restoredName], { env });
    await run('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', `--dbname=${restoredUrl}`, dump], { env });
    const restored = createContext(loadConfig({ LOG_LEVEL: 'silent', ...fixture.store.env, DATABASE_URL: restoredUrl }));
    try {
      expect(await answers(restored)).toEqual(before);
      // The ledger's append-only triggers came along: an entry still cannot be changed.
      await expect(restored.db.updateTable('ledger_entries').set({ amount_cents: 1 }).execute()).rejects.toThrow();
    } finally {
      await restored.close();
    }
  });
});
