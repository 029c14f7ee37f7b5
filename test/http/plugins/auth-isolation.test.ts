// Authentication and isolation on every route (OWASP API1/API2/API4): every kind of bad token is refused, a client
// never acts on another client's path, and the token call throttles repeated bad secrets per client id and per address.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { createContext } from '../../../src/runtime/context.js';
import { slowHash } from '../../../src/security/slow-hash.js';
import { insertClient } from '../../../src/store/clients.js';
import { apiClient, nextReferenceId, TOKEN_URL, type ApiClient } from '../../helpers/api.js';
import { createSeededContext, describeEachStore, testConfig, type StoreFixture } from '../../helpers/stores.js';

const LICENCE = (JSON.parse(readFileSync(new URL('../../fixtures/aamva/lender-example.json', import.meta.url), 'utf8')) as { code: string }).code;

interface Route {
  name: string;
  method: 'GET' | 'POST';
  url: (clientId: string) => string;
  body?: unknown;
  /** Scopes whose tokens may call it. */
  scopes: string[];
}

const v25 = (clientId: string) => `/flexiti/pos-api/v2.5/client-id/${clientId}`;
const v251 = (clientId: string) => `/flexiti/pos-api/v2.5.1/client-id/${clientId}`;

/** Every authenticated route of the contract; the close targets the one closable demo account. */
const ROUTES: Route[] = [
  {
    name: 'GET customers/search',
    method: 'GET',
    url: (c) => `${v25(c)}/customers/search?first_name=John&last_name=Smith&dob=1900-01-01`,
    scopes: ['merchant'],
  },
  { name: 'GET customers/lookup', method: 'GET', url: (c) => `${v25(c)}/customers/lookup?account_number=20035156`, scopes: ['merchant'] },
  {
    name: 'POST account/{n}/verify',
    method: 'POST',
    url: (c) => `${v25(c)}/account/20035156/verify`,
    body: { format: 'merchant_override', request_id: 'till-1' },
    scopes: ['merchant', 'customer'],
  },
  {
    name: 'POST customers/driverslicense',
    method: 'POST',
    url: (c) => `${v25(c)}/customers/driverslicense`,
    body: { code: LICENCE },
    scopes: ['merchant', 'customer'],
  },
  { name: 'POST accounts/{n}/close', method: 'POST', url: (c) => `${v25(c)}/accounts/116994859/close`, scopes: ['merchant', 'customer'] },
  {
    name: 'POST v2.5.1 accounts/{n}/calculate-interest',
    method: 'POST',
    url: (c) => `${v251(c)}/accounts/116994755/calculate-interest`,
    body: { amount: 10.5 },
    scopes: ['merchant', 'customer'],
  },
  {
    name: 'POST v2.5 accounts/{n}/calculate-interest',
    method: 'POST',
    url: (c) => `${v25(c)}/accounts/116994755/calculate-interest`,
    body: { amount: 10.5 },
    scopes: ['merchant', 'customer'],
  },
];

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const CLAIMS = { scope: 'merchant', mid: '12345', ch: 'in_store', ovr: true };

