// The bench's baselines that run SQL: they must run what the service runs for a lookup, and the one-query form must read
// the same answer, or the table's "framework overhead" and "store's limit" would compare different work.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureStatements } from '../../bench/lib/captured-sql.js';
import { lookupInOneQuery } from '../../bench/lib/lookup-one-query.js';
import { startSqlBaseline } from '../../bench/lib/processes.js';
import type { Statement } from '../../bench/lib/statement.js';
import { directReaderOf } from '../../src/store/direct-reads.js';
import { tokenForClient } from '../../src/use-cases/tokens.js';
import { describeEachStore } from '../helpers/stores.js';

const ACCOUNT = 20035156;
const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';

describeEachStore('the bench baselines that run SQL', (fixture) => {
  let statements: Statement[];
  beforeAll(async () => {
    const { ctx, store } = fixture();
    await ctx.keyRings.start(3_600_000, () => undefined);
    const { access_token } = await tokenForClient(ctx, 'flexitidemo', 'merchant');
    const call = { method: 'GET' as const, path: `${API}/customers/lookup?account_number=${ACCOUNT}`, headers: { authorization: `Bearer ${access_token}` } };
    const captured = await captureStatements(store.env, [{ name: 'lookup', call }]);
    statements = captured.get('lookup') ?? [];
  });
  afterAll(() => fixture().ctx.keyRings.stop());

  const run = async (statement: Statement) => {
    const reader = directReaderOf(fixture().ctx.db);
    if (!reader) throw new Error('no direct reader');
    return (await reader<Record<string, unknown>>(statement.sql, statement.parameters)) as Record<string, unknown>[];
  };

  it("captures a lookup's statements in the service's order: the account and its holder, then the holder's questions", async () => {
    expect(statements).toHaveLength(2);
    expect(statements[0]?.parameters).toEqual([ACCOUNT]);
    const [account] = await run(statements[0] as Statement);
    expect(statements[1]?.parameters).toEqual([account?.customer_id]);
    expect(statements[1]?.sql).toMatch(/security_answers/);
  });

  it('the one-query lookup reads the same account, holder, card and questions as the two statements', async () => {
    const [account] = await run(statements[0] as Statement);
    const questions = await run(statements[1] as Statement);
    const [one] = await run(lookupInOneQuery(fixture().kind, ACCOUNT));
    const { questions: folded, ...rest } = one ?? {};
    expect(rest).toEqual(account);
    expect(questions.length).toBeGreaterThan(0);
    // SQLite gives the JSON array as text, PostgreSQL as parsed JSON.
    expect(typeof folded === 'string' ? JSON.parse(folded) : folded).toEqual(questions);
  });

  it('the SQL baseline server runs the captured statements and answers their rows', async () => {
    const server = await startSqlBaseline(fixture().store.databaseUrl, statements);
    try {
      const res = await fetch(server.base);
      expect(res.status).toBe(200);
      const expected = [await run(statements[0] as Statement), await run(statements[1] as Statement)];
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      await server.stop();
    }
  });
});
