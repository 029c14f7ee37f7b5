// GET /customers/search: the lender's example field by field, the folding rules, refusals, and scopes.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API, apiClient, type ApiClient } from '../../helpers/api.js';
import { describeEachStore } from '../../helpers/stores.js';

const LENDER_LICENCE = (JSON.parse(readFileSync(new URL('../../fixtures/aamva/lender-example.json', import.meta.url), 'utf8')) as { code: string }).code;

describeEachStore('GET /customers/search', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const search = (query: Record<string, string>, options: { token?: string } = {}) =>
    api.call('GET', `${API}/customers/search?${new URLSearchParams(query)}`, options);

  it("answers the lender's example exactly, field by field and type by type", async () => {
    const res = await search({ first_name: 'John', last_name: 'Smith', dob: '1900-01-01' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, unknown>[];
    expect(body).toHaveLength(2);
    const byAccount = Object.fromEntries(body.map((a) => [a.account_number, a]));
    expect(byAccount[123456789]).toEqual({
      customer_id: '123321',
      account_status: 'N',
      account_status_reason_code: 'NNOR',
      tos_agreement: true,
      risk_rating: 'H',
      account_number: 123456789,
      customer_account_type: 'consumer',
      credit_limit: '1000.00',
      available_credit: '659.51',
      originating_merchant_id: '12345',
      originating_merchant_name: 'ACME Jewellers',
      creation_date: '2019-05-15',
      first_name: 'John',
      last_name: 'Smith',
      card_ending_in: '5941',
      preferred_language: 'fr-CA',
    });
    expect(byAccount[234567890]).toEqual({
      customer_id: '123412',
      account_status: 'F',
      account_status_reason_code: 'FLCK',
      tos_agreement: true,
      risk_rating: 'Y',
      account_number: 234567890,
      customer_account_type: 'business',
      credit_limit: '1000.00',
      available_credit: '847.00',
      originating_merchant_id: '23456',
      originating_merchant_name: 'ACME Restorations',
      creation_date: '2019-04-15',
      first_name: 'John',
      last_name: 'Smith',
      card_ending_in: '6457',
      preferred_language: 'en-CA',
    });
    expect(res.headers['x-reference-id']).toBeTruthy();
  });

  it.each([
    ['case', { first_name: 'JOHN', last_name: 'smith', dob: '1900-01-01' }, 2],
    ['accents', { first_name: 'Marie-Eve', last_name: 'GAGNE', dob: '1990-07-21' }, 1],
    ['hyphen as space', { first_name: 'Jean Luc', last_name: 'St Pierre', dob: '1978-11-02' }, 1],
    ['missing apostrophe', { first_name: 'Siobhan', last_name: 'ONeil', dob: '1982-02-28' }, 3],
    ['typographic apostrophe', { first_name: 'siobhán', last_name: 'O’Neil', dob: '1982-02-28' }, 3],
    ['postal code narrows, any case and spacing', { first_name: 'John', last_name: 'Smith', dob: '1900-01-01', postal_code: 'h3b1k9' }, 1],
    ['a postal code that matches no one', { first_name: 'John', last_name: 'Smith', dob: '1900-01-01', postal_code: 'X0X 0X0' }, 0],
    ['another birth date', { first_name: 'John', last_name: 'Smith', dob: '1900-01-02' }, 0],
    ['an unknown name', { first_name: 'Nobody', last_name: 'Atall', dob: '1900-01-01' }, 0],
  ])('matches regardless of %s', async (_rule, query, count) => {
    const res = await search(query);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(count);
  });

  it('shows every account of a customer, a closed one included', async () => {
    const res = await search({ first_name: 'Siobhan', last_name: "O'Neil", dob: '1982-02-28' });
    const statuses = (res.json() as { account_status: string }[]).map((a) => a.account_status).sort();
    expect(statuses).toEqual(['C', 'N', 'N']);
  });

  describe('refusals name the field at fault (409 wrong_inputs)', () => {
    it.each([
      ['an impossible date', { first_name: 'John', last_name: 'Smith', dob: '1900-02-30' }, 'dob'],
      ['a date in another format', { first_name: 'John', last_name: 'Smith', dob: '01/01/1900' }, 'dob'],
      ['an empty first name', { first_name: '', last_name: 'Smith', dob: '1900-01-01' }, 'first_name'],
      ['a missing last name', { first_name: 'John', dob: '1900-01-01' }, 'last_name'],
      ['a missing date of birth', { first_name: 'John', last_name: 'Smith' }, 'dob'],
      ['an over-long name', { first_name: 'J'.repeat(51), last_name: 'Smith', dob: '1900-01-01' }, 'first_name'],
      ['a name of punctuation only', { first_name: "-'", last_name: 'Smith', dob: '1900-01-01' }, 'first_name'],
      ['a malformed postal code', { first_name: 'John', last_name: 'Smith', dob: '1900-01-01', postal_code: '<script>' }, 'postal_code'],
    ])('refuses %s', async (_what, query, param) => {
      const res = await search(query as Record<string, string>);
      expect(res.statusCode).toBe(409);
      const body = res.json();
      expect(body).toMatchObject({ error: 'wrong_inputs', message: 'Some inputs are wrong or missing!', url: `${API}/customers/search` });
      expect(body.field_errors.map((f: { param: string }) => f.param)).toContain(param);
    });
    it('names every bad field at once', async () => {
      const res = await search({ first_name: '', last_name: '', dob: 'x' });
      expect(
        res
          .json()
          .field_errors.map((f: { param: string }) => f.param)
          .sort(),
      ).toEqual(['dob', 'first_name', 'last_name']);
    });
    it('refuses a repeated parameter', async () => {
      const res = await api.call('GET', `${API}/customers/search?first_name=John&first_name=Jack&last_name=Smith&dob=1900-01-01`);
      expect(res.statusCode).toBe(409);
    });
  });

  it("finds the holder of the lender's example driver's licence from what the licence decodes to", async () => {
    // The console's sample barcode and the contract's example are this licence: a scan must lead to a demo customer.
    const decoded = await api.call('POST', `${API}/customers/driverslicense`, { body: { code: LENDER_LICENCE } });
    expect(decoded.statusCode).toBe(200);
    const { first_name, last_name, dob, postal_code } = decoded.json() as { first_name: string; last_name: string; dob: string; postal_code: string };
    const res = await search({ first_name, last_name, dob, postal_code });
    expect(res.statusCode).toBe(200);
    const found = res.json() as { customer_id: string; account_number: number; account_status: string }[];
    expect(found.map(({ customer_id, account_number, account_status }) => ({ customer_id, account_number, account_status }))).toEqual([
      { customer_id: '600100', account_number: 300000006, account_status: 'N' },
    ]);
  });

  it('is refused to a customer-scope token (403 insufficient_scope)', async () => {
    const token = await api.token('flexitidemo', 'demo-secret', 'customer');
    const res = await search({ first_name: 'John', last_name: 'Smith', dob: '1900-01-01' }, { token });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('insufficient_scope');
  });

  it('requires x-reference-id', async () => {
    const res = await api.call('GET', `${API}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`, { referenceId: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().field_errors[0].param).toBe('x-reference-id');
  });
});

describe('search uses the index, not a table scan', () => {
  it('on SQLite the plan searches customers_search', async () => {
    const { createSeededContext } = await import('../../helpers/stores.js');
    const { sql } = await import('kysely');
    const f = await createSeededContext('sqlite');
    try {
      const plan = await sql<{
        detail: string;
      }>`explain query plan select * from customers where last_name_key = 'smith' and first_name_key = 'john' and dob = '1900-01-01'`.execute(f.ctx.db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING INDEX customers_search/);
    } finally {
      await f.ctx.close();
      await f.store.drop();
    }
  });
});
