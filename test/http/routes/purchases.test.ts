// The Transactions endpoints end to end on each store: the purchase with its PIN, capture, release, return, refund,
// payments at the till, the reads, and the ledger behind every one of them.
import { beforeAll, describe, expect, it } from 'vitest';
import { entriesOf } from '../../../src/store/ledger.js';
import { API, API251, apiClient, nextReferenceId, type ApiClient } from '../../helpers/api.js';
import { ALAN, EMPLOYEE, LOCATION, ONTARIO, WHERE, nextRequestId, pinFor, purchase, purchaseBody } from '../../helpers/purchases.js';
import { describeEachStore } from '../../helpers/stores.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Every test here verifies before it buys: the per-account verify limit would otherwise end the suite early. */
const PLENTY_OF_VERIFIES = { VERIFY_RATE_PER_ACCOUNT: '10000', VERIFY_RATE_PER_CLIENT: '10000' };

describeEachStore(
  'Transactions',
  (fixture) => {
    let api: ApiClient;
    beforeAll(async () => {
      api = await apiClient(fixture().ctx);
    });
    const post = (url: string, body: unknown, referenceId?: string) => api.call('POST', `${API251}${url}`, { body, referenceId });
    const available = async (account: number) => {
      const res = await api.call('GET', `${API}/customers/lookup?account_number=${account}`);
      expect(res.statusCode).toBe(200);
      return (res.json() as { available_credit: number }).available_credit;
    };
    const account = (n: number) => fixture().ctx.db.selectFrom('accounts').selectAll().where('account_number', '=', n).executeTakeFirstOrThrow();
    const moveClock = (ms: number) => {
      const ctx = fixture().ctx;
      const before = ctx.now;
      const at = before() + ms;
      ctx.now = () => at;
      return () => {
        ctx.now = before;
      };
    };

    describe('authorization with auto_capture', () => {
      it('makes the purchase: captured at once, closed, the credit spent, the ledger written', async () => {
        const before = await available(ONTARIO);
        const res = await purchase(api, { extra: { reference: 'Order-1234' } });
        expect(res.statusCode, res.body).toBe(200);
        const answer = res.json();
        expect(answer).toMatchObject({
          account_number: ONTARIO,
          reference: 'Order-1234',
          transaction_type: 'promotional_purchase',
          plan_id: 4,
          term: 12,
          amount: 250,
          captured_amount: 250,
          released_amount: 0,
          remaining_amount: 0,
          status: 'closed',
          external_location_id: LOCATION,
          annual_rates: { rate: 0.0999, type: 'APR' },
        });
        expect(answer.authorization_id).toMatch(/^\d+$/);
        expect(answer.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(answer.captures).toHaveLength(1);
        expect(answer.captures[0]).toMatchObject({ amount: 250, returned_amount: 0 });
        // Plan 4 over 12 months with its 49.99 fee financed: the figure calculate-interest quotes.
        const quote = await api.call('POST', `${API251}/accounts/${ONTARIO}/calculate-interest`, { body: { amount: 250 } });
        const term = quote
          .json()
          .promotional_purchase.find((p: { plan_id: number }) => p.plan_id === 4)
          .terms.find((t: { term: number }) => t.term === 12);
        expect(answer.term_amount).toBe(term.term_amount);
        expect(answer.available_credit).toBe(before - 250);
        expect(await available(ONTARIO)).toBe(before - 250);
        const entries = await entriesOf(fixture().ctx.db, ONTARIO);
        const mine = entries.filter((e) => e.authorization_id === Number(answer.authorization_id));
        expect(mine.map((e) => [e.entry_type, e.amount_cents, e.external_employee_id])).toEqual([
          ['hold', 25000, EMPLOYEE],
          ['capture', 25000, EMPLOYEE],
        ]);
      });

      it('answers v2.5 with the rate as `apr`', async () => {
        const body = await purchaseBody(api);
        const res = await api.call('POST', `${API}/authorization`, { body });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().apr).toBe(0.0999);
        expect(res.json().annual_rates).toBeUndefined();
      });
    });

    describe('the PIN', () => {
      it('is good once', async () => {
        const body = await purchaseBody(api);
        expect((await post('/authorization', body)).statusCode).toBe(200);
        const again = await post('/authorization', body);
        expect([again.statusCode, again.json().error]).toEqual([409, 'not_verified']);
      });
      it('is bound to its request_id', async () => {
        const body = await purchaseBody(api);
        const res = await post('/authorization', { ...body, request_id: 'another-request' });
        expect([res.statusCode, res.json().error]).toEqual([409, 'not_verified']);
      });
      it('is bound to its account', async () => {
        const body = await purchaseBody(api);
        const res = await post('/authorization', { ...body, account_number: ALAN });
        expect([res.statusCode, res.json().error]).toEqual([409, 'not_verified']);
      });
      it('is never echoed in an error answer', async () => {
        const body = await purchaseBody(api);
        const res = await post('/authorization', { ...body, verification_code: '12x4' });
        expect(res.statusCode).toBe(409);
        expect(res.json().field_errors).toEqual([expect.objectContaining({ param: 'verification_code' })]);
        expect(res.body).not.toContain('12x4');
      });
      it('is required', async () => {
        const { verification_code: _, ...body } = await purchaseBody(api);
        const res = await post('/authorization', body);
        expect([res.statusCode, res.json().error]).toEqual([409, 'verification_code_required']);
      });
      it('dies at the third wrong try: the right one is then refused too', async () => {
        const body = await purchaseBody(api);
        const wrong = ((Number(body.verification_code) - 1000 + 1) % 9000) + 1000;
        for (let i = 0; i < 3; i++) {
          const res = await post('/authorization', { ...body, verification_code: wrong });
          expect([res.statusCode, res.json().error]).toEqual([409, 'wrong_verification_code']);
        }
        const res = await post('/authorization', body);
        expect([res.statusCode, res.json().error]).toEqual([409, 'not_verified']);
      });
      it('survives two wrong tries', async () => {
        const body = await purchaseBody(api);
        const wrong = ((Number(body.verification_code) - 1000 + 1) % 9000) + 1000;
        for (let i = 0; i < 2; i++) expect((await post('/authorization', { ...body, verification_code: String(wrong) })).statusCode).toBe(409);
        expect((await post('/authorization', { ...body, verification_code: String(body.verification_code) })).statusCode).toBe(200);
      });
      it('expires', async () => {
        const body = await purchaseBody(api);
        const restore = moveClock(fixture().ctx.config.pinTtlSeconds * 1000 + 1000);
        try {
          const res = await post('/authorization', body);
          expect([res.statusCode, res.json().error]).toEqual([409, 'not_verified']);
        } finally {
          restore();
        }
      });
      it('from a bypass is good for a regular purchase only', async () => {
        const requestId = nextRequestId();
        const code = await pinFor(api, ALAN, requestId, 'regular_purchase_bypass');
        const base = { account_number: ALAN, amount: 40, auto_capture: true, verification_code: code, request_id: requestId, ...WHERE };
        const promo = await post('/authorization', { ...base, financing_option: { transaction_type: 'promotional_purchase', plan_id: 4, term: 3 } });
        expect([promo.statusCode, promo.json().error]).toEqual([409, 'not_verified']);
        const regular = await post('/authorization', { ...base, financing_option: { transaction_type: 'regular_purchase' } });
        expect(regular.statusCode, regular.body).toBe(200);
        expect(regular.json()).toMatchObject({ transaction_type: 'regular_purchase', term_amount: 40 });
        expect(regular.json().plan_id).toBeUndefined();
      });
      it('is stored as a keyed hash, never the digits', async () => {
        const requestId = nextRequestId();
        const code = await pinFor(api, ONTARIO, requestId);
        const row = await fixture().ctx.db.selectFrom('verifications').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
        expect(row.pin_hash).not.toContain(String(code));
        expect(row.pin_hash).toMatch(/^h1\$/);
      });
    });

    describe('refusals of a purchase', () => {
      it('an unregistered location (409 external_location_id_not_found)', async () => {
        const res = await post('/authorization', await purchaseBody(api, { extra: { external_location_id: '99-99999' } }));
        expect([res.statusCode, res.json().error]).toEqual([409, 'external_location_id_not_found']);
      });
      it('in store without the till ids (409 wrong_inputs naming both)', async () => {
        const { external_location_id: _l, external_employee_id: _e, ...body } = await purchaseBody(api);
        const res = await post('/authorization', body);
        expect(res.statusCode).toBe(409);
        expect(
          res
            .json()
            .field_errors.map((f: { param: string }) => f.param)
            .sort(),
        ).toEqual(['external_employee_id', 'external_location_id']);
      });
      it('a plan the merchant does not offer (409 plan_term_not_set)', async () => {
        const res = await post('/authorization', await purchaseBody(api, { plan: { plan_id: 99, term: 12 } }));
        expect([res.statusCode, res.json().error]).toEqual([409, 'plan_term_not_set']);
      });
      it('a term not offered to this account (409 plan_term_not_available)', async () => {
        const res = await post('/authorization', await purchaseBody(api, { plan: { plan_id: 1, term: 48 } }));
        expect([res.statusCode, res.json().error]).toEqual([409, 'plan_term_not_available']);
      });
      it('an amount outside the term’s range (409 plan_term_not_available)', async () => {
        const res = await post('/authorization', await purchaseBody(api, { plan: { plan_id: 1, term: 12 }, amount: 100 }));
        expect([res.statusCode, res.json().error]).toEqual([409, 'plan_term_not_available']);
      });
      it('more than the available credit, interest and fees included (409 credit_exceeded), the PIN kept', async () => {
        const credit = await available(ONTARIO);
        // The amount alone fits; with plan 1's interest over 36 months it does not.
        const body = await purchaseBody(api, { plan: { plan_id: 1, term: 36 }, amount: Math.floor(credit * 0.9) });
        const res = await post('/authorization', body);
        expect([res.statusCode, res.json().error]).toEqual([409, 'credit_exceeded']);
        const ok = await post('/authorization', { ...body, amount: 500 });
        expect(ok.statusCode, ok.body).toBe(200);
      });
      it('a frozen account (409 user_not_able_to_purchase)', async () => {
        const res = await post('/authorization', { ...(await purchaseBody(api)), account_number: 234567890 });
        expect([res.statusCode, res.json().error]).toEqual([409, 'user_not_able_to_purchase']);
      });
      it('a bad amount and a promotional purchase without plan (409 wrong_inputs)', async () => {
        const body = await purchaseBody(api);
        const res = await post('/authorization', { ...body, amount: 10.001, financing_option: { transaction_type: 'promotional_purchase' } });
        expect(res.statusCode).toBe(409);
        expect(
          res
            .json()
            .field_errors.map((f: { param: string }) => f.param)
            .sort(),
        ).toEqual(['amount', 'financing_option.plan_id', 'financing_option.term']);
      });
      it('a merchant token of an online client (403): online purchases take the customer’s token', async () => {
        const token = await api.token('acmedemo', undefined, 'merchant');
        const res = await api.call('POST', '/flexiti/pos-api/v2.5.1/client-id/acmedemo/authorization', { token, body: await purchaseBody(api) });
        expect([res.statusCode, res.json().error]).toEqual([403, 'insufficient_scope']);
      });
    });

    describe('online', () => {
      it('buys with the customer’s token and a PIN sent by SMS, without till ids', async () => {
        const ctx = fixture().ctx;
        const token = await api.token('acmedemo', undefined, 'customer');
        const online = '/flexiti/pos-api/v2.5.1/client-id/acmedemo';
        const verify = await api.call('POST', `/flexiti/pos-api/v2.5/client-id/acmedemo/account/${ONTARIO}/verify`, { token, body: { format: 'sms' } });
        expect(verify.json()).toEqual({ verification_code: 'verification_sent_to_sms' });
        const [message] = await ctx.store.outbox.latest(1);
        const pin = Number(/\b(\d{4})\b/.exec((JSON.parse(ctx.seal.open(message!.payload)) as { body: string }).body)?.[1]);
        const body = {
          account_number: ONTARIO,
          amount: 42,
          financing_option: { transaction_type: 'promotional_purchase', plan_id: 4, term: 3 },
          auto_capture: true,
        };
        const wrong = await api.call('POST', `${online}/authorization`, { token, body: { ...body, verification_code: pin === 9999 ? 1000 : pin + 1 } });
        expect([wrong.statusCode, wrong.json().error]).toEqual([409, 'wrong_verification_code']);
        expect(JSON.stringify(wrong.json())).not.toContain(String(pin));
        const res = await api.call('POST', `${online}/authorization`, { token, body: { ...body, verification_code: pin } });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ status: 'closed', amount: 42, external_location_id: null });
      });
      it('refuses a PIN answered to the client itself (security question): online, only a PIN that reached the customer counts', async () => {
        const token = await api.token('acmedemo', undefined, 'customer');
        const business = 116992907;
        const verify = await api.call('POST', `/flexiti/pos-api/v2.5/client-id/acmedemo/account/${business}/verify`, {
          token,
          body: { format: 'security_question', security_qid: 6, security_answer: 'Tool' },
        });
        expect(verify.statusCode, verify.body).toBe(200);
        const res = await api.call('POST', '/flexiti/pos-api/v2.5.1/client-id/acmedemo/authorization', {
          token,
          body: {
            account_number: business,
            amount: 42,
            financing_option: { transaction_type: 'regular_purchase' },
            auto_capture: true,
            verification_code: verify.json().verification_code,
          },
        });
        expect([res.statusCode, res.json().error]).toEqual([409, 'not_verified']);
      });
    });

    describe('closing an account', () => {
      it('is refused while a purchase holds credit on it', async () => {
        const requestId = nextRequestId();
        const quebec = 116994859;
        const code = await pinFor(api, quebec, requestId);
        const held = await post('/authorization', {
          account_number: quebec,
          amount: 20,
          financing_option: { transaction_type: 'regular_purchase' },
          auto_capture: false,
          verification_code: code,
          request_id: requestId,
          ...WHERE,
        });
        expect(held.statusCode, held.body).toBe(200);
        const close = await api.call('POST', `${API}/accounts/${quebec}/close`);
        expect([close.statusCode, close.json().error]).toEqual([409, 'balance_outstanding']);
        await post(`/authorization/${held.json().authorization_id}/release`, WHERE);
        expect((await api.call('POST', `${API}/accounts/${quebec}/close`)).statusCode).toBe(200);
      });
    });

    describe('capture and release', () => {
      it('captures in parts, releases the rest, then refuses more', async () => {
        const before = await available(ONTARIO);
        const auth = (await purchase(api, { amount: 300, autoCapture: false })).json();
        expect(auth).toMatchObject({ status: 'opened', captured_amount: 0, remaining_amount: 300, captures: [] });
        expect(await available(ONTARIO)).toBe(before - 300);
        const first = await post(`/authorization/${auth.authorization_id}/capture`, { amount: 100, ...WHERE });
        expect(first.statusCode, first.body).toBe(200);
        expect(first.json()).toMatchObject({ status: 'opened', captured_amount: 100, remaining_amount: 200 });
        const second = await post(`/authorization/${auth.authorization_id}/capture`, { amount: 50.5, ...WHERE });
        expect(second.json()).toMatchObject({ captured_amount: 150.5, remaining_amount: 149.5 });
        expect(second.json().captures.map((c: { amount: number }) => c.amount)).toEqual([100, 50.5]);
        const tooMuch = await post(`/authorization/${auth.authorization_id}/capture`, { amount: 149.51, ...WHERE });
        expect([tooMuch.statusCode, tooMuch.json().error]).toEqual([409, 'auth_amount_exceeded']);
        const release = await post(`/authorization/${auth.authorization_id}/release`, WHERE);
        expect(release.json()).toMatchObject({ status: 'closed', released_amount: 149.5, remaining_amount: 0 });
        expect(await available(ONTARIO)).toBe(before - 150.5);
        const ended = await post(`/authorization/${auth.authorization_id}/capture`, WHERE);
        expect([ended.statusCode, ended.json().error]).toEqual([409, 'authorization_ended']);
        const row = await account(ONTARIO);
        expect(row.holds_cents).toBe(0);
      });
      it('captures everything remaining when no amount is given', async () => {
        const auth = (await purchase(api, { amount: 80, autoCapture: false })).json();
        const res = await post(`/authorization/${auth.authorization_id}/capture`, WHERE);
        expect(res.json()).toMatchObject({ status: 'closed', captured_amount: 80 });
      });
      it('releases a whole uncaptured purchase: the credit comes back', async () => {
        const before = await available(ONTARIO);
        const auth = (await purchase(api, { amount: 120, autoCapture: false })).json();
        const res = await post(`/authorization/${auth.authorization_id}/release`, WHERE);
        expect(res.json()).toMatchObject({ status: 'closed', released_amount: 120 });
        expect(await available(ONTARIO)).toBe(before);
      });
      it('answers another client’s authorization as not found', async () => {
        const auth = (await purchase(api, { amount: 20, autoCapture: false })).json();
        const token = await api.token('acmedemo');
        const res = await api.call('POST', `/flexiti/pos-api/v2.5.1/client-id/acmedemo/authorization/${auth.authorization_id}/capture`, { token, body: {} });
        expect([res.statusCode, res.json().error]).toEqual([404, 'not_found']);
        const read = await api.call('GET', `/flexiti/pos-api/v2.5.1/client-id/acmedemo/authorization/${auth.authorization_id}`, { token });
        expect(read.statusCode).toBe(404);
      });
      it('answers an id larger than any the store issues as not found, on every store (not a fault)', async () => {
        const auth = (await purchase(api, { amount: 20 })).json();
        const capture = auth.captures[0].capture_id;
        for (const big of ['2147483648', '999999999999999']) {
          const calls = [
            await post(`/authorization/${big}/capture`, { ...WHERE }),
            await post(`/authorization/${big}/release`, { ...WHERE }),
            await post(`/authorization/${big}/capture/${capture}/return`, { full_return: true, ...WHERE }),
            await post(`/authorization/${auth.authorization_id}/capture/${big}/return`, { full_return: true, ...WHERE }),
            await post(`/accounts/${ONTARIO}/refund`, { amount: 1, capture_id: big, ...WHERE }),
            await api.call('GET', `${API251}/authorization/${big}`),
          ];
          expect(calls.map((r) => [r.statusCode, r.json().error])).toEqual(Array(calls.length).fill([404, 'not_found']));
        }
      });
    });

    describe('returns and refunds', () => {
      it('returns part of a capture, then the rest, then refuses more', async () => {
        const before = await available(ONTARIO);
        const auth = (await purchase(api, { amount: 200 })).json();
        const captureId = auth.captures[0].capture_id;
        const url = `/authorization/${auth.authorization_id}/capture/${captureId}/return`;
        const part = await post(url, { full_return: false, amount: 50, reference: 'RMA-1', ...WHERE });
        expect(part.statusCode, part.body).toBe(200);
        expect(part.json()).toMatchObject({
          capture_id: captureId,
          amount: 50,
          remaining_capture_amount: 150,
          remaining_authorization_amount: 150,
          reference: 'RMA-1',
        });
        expect(part.json().available_credit).toBe(before - 150);
        const rest = await post(url, { full_return: true, ...WHERE });
        expect(rest.json()).toMatchObject({ amount: 150, remaining_capture_amount: 0 });
        expect(await available(ONTARIO)).toBe(before);
        const more = await post(url, { full_return: false, amount: 1, ...WHERE });
        expect([more.statusCode, more.json().error]).toEqual([409, 'capture_amount_exceeded']);
        const read = await api.call('GET', `${API251}/authorization/${auth.authorization_id}`);
        expect(read.json()).toMatchObject({ returned_amount: 200, captures: [{ returned_amount: 200 }] });
      });
      it('refuses a reference with a control character (409 wrong_inputs), which no store could keep', async () => {
        const auth = (await purchase(api, { amount: 30, autoCapture: false })).json();
        const bad = 'Order\u0000-1';
        const calls = [
          await post('/authorization', await purchaseBody(api, { extra: { reference: bad } })),
          await post(`/authorization/${auth.authorization_id}/capture`, { reference: bad, ...WHERE }),
          await post(`/accounts/${ONTARIO}/refund`, { amount: 1, reference: 'tab\there', ...WHERE }),
        ];
        expect(calls.map((r) => [r.statusCode, r.json().field_errors?.[0]?.param])).toEqual(Array(calls.length).fill([409, 'reference']));
        const captured = await post(`/authorization/${auth.authorization_id}/capture`, { reference: 'Commande-été 42', ...WHERE });
        expect(captured.statusCode, captured.body).toBe(200);
      });
      it('needs an amount for a partial return (409 wrong_inputs)', async () => {
        const auth = (await purchase(api, { amount: 30 })).json();
        const res = await post(`/authorization/${auth.authorization_id}/capture/${auth.captures[0].capture_id}/return`, { full_return: false, ...WHERE });
        expect([res.statusCode, res.json().field_errors[0].param]).toEqual([409, 'amount']);
      });
      it('refuses to return a regular purchase (409 wrong_transaction_type)', async () => {
        const auth = (await purchase(api, { plan: 'regular', amount: 30 })).json();
        const res = await post(`/authorization/${auth.authorization_id}/capture/${auth.captures[0].capture_id}/return`, { full_return: true, ...WHERE });
        expect([res.statusCode, res.json().error]).toEqual([409, 'wrong_transaction_type']);
      });
      it('refuses a return after 100 days (409 return_date_exceeded)', async () => {
        const auth = (await purchase(api, { amount: 30 })).json();
        const captureId = Number(auth.captures[0].capture_id);
        // The capture is made 101 days old (moving the clock instead would expire the test's token too).
        const db = fixture().ctx.db;
        await db
          .updateTable('captures')
          .set({ created_at: fixture().ctx.now() - 101 * DAY_MS })
          .where('id', '=', captureId)
          .execute();
        const res = await post(`/authorization/${auth.authorization_id}/capture/${captureId}/return`, { full_return: true, ...WHERE });
        expect([res.statusCode, res.json().error]).toEqual([409, 'return_date_exceeded']);
        await db
          .updateTable('captures')
          .set({ created_at: fixture().ctx.now() - 99 * DAY_MS })
          .where('id', '=', captureId)
          .execute();
        const within = await post(`/authorization/${auth.authorization_id}/capture/${captureId}/return`, { full_return: true, ...WHERE });
        expect(within.statusCode, within.body).toBe(200);
      });
      it('refunds with the id in x-refund-id, a replay gives the same id, and never more than the balance', async () => {
        await purchase(api, { plan: 'regular', amount: 60 });
        const before = await available(ONTARIO);
        const ref = nextReferenceId();
        const res = await post(`/accounts/${ONTARIO}/refund`, { amount: 25, reference: 'Goodwill', ...WHERE }, ref);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({});
        expect(res.headers['x-refund-id']).toMatch(/^\d+$/);
        const replay = await post(`/accounts/${ONTARIO}/refund`, { amount: 25, reference: 'Goodwill', ...WHERE }, ref);
        expect(replay.headers['x-refund-id']).toBe(res.headers['x-refund-id']);
        expect(await available(ONTARIO)).toBe(before + 25);
        const balance = (await account(ONTARIO)).balance_cents;
        const over = await post(`/accounts/${ONTARIO}/refund`, { amount: balance / 100 + 0.01, ...WHERE });
        expect([over.statusCode, over.json().error]).toEqual([409, 'refunds_limit_exceeded_amount']);
      });
      it('refunds only accounts the client sold to', async () => {
        const res = await post(`/accounts/300000002/refund`, { amount: 1, ...WHERE });
        expect([res.statusCode, res.json().error]).toEqual([404, 'not_found']);
      });
    });

    describe('payments at the till', () => {
      const pay = async (body: Record<string, unknown>) => {
        const requestId = nextRequestId();
        const code = await pinFor(api, ALAN, requestId);
        return post('/transactions', {
          transaction_type: 'instore_payment',
          account_number: ALAN,
          verification_code: code,
          request_id: requestId,
          ...WHERE,
          ...body,
        });
      };
      it('credits the account', async () => {
        const before = await available(ALAN);
        const res = await pay({ amount: 75.25 });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ transaction_type: 'instore_payment', account_number: ALAN, amount: 75.25 });
        expect(res.json().transaction_id).toMatch(/^\d+$/);
        expect(res.json().available_credit).toBe(Math.round((before + 75.25) * 100) / 100);
      });
      it('refuses a purchase type (409 invalid_transaction_type)', async () => {
        const res = await pay({ amount: 10, transaction_type: 'regular_purchase' });
        expect([res.statusCode, res.json().error]).toEqual([409, 'invalid_transaction_type']);
      });
      it('refuses more than 10 000.00 within 24 hours (409 limit_payment_amount_24)', async () => {
        expect((await pay({ amount: 9000, transaction_type: 'deposit' })).statusCode).toBe(200);
        const res = await pay({ amount: 1000, transaction_type: 'tradein' });
        expect([res.statusCode, res.json().error]).toEqual([409, 'limit_payment_amount_24']);
      });
      it('needs exactly one way to name the account', async () => {
        const res = await pay({ amount: 10, customer_id: '43353' });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toBe('wrong_inputs');
      });
    });

    describe('reads', () => {
      it('lists the client’s authorizations newest first, filtered and paged', async () => {
        const opened = (await purchase(api, { amount: 11, autoCapture: false })).json();
        const all = await api.call('GET', `${API251}/authorizations?page_size=100`);
        expect(all.statusCode, all.body).toBe(200);
        const page = all.json();
        expect(page).toMatchObject({ page_number: 1, page_size: 100 });
        expect(page.items[0].authorization_id).toBe(opened.authorization_id);
        expect(page.total).toBe(page.items.length);
        const onlyOpened = (await api.call('GET', `${API251}/authorizations?authorization_status=opened&page_size=100`)).json();
        expect(onlyOpened.items.every((a: { status: string }) => a.status === 'opened')).toBe(true);
        const regular = (await api.call('GET', `${API251}/authorizations?transaction_type=regular_purchase&account_number=${ALAN}`)).json();
        expect(
          regular.items.every(
            (a: { transaction_type: string; account_number: number }) => a.transaction_type === 'regular_purchase' && a.account_number === ALAN,
          ),
        ).toBe(true);
        const second = (await api.call('GET', `${API251}/authorizations?page_size=2&page_number=2`)).json();
        expect(second.items.map((a: { authorization_id: string }) => a.authorization_id)).toEqual(
          page.items.slice(2, 4).map((a: { authorization_id: string }) => a.authorization_id),
        );
        // A full page and a page past the end count the whole list (a partial page ends it).
        expect(second.total).toBe(page.total);
        const pastEnd = (await api.call('GET', `${API251}/authorizations?page_size=2&page_number=500`)).json();
        expect(pastEnd).toMatchObject({ items: [], total: page.total });
        // Each listed authorization reads as it does alone, its captures included, in order (the capture test's has two).
        expect(page.items.some((a: { captures: unknown[] }) => a.captures.length > 1)).toBe(true);
        for (const item of page.items as { authorization_id: string }[])
          expect(item).toEqual((await api.call('GET', `${API251}/authorization/${item.authorization_id}`)).json());
        const today = new Date(fixture().ctx.now()).toISOString().slice(0, 10);
        const future = (await api.call('GET', `${API251}/authorizations?creation_date_from=2099-01-01`)).json();
        expect(future.total).toBe(0);
        const dated = (await api.call('GET', `${API251}/authorizations?creation_date_from=${today}&creation_date_to=${today}`)).json();
        expect(dated.total).toBe(page.total);
        const other = (
          await api.call('GET', '/flexiti/pos-api/v2.5.1/client-id/acmedemo/authorizations?page_size=100', { token: await api.token('acmedemo') })
        ).json();
        const mine = new Set(page.items.map((a: { authorization_id: string }) => a.authorization_id));
        expect(other.items.filter((a: { authorization_id: string }) => mine.has(a.authorization_id))).toEqual([]);
      });
      it('lists captures by location', async () => {
        const res = await api.call('GET', `${API251}/captures?external_location_id=${LOCATION}&page_size=5`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().items.length).toBeGreaterThan(0);
        expect(res.json().items.every((c: { external_location_id: string }) => c.external_location_id === LOCATION)).toBe(true);
        const none = (await api.call('GET', `${API251}/captures?external_location_id=00-67890`)).json();
        expect(none.total).toBe(0);
      });
      it('refuses a page larger than 100 (409 wrong_inputs)', async () => {
        const res = await api.call('GET', `${API251}/authorizations?page_size=101`);
        expect([res.statusCode, res.json().field_errors[0].param]).toEqual([409, 'page_size']);
      });
    });

    describe('idempotency', () => {
      it('replays a purchase by x-reference-id: the first answer, no second hold', async () => {
        const body = await purchaseBody(api, { amount: 33 });
        const ref = nextReferenceId();
        const first = await post('/authorization', body, ref);
        const holdsBefore = (await entriesOf(fixture().ctx.db, ONTARIO)).length;
        const again = await post('/authorization', body, ref);
        expect(again.headers['x-idempotent-replay']).toBe('true');
        expect(again.json()).toEqual(first.json());
        expect((await entriesOf(fixture().ctx.db, ONTARIO)).length).toBe(holdsBefore);
      });
      it('x-idempotency-key stands for the reference id, and x-context-hash decides what the same request is', async () => {
        const body = await purchaseBody(api, { amount: 34 });
        const key = `idem-${nextReferenceId()}`;
        const headers = { 'x-idempotency-key': key, 'x-context-hash': 'cart-v1' };
        const first = await api.call('POST', `${API251}/authorization`, { body, headers });
        expect(first.statusCode, first.body).toBe(200);
        const again = await api.call('POST', `${API251}/authorization`, { body, headers });
        expect(again.json().authorization_id).toBe(first.json().authorization_id);
        const changed = await api.call('POST', `${API251}/authorization`, { body, headers: { ...headers, 'x-context-hash': 'cart-v2' } });
        expect([changed.statusCode, changed.json().error]).toEqual([409, 'reference_id_reused']);
      });
    });

    describe('the ledger', () => {
      it('explains every account: balance and holds are the sums of the entries', async () => {
        const db = fixture().ctx.db;
        for (const n of [ONTARIO, ALAN]) {
          const row = await account(n);
          const entries = await entriesOf(db, n);
          expect(row.opening_balance_cents + entries.reduce((s, e) => s + e.balance_delta_cents, 0)).toBe(row.balance_cents);
          expect(entries.reduce((s, e) => s + e.holds_delta_cents, 0)).toBe(row.holds_cents);
          expect(row.open_to_buy_cents).toBe(Math.max(0, row.credit_limit_cents - row.balance_cents - row.holds_cents));
        }
      });
      it('refuses to change or delete an entry', async () => {
        const db = fixture().ctx.db;
        await expect(db.updateTable('ledger_entries').set({ amount_cents: 1 }).execute()).rejects.toThrow(/append-only/);
        await expect(db.deleteFrom('ledger_entries').execute()).rejects.toThrow(/append-only/);
      });
    });
  },
  PLENTY_OF_VERIFIES,
);