/** Builds the bad authorization headers for one fixture: each is refused with 401 invalid_token. */
async function badTokens(api: ApiClient, signingKey: string): Promise<[string, string | undefined][]> {
  const key = new TextEncoder().encode(signingKey);
  const now = Math.floor(Date.now() / 1000);
  const good = await api.token();
  const [h, p, s] = good.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const signed = (claims: Record<string, unknown>, build?: (jwt: SignJWT) => SignJWT) => {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('posapi').setAudience('posapi').setSubject('flexitidemo');
    jwt = build ? build(jwt) : jwt.setIssuedAt(now).setExpirationTime(now + 600);
    return jwt.sign(key);
  };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaPrivate = await importJWK(rsa.privateKey.export({ format: 'jwk' }) as JWK, 'RS256');
  const publicPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string;
  const rsClaims = { ...CLAIMS, sub: 'flexitidemo', iss: 'posapi', aud: 'posapi', iat: now, exp: now + 600 };
  const refresh = (
    await api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      headers: { 'x-reference-id': nextReferenceId() },
      payload: { client_id: 'flexitidemo', client_secret: 'demo-secret', grant_type: 'client_credentials' },
    })
  ).json().refresh_token as string;
  return [
    ['no authorization header', undefined],
    ['a malformed header', 'Token abc'],
    ['an empty bearer', 'Bearer '],
    ['Basic credentials', `Basic ${Buffer.from('flexitidemo:demo-secret').toString('base64')}`],
    ['a garbage token', 'Bearer garbage'],
    ['an oversized token', `Bearer ${'a'.repeat(5000)}`],
    ['a refresh token used as an access token', `Bearer ${refresh}`],
    ['an expired token', `Bearer ${await signed(CLAIMS, (j) => j.setIssuedAt(now - 7200).setExpirationTime(now - 3600))}`],
    [
      'a token not valid yet',
      `Bearer ${await signed(CLAIMS, (j) =>
        j
          .setIssuedAt(now)
          .setNotBefore(now + 3600)
          .setExpirationTime(now + 7200),
      )}`,
    ],
    ['a token without expiry', `Bearer ${await signed(CLAIMS, (j) => j.setIssuedAt(now))}`],
    ['a tampered payload (sub changed, signature kept)', `Bearer ${h}.${b64({ ...payload, sub: 'acmedemo' })}.${s}`],
    ['a tampered payload (scope widened, signature kept)', `Bearer ${h}.${b64({ ...payload, ovr: true, scope: 'merchant', exp: now + 99999 })}.${s}`],
    ['a tampered signature', `Bearer ${h}.${p}.${s.slice(0, -4)}${s.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`],
    ['an unsigned token (alg none)', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(rsClaims)}.`],
    ['alg none with the original signature', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${p}.${s}`],
    [
      'an HS256 token under another key',
      `Bearer ${await new SignJWT(CLAIMS)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setSubject('flexitidemo')
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode('another-key-another-key-another-key!'))}`,
    ],
    [
      'an HS512 token under the service key (algorithm not pinned)',
      `Bearer ${await new SignJWT(CLAIMS)
        .setProtectedHeader({ alg: 'HS512' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setSubject('flexitidemo')
        .setExpirationTime(now + 600)
        .sign(key)}`,
    ],
    ['an RS256 token under some RSA key', `Bearer ${await new SignJWT(rsClaims).setProtectedHeader({ alg: 'RS256' }).sign(rsaPrivate)}`],
    [
      'an RS256 token carrying its own key (jwk header)',
      `Bearer ${await new SignJWT(rsClaims).setProtectedHeader({ alg: 'RS256', jwk: rsa.publicKey.export({ format: 'jwk' }) as JWK }).sign(rsaPrivate)}`,
    ],
    [
      'an HS256 token whose secret is an RSA public key (HS/RS confusion)',
      `Bearer ${await new SignJWT(CLAIMS)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setSubject('flexitidemo')
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(publicPem))}`,
    ],
    [
      'a wrong issuer',
      `Bearer ${await signed(CLAIMS, (j) =>
        j
          .setIssuer('someone-else')
          .setIssuedAt(now)
          .setExpirationTime(now + 600),
      )}`,
    ],
    [
      'a wrong audience',
      `Bearer ${await signed(CLAIMS, (j) =>
        j
          .setAudience('another-api')
          .setIssuedAt(now)
          .setExpirationTime(now + 600),
      )}`,
    ],
    ['a token without scope', `Bearer ${await signed({ mid: '12345', ch: 'in_store' })}`],
    ['a token with an unknown scope', `Bearer ${await signed({ ...CLAIMS, scope: 'admin' })}`],
    [
      'a token with a non-string subject',
      `Bearer ${await new SignJWT({ ...CLAIMS, sub: 42 } as never)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setExpirationTime(now + 600)
        .sign(key)}`,
    ],
    [
      'a token without subject',
      `Bearer ${await new SignJWT(CLAIMS)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('posapi')
        .setAudience('posapi')
        .setExpirationTime(now + 600)
        .sign(key)}`,
    ],
  ];
}

