// The purchases use cases by property, through the in-process app as a till calls them: random sequences of every
// operation (authorizations regular and promotional, with and without auto_capture, with a wrong PIN now and then;
// partial and whole captures and releases; partial and full returns; refunds with and without a capture; deposits,
// in-store payments and trade-ins), many of them refused, each on a fresh account of random limit and opening balance.
// A model predicts every answer (status and refusal code, available credit); after each sequence the store's rows are
// checked: the ledger explains the balances, nothing is negative, no authorization or capture gives back more than it
// took, and every figure equals the model's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Catalogue } from '../../src/domain/plans/index.js';
import { chooseTerm } from '../../src/domain/purchases/chosen-term.js';
import { API, API251, apiClient, type ApiClient } from '../helpers/api.js';
import { addBuyer, ledgerProblems } from '../helpers/ledger.js';
import { WHERE, nextRequestId, pinFor } from '../helpers/purchases.js';
import { createSeededContext, storeKinds, type StoreFixture } from '../helpers/stores.js';

/** Sequences per store: PostgreSQL's round trips cost more, so it runs fewer (LEDGER_RUNS overrides both). */
const RUNS: Record<string, number> = { sqlite: 100, postgres: 40 };
const runsFor = (kind: string) => Number(process.env.LEDGER_RUNS ?? RUNS[kind]);
/** Every run verifies before it buys or pays, and the test clock stands still: no rate window ever rolls over. */
const PLENTY_OF_VERIFIES = { VERIFY_RATE_PER_ACCOUNT: '1000000', VERIFY_RATE_PER_CLIENT: '1000000' };
const DAILY_PAYMENT_LIMIT_CENTS = 1_000_000;

type Plan = 'regular' | 'deferred' | 'emp';
const PLANS: Record<Exclude<Plan, 'regular'>, { plan_id: number; term: number }> = {
  // Deferred, no interest, no fee, from 100.00: costs the amount.
  deferred: { plan_id: 2, term: 6 },
  // 9.99 % over 3 months from 10.00: costs more than the amount.
  emp: { plan_id: 4, term: 3 },
};

/** Per mille of what is left (of an authorization, a capture, the balance): over 1000 asks for too much. */
const part = fc.integer({ min: 1, max: 1300 });
type Op =
  | { op: 'authorize'; plan: Plan; amountCents: number; autoCapture: boolean; wrongPin: boolean }
  | { op: 'capture' | 'release'; auth: number; part: number | null }
  | { op: 'return'; auth: number; capture: number; part: number | null }
  | { op: 'refund'; capture: number | null; part: number }
  | { op: 'payment'; type: 'deposit' | 'instore_payment' | 'tradein'; amountCents: number };

const authorizeArb = fc.record({
  op: fc.constant('authorize' as const),
  plan: fc.constantFrom<Plan>('regular', 'deferred', 'emp'),
  amountCents: fc.oneof(fc.integer({ min: 1_000, max: 60_000 }), fc.integer({ min: 1_000, max: 300_000 })),
  autoCapture: fc.boolean(),
  wrongPin: fc.integer({ min: 1, max: 10 }).map((n) => n === 1),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: authorizeArb },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('capture' as const, 'release' as const), auth: fc.nat(), part: fc.option(part, { freq: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('return' as const), auth: fc.nat(), capture: fc.nat(), part: fc.option(part, { freq: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), capture: fc.option(fc.nat(), { freq: 2 }), part }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('payment' as const),
      type: fc.constantFrom('deposit' as const, 'instore_payment' as const, 'tradein' as const),
      amountCents: fc.integer({ min: 1, max: 700_000 }),
    }),
  },
);
/** A sequence: a purchase or three first (so that most operations have something to act on), then anything. */
const opsArb = fc.tuple(fc.array(authorizeArb, { minLength: 1, maxLength: 3 }), fc.array(opArb, { maxLength: 22 })).map(([first, then]) => [...first, ...then]);
/** The account: a limit, and an opening balance, now and then a little over it (a limit lowered under the balance: no credit at all). */
const accountArb = fc.record({
  limitCents: fc.integer({ min: 50_000, max: 600_000 }),
  balancePerMille: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 500 }) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 1100 }) }),
});

