// A card number sent as an identifier (x-reference-id, a verify or purchase request_id, an order reference, a basket's
// purchase order) is masked to its first six and last four digits in answers, logs and every table; the ids still do
// their jobs (a PIN is found by its request id, a call is made once per reference id).
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { API, API251, DEMO_SECRETS, TOKEN_URL } from '../helpers/api.js';
import { dumpDatabase } from '../helpers/database-dump.js';
import { ONTARIO, WHERE } from '../helpers/purchases.js';
import { describeEachStore } from '../helpers/stores.js';

// Test card numbers (all pass Luhn), none of them a demo account's card; the two Visa ones differ only in the middle.
const VISA = '4111111111111111';
const VISA_TWIN = '4111110000091111';
const AMEX = '378282246310005';
const MASTERCARD = '5555555555554444';
const CARDS = [VISA, VISA_TWIN, AMEX, MASTERCARD];
const masked = (card: string) => `${card.slice(0, 6)}${'*'.repeat(card.length - 10)}${card.slice(-4)}`;

describeEachStore(
  'card numbers sent as identifiers',
  (fixture) => {
    let app: FastifyInstance;
    const lines: string[] = [];
    let token: string;
    beforeAll(async () => {
      const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
      app = await buildApp(fixture().ctx, { logStream: sink });
      const res = await app.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'x-reference-id': 'token-call' },
        payload: { grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: DEMO_SECRETS.flexitidemo },
      });
      token = res.json().access_token;
    });
    afterAll(async () => {
      await app.close();
    });
    const call = (method: 'GET' | 'POST', url: string, referenceId: string, payload?: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'x-reference-id': referenceId }, ...(payload ? { payload } : {}) });

    it('x-reference-id: echoed masked, in the header and the error body', async () => {
      const ok = await call('GET', `${API}/customers/lookup?account_number=20035156`, `till-${VISA}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-reference-id']).toBe(`till-${masked(VISA)}`);
      const refused = await call('GET', `${API}/customers/lookup`, AMEX);
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['x-reference-id']).toBe(masked(AMEX));
      expect(refused.json().reference_id).toBe(masked(AMEX));
      const unknown = await call('GET', `${API}/customers/nowhere`, AMEX);
      expect(unknown.headers['x-reference-id']).toBe(masked(AMEX));
    });

    it('a verify request_id and a purchase reference: kept and answered masked, and the PIN still found by its request id', async () => {
      const verify = await call('POST', `${API}/account/${ONTARIO}/verify`, `v-${MASTERCARD}`, { format: 'merchant_override', request_id: MASTERCARD });
      expect(verify.statusCode, verify.body).toBe(200);
      const purchase = await call('POST', `${API251}/authorization`, `p-${MASTERCARD}`, {
        account_number: ONTARIO,
        amount: 25,
        financing_option: { transaction_type: 'regular_purchase' },
        auto_capture: true,
        verification_code: verify.json().verification_code,
        request_id: MASTERCARD,
        reference: `order ${VISA}`,
        sku_data: { purchase_order: VISA, products: [{ sku_id: AMEX, quantity: 1, unit_price: 25 }] },
        ...WHERE,
      });
      expect(purchase.statusCode, purchase.body).toBe(200);
      expect(purchase.body).not.toContain(VISA);
      expect(purchase.json().reference).toBe(`order ${masked(VISA)}`);
    });

    it('two reference ids that differ only in hidden digits stay two calls', async () => {
      const body = { format: 'merchant_override', request_id: 'same-till-request' };
      const first = await call('POST', `${API}/account/${ONTARIO}/verify`, VISA, body);
      const second = await call('POST', `${API}/account/${ONTARIO}/verify`, VISA_TWIN, { ...body, request_id: 'other-till-request' });
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      expect(second.headers['x-idempotent-replay']).toBeUndefined();
      // The same id again is still a replay.
      const again = await call('POST', `${API}/account/${ONTARIO}/verify`, VISA, body);
      expect(again.headers['x-idempotent-replay']).toBe('true');
      expect(again.body).toBe(first.body);
    });

    it('no log line and no row holds any of the card numbers', async () => {
      const log = lines.join('');
      expect(log).toContain(masked(VISA));
      const rows = await dumpDatabase(fixture().ctx.db, fixture().kind);
      expect(rows).toContain(masked(MASTERCARD));
      for (const card of CARDS) {
        expect(log).not.toContain(card);
        expect(rows).not.toContain(card);
      }
    });
  },
  { LOG_LEVEL: 'info' },
);