describeEachStore('authentication and isolation on every route', (fixture) => {
  let api: ApiClient;
  let bad: [string, string | undefined][];
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
    bad = await badTokens(api, fixture().ctx.keys.tokenSigning);
  });
  const send = (route: Route, clientId: string, authorization: string | undefined) =>
    api.app.inject({
      method: route.method,
      url: route.url(clientId),
      headers: {
        'x-reference-id': nextReferenceId(),
        ...(authorization ? { authorization } : {}),
        ...(route.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(route.body ? { payload: JSON.stringify(route.body) } : {}),
    });
  const expectErrorShape = (body: Record<string, unknown>, url: string, code: string) => {
    expect(body).toMatchObject({ url: url.split('?')[0], error: code });
    expect(typeof body.message).toBe('string');
  };

  it('refuses every bad token on every route with 401 invalid_token and WWW-Authenticate', async () => {
    const outcomes: string[] = [];
    for (const route of ROUTES) {
      for (const [kind, header] of bad) {
        const res = await send(route, 'flexitidemo', header);
        outcomes.push(`${route.name} × ${kind}: ${res.statusCode}`);
        if (res.statusCode !== 401) continue;
        expectErrorShape(res.json(), route.url('flexitidemo'), 'invalid_token');
        expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      }
    }
    expect(outcomes.filter((o) => !o.endsWith(': 401'))).toEqual([]);
    expect(outcomes.length).toBe(ROUTES.length * bad.length);
  });

  it("refuses another client's token on every route with 403 forbidden, both ways", async () => {
    const acme = await api.token('acmedemo');
    const flexiti = await api.token('flexitidemo');
    for (const route of ROUTES) {
      for (const [token, path] of [
        [acme, 'flexitidemo'],
        [flexiti, 'acmedemo'],
        [flexiti, 'FLEXITIDEMO'],
        [acme, 'flexitidemo%20'],
      ] as const) {
        const res = await send(route, path, `Bearer ${token}`);
        expect([route.name, path, res.statusCode]).toEqual([route.name, path, 403]);
        expect(res.json().error).toBe('forbidden');
      }
    }
  });

  it('refuses a customer-scope token on search and lookup (403 insufficient_scope), and lets it through elsewhere', async () => {
    const customer = await api.token('flexitidemo', 'demo-secret', 'customer');
    for (const route of ROUTES.filter((r) => !r.name.includes('close'))) {
      const res = await send(route, 'flexitidemo', `Bearer ${customer}`);
      if (route.scopes.includes('customer')) expect([route.name, res.statusCode]).toEqual([route.name, 200]);
      else expect([route.name, res.statusCode, res.json().error]).toEqual([route.name, 403, 'insufficient_scope']);
    }
  });

  it('leaves no trace of a refused call: nothing closed, no PIN, no audit entry, no idempotency record', async () => {
    const { db } = fixture().ctx;
    const account = await db.selectFrom('accounts').select('status').where('account_number', '=', 116994859).executeTakeFirstOrThrow();
    expect(account.status).toBe('N');
    // The customer-scope verify above is the only one that went through.
    const pins = await db.selectFrom('verifications').select('client_id').execute();
    expect(pins.map((p) => p.client_id)).toEqual(['flexitidemo']);
    const audit = await db.selectFrom('audit_events').select(['client_id', 'action']).execute();
    expect(audit).toEqual([{ client_id: 'flexitidemo', action: 'customer.verify' }]);
    expect(await db.selectFrom('idempotency_records').select('client_id').execute()).toHaveLength(1);
  });

  it("never replays one client's answer to another client using the same x-reference-id", async () => {
    const ref = nextReferenceId();
    const body = { format: 'merchant_override', request_id: 'till-2' };
    const first = await api.call('POST', `${v25('flexitidemo')}/account/116994755/verify`, { body, referenceId: ref });
    expect(first.statusCode).toBe(200);
    const acme = await api.call('POST', `${v25('acmedemo')}/account/116994755/verify`, { body, referenceId: ref, token: await api.token('acmedemo') });
    expect(acme.headers['x-idempotent-replay']).toBeUndefined();
    // acmedemo may not override: its own answer, not flexitidemo's PIN.
    expect([acme.statusCode, acme.json().error]).toEqual([409, 'merchant_override_is_not_allowed']);
  });
});

