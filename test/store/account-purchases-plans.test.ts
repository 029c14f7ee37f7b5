// An account's purchases are reached through the account, never through every purchase of its client: a client with
// thousands of sales on other accounts, and no statistics yet (as in the first minutes of a busy day), must not make a
// page of an account's authorizations or a refund's check read them all.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directReaderOf, registerDirectReader } from '../../src/store/direct-reads.js';
import { capturedOn, listAuthorizations } from '../../src/store/purchases.js';
import type { Db } from '../../src/store/schema.js';
import { DEMO_CUSTOMERS } from '../../src/store/seed/demo-data.js';
import { createSeededContext, storeKinds, type StoreFixture } from '../helpers/stores.js';

const CLIENT = 'flexitidemo';
const [BUSY, QUIET] = DEMO_CUSTOMERS.flatMap((c) => c.accounts.map((a) => a.account_number));
const OTHER_SALES = 5000;

/** `count` authorizations of the client on `account`, each captured in full, made by the database itself. */
async function sales(db: Db, kind: string, account: number, count: number, from: number): Promise<void> {
  const series =
    kind === 'postgres'
      ? sql`select g as n from generate_series(1, ${count}) as g`
      : sql`select value as n from (with recursive s(value) as (select 1 union all select value + 1 from s where value < ${count}) select value from s)`;
  await sql`insert into authorizations (client_id, account_number, transaction_type, term_amount_cents, amount_cents, captured_cents, status, lang, created_at, updated_at)
    select ${CLIENT}, ${account}, 'regular_purchase', 1000, 1000, 1000, 'opened', 'en', ${from} + n, ${from} + n from (${series}) as series`.execute(db);
  await sql`insert into captures (authorization_id, client_id, account_number, amount_cents, created_at)
    select id, client_id, account_number, amount_cents, created_at from authorizations where account_number = ${account}`.execute(db);
}

/** The plan of `text` run with `parameters`, as one line per step; on PostgreSQL the plan made once for every value. */
async function planOf(db: Db, kind: string, text: string, parameters: readonly unknown[]): Promise<string> {
  if (kind === 'sqlite') {
    const rows = (await db.executeQuery(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]))).rows as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  }
  return db.transaction().execute(async (tx) => {
    await sql`set local plan_cache_mode = force_generic_plan`.execute(tx);
    await tx.executeQuery(CompiledQuery.raw(`prepare plan_probe as ${text}`));
    // EXECUTE takes its values as written in the statement, not bound.
    const values = parameters.map((v) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`)).join(', ');
    const rows = (await tx.executeQuery(CompiledQuery.raw(`explain execute plan_probe(${values})`))).rows as { 'QUERY PLAN': string }[];
    await tx.executeQuery(CompiledQuery.raw('deallocate plan_probe'));
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** The statements `read` sends to the store's direct reader, with their parameters, as the service runs them. */
async function statementsOf(db: Db, read: () => Promise<unknown>): Promise<{ text: string; parameters: readonly unknown[] }[]> {
  const reader = directReaderOf(db)!;
  const noted: { text: string; parameters: readonly unknown[] }[] = [];
  registerDirectReader(db, (text, parameters) => {
    noted.push({ text, parameters });
    return reader(text, parameters);
  });
  try {
    await read();
  } finally {
    registerDirectReader(db, reader);
  }
  return noted;
}

for (const kind of storeKinds()) {
  describe(`an account's purchases are read through the account [${kind}]`, () => {
    let fixture: StoreFixture;
    let db: Db;
    beforeAll(async () => {
      fixture = await createSeededContext(kind);
      db = fixture.ctx.db;
      await sales(db, kind, BUSY!, OTHER_SALES, 1_000_000);
      await sales(db, kind, QUIET!, 2, 1);
    });
    afterAll(async () => {
      await fixture?.ctx.close();
      await fixture?.store.drop();
    });

    it('a page of an account with two sales uses the index on the account and the client, not the client alone', async () => {
      const noted = await statementsOf(db, async () => {
        const page = await listAuthorizations(db, CLIENT, { accountNumber: QUIET! }, { number: 1, size: 5 });
        expect(page.total).toBe(2);
        expect(page.items.map((item) => item.account_number)).toEqual([QUIET, QUIET]);
      });
      expect(noted).toHaveLength(1);
      const plan = await planOf(db, kind, noted[0]!.text, noted[0]!.parameters);
      expect(plan).toContain('authorizations_account_client');
      expect(plan).not.toContain('authorizations_client_created');
    });

    it("a refund's check for a capture on the account uses the index on the account and the client", async () => {
      const noted = await statementsOf(db, async () => {
        expect(await capturedOn(db, CLIENT, QUIET!)).toBe(true);
      });
      expect(noted).toHaveLength(1);
      const plan = await planOf(db, kind, noted[0]!.text, noted[0]!.parameters);
      expect(plan).toContain('captures_account_client');
      expect(plan).not.toContain('captures_client_created');
      expect(await capturedOn(db, 'acmedemo', QUIET!)).toBe(false);
    });
  });
}
