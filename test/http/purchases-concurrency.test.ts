// Purchases at the same time, in one process on each store: many tills buying on one account never spend the same
// credit twice, twins of one request (same x-reference-id, or same x-idempotency-key) make one purchase and get one
// answer, and racing captures, releases, returns and refunds never take more than there is. The ledger explains every
// account after. (Two service processes on one PostgreSQL: test/stress/purchases-nodes.test.ts.)
import { expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { API251, apiClient, nextReferenceId, type ApiClient } from '../helpers/api.js';
import { addBuyer, issuePins, ledgerProblems } from '../helpers/ledger.js';
import { WHERE } from '../helpers/purchases.js';
import { describeEachStore } from '../helpers/stores.js';

const TILLS = 50;
const PRICE_CENTS = 100_00;
/** Credit for exactly this many of the tills' purchases. */
const FITS = 10;
const PROMOTIONAL = { transaction_type: 'promotional_purchase', plan_id: 4, term: 3 };

const errorOf = (res: LightMyRequestResponse) => (res.statusCode === 200 ? 'ok' : (res.json() as { error: string }).error);
const tally = (answers: LightMyRequestResponse[]) =>
  answers.reduce<Record<string, number>>((t, res) => ({ ...t, [`${res.statusCode} ${errorOf(res)}`]: (t[`${res.statusCode} ${errorOf(res)}`] ?? 0) + 1 }), {});

let accounts = 840_000_000;

describeEachStore('Purchases at the same time', (fixture) => {
  let api: ApiClient;
  const ctx = () => fixture().ctx;
  // The token fetched before the race: fifty first calls would otherwise each ask for one.
  const client = async () => {
    if (!api) {
      api = await apiClient(ctx());
      await api.token();
    }
    return api;
  };
  const newAccount = (limitCents: number, balanceCents = 0) =>
    addBuyer(ctx().db, accounts++ + (fixture().kind === 'postgres' ? 500_000 : 0), { limitCents, balanceCents }, ctx().now());
  const row = (n: number) => ctx().db.selectFrom('accounts').selectAll().where('account_number', '=', n).executeTakeFirstOrThrow();
  const holds = async (n: number) =>
    (await ctx().db.selectFrom('ledger_entries').select('id').where('account_number', '=', n).where('entry_type', '=', 'hold').execute()).length;
  const regularPurchase = (account: number, pin: { requestId: string; code: number }, autoCapture: boolean) => ({
    account_number: account,
    amount: PRICE_CENTS / 100,
    financing_option: { transaction_type: 'regular_purchase' },
    auto_capture: autoCapture,
    verification_code: pin.code,
    request_id: pin.requestId,
    ...WHERE,
  });

  it(`${TILLS} tills buying at once on an account with credit for ${FITS}: ${FITS} purchases, the others credit_exceeded`, async () => {
    const api = await client();
    const account = await newAccount(FITS * PRICE_CENTS);
    const pins = await issuePins(ctx(), account, TILLS);
    const started = performance.now();
    const answers = await Promise.all(pins.map((pin, i) => api.call('POST', `${API251}/authorization`, { body: regularPurchase(account, pin, i % 2 === 0) })));
    const ms = performance.now() - started;
    expect(tally(answers)).toEqual({ '200 ok': FITS, '409 credit_exceeded': TILLS - FITS });
    const after = await row(account);
    expect(after.balance_cents + after.holds_cents).toBe(FITS * PRICE_CENTS);
    expect(after.open_to_buy_cents).toBe(0);
    expect(await holds(account)).toBe(FITS);
    expect(await ledgerProblems(ctx().db, [account])).toEqual([]);
    // A refused purchase keeps its PIN: exactly the ten that bought spent theirs.
    const spent = await ctx().db.selectFrom('verifications').select('id').where('account_number', '=', account).where('used_at', 'is not', null).execute();
    expect(spent.length).toBe(FITS);
    console.log(
      `purchases at once [${fixture().kind}, one process]: ${TILLS} authorizations, ${FITS} succeeded, ${TILLS - FITS} credit_exceeded, in ${ms.toFixed(0)} ms`,
    );
  });

  for (const header of ['x-reference-id', 'x-idempotency-key'] as const) {
    it(`one purchase sent 10 times at once with one ${header}: one purchase, one hold, the same answer 10 times`, async () => {
      const api = await client();
      const account = await newAccount(5_000_00);
      const [pin] = await issuePins(ctx(), account, 1);
      // A promotional purchase: the fullest answer (plan, term, annual rates), replayed byte for byte.
      const body = { ...regularPurchase(account, pin as { requestId: string; code: number }, false), financing_option: PROMOTIONAL };
      const key = `twins-${nextReferenceId()}`;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.call(
            'POST',
            `${API251}/authorization`,
            header === 'x-reference-id' ? { body, referenceId: key } : { body, headers: { 'x-idempotency-key': key } },
          ),
        ),
      );
      expect(answers.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 200));
      expect(new Set(answers.map((r) => r.body)).size).toBe(1);
      expect(answers.filter((r) => r.headers['x-idempotent-replay'] !== 'true').length).toBe(1);
      expect(await holds(account)).toBe(1);
      expect((await row(account)).holds_cents).toBe(PRICE_CENTS);
      expect(await ledgerProblems(ctx().db, [account])).toEqual([]);
    });
  }

  it('captures and releases racing on one authorization never take more than it has', async () => {
    const api = await client();
    const account = await newAccount(5_000_00);
    const [pin] = await issuePins(ctx(), account, 1);
    const auth = await api.call('POST', `${API251}/authorization`, { body: regularPurchase(account, pin as { requestId: string; code: number }, false) });
    expect(auth.statusCode, auth.body).toBe(200);
    const id = (auth.json() as { authorization_id: string }).authorization_id;
    // 15.00 at a time out of 100.00: six fit, whichever they are.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.call('POST', `${API251}/authorization/${id}/${i % 2 ? 'release' : 'capture'}`, { body: { amount: 15, ...WHERE } }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 200).length).toBe(6);
    expect(new Set(answers.filter((r) => r.statusCode !== 200).map(errorOf))).toEqual(new Set(['auth_amount_exceeded']));
    const stored = await ctx().db.selectFrom('authorizations').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();
    expect(stored.captured_cents + stored.released_cents).toBe(90_00);
    expect(await ledgerProblems(ctx().db, [account])).toEqual([]);
  });

  it('returns and refunds racing on one capture never give back more than it took, nor refunds more than the balance', async () => {
    const api = await client();
    const account = await newAccount(5_000_00);
    const [pin] = await issuePins(ctx(), account, 1);
    const body = {
      ...regularPurchase(account, pin as { requestId: string; code: number }, true),
      financing_option: { transaction_type: 'promotional_purchase', plan_id: 4, term: 3 },
    };
    const auth = await api.call('POST', `${API251}/authorization`, { body });
    expect(auth.statusCode, auth.body).toBe(200);
    const { authorization_id: id, captures } = auth.json() as { authorization_id: string; captures: { capture_id: string }[] };
    const captureId = (captures[0] as { capture_id: string }).capture_id;
    // 100.00 captured; 30 returns and refunds of 7.00 against it: fourteen fit (98.00).
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? api.call('POST', `${API251}/accounts/${account}/refund`, { body: { amount: 7, capture_id: captureId, ...WHERE } })
          : api.call('POST', `${API251}/authorization/${id}/capture/${captureId}/return`, { body: { full_return: false, amount: 7, ...WHERE } }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 200).length).toBe(14);
    expect(new Set(answers.filter((r) => r.statusCode !== 200).map(errorOf))).toEqual(new Set(['capture_amount_exceeded']));
    const capture = await ctx().db.selectFrom('captures').selectAll().where('id', '=', Number(captureId)).executeTakeFirstOrThrow();
    expect(capture.returned_cents).toBe(98_00);
    // Refunds without a capture, racing: never more than the 2.00 left owed.
    const refunds = await Promise.all(
      Array.from({ length: 10 }, () => api.call('POST', `${API251}/accounts/${account}/refund`, { body: { amount: 0.5, ...WHERE } })),
    );
    expect(tally(refunds)).toEqual({ '200 ok': 4, '409 refunds_limit_exceeded_amount': 6 });
    expect((await row(account)).balance_cents).toBe(0);
    expect(await ledgerProblems(ctx().db, [account])).toEqual([]);
  });
});
