// Specifies hot reads through precompiled(...): on the root instance they run on the direct reader, inside a transaction on it.
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey, postalKey } from '../../src/domain/identity.js';
import { findAccountNumberByCardHash, findAccountView, findLookup, searchAccounts } from '../../src/store/account-reads.js';
import { insertAccount, insertCustomer } from '../../src/store/customers.js';
import type { Db } from '../../src/store/schema.js';
import { directReaderOf, registerDirectReader, type DirectReader } from '../../src/store/direct-reads.js';
import { DEMO_CUSTOMERS } from '../../src/store/seed/demo-data.js';
import { createSeededContext, describeEachStore, type StoreFixture } from '../helpers/stores.js';

const JOHN_SMITH_QC = 123456789;
const JOHN_SMITH_ON = 234567890;

/** The account view written with Kysely's own builder and run through its executor: the reference the fast path must match. */
function accountViewViaKysely(db: Db, accountNumber: number) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('customers as cu', 'cu.id', 'a.customer_id')
    .selectAll('a')
    .select((eb) => [
      'cu.first_name',
      'cu.last_name',
      'cu.address_1',
      'cu.address_2',
      'cu.city',
      'cu.postal_code',
      'cu.province as address_province',
      'cu.email',
      'cu.phone',
      'cu.preferred_language',
      eb
        .selectFrom('cards as c')
        .select('c.last_four')
        .whereRef('c.account_number', '=', 'a.account_number')
        .orderBy('c.created_at', 'desc')
        .limit(1)
        .as('card_last_four'),
    ])
    .where('a.account_number', '=', accountNumber)
    .executeTakeFirst();
}

async function openToBuy(db: Db, accountNumber: number): Promise<number> {
  const row = await db.selectFrom('accounts').select('open_to_buy_cents').where('account_number', '=', accountNumber).executeTakeFirstOrThrow();
  return row.open_to_buy_cents;
}

/** Records what the direct reader is asked to run, for the duration of `body`, then puts the store's own reader back. */
async function watchingDirectReads<T>(db: Db, body: (seen: { sql: string; parameters: readonly unknown[] }[]) => Promise<T>): Promise<T> {
  const original = directReaderOf(db);
  if (!original) throw new Error('the store registered no direct reader');
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  const spy: DirectReader = <Row>(sql: string, parameters: readonly unknown[]) => {
    seen.push({ sql, parameters });
    return original<Row>(sql, parameters);
  };
  registerDirectReader(db, spy);
  try {
    return await body(seen);
  } finally {
    registerDirectReader(db, original);
  }
}

