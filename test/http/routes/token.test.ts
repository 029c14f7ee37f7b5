// The OAuth token call: grants, scopes, refresh rotation, and every refusal in the lender's shape.
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, API, nextReferenceId, TOKEN_URL, type ApiClient } from '../../helpers/api.js';
import { describeEachStore } from '../../helpers/stores.js';

describeEachStore('POST /oauth/token', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId(), ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const creds = { client_id: 'flexitidemo', client_secret: 'demo-secret', grant_type: 'client_credentials' };

  describe('client credentials', () => {
    it('answers a bearer token with the documented fields, form-encoded', async () => {
      const res = await form({ ...creds, scope: 'merchant' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
      expect(body.token_type).toBe('bearer');
      expect(body.expires_in).toBe(3600);
      expect(res.headers['cache-control']).toBe('no-store');
    });
    it('accepts a JSON body', async () => {
      const res = await api.app.inject({ method: 'POST', url: TOKEN_URL, headers: { 'x-reference-id': 'j1' }, payload: creds });
      expect(res.statusCode).toBe(200);
    });
    it('accepts HTTP Basic credentials', async () => {
      const basic = Buffer.from('flexitidemo:demo-secret').toString('base64');
      const res = await form({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
      expect(res.statusCode).toBe(200);
    });
    it('defaults the scope to merchant, and the token works on lookup-scoped routes of its own client', async () => {
      const res = await form(creds);
      const payload = JSON.parse(Buffer.from(res.json().access_token.split('.')[1], 'base64url').toString());
      expect(payload.scope).toBe('merchant');
      expect(payload.sub).toBe('flexitidemo');
    });
  });

  describe('refusals', () => {
    it.each([
      ['a wrong secret', { ...creds, client_secret: 'nope' }],
      ['an unknown client', { ...creds, client_id: 'nobody' }],
      ['no secret', { client_id: 'flexitidemo', grant_type: 'client_credentials' }],
      ['no client id', { client_secret: 'demo-secret', grant_type: 'client_credentials' }],
    ])('refuses %s with 400 invalid_client', async (_name, fields) => {
      const res = await form(fields);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_client', url: TOKEN_URL });
    });
    it.each([
      ['a missing grant_type', { client_id: 'flexitidemo', client_secret: 'demo-secret' }],
      ['an unknown grant_type', { ...creds, grant_type: 'password' }],
      ['an unknown scope', { ...creds, scope: 'admin' }],
    ])('refuses %s with 400 invalid_request', async (_name, fields) => {
      const res = await form(fields);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_request');
    });
    it('refuses a JSON body with wrong types as invalid_request, naming the field', async () => {
      const res = await api.app.inject({ method: 'POST', url: TOKEN_URL, headers: { 'x-reference-id': 'j2' }, payload: { ...creds, client_id: 42 } });
      expect(res.statusCode).toBe(400);
      expect(res.json().field_errors).toEqual([expect.objectContaining({ param: 'client_id' })]);
    });
    it('requires x-reference-id (409 wrong_inputs)', async () => {
      const res = await api.app.inject({ method: 'POST', url: TOKEN_URL, payload: creds });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'wrong_inputs', field_errors: [expect.objectContaining({ param: 'x-reference-id' })] });
    });
    it('never echoes the secret in an error', async () => {
      const res = await api.app.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'x-reference-id': 'j3' },
        payload: { ...creds, client_secret: 'x'.repeat(300) },
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('xxxxxxxx');
    });
  });

  describe('refresh', () => {
    it('rotates: a refresh token gives a new pair once, and never again', async () => {
      const first = (await form(creds)).json();
      const second = await form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'flexitidemo', client_secret: 'demo-secret' });
      expect(second.statusCode).toBe(200);
      expect(second.json().refresh_token).not.toBe(first.refresh_token);
      const again = await form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'flexitidemo', client_secret: 'demo-secret' });
      expect(again.statusCode).toBe(400);
      expect(again.json().error).toBe('invalid_request');
    });
    it('keeps the scope of the token it refreshes', async () => {
      const first = (await form({ ...creds, scope: 'customer' })).json();
      const next = (
        await form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'flexitidemo', client_secret: 'demo-secret' })
      ).json();
      expect(JSON.parse(Buffer.from(next.access_token.split('.')[1], 'base64url').toString()).scope).toBe('customer');
    });
    it("refuses another client's refresh token", async () => {
      const first = (await form(creds)).json();
      const res = await form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'acmedemo', client_secret: 'acme-secret' });
      expect(res.statusCode).toBe(400);
    });
    it('refuses a refresh token whose access token has expired', async () => {
      const first = (await form(creds)).json();
      const ctx = fixture().ctx;
      const realNow = ctx.now;
      ctx.now = () => realNow() + 3601_000;
      try {
        const res = await form({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'flexitidemo', client_secret: 'demo-secret' });
        expect(res.statusCode).toBe(400);
      } finally {
        ctx.now = realNow;
      }
    });
    it('refuses an unknown refresh token', async () => {
      const res = await form({ grant_type: 'refresh_token', refresh_token: 'made-up', client_id: 'flexitidemo', client_secret: 'demo-secret' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_request');
    });
  });

  describe('access tokens on API routes', () => {
    const url = `${API}/customers/lookup?account_number=20035156`;
    const post = (authorization?: string) =>
      api.app.inject({ method: 'GET', url, headers: { 'x-reference-id': nextReferenceId(), ...(authorization ? { authorization } : {}) } });
    const key = () => new TextEncoder().encode(fixture().ctx.keys.tokenSigning);
    const claims = { scope: 'merchant', mid: '12345', ch: 'in_store', ovr: true };

    it.each([
      ['no token', undefined],
      ['a malformed header', 'Token abc'],
      ['a garbage token', 'Bearer garbage'],
    ])('answers %s with 401 invalid_token and WWW-Authenticate', async (_n, header) => {
      const res = await post(header);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.json().error).toBe('invalid_token');
    });
    it('refuses an expired token', async () => {
      const jwt = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setSubject('flexitidemo')
        .setIssuedAt(1000)
        .setExpirationTime(2000)
        .sign(key());
      const res = await post(`Bearer ${jwt}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toMatch(/expired/);
    });
    it('refuses a token signed with another key', async () => {
      const jwt = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setSubject('flexitidemo')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-key-another-key-another-key!'));
      expect((await post(`Bearer ${jwt}`)).statusCode).toBe(401);
    });
    it('refuses alg none', async () => {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const jwt = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claims, sub: 'flexitidemo', iss: 'posapi', aud: 'posapi', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      expect((await post(`Bearer ${jwt}`)).statusCode).toBe(401);
    });
    it('refuses a tampered payload', async () => {
      const good = await api.token();
      const [h, p, s] = good.split('.');
      const payload = JSON.parse(Buffer.from(p as string, 'base64url').toString());
      payload.sub = 'acmedemo';
      const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      expect((await post(`Bearer ${forged}`)).statusCode).toBe(401);
    });
    it('lets a valid token through', async () => {
      expect((await post(`Bearer ${await api.token()}`)).statusCode).toBe(200);
    });
    it("answers 403 forbidden for a token on another client's path", async () => {
      const acme = await api.token('acmedemo');
      const res = await post(`Bearer ${acme}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('forbidden');
    });
  });
});
