// The contract hook covers every route: each documented operation is called here, its answers checked by the hook
// (test/helpers/contract-setup.ts), and the document's success examples are what the service answers for the demo data.
// The hook itself is shown to catch an answer that drifts from the document.
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLOSE_ANSWER_EXAMPLE,
  LICENCE_ANSWER_EXAMPLE,
  LICENCE_BODY_EXAMPLE,
  LOOKUP_ANSWER_EXAMPLE,
  QUOTE_ANSWER_EXAMPLE,
  QUOTE_BODY_EXAMPLE,
  SEARCH_ANSWER_EXAMPLE,
  SEARCH_QUERY_EXAMPLE,
  VERIFY_BODY_EXAMPLE,
} from '../../src/contract/examples.js';
import {
  AUTHORIZATION_ANSWER_EXAMPLE,
  AUTHORIZATION_BODY_EXAMPLE,
  AUTHORIZATION_PAGE_EXAMPLE,
  AUTHORIZATION_V25_ANSWER_EXAMPLE,
  CAPTURE_ANSWER_EXAMPLE,
  CAPTURE_BODY_EXAMPLE,
  CAPTURE_PAGE_EXAMPLE,
  EXAMPLE_IDS,
  GET_AUTHORIZATION_ANSWER_EXAMPLE,
  HELD_AUTHORIZATION_BODY_EXAMPLE,
  PAYMENT_ANSWER_EXAMPLE,
  PAYMENT_BODY_EXAMPLE,
  PURCHASE_ACCOUNT_NUMBER,
  REFUND_ANSWER_EXAMPLE,
  REFUND_BODY_EXAMPLE,
  RELEASE_ANSWER_EXAMPLE,
  RELEASE_BODY_EXAMPLE,
  RETURN_ANSWER_EXAMPLE,
  RETURN_BODY_EXAMPLE,
} from '../../src/contract/purchase-examples.js';
import { API, API251, apiClient, nextReferenceId, TOKEN_URL, type ApiClient } from '../helpers/api.js';
import { checkAnswer, contractCoverage, coverageLines, takeViolations } from '../helpers/contract.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

/** Ids and instants differ from run to run: an answer is compared to its example with them swapped for the example's. */
const ID_KEYS = new Set(['authorization_id', 'capture_id', 'return_id', 'transaction_id']);
const INSTANT_KEYS = new Set(['created_at', 'date']);

/** `actual` with its ids renamed by `ids` (`key:id` → the example's id) and its instants (when well formed) the example's. */
function asDocumented(actual: unknown, example: unknown, ids: Map<string, string>): unknown {
  const at = (key: string | number) => (example && typeof example === 'object' ? (example as Record<string, unknown>)[key] : undefined);
  if (Array.isArray(actual)) return actual.map((v, i) => asDocumented(v, at(i), ids));
  if (!actual || typeof actual !== 'object') return actual;
  return Object.fromEntries(
    Object.entries(actual).map(([k, v]) => {
      if (ID_KEYS.has(k) && typeof v === 'string') return [k, ids.get(`${k}:${v}`) ?? v];
      if (INSTANT_KEYS.has(k) && typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v)) return [k, at(k)];
      return [k, asDocumented(v, at(k), ids)];
    }),
  );
}

const LENDER_LICENCE = JSON.parse(readFileSync(new URL('../fixtures/aamva/lender-example.json', import.meta.url), 'utf8')) as { code: string };

