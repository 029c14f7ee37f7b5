// A small typed client for the POS API v2.5: openapi-fetch over the types generated from the service's OpenAPI document,
// with the access token fetched and renewed for you and a fresh x-reference-id on every call. Customers (search, lookup,
// verify, calculate-interest, close, driver's licence) and Transactions (the purchase and what follows it).
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
/** The `lang` parameter's spellings. */
export type Language = NonNullable<Query<'calculateInterest'>['lang']>;
export type CloseAnswer = Json<'closeAccount', 200>;
export type LicenceAnswer = Json<'decodeDriversLicence', 200>;
/** A purchase: what was authorized, captured, released and returned (the answer of authorize, capture, release and get). */
export type Authorization = components['schemas']['Authorization'];
export type AuthorizationBody = Body<'authorizePurchase'>;
export type CaptureBody = Body<'captureAuthorization'>;
export type ReleaseBody = Body<'releaseAuthorization'>;
export type ReturnBody = Body<'returnCapture'>;
export type ReturnAnswer = Json<'returnCapture', 200>;
export type RefundBody = Body<'refundAccount'>;
/** The refund's answer: the lender's body is empty, its id comes in the x-refund-id header. */
export interface RefundAnswer {
  refundId: string;
}
export type PaymentBody = Body<'takePayment'>;
export type PaymentAnswer = Json<'takePayment', 200>;
export type AuthorizationsQuery = Query<'listAuthorizations'>;
export type AuthorizationPage = Json<'listAuthorizations', 200>;
export type CapturesQuery = Query<'listCaptures'>;
export type CapturePage = Json<'listCaptures', 200>;

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

/** Options of the POSTs made once per key: the key (instead of the reference id) and your own hash of the request. */
export interface PostOptions extends CallOptions {
  /** Sent as x-idempotency-key: the POST is made once per key instead of once per reference id. */
  idempotencyKey?: string;
  /** Sent as x-context-hash: decides what "the same request" is for a repeat (another hash with the same key is refused). */
  contextHash?: string;
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
  calculateInterest(accountNumber: number | string, body: QuoteBody, options?: CallOptions & { lang?: Language }): Promise<QuoteAnswer>;
  closeAccount(accountNumber: number | string, options?: CallOptions): Promise<CloseAnswer>;
  decodeDriversLicence(code: string, options?: CallOptions): Promise<LicenceAnswer>;
  /** The purchase (v2.5.1): spends the PIN from verifyCustomer (same request_id); `auto_capture` captures it at once. */
  authorizePurchase(body: AuthorizationBody, options?: PostOptions): Promise<Authorization>;
  /** Captures part (`amount`) or all of what remains of an authorization. */
  captureAuthorization(authorizationId: string, body: CaptureBody, options?: PostOptions): Promise<Authorization>;
  /** Releases part (`amount`) or all of what remains: the cancel of an uncaptured purchase. */
  releaseAuthorization(authorizationId: string, body: ReleaseBody, options?: PostOptions): Promise<Authorization>;
  /** Returns goods of a promotional purchase against one of its captures. */
  returnCapture(authorizationId: string, captureId: string, body: ReturnBody, options?: PostOptions): Promise<ReturnAnswer>;
  /** Refunds an account this client sold to; the answer is the refund's id (the x-refund-id header). */
  refundAccount(accountNumber: number | string, body: RefundBody, options?: PostOptions): Promise<RefundAnswer>;
  /** A payment at the till (deposit, in-store payment, trade-in), with a PIN from verifyCustomer. */
  takePayment(body: PaymentBody, options?: PostOptions): Promise<PaymentAnswer>;
  listAuthorizations(query?: AuthorizationsQuery, options?: CallOptions): Promise<AuthorizationPage>;
  getAuthorization(authorizationId: string, options?: CallOptions): Promise<Authorization>;
  listCaptures(query?: CapturesQuery, options?: CallOptions): Promise<CapturePage>;
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
  async function exchange<T, H extends { 'x-reference-id': string }>(
    header: H,
    send: (header: H) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<{ data: T; response: Response }> {
    let result = await send(header);
    if (result.response.status === 401) result = await send(header);
    if (result.data === undefined || !result.response.ok)
      throw new PosApiError(result.response.status, result.error as ErrorBody | undefined, header['x-reference-id']);
    return { data: result.data, response: result.response };
  }

  async function call<T>(
    referenceId: string | undefined,
    send: (header: { 'x-reference-id': string }) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    return (await exchange({ 'x-reference-id': referenceId ?? settings.newReferenceId() }, send)).data;
  }

  /** The headers of a POST made once per key. */
  const postHeader = (o: PostOptions) => ({
    'x-reference-id': o.referenceId ?? settings.newReferenceId(),
    ...(o.idempotencyKey !== undefined ? { 'x-idempotency-key': o.idempotencyKey } : {}),
    ...(o.contextHash !== undefined ? { 'x-context-hash': o.contextHash } : {}),
  });
  async function post<T>(
    o: PostOptions,
    send: (header: ReturnType<typeof postHeader>) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    return (await exchange(postHeader(o), send)).data;
  }

  const account = (n: number | string) => ({ ...path, account_number: String(n) });
  const authorization = (id: string) => ({ ...path, authorization_id: id });
  const V251 = '/flexiti/pos-api/v2.5.1/client-id/{client_id}';

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
    authorizePurchase: (body, o = {}) => post(o, (header) => api.POST(`${V251}/authorization`, { params: { path, header }, body })),
    captureAuthorization: (id, body, o = {}) =>
      post(o, (header) => api.POST(`${V251}/authorization/{authorization_id}/capture`, { params: { path: authorization(id), header }, body })),
    releaseAuthorization: (id, body, o = {}) =>
      post(o, (header) => api.POST(`${V251}/authorization/{authorization_id}/release`, { params: { path: authorization(id), header }, body })),
    returnCapture: (id, captureId, body, o = {}) =>
      post(o, (header) =>
        api.POST(`${V251}/authorization/{authorization_id}/capture/{capture_id}/return`, {
          params: { path: { ...authorization(id), capture_id: captureId }, header },
          body,
        }),
      ),
    refundAccount: async (n, body, o = {}) => {
      const { response } = await exchange(postHeader(o), (header) =>
        api.POST(`${V251}/accounts/{account_number}/refund`, { params: { path: account(n), header }, body }),
      );
      const refundId = response.headers.get('x-refund-id');
      if (!refundId) throw new Error('the refund was answered without its x-refund-id header');
      return { refundId };
    },
    takePayment: (body, o = {}) => post(o, (header) => api.POST(`${V251}/transactions`, { params: { path, header }, body })),
    listAuthorizations: (query = {}, o = {}) => call(o.referenceId, (header) => api.GET(`${V251}/authorizations`, { params: { path, query, header } })),
    getAuthorization: (id, o = {}) =>
      call(o.referenceId, (header) => api.GET(`${V251}/authorization/{authorization_id}`, { params: { path: authorization(id), header } })),
    listCaptures: (query = {}, o = {}) => call(o.referenceId, (header) => api.GET(`${V251}/captures`, { params: { path, query, header } })),
  };
}
