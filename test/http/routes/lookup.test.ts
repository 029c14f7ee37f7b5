// GET /customers/lookup: the lender's two examples field by field, the three ways in, languages, offers and refusals.
import { beforeAll, describe, expect, it } from 'vitest';
import { API, apiClient, type ApiClient } from '../../helpers/api.js';
import { describeEachStore } from '../../helpers/stores.js';

describeEachStore('GET /customers/lookup', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const lookup = (query: string, options: { token?: string } = {}) => api.call('GET', `${API}/customers/lookup?${query}`, options);

  it("answers the lender's consumer example (account 20035156) exactly", async () => {
    const res = await lookup('account_number=20035156');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      available_credit: 5000,
      account_number: 20035156,
      customer_id: '43353',
      security_qid: [{ id: 4, text: 'What is the name of your favourite childhood friend?' }],
      address_1: '123 Anystreet Ave',
      address_2: 'Suite 100',
      city: 'Toronto',
      postal_code: 'M5M1M1',
      province: 'ON',
      payment_protection: false,
      risk_rating: 'L',
      card_ending_in: '6395',
      preferred_language: 'en-CA',
      email: 'a***inet@flexiti.com',
      phone_number: '***-***-2222',
      account_type: 'consumer',
    });
    expect(body.offer_types).toContainEqual({
      plan_name: '90 Days Grace, Equal Payments Regular Interest',
      plan_id: '1',
      offer_category: 'equal_billing',
      term_options: ['12', '18', '24', '36'],
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'account_number',
        'account_type',
        'address_1',
        'address_2',
        'available_credit',
        'card_ending_in',
        'city',
        'customer_id',
        'email',
        'first_name',
        'last_name',
        'offer_types',
        'payment_protection',
        'phone_number',
        'postal_code',
        'preferred_language',
        'province',
        'risk_rating',
        'security_qid',
      ].sort(),
    );
  });

  it("answers the lender's business example (116992907) with the authorized user's names", async () => {
    const body = (await lookup('account_number=116992907')).json();
    expect(body).toMatchObject({
      first_name: 'Random',
      last_name: 'BusinessPerson',
      available_credit: 14000,
      account_number: 116992907,
      customer_id: '1291820-11',
      security_qid: [{ id: 6, text: 'What is your favourite movie?' }],
      payment_protection: false,
      address_1: '123 Any Street',
      city: 'Toronto',
      postal_code: 'M6S2R5',
      province: 'ON',
      risk_rating: 'L',
      preferred_language: 'en-CA',
      card_ending_in: '7962',
      email: 'v*****vich@flexiti.com',
      phone_number: '***-***-5119',
      account_type: 'business',
    });
    expect(body.offer_types).toContainEqual({
      plan_name: '90 Days Grace, Equal Payments Regular Interest',
      plan_id: '1',
      offer_category: 'equal_billing',
      term_options: ['12', '18', '24', '36', '48', '60', '72'],
    });
  });

  it('finds the account a card belongs to, through its keyed hash', async () => {
    const body = (await lookup('vcc_number=5299310003007962')).json();
    expect(body.account_number).toBe(116992907);
    expect(JSON.stringify(body)).not.toContain('5299310003007962');
  });

  it("finds a customer's most recently opened open account by customer id", async () => {
    expect((await lookup('customer_id=700003')).json().account_number).toBe(300000004);
    expect((await lookup('customer_id=1291820-11')).json().account_number).toBe(116992907);
  });

  it("still finds a closed account by its number, with its holder's details", async () => {
    const res = await lookup('account_number=300000005');
    expect(res.statusCode).toBe(200);
    expect(res.json().card_ending_in).toBe('');
  });

  describe('language', () => {
    it("answers in the customer's preferred language by default", async () => {
      const body = (await lookup('account_number=300000001')).json();
      expect(body.preferred_language).toBe('fr-CA');
      expect(body.security_qid).toEqual([{ id: 2, text: 'Dans quelle ville êtes-vous né(e)?' }]);
      expect(body.offer_types.find((o: { plan_id: string }) => o.plan_id === '4').plan_name).toBe('PVE - Intérêt régulier');
    });
    it.each([
      ['fr', 'Quel est votre film préféré?'],
      ['fr-CA', 'Quel est votre film préféré?'],
      ['EN_CA', 'What is your favourite movie?'],
      ['en', 'What is your favourite movie?'],
    ])('lang=%s', async (lang, text) => {
      expect((await lookup(`account_number=116992907&lang=${lang}`)).json().security_qid[0].text).toBe(text);
    });
  });

  it("offers what the calling client's merchant offers", async () => {
    const acme = await api.token('acmedemo');
    const res = await api.call('GET', `/flexiti/pos-api/v2.5/client-id/acmedemo/customers/lookup?account_number=20035156`, { token: acme });
    expect(res.json().offer_types.map((o: { plan_id: string }) => o.plan_id)).toEqual(['4']);
  });

  describe('refusals', () => {
    it.each([
      ['no identifier', '', ['vcc_number', 'account_number', 'customer_id']],
      ['two identifiers', 'account_number=20035156&customer_id=43353', ['account_number', 'customer_id']],
      ['a card number with a bad checksum', 'vcc_number=5299310002006396', ['vcc_number']],
      ['a card number of 15 digits', 'vcc_number=529931000200639', ['vcc_number']],
      ['an account number with letters', 'account_number=12ab', ['account_number']],
      ['an account number of 15 digits', 'account_number=123456789012345', ['account_number']],
      ['an unknown language', 'account_number=20035156&lang=de', ['lang']],
    ])('refuses %s with 409 wrong_inputs', async (_what, query, params) => {
      const res = await lookup(query);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toBe('wrong_inputs');
      expect(
        res
          .json()
          .field_errors.map((f: { param: string }) => f.param)
          .sort(),
      ).toEqual([...params].sort());
    });
    it('masks a card number it echoes in an error', async () => {
      const res = await lookup('vcc_number=5299310002006396');
      expect(res.body).not.toContain('529931000200639');
      expect(res.json().field_errors[0].value).toBe('************6396');
    });
    it.each([
      ['an unknown account', 'account_number=99999999'],
      ['an unknown customer', 'customer_id=nobody'],
      ['an unknown card', 'vcc_number=4111111111111111'],
    ])('answers %s with 404 not_found', async (_what, query) => {
      const res = await lookup(query);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', url: `${API}/customers/lookup` });
    });
    it('is refused to a customer-scope token', async () => {
      const token = await api.token('flexitidemo', 'demo-secret', 'customer');
      expect((await lookup('account_number=20035156', { token })).statusCode).toBe(403);
    });
  });
});
