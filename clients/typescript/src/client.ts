// A small typed client for the POS API v2.5: openapi-fetch over the types generated from the service's OpenAPI document,
// with the access token fetched and renewed for you and a fresh x-reference-id on every call.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

export const TOKEN_PATH = '/flexiti/pos-api/v2.5/oauth/token';

type Json<O extends keyof operations, S extends number> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer A } }> ? A : never;
type Body<O extends keyof operations> = operations[O] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type Query<O extends keyof operations> = operations[O]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

export type ErrorBody = components['schemas']['ErrorBody'];
export type TokenAnswer = Json<'getToken', 200>;
export type SearchQuery = Query<'searchCustomers'>;
export type SearchAnswer = Json<'searchCustomers', 200>;
export type LookupQuery = Query<'lookupCustomer'>;
export type LookupAnswer = Json<'lookupCustomer', 200>;
export type VerifyBody = Body<'verifyCustomer'>;
export type VerifyAnswer = Json<'verifyCustomer', 200>;
export type QuoteBody = Body<'calculateInterest'>;
export type QuoteAnswer = Json<'calculateInterest', 200>;
export type CloseAnswer = Json<'closeAccount', 200>;
export type LicenceAnswer = Json<'decodeDriversLicence', 200>;

export type Scope = 'merchant' | 'customer';

export interface PosApiClientOptions {
  /** Where the service runs, e.g. https://pos.example.com (no trailing path). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** `merchant` (default) may call every endpoint; `customer` may not search or look up. */
  scope?: Scope;
  /** Renew the token this many seconds before it expires (default 60). */
  renewBeforeSeconds?: number;
  /** A reference id for each call (default crypto.randomUUID). */
  newReferenceId?: () => string;
  /** The fetch to use (default the global one). */
  fetch?: (input: Request) => Promise<Response>;
  /** The clock, in ms (default Date.now); for tests. */
  now?: () => number;
}

/** Options every call takes: a reference id of your own makes a POST safe to retry (the service replays its first answer). */
export interface CallOptions {
  referenceId?: string;
}

/** A refusal from the service, in the lender's error model. */
export class PosApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
    readonly referenceId: string,
  ) {
    super(body ? `${status} ${body.error}: ${body.message}` : `HTTP ${status}`);
    this.name = 'PosApiError';
  }

  /** The lender's snake_case code (`wrong_inputs`, `not_found`, …). */
  get code(): string | undefined {
    return this.body?.error;
  }
}

export interface PosApiClient {
  /** The openapi-fetch client: every path of the API, typed; the token is added for you (pass an x-reference-id). */
  readonly api: Client<paths>;
  readonly clientId: string;
  /** A valid access token, fetched or renewed when needed. */
  token(): Promise<string>;
  searchCustomers(query: SearchQuery, options?: CallOptions): Promise<SearchAnswer>;
  lookupCustomer(query: LookupQuery, options?: CallOptions): Promise<LookupAnswer>;
  verifyCustomer(accountNumber: number | string, body: VerifyBody, options?: CallOptions): Promise<VerifyAnswer>;
  calculateInterest(accountNumber: number | string, body: QuoteBody, options?: CallOptions & { lang?: string }): Promise<QuoteAnswer>;
  closeAccount(accountNumber: number | string, options?: CallOptions): Promise<CloseAnswer>;
  decodeDriversLicence(code: string, options?: CallOptions): Promise<LicenceAnswer>;
}

export const newReferenceId = (): string => globalThis.crypto.randomUUID();

interface HeldToken {
  accessToken: string;
  refreshToken: string;
  /** When the service stops accepting it. */
  expiresAt: number;
  /** When to get the next one. */
  renewAt: number;
}

/** Fetches the token once, renews it before it expires: by its refresh token while that is still good, else anew. */
class TokenSource {
  private held?: HeldToken;
  private pending?: Promise<string>;

  constructor(
    private readonly raw: Client<paths>,
    private readonly options: Required<Pick<PosApiClientOptions, 'clientId' | 'clientSecret' | 'scope' | 'renewBeforeSeconds' | 'newReferenceId' | 'now'>>,
  ) {}

