// The wire basics every route shares: x-reference-id, the error model for the framework's own failures, health, logs.
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { API, API251, apiClient, nextReferenceId, type ApiClient } from '../helpers/api.js';
import { createSeededContext, describeEachStore, storeKinds } from '../helpers/stores.js';

describeEachStore('wire basics', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const lookupUrl = `${API}/customers/lookup?account_number=20035156`;

  describe('x-reference-id', () => {
    it('is echoed in the answer', async () => {
      const res = await api.call('GET', lookupUrl, { referenceId: 'till-42/2026-11-27' });
      expect(res.headers['x-reference-id']).toBe('till-42/2026-11-27');
    });
    it.each([
      ['missing', null],
      ['empty', ''],
      ['longer than 100 characters', 'r'.repeat(101)],
      ['with a control character', 'ab\tc'],
      ['with non-ASCII characters', 'référence'],
    ])('is refused when %s (409 wrong_inputs naming it)', async (_what, referenceId) => {
      const res = await api.call('GET', lookupUrl, {
        referenceId: referenceId === null ? null : encodeURI(referenceId) === referenceId ? referenceId : referenceId,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        error: 'wrong_inputs',
        message: 'Some inputs are wrong or missing!',
        field_errors: [expect.objectContaining({ param: 'x-reference-id' })],
      });
    });
    it('is checked before the token', async () => {
      const res = await api.call('GET', lookupUrl, { referenceId: null, token: null });
      expect(res.statusCode).toBe(409);
    });
  });

  describe("the framework's own failures answer in the lender's error shape", () => {
    it('an unknown route is 404 not_found', async () => {
      const res = await api.call('GET', `${API}/customers/nowhere`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ url: `${API}/customers/nowhere`, message: expect.any(String), error: 'not_found', reference_id: expect.any(String) });
    });
    it('a wrong method is 405 with Allow', async () => {
      const res = await api.call('POST', `${API}/customers/search`, { body: {} });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET');
      expect(res.json().error).toBe('method_not_allowed');
    });
    it('malformed JSON is 409 wrong_inputs naming the body', async () => {
      const res = await api.call('POST', `${API}/customers/driverslicense`, { body: '{"code": ' });
      expect(res.statusCode).toBe(409);
      expect(res.json().field_errors).toEqual([{ param: 'body', msg: 'is not valid JSON' }]);
    });
    it('a wrong content type is 409 wrong_inputs', async () => {
      const res = await api.call('POST', `${API}/customers/driverslicense`, {
        body: 'code=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().field_errors[0].param).toBe('content-type');
    });
    it('a body over 64 KiB is 413 payload_too_large', async () => {
      const res = await api.call('POST', `${API}/customers/driverslicense`, { body: { code: 'x'.repeat(70_000) } });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toBe('payload_too_large');
    });
    it('a schema violation names each bad field once', async () => {
      const res = await api.call('POST', `${API}/account/20035156/verify`, { body: { format: 'pigeon', security_qid: 'six', request_id: 5 } });
      expect(res.statusCode).toBe(409);
      expect(
        res
          .json()
          .field_errors.map((f: { param: string }) => f.param)
          .sort(),
      ).toEqual(['format', 'request_id', 'security_qid']);
    });
    it('an overflowing path parameter is 409 wrong_inputs', async () => {
      const res = await api.call('POST', `${API251}/accounts/${'9'.repeat(500)}/calculate-interest`, { body: { amount: 1 } });
      expect(res.statusCode).toBe(409);
    });
    it("a token of one client on another client's path is 403 forbidden, for every route", async () => {
      const acme = await api.token('acmedemo');
      for (const [method, url, body] of [
        ['GET', `${API}/customers/search?first_name=a&last_name=b&dob=1900-01-01`],
        ['GET', lookupUrl],
        ['POST', `${API}/account/20035156/verify`, { format: 'sms', request_id: '1' }],
        ['POST', `${API}/customers/driverslicense`, { code: 'x' }],
        ['POST', `${API}/accounts/116994859/close`],
        ['POST', `${API251}/accounts/116994755/calculate-interest`, { amount: 1 }],
      ] as const) {
        const res = await api.call(method, url, { token: acme, body });
        expect(res.statusCode, url).toBe(403);
      }
    });
  });

  describe('GET /health', () => {
    it('answers 200 while the database answers', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', store: fixture().kind });
    });
  });
});

describe('GET /health without a database', () => {
  it.each(storeKinds())('answers 503 once the %s store is gone', async (kind) => {
    const f = await createSeededContext(kind);
    const app = await buildApp(f.ctx, { logger: false });
    await f.ctx.close();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    await f.store.drop();
  });
});

describe('logs', () => {
  it('carry the reference id and client, and never the token, card number or answer', async () => {
    const f = await createSeededContext('sqlite', { LOG_LEVEL: 'trace' });
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = await buildApp(f.ctx, { logStream: sink });
    const api = await apiClient(f.ctx);
    const token = await api.token();
    const ref = nextReferenceId();
    const headers = { authorization: `Bearer ${token}`, 'x-reference-id': ref };
    await app.inject({ method: 'GET', url: `${API}/customers/lookup?vcc_number=5299310002006395`, headers });
    await app.inject({
      method: 'POST',
      url: `${API}/account/116992907/verify`,
      headers,
      payload: { format: 'security_question', security_qid: 6, security_answer: 'Wrongmovie', request_id: '1' },
    });
    const log = lines.join('');
    const mine = lines.map((l) => JSON.parse(l)).filter((l) => l.reference_id === ref);
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.some((l) => l.client_id === 'flexitidemo')).toBe(true);
    expect(log).not.toContain(token);
    expect(log).not.toContain('5299310002006395');
    expect(log).not.toContain('Wrongmovie');
    await f.ctx.close();
    await f.store.drop();
  });
});
