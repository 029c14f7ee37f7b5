// Text no store can keep (a NUL character, a lone UTF-16 surrogate) is bad input on both stores alike: the lender's
// 4xx naming the field, never a 500 from PostgreSQL (which refuses NUL) nor text silently changed on the way in.
import { beforeAll, describe, expect, it } from 'vitest';
import { API, API251, apiClient, nextReferenceId, TOKEN_URL, type ApiClient } from '../helpers/api.js';
import { describeEachStore } from '../helpers/stores.js';

const UNSTORABLE: [string, string][] = [
  ['a NUL character', 'flexitidemo\u0000'],
  ['a lone high surrogate', 'flexitidemo\ud800'],
  ['a lone low surrogate', '\udc00flexitidemo'],
];

describeEachStore('text no store can keep', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const json = (payload: string, headers: Record<string, string> = {}) =>
    api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      headers: { 'content-type': 'application/json', 'x-reference-id': nextReferenceId(), ...headers },
      payload,
    });

  describe('in the token call (400 invalid_request naming the field)', () => {
    it.each(UNSTORABLE)('client_id with %s, in a JSON body', async (_what, clientId) => {
      const res = await json(JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'demo-secret' }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', url: TOKEN_URL, field_errors: [expect.objectContaining({ param: 'client_id' })] });
    });
    it.each(UNSTORABLE)('client_id with %s, form-encoded', async (_what, clientId) => {
      const res = await api.app.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId() },
        payload: `grant_type=client_credentials&client_secret=demo-secret&client_id=${clientId.includes('\u0000') ? 'flexitidemo%00' : 'flexitidemo%ED%A0%80'}`,
      });
      // The form parser turns bytes that are not UTF-8 into U+FFFD, which is storable: refused as an unknown client then.
      expect([400]).toContain(res.statusCode);
      expect(res.json().error).toMatch(/^invalid_(request|client)$/);
    });
    // Basic credentials are bytes: a NUL gets through base64, a lone surrogate cannot (it has no UTF-8 form).
    it('client id with a NUL character, in HTTP Basic credentials', async () => {
      const basic = Buffer.from('flexitidemo\u0000:demo-secret').toString('base64');
      const res = await json(JSON.stringify({ grant_type: 'client_credentials' }), { authorization: `Basic ${basic}` });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', field_errors: [{ param: 'authorization' }] });
    });
    it('a NUL in the secret is refused without echoing the secret', async () => {
      const res = await json(JSON.stringify({ grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: 'demo-secret\u0000' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().field_errors).toEqual([{ param: 'client_secret', msg: expect.any(String) }]);
    });
  });

  describe('in the API (409 wrong_inputs naming the field)', () => {
    it.each(UNSTORABLE)("an authorization's reference with %s", async (_what, text) => {
      const res = await api.call('POST', `${API251}/authorization`, {
        body: {
          account_number: 116992907,
          amount: 10,
          financing_option: { transaction_type: 'regular_purchase' },
          auto_capture: false,
          reference: text,
          verification_code: 1,
        },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ error: 'wrong_inputs', field_errors: [expect.objectContaining({ param: 'reference' })] });
    });
    it.each(UNSTORABLE)("a basket's purchase order with %s", async (_what, text) => {
      const res = await api.call('POST', `${API251}/authorization`, {
        body: {
          account_number: 116992907,
          amount: 10,
          financing_option: { transaction_type: 'regular_purchase' },
          auto_capture: false,
          verification_code: 1,
          sku_data: { purchase_order: text },
        },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().field_errors).toEqual([expect.objectContaining({ param: 'sku_data.purchase_order' })]);
    });
    it('a NUL in a query value', async () => {
      const res = await api.call('GET', `${API}/customers/search?first_name=Alan%00&last_name=Martinet&dob=1980-01-01`);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().field_errors).toEqual([expect.objectContaining({ param: 'first_name' })]);
    });
  });
});