  async accessToken(): Promise<string> {
    const held = this.held;
    if (held && this.options.now() < held.renewAt) return held.accessToken;
    this.pending ??= this.renew().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forget the token (the service refused it): the next call gets a new one. */
  invalidate(): void {
    this.held = undefined;
  }

  private async renew(): Promise<string> {
    const held = this.held;
    // A refresh token is good once, and only while its access token is.
    if (held && this.options.now() < held.expiresAt) {
      try {
        return this.keep(await this.request({ grant_type: 'refresh_token', refresh_token: held.refreshToken }));
      } catch {
        // Refused (already used, or expired on the way): fall back to the client's own credentials.
      }
    }
    return this.keep(await this.request({ grant_type: 'client_credentials', scope: this.options.scope }));
  }

  private keep(answer: TokenAnswer): string {
    const now = this.options.now();
    const lifetime = answer.expires_in * 1000;
    const early = Math.min(this.options.renewBeforeSeconds * 1000, lifetime / 2);
    this.held = { accessToken: answer.access_token, refreshToken: answer.refresh_token, expiresAt: now + lifetime, renewAt: now + lifetime - early };
    return answer.access_token;
  }

  private async request(fields: Record<string, string>): Promise<TokenAnswer> {
    const referenceId = this.options.newReferenceId();
    const { data, error, response } = await this.raw.POST(TOKEN_PATH, {
      params: { header: { 'x-reference-id': referenceId } },
      body: { ...fields, client_id: this.options.clientId, client_secret: this.options.clientSecret },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    });
    if (!data) throw new PosApiError(response.status, error as ErrorBody | undefined, referenceId);
    return data;
  }
}

export function createPosApiClient(options: PosApiClientOptions): PosApiClient {
  const settings = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? 'merchant',
    renewBeforeSeconds: options.renewBeforeSeconds ?? 60,
    newReferenceId: options.newReferenceId ?? newReferenceId,
    now: options.now ?? Date.now,
  };
  const base = { baseUrl: options.baseUrl.replace(/\/+$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) };
  const raw = createClient<paths>(base);
  const tokens = new TokenSource(raw, settings);

  const authenticate: Middleware = {
    async onRequest({ request, schemaPath }) {
      if (!request.headers.get('x-reference-id')) request.headers.set('x-reference-id', settings.newReferenceId());
      if (schemaPath !== TOKEN_PATH) request.headers.set('authorization', `Bearer ${await tokens.accessToken()}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.status === 401) tokens.invalidate();
      return response;
    },
  };
  const api = createClient<paths>(base);
  api.use(authenticate);

  const clientId = settings.clientId;
  const path = { client_id: clientId };

  /** One call: a 401 (a token revoked or expired on the way) is retried once, with a new token and the same reference id. */
  async function call<T>(
    referenceId: string | undefined,
    send: (header: { 'x-reference-id': string }) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    const header = { 'x-reference-id': referenceId ?? settings.newReferenceId() };
    let result = await send(header);
    if (result.response.status === 401) result = await send(header);
    if (result.data === undefined || !result.response.ok)
      throw new PosApiError(result.response.status, result.error as ErrorBody | undefined, header['x-reference-id']);
    return result.data;
  }

  const account = (n: number | string) => ({ ...path, account_number: String(n) });

  return {
    api,
    clientId,
    token: () => tokens.accessToken(),
    searchCustomers: (query, o = {}) =>
      call(o.referenceId, (header) => api.GET('/flexiti/pos-api/v2.5/client-id/{client_id}/customers/search', { params: { path, query, header } })),
    lookupCustomer: (query, o = {}) =>
      call(o.referenceId, (header) => api.GET('/flexiti/pos-api/v2.5/client-id/{client_id}/customers/lookup', { params: { path, query, header } })),
    verifyCustomer: (n, body, o = {}) =>
      call(o.referenceId, (header) =>
        api.POST('/flexiti/pos-api/v2.5/client-id/{client_id}/account/{account_number}/verify', { params: { path: account(n), header }, body }),
      ),
    calculateInterest: (n, body, o = {}) =>
      call(o.referenceId, (header) =>
        api.POST('/flexiti/pos-api/v2.5.1/client-id/{client_id}/accounts/{account_number}/calculate-interest', {
          params: { path: account(n), header, query: o.lang ? { lang: o.lang } : {} },
          body,
        }),
      ),
    closeAccount: (n, o = {}) =>
      call(o.referenceId, (header) =>
        api.POST('/flexiti/pos-api/v2.5/client-id/{client_id}/accounts/{account_number}/close', { params: { path: account(n), header } }),
      ),
    decodeDriversLicence: (code, o = {}) =>
      call(o.referenceId, (header) =>
        api.POST('/flexiti/pos-api/v2.5/client-id/{client_id}/customers/driverslicense', { params: { path, header }, body: { code } }),
      ),
  };
}
