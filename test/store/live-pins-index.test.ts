// A till verifying the same customer all day leaves thousands of spent and revoked PINs on the account. The statements
// of verify, close and purchase that look for the live PIN must reach it through the live-PIN index, not read every
// PIN the account was ever issued (the soak test saw verify's latency climb minute after minute). Checked on SQLite's
// own plan for the statements the store's functions run, captured from Kysely's log.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database as DatabaseSchema, Db } from '../../src/store/schema.js';
import { livePinsOf, pinFor, replacePin, revokeLivePins } from '../../src/store/verifications.js';
import type { PinRecord } from '../../src/use-cases/ports.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

const ACCOUNT = 20035156;
const DEAD_PINS = 2000;

describe('live PINs by index [sqlite]', () => {
  let fixture: StoreFixture;
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    const now = fixture.ctx.now();
    const dead = Array.from({ length: DEAD_PINS }, (_, i) => ({
      id: `dead-${i}`,
      account_number: ACCOUNT,
      client_id: 'flexitidemo',
      format: 'merchant_override',
      purpose: 'purchase' as const,
      pin_hash: 'h1$x',
      request_id: 'till-1',
      created_at: now - i,
      expires_at: now + 600_000,
      used_at: i % 2 ? now : null,
      revoked_at: i % 2 ? null : now,
      wrong_tries: 0,
    }));
    for (let i = 0; i < dead.length; i += 200)
      await fixture.ctx.db
        .insertInto('verifications')
        .values(dead.slice(i, i + 200))
        .execute();
  });
  afterAll(async () => {
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  /** The SQL of every statement `work` runs through a Kysely instance of its own on the same file. */
  async function statementsOf(work: (db: Db) => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const file = new Database(fixture.store.databaseUrl.slice('sqlite:'.length));
    const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: file }), log: (event) => void seen.push(event.query.sql) });
    try {
      await work(db);
    } finally {
      await db.destroy();
    }
    return seen;
  }

  /** SQLite's plan for a statement, its parameters left unbound (the plan does not depend on them). */
  function planOf(source: string): string {
    const plain = new Database(fixture.store.databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      const parameters = (source.match(/\?/g) ?? []).map(() => null);
      return plain
        .prepare(`explain query plan ${source}`)
        .all(...parameters)
        .map((row) => (row as { detail: string }).detail)
        .join(' | ');
    } finally {
      plain.close();
    }
  }

  it('verify (revoke and issue), close (revoke all) and a purchase (find the PIN) read the live PINs by index', async () => {
    const now = fixture.ctx.now();
    const pin: PinRecord = {
      id: 'live-1',
      account_number: ACCOUNT,
      client_id: 'flexitidemo',
      format: 'merchant_override',
      purpose: 'purchase',
      pin_hash: 'h1$y',
      request_id: 'till-2',
      created_at: now,
      expires_at: now + 600_000,
      used_at: null,
      revoked_at: null,
      wrong_tries: 0,
    };
    const statements = await statementsOf(async (db) => {
      await replacePin(db, pin);
      expect((await pinFor(db, ACCOUNT, 'flexitidemo', 'till-2'))?.id).toBe('live-1');
      expect((await livePinsOf(db, ACCOUNT, now)).map((p) => p.id)).toEqual(['live-1']);
      expect(await revokeLivePins(db, ACCOUNT, now)).toBe(1);
    });
    const lookups = statements.filter((s) => !/^insert/i.test(s));
    expect(lookups.length).toBe(4);
    for (const source of lookups) expect([source, planOf(source)]).toEqual([source, expect.stringContaining('USING INDEX verifications_live')]);
  });
});
