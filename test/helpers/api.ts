// Calls the API in-process (Fastify inject) the way an integrator's client would: token, reference id, JSON.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import type { AppContext } from '../../src/http/types.js';

export const API = '/flexiti/pos-api/v2.5/client-id/flexitidemo';
export const API251 = '/flexiti/pos-api/v2.5.1/client-id/flexitidemo';
export const TOKEN_URL = '/flexiti/pos-api/v2.5/oauth/token';

let counter = 0;
// The time in base 36: a 13-digit millisecond count passes the Luhn check one time in ten, and is then masked as a card.
export const nextReferenceId = () => `test-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export interface ApiClient {
  app: FastifyInstance;
  token(clientId?: string, secret?: string, scope?: string): Promise<string>;
  call(
    method: 'GET' | 'POST',
    url: string,
    options?: { body?: unknown; token?: string | null; referenceId?: string | null; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
}

export const DEMO_SECRETS: Record<string, string> = { flexitidemo: 'demo-secret', acmedemo: 'acme-secret' };

export async function apiClient(ctx: AppContext): Promise<ApiClient> {
  const app = await buildApp(ctx, { logger: false });
  const tokens = new Map<string, string>();
  const token = async (clientId = 'flexitidemo', secret = DEMO_SECRETS[clientId] ?? '', scope = 'merchant') => {
    const key = `${clientId}/${scope}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const res = await app.inject({
      method: 'POST',
      url: TOKEN_URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-reference-id': nextReferenceId() },
      payload: new URLSearchParams({ client_id: clientId, client_secret: secret, grant_type: 'client_credentials', scope }).toString(),
    });
    if (res.statusCode !== 200) throw new Error(`token call failed: ${res.statusCode} ${res.body}`);
    const access = (res.json() as { access_token: string }).access_token;
    tokens.set(key, access);
    return access;
  };
  const call: ApiClient['call'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token === undefined ? await token() : options.token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    const ref = options.referenceId === undefined ? nextReferenceId() : options.referenceId;
    if (ref !== null) headers['x-reference-id'] = ref;
    const request: InjectOptions = { method, url, headers };
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      request.payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    return app.inject(request);
  };
  return { app, token, call };
}