interface ModelCapture {
  id: string;
  amount: number;
  returned: number;
}
interface ModelAuthorization {
  id: string;
  promo: boolean;
  amount: number;
  captured: number;
  released: number;
  returned: number;
  captures: ModelCapture[];
}
interface Model {
  limit: number;
  balance: number;
  holds: number;
  paid: number;
  authorizations: ModelAuthorization[];
}
const availableOf = (m: Model) => Math.max(0, m.limit - m.balance - m.holds);
const portionOf = (left: number, perMille: number) => Math.max(1, Math.floor((left * perMille) / 1000));
/** An id no authorization or capture of the run has. */
const NO_SUCH_ID = '999999999';

type Expected = { status: 200 } | { status: 404 | 409; error: string };
const OK: Expected = { status: 200 };
const refused = (error: string): Expected => ({ status: error === 'not_found' ? 404 : 409, error });

for (const kind of storeKinds()) {
  describe(`purchases by property [${kind}]`, () => {
    let fixture: StoreFixture;
    let api: ApiClient;
    let catalogue: Catalogue;
    let nextAccount = 830_000_000;
    beforeAll(async () => {
      fixture = await createSeededContext(kind, PLENTY_OF_VERIFIES);
      api = await apiClient(fixture.ctx);
      catalogue = await fixture.ctx.store.catalogue.current();
    });
    afterAll(async () => {
      await fixture?.ctx.close();
      await fixture?.store.drop();
    });

    const post = (url: string, body: unknown) => api.call('POST', `${API251}${url}`, { body });
    const verified = async (account: number) => {
      const requestId = nextRequestId();
      return { request_id: requestId, verification_code: await pinFor(api, account, requestId) };
    };

    /** Runs one operation against the app and the model; gives what the model expected and what the app answered. */
    async function step(m: Model, account: number, op: Op): Promise<{ expected: Expected; res: LightMyRequestResponse; check?: (body: never) => void }> {
      switch (op.op) {
        case 'authorize': {
          const plan = op.plan === 'regular' ? undefined : PLANS[op.plan];
          const promo = plan !== undefined;
          // The cost the credit must cover: the amount alone for a regular purchase, the term's payments (interest and
          // fees) for a promotional one, as calculate-interest quotes them.
          const choice = plan
            ? chooseTerm({
                catalogue,
                merchantId: '12345',
                accountType: 'consumer',
                province: 'ON',
                planId: plan.plan_id,
                months: plan.term,
                amountCents: op.amountCents,
              })
            : ({ ok: true, chosen: { totalCostCents: op.amountCents } } as const);
          const pin = await verified(account);
          const res = await post('/authorization', {
            account_number: account,
            amount: op.amountCents / 100,
            financing_option: plan ? { transaction_type: 'promotional_purchase', ...plan } : { transaction_type: 'regular_purchase' },
            auto_capture: op.autoCapture,
            ...pin,
            ...(op.wrongPin ? { verification_code: ((pin.verification_code - 1000 + 1) % 9000) + 1000 } : {}),
            ...WHERE,
          });
          if (!choice.ok) return { expected: refused(choice.reason === 'not_set' ? 'plan_term_not_set' : 'plan_term_not_available'), res };
          if (op.wrongPin) return { expected: refused('wrong_verification_code'), res };
          if (choice.chosen.totalCostCents > availableOf(m)) return { expected: refused('credit_exceeded'), res };
          if (res.statusCode !== 200) return { expected: OK, res };
          const answer = res.json() as { authorization_id: string; captures: { capture_id: string }[]; available_credit: number; status: string };
          m.authorizations.push({
            id: answer.authorization_id,
            promo,
            amount: op.amountCents,
            captured: op.autoCapture ? op.amountCents : 0,
            released: 0,
            returned: 0,
            captures: op.autoCapture ? [{ id: (answer.captures[0] as { capture_id: string }).capture_id, amount: op.amountCents, returned: 0 }] : [],
          });
          if (op.autoCapture) m.balance += op.amountCents;
          else m.holds += op.amountCents;
          expect([answer.status, answer.captures.length, answer.available_credit]).toEqual([
            op.autoCapture ? 'closed' : 'opened',
            op.autoCapture ? 1 : 0,
            availableOf(m) / 100,
          ]);
          return { expected: OK, res };
        }
        case 'capture':
        case 'release': {
          // Mostly an authorization with something left; one time in four any, to reach the refusals too.
          const open = m.authorizations.filter((x) => x.amount > x.captured + x.released);
          const pool = op.auth % 4 !== 0 && open.length > 0 ? open : m.authorizations;
          const a = pool[op.auth % Math.max(1, pool.length)];
          const left = a ? a.amount - a.captured - a.released : 0;
          const asked = op.part === null ? undefined : portionOf(left, op.part);
          const res = await post(`/authorization/${a?.id ?? NO_SUCH_ID}/${op.op}`, { ...(asked === undefined ? {} : { amount: asked / 100 }), ...WHERE });
          if (!a) return { expected: refused('not_found'), res };
          if (left === 0) return { expected: refused('authorization_ended'), res };
          if (asked !== undefined && asked > left) return { expected: refused('auth_amount_exceeded'), res };
          if (res.statusCode !== 200) return { expected: OK, res };
          const cents = asked ?? left;
          const answer = res.json() as { captures: { capture_id: string; amount: number }[]; available_credit: number; remaining_amount: number };
          if (op.op === 'capture') {
            a.captured += cents;
            m.holds -= cents;
            m.balance += cents;
            const made = answer.captures[answer.captures.length - 1] as { capture_id: string; amount: number };
            expect(made.amount).toBe(cents / 100);
            a.captures.push({ id: made.capture_id, amount: cents, returned: 0 });
          } else {
            a.released += cents;
            m.holds -= cents;
          }
          expect([answer.remaining_amount, answer.captures.length, answer.available_credit]).toEqual([
            (a.amount - a.captured - a.released) / 100,
            a.captures.length,
            availableOf(m) / 100,
          ]);
          return { expected: OK, res };
        }
        case 'return': {
          // Mostly an authorization with captures; one time in four any, to reach the refusals too.
          const captured = m.authorizations.filter((x) => x.captures.length > 0);
          const pool = op.auth % 4 !== 0 && captured.length > 0 ? captured : m.authorizations;
          const a = pool[op.auth % Math.max(1, pool.length)];
          const others = m.authorizations.filter((x) => x !== a).flatMap((x) => x.captures);
          const c = a?.captures.length ? a.captures[op.capture % a.captures.length] : undefined;
          // No capture of its own: another authorization's capture (or none at all) is not found under this one.
          const captureId = c?.id ?? others[op.capture % Math.max(1, others.length)]?.id ?? NO_SUCH_ID;
          const left = c ? c.amount - c.returned : 0;
          const asked = op.part === null ? undefined : portionOf(left, op.part);
          const res = await post(`/authorization/${a?.id ?? NO_SUCH_ID}/capture/${captureId}/return`, {
            full_return: asked === undefined,
            ...(asked === undefined ? {} : { amount: asked / 100 }),
            ...WHERE,
          });
          if (!a || !c) return { expected: refused('not_found'), res };
          if (!a.promo) return { expected: refused('wrong_transaction_type'), res };
          const cents = asked ?? left;
          if (cents === 0 || cents > left) return { expected: refused('capture_amount_exceeded'), res };
          if (res.statusCode !== 200) return { expected: OK, res };
          c.returned += cents;
          a.returned += cents;
          m.balance -= cents;
          expect(res.json()).toMatchObject({
            capture_id: c.id,
            amount: cents / 100,
            remaining_capture_amount: (c.amount - c.returned) / 100,
            remaining_authorization_amount: (a.captured - a.returned) / 100,
            available_credit: availableOf(m) / 100,
          });
          return { expected: OK, res };
        }
        case 'refund': {
          const all = m.authorizations.flatMap((a) => a.captures.map((c) => ({ a, c })));
          const target = op.capture === null || all.length === 0 ? undefined : all[op.capture % all.length];
          const asked = target ? portionOf(target.c.amount - target.c.returned, op.part) : portionOf(Math.max(m.balance, 100), op.part);
          const res = await post(`/accounts/${account}/refund`, { amount: asked / 100, ...(target ? { capture_id: target.c.id } : {}), ...WHERE });
          // A client refunds only accounts it has captured on.
          if (all.length === 0) return { expected: refused('not_found'), res };
          if (target && asked > target.c.amount - target.c.returned) return { expected: refused('capture_amount_exceeded'), res };
          if (asked > m.balance) return { expected: refused('refunds_limit_exceeded_amount'), res };
          if (res.statusCode !== 200) return { expected: OK, res };
          m.balance -= asked;
          if (target) {
            target.c.returned += asked;
            target.a.returned += asked;
          }
          expect(res.headers['x-refund-id']).toMatch(/^\d+$/);
          return { expected: OK, res };
        }
        case 'payment': {
          const res = await post('/transactions', {
            transaction_type: op.type,
            account_number: account,
            amount: op.amountCents / 100,
            ...(await verified(account)),
            ...WHERE,
          });
          if (m.paid + op.amountCents > DAILY_PAYMENT_LIMIT_CENTS) return { expected: refused('limit_payment_amount_24'), res };
          if (res.statusCode !== 200) return { expected: OK, res };
          m.paid += op.amountCents;
          m.balance -= op.amountCents;
          expect(res.json()).toMatchObject({ transaction_type: op.type, amount: op.amountCents / 100, available_credit: availableOf(m) / 100 });
          return { expected: OK, res };
        }
      }
    }

    it('every sequence of operations: answers as the model says, and the ledger explains the balances', async () => {
      const started = performance.now();
      let operations = 0;
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(accountArb, opsArb, async (start, ops) => {
          const account = nextAccount++;
          const opening = Math.floor((start.limitCents * start.balancePerMille) / 1000);
          await addBuyer(fixture.ctx.db, account, { limitCents: start.limitCents, balanceCents: opening }, fixture.ctx.now());
          const m: Model = { limit: start.limitCents, balance: opening, holds: 0, paid: 0, authorizations: [] };
          for (const [i, op] of ops.entries()) {
            const { expected, res } = await step(m, account, op);
            const error = res.statusCode === 200 ? undefined : (res.json() as { error?: string }).error;
            const actual = error === undefined ? { status: res.statusCode } : { status: res.statusCode, error };
            expect({ step: i, op, answer: actual }, res.body).toEqual({ step: i, op, answer: expected });
            const key = `${op.op} ${'error' in expected ? expected.error : 'ok'}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            operations += 1;
          }
          // The store's rows: the ledger's invariants, then every figure as the model has it.
          expect(await ledgerProblems(fixture.ctx.db, [account])).toEqual([]);
          const row = await fixture.ctx.db.selectFrom('accounts').selectAll().where('account_number', '=', account).executeTakeFirstOrThrow();
          expect([row.balance_cents, row.holds_cents, row.open_to_buy_cents]).toEqual([m.balance, m.holds, availableOf(m)]);
          const stored = await fixture.ctx.db.selectFrom('authorizations').selectAll().where('account_number', '=', account).orderBy('id').execute();
          expect(stored.map((a) => [String(a.id), a.amount_cents, a.captured_cents, a.released_cents, a.returned_cents])).toEqual(
            m.authorizations.map((a) => [a.id, a.amount, a.captured, a.released, a.returned]),
          );
          const captures = await fixture.ctx.db.selectFrom('captures').selectAll().where('account_number', '=', account).orderBy('id').execute();
          expect(captures.map((c) => [String(c.id), c.amount_cents, c.returned_cents]).sort()).toEqual(
            m.authorizations.flatMap((a) => a.captures.map((c) => [c.id, c.amount, c.returned])).sort(),
          );
          // What a till reads: lookup's available credit.
          const lookup = await api.call('GET', `${API}/customers/lookup?account_number=${account}`);
          expect((lookup.json() as { available_credit: number }).available_credit).toBe(availableOf(m) / 100);
        }),
        { numRuns: runsFor(kind) },
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `purchases by property [${kind}]: ${runsFor(kind)} sequences, ${operations} operations in ${seconds.toFixed(1)} s; ` +
          [...outcomes.entries()]
            .sort()
            .map(([k, n]) => `${k} ${n}`)
            .join(', '),
      );
    }, 120_000);
  });
}
