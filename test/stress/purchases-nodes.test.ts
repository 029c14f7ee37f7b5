// Purchases at the same time against real service processes: one on a SQLite file, two on one PostgreSQL database
// (sharing no memory). Fifty tills buy at once on one account with credit for exactly ten: ten purchases, forty
// credit_exceeded, whichever node each reached; one purchase sent ten times at once (spread over the nodes) with one
// x-reference-id, and again with one x-idempotency-key, is one purchase with one hold and one answer. The ledger explains
// every account after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/runtime/context.js';
import { addBuyer, issuePins, ledgerProblems, type IssuedPin } from '../helpers/ledger.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { API, API251, call, ensureBuilt, openSeeded, tokenFor, type Answer } from './harness.js';

const TILLS = 50;
const PRICE_CENTS = 100_00;
const FITS = 10;
const TWINS = 10;
const WHERE = { external_location_id: '00-12345', external_employee_id: '12345-SMITH' };

/**
 * SQLite is one process's embedded store (README: nodes share PostgreSQL); two processes on one SQLite file answer some
 * of these races 500 (the file is busy), though never with credit spent twice.
 */
const SETUPS = [
  { kind: 'sqlite' as const, nodes: 1 },
  { kind: 'postgres' as const, nodes: 2 },
].filter((s) => storeKinds().includes(s.kind));

const errorOf = (a: Answer) => (a.status === 200 ? 'ok' : (JSON.parse(a.body) as { error: string }).error);

for (const { kind, nodes: nodeCount } of SETUPS) {
  describe(`purchases at once on ${nodeCount} service process${nodeCount > 1 ? 'es' : ''} [${kind}]`, () => {
    let store: TestStore;
    let ctx: ServiceContext;
    let nodes: ServiceProcess[] = [];
    const tokens: string[] = [];
    let nextAccount = 850_000_000;

    beforeAll(async () => {
      ensureBuilt();
      store = await createTestStore(kind);
      ctx = await openSeeded(store);
      const env = { ...store.env, LOG_LEVEL: 'warn' };
      nodes = await Promise.all(Array.from({ length: nodeCount }, () => startService(env)));
      for (const node of nodes) tokens.push(await tokenFor(node.base));
      // Warmed up first (connections opened, code compiled), so the figures are the race's, not the start-up's.
      await Promise.all(
        nodes.flatMap((node, n) =>
          Array.from({ length: 10 }, () => call(node.base, 'GET', `${API}/customers/lookup?account_number=116994755`, { token: tokens[n] })),
        ),
      );
    }, 120_000);

    afterAll(async () => {
      await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
      await ctx?.close();
      await store?.drop();
    });

    const purchase = (
      i: number,
      account: number,
      pin: IssuedPin,
      options: { autoCapture?: boolean; promotional?: boolean; ref?: string; headers?: Record<string, string> } = {},
    ) =>
      call((nodes[i % nodeCount] as ServiceProcess).base, 'POST', `${API251}/authorization`, {
        token: tokens[i % nodeCount],
        ref: options.ref,
        headers: options.headers,
        body: {
          account_number: account,
          amount: PRICE_CENTS / 100,
          financing_option: options.promotional ? { transaction_type: 'promotional_purchase', plan_id: 4, term: 3 } : { transaction_type: 'regular_purchase' },
          auto_capture: options.autoCapture ?? i % 2 === 0,
          verification_code: pin.code,
          request_id: pin.requestId,
          ...WHERE,
        },
      });
    const accountRow = (n: number) => ctx.db.selectFrom('accounts').selectAll().where('account_number', '=', n).executeTakeFirstOrThrow();
    const holdEntries = async (n: number) =>
      (await ctx.db.selectFrom('ledger_entries').select('id').where('account_number', '=', n).where('entry_type', '=', 'hold').execute()).length;

    it(`${TILLS} tills at once on credit for ${FITS}: exactly ${FITS} purchases, ${TILLS - FITS} credit_exceeded`, async () => {
      const account = await addBuyer(ctx.db, nextAccount++, { limitCents: FITS * PRICE_CENTS });
      const pins = await issuePins(ctx, account, TILLS);
      const started = performance.now();
      const answers = await Promise.all(pins.map((pin, i) => purchase(i, account, pin)));
      const ms = performance.now() - started;
      const tally: Record<string, number> = {};
      for (const a of answers) tally[`${a.status} ${errorOf(a)}`] = (tally[`${a.status} ${errorOf(a)}`] ?? 0) + 1;
      expect(tally).toEqual({ '200 ok': FITS, '409 credit_exceeded': TILLS - FITS });
      const after = await accountRow(account);
      expect([after.balance_cents + after.holds_cents, after.open_to_buy_cents]).toEqual([FITS * PRICE_CENTS, 0]);
      expect(await holdEntries(account)).toBe(FITS);
      expect(await ledgerProblems(ctx.db, [account])).toEqual([]);
      const perNode = Array.from({ length: nodeCount }, (_, n) => answers.filter((a, i) => i % nodeCount === n && a.status === 200).length);
      const slowest = Math.max(...answers.map((a) => a.ms));
      console.log(
        `purchases at once [${kind}, ${nodeCount} process${nodeCount > 1 ? 'es' : ''}]: ${TILLS} authorizations in ${ms.toFixed(0)} ms (slowest answer ${slowest.toFixed(0)} ms); ` +
          `${FITS} succeeded (${perNode.join(' + ')} by node), ${TILLS - FITS} credit_exceeded; balance ${after.balance_cents / 100} + holds ${after.holds_cents / 100} = limit ${after.credit_limit_cents / 100}`,
      );
    });

    for (const header of ['x-reference-id', 'x-idempotency-key'] as const) {
      it(`one purchase sent ${TWINS} times at once with one ${header}${nodeCount > 1 ? ', over both nodes' : ''}: one hold, the same answer ${TWINS} times`, async () => {
        const account = await addBuyer(ctx.db, nextAccount++, { limitCents: 5_000_00 });
        const [pin] = await issuePins(ctx, account, 1);
        const key = `twins-${kind}-${header}-${Date.now().toString(36)}`;
        const answers = await Promise.all(
          Array.from({ length: TWINS }, (_, i) =>
            purchase(i, account, pin as IssuedPin, {
              autoCapture: false,
              ...(header === 'x-reference-id' ? { ref: key } : { headers: { 'x-idempotency-key': key } }),
            }),
          ),
        );
        expect(answers.map((a) => a.status)).toEqual(Array.from({ length: TWINS }, () => 200));
        expect(new Set(answers.map((a) => a.body)).size).toBe(1);
        expect(answers.filter((a) => a.headers.get('x-idempotent-replay') !== 'true').length).toBe(1);
        expect(await holdEntries(account)).toBe(1);
        expect((await accountRow(account)).holds_cents).toBe(PRICE_CENTS);
        const authorizations = await ctx.db.selectFrom('authorizations').select('id').where('account_number', '=', account).execute();
        expect(authorizations.length).toBe(1);
        expect(await ledgerProblems(ctx.db, [account])).toEqual([]);
      });
    }
  });
}