describeEachStore('the token call throttles repeated bad secrets', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  let addressCounter = 0;
  const freshAddress = () => `10.${(addressCounter >> 8) & 255}.${addressCounter++ & 255}.${Math.floor(Math.random() * 250) + 1}`;
  const tokenCall = (fields: Record<string, string>, remoteAddress: string) =>
    api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId() },
      payload: new URLSearchParams({ grant_type: 'client_credentials', ...fields }).toString(),
    });
  const expectThrottled = (res: Awaited<ReturnType<typeof tokenCall>>) => {
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ url: TOKEN_URL, error: 'too_many_requests' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  };

  it('per client id: after 10 failures within a minute, even the right secret gets 429 with Retry-After, from any address', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await tokenCall({ client_id: 'flexitidemo', client_secret: `wrong-${i}` }, freshAddress());
      expect([i, res.statusCode, res.json().error]).toEqual([i, 400, 'invalid_client']);
    }
    expectThrottled(await tokenCall({ client_id: 'flexitidemo', client_secret: 'demo-secret' }, freshAddress()));
    const basic = Buffer.from('flexitidemo:demo-secret').toString('base64');
    const viaBasic = await api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      remoteAddress: freshAddress(),
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId() },
      payload: 'grant_type=client_credentials',
    });
    expectThrottled(viaBasic);
    // Another client is not affected.
    expect((await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret' }, freshAddress())).statusCode).toBe(200);
  });

  it('lets the client in again once the window has passed', async () => {
    const ctx = fixture().ctx;
    const realNow = ctx.now;
    ctx.now = () => realNow() + 61_000;
    try {
      expect((await tokenCall({ client_id: 'flexitidemo', client_secret: 'demo-secret' }, freshAddress())).statusCode).toBe(200);
    } finally {
      ctx.now = realNow;
    }
  });

  it('per address: after 10 failures from one address, whatever the client ids, that address gets 429; others do not', async () => {
    const attacker = freshAddress();
    for (let i = 0; i < 10; i++) {
      const res = await tokenCall({ client_id: `guess-${i}-${randomBytes(3).toString('hex')}`, client_secret: 'x' }, attacker);
      expect(res.statusCode).toBe(400);
    }
    expectThrottled(await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret' }, attacker));
    expectThrottled(await tokenCall({ client_id: 'nobody', client_secret: 'x' }, attacker));
    expect((await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret' }, freshAddress())).statusCode).toBe(200);
  });

  it('counts a refresh with a wrong secret, and a missing secret, as failures', async () => {
    const address = freshAddress();
    for (let i = 0; i < 5; i++)
      expect((await tokenCall({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'nobody', client_secret: 'bad' }, address)).statusCode).toBe(400);
    for (let i = 0; i < 5; i++) expect((await tokenCall({ client_id: 'nobody' }, address)).statusCode).toBe(400);
    expectThrottled(await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret' }, address));
  });

  it('does not throttle successful calls, nor malformed requests that authenticate nobody', async () => {
    const address = freshAddress();
    for (let i = 0; i < 25; i++) expect((await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret' }, address)).statusCode).toBe(200);
    for (let i = 0; i < 15; i++)
      expect((await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret', grant_type: 'password' }, address)).statusCode).toBe(400);
    expect((await tokenCall({ client_id: 'acmedemo', client_secret: 'acme-secret' }, address)).statusCode).toBe(200);
  });
});

describe('the token throttle is shared through Redis', () => {
  let fixture: StoreFixture | undefined;
  afterAll(async () => {
    await fixture?.ctx.close();
    await fixture?.store.drop();
  });

  it('counts failures on one node against the other (two apps, one Redis), and keeps working when Redis is down', async () => {
    fixture = await createSeededContext('sqlite', { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', TOKEN_FAILURES_PER_MINUTE: '4' });
    const { ctx } = fixture;
    // A client of its own, so no other test's counters (Redis is shared) can touch this one's.
    const clientId = `throttle-${randomBytes(6).toString('hex')}`;
    await insertClient(ctx.db, {
      id: clientId,
      secret_hash: await slowHash('right-secret', ctx.config.scryptCost),
      merchant_id: '12345',
      channel: 'in_store',
      may_override: 0,
      disabled: 0,
      created_at: ctx.now(),
    });
    const nodes = [await buildApp(ctx, { logger: false }), await buildApp(ctx, { logger: false })];
    const call = (node: number, secret: string) =>
      nodes[node]!.inject({
        method: 'POST',
        url: TOKEN_URL,
        remoteAddress: `192.0.2.${Math.floor(Math.random() * 250) + 1}`,
        headers: { 'x-reference-id': nextReferenceId() },
        payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
      });
    try {
      for (const node of [0, 1, 0, 1]) expect((await call(node, 'wrong')).statusCode).toBe(400);
      expect((await call(0, 'right-secret')).statusCode).toBe(429);
      expect((await call(1, 'right-secret')).statusCode).toBe(429);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }

    // Redis unreachable: the call neither fails nor hangs; this node counts on its own. A node of its own (a context
    // whose Redis is unreachable): reusing the first context would count in the shared Redis, where the address
    // 127.0.0.1 collects every run's failures for a minute.
    const down = createContext(testConfig(fixture.store, { REDIS_URL: 'redis://127.0.0.1:1', TOKEN_FAILURES_PER_MINUTE: '4' }));
    const lonely = await buildApp(down, { logger: false });
    try {
      const started = Date.now();
      const other = `throttle-${randomBytes(6).toString('hex')}`;
      const res = await lonely.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'x-reference-id': nextReferenceId() },
        payload: { grant_type: 'client_credentials', client_id: other, client_secret: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(Date.now() - started).toBeLessThan(5000);
      for (let i = 0; i < 3; i++)
        await lonely.inject({
          method: 'POST',
          url: TOKEN_URL,
          headers: { 'x-reference-id': nextReferenceId() },
          payload: { grant_type: 'client_credentials', client_id: other, client_secret: 'x' },
        });
      const throttled = await lonely.inject({
        method: 'POST',
        url: TOKEN_URL,
        headers: { 'x-reference-id': nextReferenceId() },
        payload: { grant_type: 'client_credentials', client_id: other, client_secret: 'x' },
      });
      expect(throttled.statusCode).toBe(429);
    } finally {
      await lonely.close();
      await down.close();
    }
  });
});
