// The bench's baselines that run SQL must run what the service runs, or the table's "framework overhead" would compare
// different work; and each hot read of the service is one statement (on PostgreSQL, one round trip), by each identifier.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureStatements } from '../../bench/lib/captured-sql.js';
import { startSqlBaseline } from '../../bench/lib/processes.js';
import type { Statement } from '../../bench/lib/statement.js';
import { directReaderOf } from '../../src/store/direct-reads.js';
import { tokenForClient } from '../../src/use-cases/tokens.js';
import { describeEachStore } from '../helpers/stores.js';

const ACCOUNT = 20035156;
const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';

describeEachStore('the bench baselines that run SQL', (fixture) => {
  let captured: Map<string, Statement[]>;
  const lookup = (query: string) => ({ method: 'GET' as const, path: `${API}/customers/lookup?${query}` });
  beforeAll(async () => {
    const { ctx, store } = fixture();
    await ctx.keyRings.start(3_600_000, () => undefined);
    const { access_token } = await tokenForClient(ctx, 'flexitidemo', 'merchant');
    const headers = { authorization: `Bearer ${access_token}` };
    const calls = {
      lookup: lookup(`account_number=${ACCOUNT}`),
      'lookup by card': lookup('vcc_number=5299310003005941'),
      'lookup by customer id': lookup('customer_id=123321'),
      search: { method: 'GET' as const, path: `${API}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01` },
      'calculate-interest': {
        method: 'POST' as const,
        path: '/flexiti/pos-api/v2.5.1/client-id/flexitidemo/accounts/116994755/calculate-interest',
        body: JSON.stringify({ amount: 10.5 }),
        extra: { 'content-type': 'application/json' },
      },
    };
    captured = await captureStatements(
      store.env,
      Object.entries(calls).map(
        ([name, { extra, ...call }]: [string, { method: 'GET' | 'POST'; path: string; body?: string; extra?: Record<string, string> }]) => ({
          name,
          call: { ...call, headers: { ...headers, ...extra } },
        }),
      ),
    );
  });
  afterAll(() => fixture().ctx.keyRings.stop());

  const run = async (statement: Statement) => {
    const reader = directReaderOf(fixture().ctx.db);
    if (!reader) throw new Error('no direct reader');
    return (await reader<Record<string, unknown>>(statement.sql, statement.parameters)) as Record<string, unknown>[];
  };

  it('runs each hot read in one statement: lookup by account number, card or customer id, search, calculate-interest', () => {
    for (const name of ['lookup', 'lookup by card', 'lookup by customer id', 'search', 'calculate-interest']) {
      expect({ name, statements: captured.get(name)?.length }).toEqual({ name, statements: 1 });
    }
  });

  it("a lookup's one statement reads the account, its holder, the card's last four and the holder's questions", async () => {
    const [statement] = captured.get('lookup') ?? [];
    expect(statement?.parameters).toEqual([ACCOUNT]);
    const [row] = await run(statement as Statement);
    expect(row).toMatchObject({ account_number: ACCOUNT, first_name: expect.any(String), card_last_four: expect.any(String) });
    // SQLite gives the JSON array as text, PostgreSQL as parsed JSON.
    const questions = typeof row?.questions === 'string' ? JSON.parse(row.questions) : row?.questions;
    expect(questions).toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(Number), text_en: expect.any(String) })]));
  });

  it('the SQL baseline server runs the captured statements and answers their rows', async () => {
    const statements = captured.get('lookup') ?? [];
    const server = await startSqlBaseline(fixture().store.databaseUrl, statements);
    try {
      const res = await fetch(server.base);
      expect(res.status).toBe(200);
      const expected = [await run(statements[0] as Statement)];
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      await server.stop();
    }
  });
});