describe('the contract hook on every operation', () => {
  let fixture: StoreFixture;
  let api: ApiClient;
  beforeAll(async () => {
    fixture = await createSeededContext('sqlite');
    api = await apiClient(fixture.ctx);
  });
  afterAll(async () => {
    await api.app.close();
    await fixture.ctx.close();
    await fixture.store.drop();
  });

  describe("each operation answers its document's example for the demo data", () => {
    it('token', async () => {
      const res = await api.app.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId() },
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'flexitidemo',
          client_secret: 'demo-secret',
          scope: 'merchant',
        }).toString(),
      });
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json()).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    });
    it('search', async () => {
      const res = await api.call('GET', `${API}/customers/search?${new URLSearchParams(SEARCH_QUERY_EXAMPLE)}`);
      expect(res.json()).toEqual(SEARCH_ANSWER_EXAMPLE);
    });
    it('lookup', async () => {
      const res = await api.call('GET', `${API}/customers/lookup?account_number=20035156`);
      expect(res.json()).toEqual(LOOKUP_ANSWER_EXAMPLE);
    });
    it('verify (the PIN is random: its shape only)', async () => {
      const res = await api.call('POST', `${API}/account/20035156/verify`, { body: VERIFY_BODY_EXAMPLE });
      expect(res.statusCode).toBe(200);
      expect(res.json().verification_code).toEqual(expect.any(Number));
    });
    it('calculate-interest, v2.5.1 and v2.5', async () => {
      for (const base of [API251, API]) {
        const res = await api.call('POST', `${base}/accounts/116994755/calculate-interest`, { body: QUOTE_BODY_EXAMPLE });
        expect(res.json()).toEqual(QUOTE_ANSWER_EXAMPLE);
      }
    });
    it('driverslicense', async () => {
      expect(LICENCE_BODY_EXAMPLE.code).toBe(LENDER_LICENCE.code);
      const res = await api.call('POST', `${API}/customers/driverslicense`, { body: LICENCE_BODY_EXAMPLE });
      expect(res.json()).toEqual(LICENCE_ANSWER_EXAMPLE);
    });
    it('close', async () => {
      const res = await api.call('POST', `${API}/accounts/116994859/close`);
      expect(res.json()).toEqual(CLOSE_ANSWER_EXAMPLE);
    });
    it("the Transactions: the examples' day at the till, step by step (ids and instants aside)", async () => {
      const ids = new Map<string, string>();
      const pin = async (requestId: string) => {
        const res = await api.call('POST', `${API}/account/${PURCHASE_ACCOUNT_NUMBER}/verify`, {
          body: { format: 'merchant_override', request_id: requestId },
        });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { verification_code: number }).verification_code;
      };
      const step = async (url: string, body: unknown, example: unknown) => {
        const res = await api.call('POST', url, { body });
        expect(res.statusCode, `${url} ${res.body}`).toBe(200);
        return { res, answer: res.json(), check: () => expect(asDocumented(res.json(), example, ids), url).toEqual(example) };
      };
      // 1. The purchase, captured at once.
      const bought = await step(
        `${API251}/authorization`,
        { ...AUTHORIZATION_BODY_EXAMPLE, verification_code: await pin(AUTHORIZATION_BODY_EXAMPLE.request_id) },
        AUTHORIZATION_ANSWER_EXAMPLE,
      );
      ids.set(`authorization_id:${bought.answer.authorization_id}`, EXAMPLE_IDS.authorization);
      ids.set(`capture_id:${bought.answer.captures[0].capture_id}`, EXAMPLE_IDS.capture);
      bought.check();
      // 2. Part of it returned.
      const returned = await step(
        `${API251}/authorization/${bought.answer.authorization_id}/capture/${bought.answer.captures[0].capture_id}/return`,
        RETURN_BODY_EXAMPLE,
        RETURN_ANSWER_EXAMPLE,
      );
      ids.set(`return_id:${returned.answer.return_id}`, EXAMPLE_IDS.return);
      returned.check();
      // 3. A payment at the till.
      const paid = await step(
        `${API251}/transactions`,
        { ...PAYMENT_BODY_EXAMPLE, verification_code: await pin(PAYMENT_BODY_EXAMPLE.request_id) },
        PAYMENT_ANSWER_EXAMPLE,
      );
      ids.set(`transaction_id:${paid.answer.transaction_id}`, EXAMPLE_IDS.payment);
      paid.check();
      // 4. A purchase held, captured in part, the rest released.
      const held = await step(
        `${API251}/authorization`,
        { ...HELD_AUTHORIZATION_BODY_EXAMPLE, verification_code: await pin(HELD_AUTHORIZATION_BODY_EXAMPLE.request_id) },
        undefined,
      );
      ids.set(`authorization_id:${held.answer.authorization_id}`, EXAMPLE_IDS.heldAuthorization);
      const captured = await step(`${API251}/authorization/${held.answer.authorization_id}/capture`, CAPTURE_BODY_EXAMPLE, CAPTURE_ANSWER_EXAMPLE);
      ids.set(`capture_id:${captured.answer.captures[0].capture_id}`, EXAMPLE_IDS.heldCapture);
      captured.check();
      (await step(`${API251}/authorization/${held.answer.authorization_id}/release`, RELEASE_BODY_EXAMPLE, RELEASE_ANSWER_EXAMPLE)).check();
      // 5. A refund: its id in a header.
      const refunded = await step(`${API251}/accounts/${PURCHASE_ACCOUNT_NUMBER}/refund`, REFUND_BODY_EXAMPLE, REFUND_ANSWER_EXAMPLE);
      expect(refunded.answer).toEqual(REFUND_ANSWER_EXAMPLE);
      expect(refunded.res.headers['x-refund-id']).toMatch(/^\d+$/);
      // 6. The reads.
      const read = async (url: string, example: unknown) => {
        const res = await api.call('GET', url);
        expect(res.statusCode, res.body).toBe(200);
        expect(asDocumented(res.json(), example, ids), url).toEqual(example);
      };
      await read(`${API251}/authorizations`, AUTHORIZATION_PAGE_EXAMPLE);
      await read(`${API251}/captures`, CAPTURE_PAGE_EXAMPLE);
      await read(`${API251}/authorization/${bought.answer.authorization_id}`, GET_AUTHORIZATION_ANSWER_EXAMPLE);
      // The same purchase on the deprecated v2.5 path, made now: only the available credit left differs.
      const old = await api.call('POST', `${API}/authorization`, {
        body: { ...AUTHORIZATION_BODY_EXAMPLE, request_id: 'till-7-000126', verification_code: await pin('till-7-000126') },
      });
      expect(old.statusCode, old.body).toBe(200);
      ids.set(`authorization_id:${old.json().authorization_id}`, EXAMPLE_IDS.authorization);
      ids.set(`capture_id:${old.json().captures[0].capture_id}`, EXAMPLE_IDS.capture);
      const afterTheDay = GET_AUTHORIZATION_ANSWER_EXAMPLE.available_credit - 250;
      expect(asDocumented(old.json(), AUTHORIZATION_V25_ANSWER_EXAMPLE, ids)).toEqual({ ...AUTHORIZATION_V25_ANSWER_EXAMPLE, available_credit: afterTheDay });
    });
  });

  describe('and the refusals every route shares', () => {
    const routes: [string, 'GET' | 'POST', string, unknown?][] = [
      ['search', 'GET', `${API}/customers/search?first_name=A&last_name=B&dob=1985-03-14`],
      ['lookup', 'GET', `${API}/customers/lookup?account_number=1`],
      ['verify', 'POST', `${API}/account/1/verify`, { format: 'sms', request_id: '1' }],
      ['calculate-interest', 'POST', `${API251}/accounts/1/calculate-interest`, { amount: 1 }],
      ['calculate-interest v2.5', 'POST', `${API}/accounts/1/calculate-interest`, { amount: 1 }],
      ['driverslicense', 'POST', `${API}/customers/driverslicense`, { code: 'x' }],
      ['close', 'POST', `${API}/accounts/1/close`],
      [
        'authorization',
        'POST',
        `${API251}/authorization`,
        { account_number: 1, amount: 1, auto_capture: true, financing_option: { transaction_type: 'regular_purchase' } },
      ],
      [
        'authorization v2.5',
        'POST',
        `${API}/authorization`,
        { account_number: 1, amount: 1, auto_capture: true, financing_option: { transaction_type: 'regular_purchase' } },
      ],
      ['capture', 'POST', `${API251}/authorization/1/capture`, {}],
      ['release', 'POST', `${API251}/authorization/1/release`, {}],
      ['return', 'POST', `${API251}/authorization/1/capture/1/return`, { full_return: true }],
      ['refund', 'POST', `${API251}/accounts/1/refund`, { amount: 1 }],
      ['transactions', 'POST', `${API251}/transactions`, { transaction_type: 'deposit', amount: 1, account_number: 1 }],
      ['authorizations', 'GET', `${API251}/authorizations`],
      ['authorization/{id}', 'GET', `${API251}/authorization/1`],
      ['captures', 'GET', `${API251}/captures`],
    ];
    it.each(routes)('%s: 401 without a token, 403 on another client, 409 without x-reference-id', async (_name, method, url, body) => {
      expect((await api.call(method, url, { body, token: null })).statusCode).toBe(401);
      expect((await api.call(method, url, { body, token: await api.token('acmedemo') })).statusCode).toBe(403);
      expect((await api.call(method, url, { body, referenceId: null })).statusCode).toBe(409);
    });
    it('the token call: 400 for a wrong secret, 409 without x-reference-id', async () => {
      const wrong = await api.app.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'x-reference-id': nextReferenceId() },
        payload: { grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: 'no' },
      });
      expect(wrong.statusCode).toBe(400);
      const bare = await api.app.inject({ method: 'POST', url: TOKEN_URL, payload: { grant_type: 'client_credentials' } });
      expect(bare.statusCode).toBe(409);
    });
    it('an unknown route (404) and a wrong method (405) still answer the error body', async () => {
      expect((await api.call('GET', `${API}/nowhere`)).statusCode).toBe(404);
      expect((await api.call('GET', `${API}/customers/driverslicense`)).statusCode).toBe(405);
    });
  });

  it('has seen an answer of every documented operation, each checked against the document', () => {
    const { seen, documented } = contractCoverage();
    const operationsOf = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(/ \d+$/, '')));
    const answered = operationsOf([...seen.keys()].filter((k) => (seen.get(k) ?? 0) > 0));
    const missing = [...operationsOf(documented)].filter((op) => !answered.has(op));
    console.log(`contract coverage of this file:\n  ${coverageLines(seen, documented).join('\n  ')}`);
    expect(documented.size).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});

