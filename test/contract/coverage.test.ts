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
import { API, API251, apiClient, nextReferenceId, TOKEN_URL, type ApiClient } from '../helpers/api.js';
import { checkAnswer, contractCoverage, coverageLines, takeViolations } from '../helpers/contract.js';
import { createSeededContext, type StoreFixture } from '../helpers/stores.js';

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
