// PostgreSQL's hot reads run on postgres.js, pipelined on a few connections, beside the pg pool: the same rows as the
// pool gives, few connections, a slow read cut, a changed table read again, a lost server answered as unavailable.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountView } from '../../src/store/account-reads.js';
import { directReaderOf, registerDirectReader, type DirectReader } from '../../src/store/direct-reads.js';
import { postgresReader } from '../../src/store/postgres-reader.js';
import type { Db } from '../../src/store/schema.js';
import { unavailableReason } from '../../src/store/unavailable.js';
import { DEMO_CUSTOMERS } from '../../src/store/seed/demo-data.js';
import { apiClient, API, API251 } from '../helpers/api.js';
import { startCuttableProxy } from '../helpers/cuttable-proxy.js';
import { ALAN, LOCATION, ONTARIO, purchaseBody } from '../helpers/purchases.js';
import { createSeededContext, storeKinds, type StoreFixture } from '../helpers/stores.js';

const onPostgres = storeKinds().includes('postgres') ? describe : describe.skip;
const ACCOUNTS = DEMO_CUSTOMERS.flatMap((c) => c.accounts.map((a) => a.account_number));

/** What the pool (through Kysely's executor) answers to the same statement. */
async function viaPool(db: Db, text: string, parameters: readonly unknown[]): Promise<unknown[]> {
  return (await db.executeQuery(CompiledQuery.raw(text, [...parameters]))).rows;
}

