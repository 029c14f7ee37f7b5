// POST /accounts/{n}/calculate-interest: the lender's two examples to the cent, languages, refusals, both prefixes.
import { beforeAll, describe, expect, it } from 'vitest';
import { API, API251, apiClient, type ApiClient } from '../../helpers/api.js';
import { describeEachStore } from '../../helpers/stores.js';

const RATE_MESSAGE =
  'Promotional annual interest rate applies during the promotional period and is included in your estimated monthly payments. Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.';
const FEE_MESSAGE =
  'Although your administrative fee may be represented as a monthly or annual amount, the fee is due in full if the account is paid off early. See terms and conditions for full details.';
const rates = { description: 'Annual Promotional Interest Rate:', rate: 0.0999, type: 'APR', message: RATE_MESSAGE };
const fee = (amount: number) => ({ description: 'Administrative fees:', amount, type: 'admin_total', message: FEE_MESSAGE });

describeEachStore('POST /accounts/{n}/calculate-interest', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const quote = (account: number | string, body: unknown, query = '', prefix = API251) =>
    api.call('POST', `${prefix}/accounts/${account}/calculate-interest${query}`, { body });
  interface PlanQuote {
    plan_id: number;
    plan_name: string;
    terms: unknown[];
  }
  const plan4 = (body: { promotional_purchase: PlanQuote[] }) => body.promotional_purchase.find((p) => p.plan_id === 4);

  it("answers the lender's rest-of-Canada example exactly (account 116994755, 10.50)", async () => {
    const res = await quote(116994755, { amount: 10.5 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      account_number: 116994755,
      account_type: 'consumer',
      amount: 10.5,
      customer: { air: 0.3099, available_credit: 14000, first_name: 'Flexiti', last_name: 'MITester', category_type: 'preferred' },
      regular_purchase: { term_amount: 10.5, air: 0.3099, fees: [], verify: true },
    });
    expect(plan4(body)).toEqual({
      plan_id: 4,
      plan_name: 'EMP - Regular Interest',
      terms: [
        { term: 3, term_amount: 3.56, fees: [], annual_rates: rates },
        { term: 6, term_amount: 10.38, fees: [fee(50)], annual_rates: rates },
        { term: 12, term_amount: 5.32, fees: [fee(49.99)], annual_rates: rates },
      ],
    });
  });

  it("answers the lender's Quebec example exactly (116994859): no admin fees, no 12-month term", async () => {
    const body = (await quote(116994859, { amount: 10.5 })).json();
    expect(body.customer).toEqual({ air: 0.3099, available_credit: 13500, first_name: 'Flexiti', last_name: 'MITester', category_type: 'preferred' });
    expect(plan4(body)?.terms).toEqual([
      { term: 3, term_amount: 3.56, fees: [], annual_rates: rates },
      { term: 6, term_amount: 1.8, fees: [], annual_rates: rates },
    ]);
  });

  it('is served under v2.5 too, identically', async () => {
    const a = (await quote(116994755, { amount: 10.5 })).json();
    const b = (await quote(116994755, { amount: 10.5 }, '', API)).json();
    expect(b).toEqual(a);
  });

  it('leaves out plans whose terms do not admit the amount', async () => {
    const small = (await quote(116994755, { amount: 10.5 })).json();
    expect(small.promotional_purchase.map((p: { plan_id: number }) => p.plan_id)).toEqual([4]);
    const large = (await quote(116994755, { amount: 500 })).json();
    expect(large.promotional_purchase.map((p: { plan_id: number }) => p.plan_id)).toEqual([1, 2, 3, 4]);
  });

  it('still answers an amount above the available credit, carrying the available credit', async () => {
    const res = await quote(116994755, { amount: 20000 });
    expect(res.statusCode).toBe(200);
    expect(res.json().customer.available_credit).toBe(14000);
  });

  it('says verify is false when the account qualifies for a regular-purchase bypass', async () => {
    expect((await quote(20035156, { amount: 100 })).json().regular_purchase.verify).toBe(false);
  });

  describe('language', () => {
    it('answers in French when asked', async () => {
      const body = (await quote(116994755, { amount: 10.5 }, '?lang=fr')).json();
      const term6 = plan4(body) as unknown as { plan_name: string; terms: { fees: { description: string }[]; annual_rates: { description: string } }[] };
      expect(term6.plan_name).toBe('PVE - Intérêt régulier');
      expect(term6.terms[1]?.fees[0]?.description).not.toBe('Administrative fees:');
      expect(term6.terms[0]?.annual_rates.description).not.toBe('Annual Promotional Interest Rate:');
    });
    it("answers in the customer's preferred language by default", async () => {
      const body = (await quote(300000002, { amount: 10.5 })).json();
      expect(plan4(body)?.plan_name).toBe('PVE - Intérêt régulier');
    });
  });

  describe('refusals', () => {
    it.each([
      ['zero', { amount: 0 }],
      ['a negative amount', { amount: -5 }],
      ['three decimals', { amount: 10.005 }],
      ['a string', { amount: '10.50' }],
      ['null', { amount: null }],
      ['more than a million', { amount: 1000000.01 }],
      ['no amount', {}],
      ['an array', { amount: [10] }],
    ])('refuses %s with 409 wrong_inputs naming amount', async (_what, body) => {
      const res = await quote(116994755, body);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'wrong_inputs', field_errors: [expect.objectContaining({ param: 'amount' })] });
    });
    it('accepts exactly a million and one cent', async () => {
      expect((await quote(116994755, { amount: 1000000 })).statusCode).toBe(200);
      expect((await quote(116994755, { amount: 0.01 })).statusCode).toBe(200);
    });
    it('refuses broken JSON with 409 wrong_inputs', async () => {
      const res = await quote(116994755, '{"amount":');
      expect(res.statusCode).toBe(409);
      expect(res.json().field_errors[0].param).toBe('body');
    });
    it('refuses another content type with 409 wrong_inputs', async () => {
      const res = await api.call('POST', `${API251}/accounts/116994755/calculate-interest`, { body: 'amount=10', headers: { 'content-type': 'text/plain' } });
      expect(res.statusCode).toBe(409);
    });
    it('answers an unknown account with 404 not_found', async () => {
      expect((await quote(99999999, { amount: 10 })).json().error).toBe('not_found');
    });
    it.each([
      ['frozen', 234567890],
      ['closed', 300000005],
    ])('refuses a %s account with 409 user_not_able_to_purchase', async (_s, account) => {
      const res = await quote(account, { amount: 10 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toBe('user_not_able_to_purchase');
    });
    it('refuses an overlong account number in the path with 409 wrong_inputs', async () => {
      const res = await quote('1'.repeat(30), { amount: 10 });
      expect(res.statusCode).toBe(409);
      expect(res.json().field_errors[0].param).toBe('account_number');
    });
  });

  it('may be called with a customer-scope token', async () => {
    const token = await api.token('flexitidemo', 'demo-secret', 'customer');
    expect((await api.call('POST', `${API251}/accounts/116994755/calculate-interest`, { body: { amount: 10.5 }, token })).statusCode).toBe(200);
  });
});