describeEachStore('direct reads of precompiled queries', (fixture) => {
  let db: Db;
  beforeAll(() => {
    db = fixture().ctx.db;
  });

  it('a root-instance read goes to the direct reader, and a transaction has none', async () => {
    // The rest of this file relies on reads from ctx.db taking the direct path; if registration broke, the
    // isolation cases below would pass on SQLite for the wrong reason (or hang) instead of saying why.
    await watchingDirectReads(db, async (seen) => {
      await findAccountView(db, JOHN_SMITH_QC);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.parameters).toEqual([JOHN_SMITH_QC]);
    });
    await db.transaction().execute(async (tx) => {
      expect(directReaderOf(tx)).toBeUndefined();
      await watchingDirectReads(db, async (seen) => {
        await findAccountView(tx, JOHN_SMITH_QC);
        expect(seen).toHaveLength(0);
      });
    });
  });

  it('a root-instance read returns the same rows as the same query through Kysely', async () => {
    for (const customer of DEMO_CUSTOMERS) {
      for (const account of customer.accounts) {
        const direct = await findAccountView(db, account.account_number);
        expect(direct).toEqual(await accountViewViaKysely(db, account.account_number));
      }
    }
  });

  it('a root-instance read gives numbers as JS numbers and text as text, checked against the seed', async () => {
    const view = await findAccountView(db, JOHN_SMITH_QC);
    expect(view).toMatchObject({
      account_number: JOHN_SMITH_QC,
      customer_id: '123321',
      credit_limit_cents: 100000,
      open_to_buy_cents: 65951,
      balance_cents: 34049,
      holds_cents: 0,
      opening_balance_cents: 34049,
      air: '0.3099',
      tos_agreement: 1,
      status: 'N',
      opened_on: '2019-05-15',
      first_name: 'John',
      last_name: 'Smith',
      address_2: '',
      address_province: 'QC',
      preferred_language: 'fr-CA',
      card_last_four: '5941',
    });
    // A second account through the same compiled statement: the arguments are bound per call, not frozen at compile.
    expect(await findAccountView(db, JOHN_SMITH_ON)).toMatchObject({
      account_number: JOHN_SMITH_ON,
      customer_id: '123412',
      business_name: 'Smith Restorations Ltd.',
      card_last_four: '6457',
    });
    expect((await findAccountView(db, 300000002))?.card_last_four).toBeNull();
  });

  /** The questions as Kysely's builder lists them: the reference the lookup's folded JSON must match. */
  const questionsViaKysely = (customerId: string) =>
    db
      .selectFrom('security_answers as sa')
      .innerJoin('security_questions as q', 'q.id', 'sa.question_id')
      .select(['q.id', 'q.text_en', 'q.text_fr'])
      .where('sa.customer_id', '=', customerId)
      .orderBy('sa.question_id')
      .execute();

  it("the lookup's view is the account view's columns it names and the holder's questions, for every demo account", async () => {
    const { kind } = fixture();
    for (const customer of DEMO_CUSTOMERS) {
      for (const account of customer.accounts) {
        const view = await findLookup(db, kind, { accountNumber: account.account_number });
        const full = await findAccountView(db, account.account_number);
        expect(view).toBeDefined();
        const { questions, ...row } = view as NonNullable<typeof view>;
        const named = Object.fromEntries(Object.keys(row).map((k) => [k, (full as unknown as Record<string, unknown>)[k]]));
        expect(row).toEqual(named);
        expect(questions).toEqual(await questionsViaKysely(customer.id));
      }
    }
    expect(await findLookup(db, kind, { accountNumber: 999999999 })).toBeUndefined();
  });

  it('a lookup is one statement by account number, by customer id and by card, each naming the same account', async () => {
    const { kind } = fixture();
    const { cardHashes } = fixture().ctx;
    await watchingDirectReads(db, async (seen) => {
      const byNumber = await findLookup(db, kind, { accountNumber: JOHN_SMITH_QC });
      expect(await findLookup(db, kind, { cardForms: cardHashes.forms('5299310003005941') })).toEqual(byNumber);
      expect(await findLookup(db, kind, { customerId: '123321' })).toEqual(byNumber);
      expect(seen).toHaveLength(3);
      expect(await findLookup(db, kind, { cardForms: cardHashes.forms('5299310000000000') })).toBeUndefined();
      expect(await findLookup(db, kind, { customerId: 'nobody' })).toBeUndefined();
      expect(await findLookup(db, kind, { cardForms: [] })).toBeUndefined();
    });
  });

  it("a customer's security questions come in question order, whatever order the answers were written in", async () => {
    const { kind } = fixture();
    const customer = DEMO_CUSTOMERS[0];
    const customerId = customer?.id as string;
    const accountNumber = customer?.accounts[0]?.account_number as number;
    const kept = await db.selectFrom('security_answers').selectAll().where('customer_id', '=', customerId).execute();
    const questions = await db.selectFrom('security_questions').select('id').orderBy('id', 'desc').limit(3).execute();
    try {
      await db.deleteFrom('security_answers').where('customer_id', '=', customerId).execute();
      expect((await findLookup(db, kind, { accountNumber }))?.questions).toEqual([]);
      // Highest id first: a read that returned rows in insertion (rowid) order would list them backwards.
      for (const q of questions) await db.insertInto('security_answers').values({ customer_id: customerId, question_id: q.id, answer_hash: 'x' }).execute();
      const listed = (await findLookup(db, kind, { accountNumber }))?.questions ?? [];
      expect(listed.map((q) => q.id)).toEqual(questions.map((q) => q.id).reverse());
      expect(listed.every((q) => q.text_en.length > 0 && q.text_fr.length > 0)).toBe(true);
    } finally {
      await db.deleteFrom('security_answers').where('customer_id', '=', customerId).execute();
      if (kept.length) await db.insertInto('security_answers').values(kept).execute();
    }
  });

  it('a missing account or card gives undefined', async () => {
    expect(await findAccountView(db, 999999999)).toBeUndefined();
    expect(await findAccountNumberByCardHash(db, fixture().ctx.cardHashes.forms('5299310000000000'))).toBeUndefined();
  });

  it('finds an account by its card hash on the root instance', async () => {
    const { cardHashes } = fixture().ctx;
    expect(await findAccountNumberByCardHash(db, cardHashes.forms('5299310003005941'))).toBe(JOHN_SMITH_QC);
    expect(await findAccountNumberByCardHash(db, cardHashes.forms('5299310000005555'))).toBe(300000004);
  });

  it("a root-instance read does not see another transaction's uncommitted update, and sees it once committed", { timeout: 10_000 }, async () => {
    // On SQLite the transaction holds Kysely's only connection: a read that fell back to Kysely would wait for
    // it forever, so a hang here (a timeout) is the failure this case exists to catch.
    const before = await openToBuy(db, JOHN_SMITH_QC);
    const changed = before - 1234;
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('accounts').set({ open_to_buy_cents: changed }).where('account_number', '=', JOHN_SMITH_QC).execute();
        expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before);
      });
      expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(changed);
    } finally {
      await db.updateTable('accounts').set({ open_to_buy_cents: before }).where('account_number', '=', JOHN_SMITH_QC).execute();
    }
    expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before);
  });

  it('a read inside the transaction sees its own uncommitted update', async () => {
    const before = await openToBuy(db, JOHN_SMITH_ON);
    const changed = before + 777;
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('accounts').set({ open_to_buy_cents: changed }).where('account_number', '=', JOHN_SMITH_ON).execute();
        expect((await findAccountView(tx, JOHN_SMITH_ON))?.open_to_buy_cents).toBe(changed);
        // The rest of the row still comes through the transaction's executor whole, not just the changed column.
        expect(await findAccountView(tx, JOHN_SMITH_ON)).toEqual(await accountViewViaKysely(tx, JOHN_SMITH_ON));
      });
    } finally {
      await db.updateTable('accounts').set({ open_to_buy_cents: before }).where('account_number', '=', JOHN_SMITH_ON).execute();
    }
    expect(await openToBuy(db, JOHN_SMITH_ON)).toBe(before);
  });

  it('a root-instance read after a rolled-back transaction sees the old value', async () => {
    const before = await openToBuy(db, JOHN_SMITH_QC);
    const rollback = new Error('roll back');
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.updateTable('accounts').set({ open_to_buy_cents: 1 }).where('account_number', '=', JOHN_SMITH_QC).execute();
        expect((await findAccountView(tx, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before);
  });

  it('search finds the demo customers on the root instance', async () => {
    const john = { lastNameKey: nameKey('Smith'), firstNameKey: nameKey('John'), dob: '1900-01-01' };
    const rows = await searchAccounts(db, john);
    expect(rows.map((r) => r.account_number).sort()).toEqual([JOHN_SMITH_QC, JOHN_SMITH_ON]);
    expect(rows.find((r) => r.account_number === JOHN_SMITH_ON)).toMatchObject({
      customer_id: '123412',
      originating_merchant_name: 'ACME Restorations',
      credit_limit_cents: 100000,
      card_last_four: '6457',
    });
    // Accents fold to the same keys the seed wrote.
    const siobhan = await searchAccounts(db, { lastNameKey: nameKey("O'Neil"), firstNameKey: nameKey('Siobhán'), dob: '1982-02-28' });
    expect(siobhan.map((r) => r.account_number)).toEqual([300000005, 300000004, 300000003]);
    const withPostalCode = await searchAccounts(db, { ...john, postalCodeKey: postalKey('m5k 1a1') });
    expect(withPostalCode.map((r) => r.account_number)).toEqual([JOHN_SMITH_ON]);
  });

  it('search sends its LIMIT as a literal in the statement text, not as a parameter', async () => {
    // Bound, the LIMIT makes SQLite plan the search three times slower; the direct reader sees exactly what runs.
    const keys = { lastNameKey: nameKey('Smith'), firstNameKey: nameKey('John'), dob: '1900-01-01' };
    await watchingDirectReads(db, async (seen) => {
      await searchAccounts(db, keys);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.sql).toMatch(/\blimit 200\b/i);
      expect(seen[0]?.parameters).toEqual([keys.lastNameKey, keys.firstNameKey, keys.dob]);
    });
  });

  it('search returns at most 200 rows, the first 200 in its order', async () => {
    const now = fixture().ctx.now();
    const customer = {
      id: 'limit-tester',
      first_name: 'Many',
      last_name: 'Accounts',
      dob: '1970-07-07',
      address_1: '1 Test St',
      city: 'Toronto',
      province: 'ON',
      postal_code: 'M5V 1A1',
      preferred_language: 'en-CA' as const,
    };
    const numbers = Array.from({ length: 205 }, (_, i) => 910000000 + i);
    await db.transaction().execute(async (tx) => {
      await insertCustomer(tx, customer, now);
      for (const account_number of numbers) {
        await insertAccount(tx, {
          account_number,
          customer_id: customer.id,
          business_name: null,
          account_type: 'consumer',
          status: 'N',
          status_reason: 'NNOR',
          credit_limit_cents: 100000,
          open_to_buy_cents: 100000,
          balance_cents: 0,
          holds_cents: 0,
          opening_balance_cents: 0,
          air: '0.3099',
          category_type: 'preferred',
          risk_rating: 'L',
          province: 'ON',
          originating_merchant_id: '12345',
          opened_on: '2020-01-01',
          tos_agreement: 1,
          payment_protection: 0,
          updated_at: now,
        });
      }
    });
    try {
      const rows = await searchAccounts(db, { lastNameKey: nameKey('Accounts'), firstNameKey: nameKey('Many'), dob: '1970-07-07' });
      // Same customer, same opening date: the account number decides, so the cut keeps the 200 lowest.
      expect(rows.map((r) => r.account_number)).toEqual(numbers.slice(0, 200));
    } finally {
      await db.deleteFrom('accounts').where('customer_id', '=', customer.id).execute();
      await db.deleteFrom('customers').where('id', '=', customer.id).execute();
    }
  });
});