describe('the contract hook', () => {
  it('fails an answer that drifts from its document: a body, a status, a route the document does not have', async () => {
    const app = Fastify({ logger: false });
    // A made-up document: checked like any other, left out of the coverage list.
    const info = { title: 'drift', version: '1', 'x-contract-coverage': false };
    await app.register(swagger, { openapi: { openapi: '3.1.0', info } });
    const Answer = { type: 'object', required: ['day'], properties: { day: { type: 'string', format: 'date' } } } as const;
    // The serializer does not check formats, so this route answers what its own schema forbids.
    app.get('/drift', { schema: { response: { 200: Answer } } }, async () => ({ day: 'tomorrow' }));
    app.get('/teapot', { schema: { response: { 200: Answer } } }, async (_request, reply) => reply.code(418 as never).send({ day: '2026-01-01' } as never));
    app.get('/fine', { schema: { response: { 200: Answer } } }, async () => ({ day: '2026-01-01' }));
    await app.ready();
    await app.inject('/drift');
    await app.inject('/teapot');
    await app.inject('/fine');
    const violations = takeViolations();
    await app.close();
    expect(violations).toEqual([
      expect.stringMatching(/^GET \/drift 200: the body does not match the document: \/day must match format "date"/),
      expect.stringMatching(/^GET \/teapot 418: status 418 is not documented/),
    ]);
  });

  it('names what is wrong for a route missing from the document, and for a non-JSON error', () => {
    const document = { info: { 'x-contract-coverage': false }, paths: {}, components: { schemas: { ErrorBody: { type: 'object', required: ['error'] } } } };
    const base = { method: 'GET', hidden: false, contentType: 'application/json; charset=utf-8' };
    expect(checkAnswer(document, { ...base, routeUrl: '/x/:id', status: 200, payload: '{}' })).toMatchObject({
      route: 'GET /x/{id}',
      status: 200,
      problem: 'the route is not in the OpenAPI document',
    });
    expect(checkAnswer(document, { ...base, routeUrl: undefined, status: 404, payload: '{"message":"no"}' })?.problem).toMatch(/not an ErrorBody/);
    expect(checkAnswer(document, { ...base, routeUrl: '/health', hidden: true, status: 200, payload: '{}' })).toBeUndefined();
  });
});