/** Settles within `ms`, or says it did not (a read that never settles must fail the test, not hang it). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

onPostgres('the hot reads on postgres.js [postgres]', () => {
  let fixture: StoreFixture;
  let db: Db;
  let reader: DirectReader;
  beforeAll(async () => {
    // DATABASE_TIMEOUT_MS 1000: the reads' statement_timeout is 1 s (at most 3 s), so a slow read is cut quickly here.
    fixture = await createSeededContext('postgres', { DATABASE_TIMEOUT_MS: '1000' });
    db = fixture.ctx.db;
    const found = directReaderOf(db);
    if (!found) throw new Error('the store registered no direct reader');
    reader = found;
  }, 60_000);
  afterAll(async () => {
    await fixture?.ctx.close();
    await fixture?.store.drop();
  });

  it('every hot read a till makes gives the same rows, value for value and type for type, as the pg pool', { timeout: 60_000 }, async () => {
    const seen = new Map<string, { text: string; parameters: readonly unknown[] }>();
    const spy: DirectReader = <Row>(text: string, parameters: readonly unknown[]) => {
      seen.set(`${text}\u0000${JSON.stringify(parameters)}`, { text, parameters });
      return reader<Row>(text, parameters);
    };
    registerDirectReader(db, spy);
    try {
      const api = await apiClient(fixture.ctx);
      const referenceId = `pg-reader-${Date.now()}`;
      const body = await purchaseBody(api, { account: ONTARIO });
      const buy = () => api.call('POST', `${API251}/authorization`, { body, referenceId });
      const bought = await buy();
      expect(bought.statusCode, bought.body).toBe(200);
      // The same call again: the idempotency record is read and the answer replayed.
      expect((await buy()).statusCode).toBe(200);
      const id = (bought.json() as { authorization_id: number }).authorization_id;
      for (const url of [
        `${API}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`,
        `${API}/customers/lookup?account_number=${ALAN}`,
        `${API251}/authorization/${id}`,
        `${API251}/authorizations?account_number=${ONTARIO}`,
        `${API251}/authorizations?page_size=1&page_number=2`,
        `${API251}/captures?external_location_id=${LOCATION}`,
      ]) {
        const res = await api.call('GET', url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      }
      await api.call('POST', `${API251}/accounts/${ONTARIO}/calculate-interest`, { body: { amount: 1000, plan_id: 4, term: 12 } });
      await api.app.close();
    } finally {
      registerDirectReader(db, reader);
    }
    let withRows = 0;
    for (const { text, parameters } of seen.values()) {
      const direct = await reader(text, parameters);
      const pooled = await viaPool(db, text, parameters);
      // Plain objects with the same values of the same types: 34049 and '34049' are not equal here.
      expect([...direct], text).toStrictEqual(pooled);
      if (pooled.length > 0) withRows += 1;
    }
    // Search, lookup, account view, card, PIN, location, idempotency record, authorization views and pages at least.
    expect(new Set([...seen.values()].map((s) => s.text)).size).toBeGreaterThanOrEqual(8);
    expect(withRows).toBeGreaterThanOrEqual(8);
  });

  it("every column of every table reads the same through both drivers (the types the hot reads' columns have)", async () => {
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
    expect(tables.rows.length).toBeGreaterThan(10);
    for (const { table_name } of tables.rows) {
      const text = `select * from "${table_name}" order by 1 limit 50`;
      expect([...(await reader(text, []))], table_name).toStrictEqual(await viaPool(db, text, []));
    }
    // Computed columns too: a count is int8 (a number in both), a numeric stays text in both.
    const computed = 'select count(*) as n, sum(credit_limit_cents) as total, 1.50::numeric as rate from accounts where account_number > $1';
    expect([...(await reader(computed, [0]))]).toStrictEqual(await viaPool(db, computed, [0]));
    expect((await reader<{ n: unknown; rate: unknown }>(computed, [0]))[0]).toMatchObject({ n: expect.any(Number), rate: '1.50' });
  });

  it('pipelines: a hundred reads at once run on the configured two connections', async () => {
    const text = 'select pg_backend_pid() as pid, $1::int as i';
    const rows = await Promise.all(Array.from({ length: 100 }, (_, i) => reader<{ pid: number; i: number }>(text, [i])));
    expect(rows.map((r) => r[0]?.i)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(new Set(rows.map((r) => r[0]?.pid)).size).toBeLessThanOrEqual(2);
    const readers = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_stat_activity where application_name = 'posapi-reads' and datname = current_database()`.execute(db);
    expect(readers.rows[0]?.n).toBeGreaterThanOrEqual(1);
    expect(readers.rows[0]?.n).toBeLessThanOrEqual(2);
  });

  it('a hot read is planned once per connection: run again with other values, it reuses its generic plan', async () => {
    const text = 'select account_number, open_to_buy_cents from accounts where account_number = $1';
    for (let i = 0; i < 20; i++) expect(await reader(text, [ACCOUNTS[i % ACCOUNTS.length]])).toHaveLength(1);
    // Asked on every connection at once: each answers for its own prepared statements.
    const plans = await Promise.all(
      Array.from({ length: 40 }, () =>
        reader<{ mode: string; custom: number; generic: number }>(
          `select current_setting('plan_cache_mode') as mode, coalesce(sum(custom_plans), 0)::int as custom, coalesce(sum(generic_plans), 0)::int as generic
           from pg_prepared_statements where statement = $1`,
          [text],
        ),
      ),
    );
    expect(new Set(plans.map((rows) => rows[0]?.mode))).toEqual(new Set(['force_generic_plan']));
    // PostgreSQL's own choice plans the first five executions for their values, and may go on doing so for good.
    expect(plans.map((rows) => rows[0]?.custom)).toEqual(plans.map(() => 0));
    expect(Math.max(...plans.map((rows) => rows[0]?.generic ?? 0))).toBeGreaterThan(0);
  });

  it(
    'a slow read is cut by its statement_timeout and answered as unavailable; the reads beside it all answer, none waits past the cut',
    { timeout: 20_000 },
    async () => {
      const point = (n: number) => reader<{ account_number: number }>('select account_number from accounts where account_number = $1', [n]);
      await Promise.all(ACCOUNTS.map(point));
      const started = performance.now();
      const slow = Promise.resolve(reader('select pg_sleep($1::float8) as slept', [10])).then(
        () => undefined,
        (error: unknown) => ({ error, after: performance.now() - started }),
      );
      // Reads made while it runs: some are written behind it on its connection, the others go to the second one.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answered = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const n = ACCOUNTS[i % ACCOUNTS.length] as number;
          const rows = await point(n);
          expect(rows[0]?.account_number).toBe(n);
          return performance.now() - started;
        }),
      );
      const cut = await slow;
      expect(cut).toBeDefined();
      expect((cut?.error as { code?: string }).code).toBe('57014');
      expect(unavailableReason(cut?.error)).toMatch(/^57014: canceling statement due to statement timeout/);
      // Cut at 1 s (the configured statement_timeout), not after its 10 s.
      expect(cut?.after).toBeGreaterThan(900);
      expect(cut?.after).toBeLessThan(3000);
      // Every read beside it answered by the time it was cut, give or take; those on the other connection at once.
      expect(Math.max(...answered)).toBeLessThan((cut?.after ?? 0) + 500);
      expect(Math.min(...answered)).toBeLessThan(600);
    },
  );

  it(
    "when the server ends the reads' connections (a restart, an operator's pg_terminate_backend), the reads under way fail as unavailable and the next ones answer",
    { timeout: 20_000 },
    async () => {
      const point = (n: number) => Promise.resolve(reader<{ account_number: number }>('select account_number from accounts where account_number = $1', [n]));
      await Promise.all(ACCOUNTS.map(point));
      const underWay = Array.from({ length: 20 }, (_, i) =>
        point(ACCOUNTS[i % ACCOUNTS.length] as number).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'posapi-reads' and datname = current_database()`.execute(db);
      for (const failed of await within(5000, Promise.all(underWay))) {
        // Each either answered before its connection ended, or failed as unavailable (57P01, a closed connection).
        if (failed !== undefined) expect(unavailableReason(failed), String(failed)).toBeDefined();
      }
      // Reads made the moment the connections end may still be written to them and fail as well; once the client has
      // heard of the end, reads go to new connections.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const next = await within(5000, Promise.all(ACCOUNTS.map(point)));
      expect(next.map((rows) => rows[0]?.account_number)).toEqual(ACCOUNTS);
    },
  );

  it("after another node's migration changes a table under the prepared reads, every read still answers, right", { timeout: 30_000 }, async () => {
    // Prepared on both connections, many times over.
    await Promise.all([...ACCOUNTS, ...ACCOUNTS, ...ACCOUNTS].map((n) => findAccountView(db, n)));
    const readAll = () =>
      within(
        10_000,
        Promise.all(
          Array.from({ length: 60 }, async (_, i) => {
            const n = ACCOUNTS[i % ACCOUNTS.length] as number;
            return { n, view: await findAccountView(db, n) };
          }),
        ),
      );
    // `select a.*`: a new column changes the statement's result type ("cached plan must not change result type").
    await sql`alter table accounts add column pg_reader_test text not null default 'added'`.execute(db);
    try {
      const after = await readAll();
      for (const { n, view } of after) {
        expect(view?.account_number).toBe(n);
        expect(view).toHaveProperty('pg_reader_test', 'added');
      }
    } finally {
      await sql`alter table accounts drop column pg_reader_test`.execute(db);
    }
    for (const { n, view } of await readAll()) {
      expect(view?.account_number).toBe(n);
      expect(view).not.toHaveProperty('pg_reader_test');
    }
  });

  it('reads made without pause while a table changes under them each answer, with their own row', { timeout: 60_000 }, async () => {
    const answers: { n: number; got: unknown }[] = [];
    let going = true;
    const load = (async () => {
      let i = 0;
      while (going) {
        // Waves of reads, each wave written while the ones before are still in flight.
        const wave = Array.from({ length: 8 }, () => {
          const n = ACCOUNTS[i++ % ACCOUNTS.length] as number;
          return findAccountView(db, n).then((view) => answers.push({ n, got: view?.account_number }));
        });
        await Promise.race([Promise.all(wave), new Promise((resolve) => setTimeout(resolve, 2))]);
        await within(
          10_000,
          Promise.all(wave).then(() => undefined),
        ).catch((error: unknown) => answers.push({ n: -1, got: error }));
        if (i % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let round = 0; round < 3; round += 1) {
      await pause(150);
      await sql`alter table accounts add column pg_reader_wave text`.execute(db);
      await pause(150);
      await sql`alter table accounts drop column pg_reader_wave`.execute(db);
    }
    await pause(150);
    going = false;
    await load;
    expect(answers.length).toBeGreaterThan(100);
    expect(answers.filter((a) => a.got !== a.n)).toEqual([]);
  });
});

onPostgres('the hot reads when the server goes away [postgres]', () => {
  it('reads cut, refused or unanswered fail as unavailable, never crash, and answer again once the server is back', { timeout: 60_000 }, async () => {
    const fixture = await createSeededContext('postgres');
    const target = new URL(fixture.store.databaseUrl);
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(fixture.store.databaseUrl);
    url.port = String(proxy.port);
    const reads = postgresReader({ url: url.toString(), connections: 2, statementTimeoutMs: 3000, connectTimeoutMs: 1000 });
    const point = (n: number) =>
      reads.reader<{ account_number: number }>('select account_number, pg_sleep($2::float8) from accounts where account_number = $1', [n, 0]);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect((await point(ONTARIO))[0]?.account_number).toBe(ONTARIO);
      // Cut while a read runs: the read fails at once, as unavailable.
      const running = reads.reader('select pg_sleep($1::float8)', [2]).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 200));
      proxy.cut();
      const lost = await within(2000, running);
      expect(unavailableReason(lost), String(lost)).toBeDefined();
      // While cut, new connections are held unanswered: every read waiting, however many, fails after about the
      // connect timeout (1 s), as unavailable; postgres.js alone would fail one read per attempt to connect.
      const started = performance.now();
      const held = await within(
        5000,
        Promise.all(
          Array.from({ length: 10 }, () =>
            point(ONTARIO).then(
              () => 'answered',
              (error: unknown) => ({ error, ms: performance.now() - started }),
            ),
          ),
        ),
      );
      for (const failed of held) {
        if (typeof failed === 'string') throw new Error('a read was answered while the server was cut off');
        expect(unavailableReason(failed.error), String(failed.error)).toMatch(/^(CONNECT_TIMEOUT|CONNECTION_DESTROYED)/);
        expect(failed.ms).toBeLessThan(2500);
      }
      proxy.restore();
      // Back: the reader connects again by itself (its backoff is under a second).
      let back: unknown;
      for (let attempt = 0; attempt < 20 && back === undefined; attempt += 1) {
        back = await point(ONTARIO).then(
          (rows) => rows[0]?.account_number,
          async () => new Promise((resolve) => setTimeout(() => resolve(undefined), 250)),
        );
      }
      expect(back).toBe(ONTARIO);
    } finally {
      await reads.close(1000);
      await proxy.close();
      process.off('unhandledRejection', onUnhandled);
      await fixture.ctx.close();
      await fixture.store.drop();
    }
    // A server that refuses outright (nothing listens): unavailable too.
    const refused = postgresReader({ url: 'postgres://postgres@127.0.0.1:1/none', connections: 2, statementTimeoutMs: 1000, connectTimeoutMs: 1000 });
    const error = await within(
      5000,
      refused.reader('select 1', []).catch((e: unknown) => e),
    );
    expect(unavailableReason(error), String(error)).toMatch(/^ECONNREFUSED/);
    await refused.close(0);
    expect(unhandled).toEqual([]);
  });
});