// SQLite's direct reads share one read snapshot per event-loop turn (one lock instead of one per statement).
describe('the SQLite direct reader’s snapshot [sqlite]', () => {
  let fixture: StoreFixture;
  let other: SQLite.Database;
  const turnOver = () => new Promise((resolve) => setImmediate(resolve));
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    // Another process's connection, as `posapi plans import` or a second service would hold.
    other = new SQLite(fixture.ctx.config.sqlitePath as string);
    other.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    other.close();
    await fixture.ctx.close();
    await fixture.store.drop();
  });
  const setOpenToBuy = (cents: number) => other.prepare('update accounts set open_to_buy_cents = ? where account_number = ?').run(cents, JOHN_SMITH_QC);

  it("sees this process's own writes at once, within the same turn, through autocommit and through a transaction", async () => {
    const { db } = fixture.ctx;
    const before = (await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents as number;
    // No turn ends between these statements: every await below resolves in microtasks of the same turn.
    await db
      .updateTable('accounts')
      .set({ open_to_buy_cents: before - 1 })
      .where('account_number', '=', JOHN_SMITH_QC)
      .execute();
    expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before - 1);
    await db.transaction().execute((tx) =>
      tx
        .updateTable('accounts')
        .set({ open_to_buy_cents: before - 2 })
        .where('account_number', '=', JOHN_SMITH_QC)
        .execute(),
    );
    expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before - 2);
    await db.updateTable('accounts').set({ open_to_buy_cents: before }).where('account_number', '=', JOHN_SMITH_QC).execute();
    expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before);
  });

  it("reads of one turn agree with each other, and another connection's commit is read from the next turn on", async () => {
    const { db } = fixture.ctx;
    await turnOver();
    const before = (await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents as number;
    try {
      setOpenToBuy(before + 500);
      // The same turn: the snapshot the first read took, so both reads of a request describe one state.
      expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before);
      await turnOver();
      expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before + 500);
    } finally {
      setOpenToBuy(before);
    }
    await turnOver();
    expect((await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents).toBe(before);
  });

  it("drops its snapshot when this process writes, not at its next read: the write's checkpoint is not held back", async () => {
    const { db } = fixture.ctx;
    await turnOver();
    const before = (await findAccountView(db, JOHN_SMITH_QC))?.open_to_buy_cents as number;
    // The snapshot this turn's read took pins the log: a TRUNCATE checkpoint cannot finish while it lasts.
    setOpenToBuy(before);
    expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([expect.objectContaining({ busy: 1 })]);
    await db.updateTable('accounts').set({ open_to_buy_cents: before }).where('account_number', '=', JOHN_SMITH_QC).execute();
    // Same turn, no read since: the write alone released it.
    expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });

  it('holds no snapshot once its turn is over: another connection can write and checkpoint the whole log', async () => {
    const { db } = fixture.ctx;
    await findAccountView(db, JOHN_SMITH_QC);
    await turnOver();
    const before = other.prepare('select open_to_buy_cents from accounts where account_number = ?').pluck().get(JOHN_SMITH_QC) as number;
    setOpenToBuy(before);
    // A reader still inside a snapshot would keep a TRUNCATE checkpoint from finishing (busy = 1).
    expect(other.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });
});
