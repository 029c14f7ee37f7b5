// Property-based fuzzing of every endpoint and the token call: thousands of generated requests, mostly well-formed and
// mutated in every way. Every answer is a 4xx in the lender's error shape or a 2xx that matches the route's answer
// schema; never a 5xx, never a hang, never a card number of the request echoed back in clear.
import { readFileSync, readdirSync } from 'node:fs';
import fc, { type Arbitrary } from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passesLuhn } from '../../src/domain/identity.js';
import { buildApp } from '../../src/http/app.js';
import { TokenAnswerSchema } from '../../src/contract/token.js';
import { CloseAnswerSchema, QuoteAnswerSchema } from '../../src/contract/accounts.js';
import { ErrorBodySchema } from '../../src/contract/common.js';
import { LookupAnswerSchema, SearchAnswerSchema } from '../../src/contract/customers.js';
import { LicenceAnswerSchema } from '../../src/contract/licence.js';
import { VerifyAnswerSchema } from '../../src/contract/verify.js';
import {
  AuthorizationPageSchema,
  AuthorizationSchema,
  AuthorizationV25Schema,
  CapturePageSchema,
  PaymentAnswerSchema,
  RefundAnswerSchema,
  ReturnAnswerSchema,
} from '../../src/contract/purchases.js';
import { DEMO_SECRETS, nextReferenceId, TOKEN_URL } from '../helpers/api.js';
import { createSeededContext, storeKinds, type StoreFixture } from '../helpers/stores.js';
import {
  accountSegment,
  auth,
  cardNumber,
  sometimes,
  clientSegment,
  contentType,
  field,
  lang,
  MISSING,
  objectOf,
  payloadOf,
  percent,
  queryOf,
  referenceId,
  text,
  withUnstorableText,
  wrongType,
  type AuthKind,
  type FuzzRequest,
} from './arbitraries.js';

/** Generated requests per endpoint: at least 2 000 on SQLite (the issue's floor); fewer on PostgreSQL. */
const RUNS = Math.max(2000, Number(process.env.FUZZ_RUNS ?? 2000));
const RUNS_PG = Number(process.env.FUZZ_RUNS_PG ?? 150);
/** Requests per endpoint and store that each carry text no store can keep (NUL, a lone surrogate) somewhere. */
const RUNS_UNSTORABLE = Number(process.env.FUZZ_RUNS_UNSTORABLE ?? 100);
const TIMEOUT_MS = 10_000;

const FIXTURE_DIR = new URL('../fixtures/aamva/', import.meta.url);
const LICENCE_CODES = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(new URL(f, FIXTURE_DIR), 'utf8')) as { code?: unknown }).code)
  .filter((c): c is string => typeof c === 'string' && c.length < 9000);

const v25 = (client: string) => `/flexiti/pos-api/v2.5/client-id/${client}`;
const v251 = (client: string) => `/flexiti/pos-api/v2.5.1/client-id/${client}`;

/** The statuses the contract gives each kind of endpoint. */
const API_STATUSES = [200, 401, 403, 404, 405, 409, 413, 429];
// 404: a spoiled path is another, unknown, route.
const TOKEN_STATUSES = [200, 400, 404, 405, 409, 413, 429];

interface Endpoint {
  name: string;
  /** Fills what a request can only know at run time (a fresh PIN, ids of existing purchases) just before it is sent. */
  prepare?: (request: FuzzRequest) => Promise<FuzzRequest>;
  /** Statuses it may answer; every other one is a defect. */
  statuses?: number[];
  /** The schema a 2xx answer must match. */
  answer: TSchema;
  /** Scopes whose tokens may get a 2xx (none for the token call). */
  scopes?: string[];
  request: Arbitrary<FuzzRequest>;
}

const common = { auth, referenceId };

function post(
  path: (client: string) => string,
  body: Arbitrary<Record<string, unknown>> | undefined,
  query: Arbitrary<string> = fc.constant(''),
): Arbitrary<FuzzRequest> {
  const payload = body
    ? payloadOf(body)
    : fc.oneof({ weight: 8, arbitrary: fc.constant<string | typeof MISSING>(MISSING) }, { weight: 2, arbitrary: payloadOf(objectOf({ x: text })) });
  return fc.record({ client: clientSegment, payload, contentType, query, ...common }).map(({ client, query: q, ...rest }) => ({
    method: 'POST' as const,
    url: `${path(client.raw)}${q ? `?${q}` : ''}`,
    pathClient: client.decoded,
    ...rest,
    // No body, no content type (what a client sends for close), most of the time.
    contentType: rest.payload === MISSING && rest.contentType === 'application/json' ? MISSING : rest.contentType,
  }));
}

function get(path: (client: string) => string, query: Arbitrary<string>): Arbitrary<FuzzRequest> {
  return fc
    .record({ client: clientSegment, query, ...common, extraContentType: sometimes(contentType, 6) })
    .map(({ client, query: q, extraContentType, ...rest }) => ({
      method: 'GET' as const,
      url: `${path(client.raw)}?${q}`,
      pathClient: client.decoded,
      payload: MISSING,
      contentType: extraContentType ?? MISSING,
      ...rest,
    }));
}

const names = fc.constantFrom('John', 'Smith', 'Marie-Ève', 'MARIE EVE', 'Gagné', "O'Neil", 'Siobhán', 'St Pierre', 'Alan', 'Martinet', 'Flexiti', 'MITester');
const dob = fc.oneof(
  fc.constantFrom('1900-01-01', '1985-03-14', '1990-07-21', '1980-01-01', '2024-02-30', '1900-1-1'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const accountNumberText = fc.oneof(
  fc.constantFrom('20035156', '116992907', '123456789', '300000005', '99999999'),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
);
const verifyFormat = fc.constantFrom('sms', 'email', 'security_question', 'regular_purchase_bypass', 'merchant_override', 'SMS', 'pin', '');
const amount = fc.oneof(
  fc.constantFrom(10.5, 234.45, 0.01, 1, 999.99, 1000000, 1000000.01, 0, -1, 1e-7, 1e21, 5e-324, 10.555, 0.1 + 0.2),
  fc.double({ min: -10, max: 2_000_000, noNaN: true }),
  fc.integer({ min: -5, max: 2_000_000 }),
);
const licenceCode = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LICENCE_CODES) },
  // A real payload damaged: cut, with text spliced in, or with its separators changed.
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...LICENCE_CODES), fc.nat(), fc.nat(), text)
      .map(([code, a, b, t]) => `${code.slice(0, a % (code.length + 1))}${t}${code.slice(b % (code.length + 1))}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...LICENCE_CODES).map((code) => code.replace(/\n/g, '\r').replaceAll(String.fromCharCode(0x1e), '')) },
);

// The Transactions. A request names what exists only at run time by placeholders, replaced just before it is sent:
// `@open<n>` an opened (held) authorization, `@captured<n>` one captured at once and `@captureOf<n>` its capture, from
// the purchases made before the fuzzing; `"@pin"` in a body a fresh PIN, from a verify with merchant_override for the
// body's account and request_id.
const PIN = '@pin';
const live: {
  app?: FastifyInstance;
  merchantToken?: string;
  open: string[];
  captured: string[];
  captureOf: string[];
} = { open: [], captured: [], captureOf: [] };

function placeholders(text: string): string {
  return text.replace(/@(open|captured|captureOf)(\d+)/g, (whole, kind: 'open' | 'captured' | 'captureOf', n: string) => {
    const list = live[kind];
    return list.length ? (list[Number(n) % list.length] as string) : '1';
  });
}

/** A PIN from verify (merchant_override) for the account and request_id the body names, or a made-up one. */
async function freshPin(payload: string): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  const { account_number: account, request_id: requestId } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  let code = '0';
  if (live.app && Number.isSafeInteger(account) && typeof requestId === 'string') {
    const res = await live.app.inject({
      method: 'POST',
      url: `${v25('flexitidemo')}/account/${String(account)}/verify`,
      headers: { authorization: `Bearer ${live.merchantToken}`, 'x-reference-id': nextReferenceId(), 'content-type': 'application/json' },
      payload: { format: 'merchant_override', request_id: requestId },
    });
    if (res.statusCode === 200) code = String((res.json() as { verification_code: number }).verification_code);
  }
  return payload.replaceAll(JSON.stringify(PIN), code);
}

async function prepareTill(request: FuzzRequest): Promise<FuzzRequest> {
  const url = placeholders(request.url);
  let payload = request.payload === MISSING ? MISSING : placeholders(request.payload);
  if (payload !== MISSING && payload.includes(JSON.stringify(PIN))) payload = await freshPin(payload);
  return { ...request, url, payload };
}

/**
 * A Transactions body has a dozen fields: each one is broken less often than in `field`, so that a fair share of the
 * requests is whole and reaches the ledger (each way of breaking one is still there).
 */
const tillField = <T>(valid: Arbitrary<T>) =>
  fc.oneof(
    { weight: 40, arbitrary: valid },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(MISSING) },
  );
const optional = <T>(valid: Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: tillField(valid) }, { weight: 1, arbitrary: fc.constant(MISSING) });
/** Accounts of every kind: open ones with credit, frozen, closed, Quebec, unknown. */
const purchaseAccount = fc.constantFrom(116994755, 116992907, 20035156, 234567890, 123456789, 300000002, 300000005, 1, 99999999999999);
const tillAmount = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0.01, 1, 10.5, 25, 50, 99.99, 250) }, { weight: 1, arbitrary: amount });
const requestId = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('fuzz-till-1', 'fuzz-till-2', 'fuzz-till-3') },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 60 }) },
);
const pinCode = fc.oneof(
  { weight: 8, arbitrary: fc.constant(PIN) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 100_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom('1234', '0000', '123456789', '12a4', '') },
);
const reference = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('Order-1234', 'x'.repeat(40)) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(41)) },
  { weight: 1, arbitrary: text },
);
const rarely = <T>(usual: T, others: T[]) => fc.oneof({ weight: 18, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: fc.constantFrom(...others) });
const tillIds = {
  external_location_id: optional(rarely('00-12345', ['00-67890', '99-99999', '', ' ', 'x'.repeat(51)])),
  external_employee_id: optional(rarely('12345-SMITH', ['E-1', '', 'x'.repeat(51)])),
};
const skuDataObject = tillField(
  objectOf({
    purchase_order: optional(text),
    transaction_total: optional(fc.double({ noNaN: true })),
    products: optional(
      fc.array(objectOf({ sku_id: optional(text), quantity: optional(fc.integer({ min: -1, max: 1000 })), unit_price: optional(fc.double({ noNaN: true })) }), {
        maxLength: 3,
      }),
    ),
  }),
);
const skuData = fc.oneof({ weight: 3, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: skuDataObject });
const financingOption = fc.oneof(
  {
    weight: 12,
    arbitrary: objectOf({
      transaction_type: tillField(fc.constant('promotional_purchase')),
      plan_id: optional(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(1, 2, 3, 4) }, { weight: 1, arbitrary: fc.constantFrom(99, 0, -1) })),
      term: optional(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(3, 6, 12, 18, 24, 36) }, { weight: 1, arbitrary: fc.constantFrom(48, 0, 1000) })),
    }),
  },
  { weight: 6, arbitrary: objectOf({ transaction_type: tillField(rarely('regular_purchase', ['REGULAR_PURCHASE', 'deposit'])) }) },
  { weight: 1, arbitrary: wrongType },
);
/** An authorization in the path: mostly one that exists, else any number or junk. */
const authorizationSegment = fc.oneof(
  { weight: 12, arbitrary: fc.nat().map((n) => `@open${n}`) },
  { weight: 6, arbitrary: fc.nat().map((n) => `@captured${n}`) },
  { weight: 2, arbitrary: fc.constantFrom('0', '1', '2147483647', '2147483648', '999999999999999', '9999999999999999', '-1', '1.5', '%ZZ') },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String) },
  { weight: 1, arbitrary: text.map(percent) },
);
const captureSegment = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((n) => `@captureOf${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1', '2147483648', '999999999999999', 'x') },
);
/** A capture of its own authorization mostly; else any pair. */
const returnSegments = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((n) => `@captured${n}/capture/@captureOf${n}`) },
  { weight: 1, arbitrary: fc.tuple(authorizationSegment, captureSegment).map(([a, c]) => `${a}/capture/${c}`) },
);
const dateText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('2020-01-01', '2026-12-31', '1970-01-01', '0000-01-01', '9999-12-31', '2024-02-29', '2023-02-29') },
  { weight: 1, arbitrary: dob },
);
const pageNumber = fc.constantFrom('1', '2', '01', '0', '999999', '1000000', '-1', '1.5');
const pageSize = fc.constantFrom('1', '10', '100', '101', '0', '007');

const TILL_ENDPOINTS: Endpoint[] = [
  ...(['v2.5.1', 'v2.5'] as const).map((version): Endpoint => ({
    name: `POST ${version} authorization`,
    answer: version === 'v2.5' ? AuthorizationV25Schema : AuthorizationSchema,
    scopes: ['merchant', 'customer'],
    prepare: prepareTill,
    request: post(
      (c) => `${version === 'v2.5' ? v25(c) : v251(c)}/authorization`,
      objectOf({
        account_number: tillField(purchaseAccount),
        amount: tillField(tillAmount),
        financing_option: tillField(financingOption),
        auto_capture: tillField(fc.boolean()),
        verification_code: optional(pinCode),
        request_id: optional(requestId),
        vcc_number: fc.oneof({ weight: 6, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: tillField(cardNumber) }),
        reference: optional(reference),
        sku_data: skuData,
        ...tillIds,
      }),
    ),
  })),
  {
    name: 'POST authorization/{id}/capture',
    answer: AuthorizationSchema,
    scopes: ['merchant'],
    prepare: prepareTill,
    request: fc
      .tuple(authorizationSegment)
      .chain(([id]) =>
        post(
          (c) => `${v251(c)}/authorization/${id}/capture`,
          objectOf({ amount: optional(tillAmount), reference: optional(reference), sku_data: skuData, ...tillIds }),
        ),
      ),
  },
  {
    name: 'POST authorization/{id}/release',
    answer: AuthorizationSchema,
    scopes: ['merchant'],
    prepare: prepareTill,
    request: fc
      .tuple(authorizationSegment)
      .chain(([id]) => post((c) => `${v251(c)}/authorization/${id}/release`, objectOf({ amount: optional(tillAmount), ...tillIds }))),
  },
  {
    name: 'POST authorization/{id}/capture/{id}/return',
    answer: ReturnAnswerSchema,
    scopes: ['merchant'],
    prepare: prepareTill,
    request: fc.tuple(returnSegments).chain(([ids]) =>
      post(
        (c) => `${v251(c)}/authorization/${ids}/return`,
        objectOf({
          full_return: tillField(fc.boolean()),
          amount: optional(tillAmount),
          reference: optional(reference),
          vcc_number: fc.oneof({ weight: 6, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: tillField(cardNumber) }),
          sku_data: skuData,
          ...tillIds,
        }),
      ),
    ),
  },
  {
    name: 'POST accounts/{n}/refund',
    answer: RefundAnswerSchema,
    scopes: ['merchant'],
    prepare: prepareTill,
    request: fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constant('116994755') }, { weight: 2, arbitrary: accountSegment })).chain(([account]) =>
      post(
        (c) => `${v251(c)}/accounts/${account}/refund`,
        objectOf({
          amount: tillField(tillAmount),
          capture_id: fc.oneof({ weight: 2, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: tillField(captureSegment) }),
          reference: optional(reference),
          vcc_number: fc.oneof({ weight: 6, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: tillField(cardNumber) }),
          sku_data: skuData,
          ...tillIds,
        }),
      ),
    ),
  },
  {
    name: 'POST transactions',
    answer: PaymentAnswerSchema,
    scopes: ['merchant'],
    prepare: prepareTill,
    request: post(
      (c) => `${v251(c)}/transactions`,
      objectOf({
        transaction_type: tillField(fc.constantFrom('deposit', 'instore_payment', 'tradein', 'promotional_purchase', 'regular_purchase', 'DEPOSIT')),
        amount: tillField(tillAmount),
        // Mostly the account alone (as "exactly one" wants); sometimes a card or a customer id, or several.
        account_number: fc.oneof({ weight: 6, arbitrary: tillField(purchaseAccount) }, { weight: 1, arbitrary: fc.constant(MISSING) }),
        vcc_number: fc.oneof({ weight: 8, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: tillField(cardNumber) }),
        customer_id: fc.oneof({ weight: 8, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: tillField(fc.constantFrom('43353', 'nobody', 'a b')) }),
        verification_code: optional(pinCode),
        request_id: optional(requestId),
        ...tillIds,
      }),
    ),
  },
  {
    name: 'GET authorizations',
    answer: AuthorizationPageSchema,
    scopes: ['merchant'],
    request: get(
      (c) => `${v251(c)}/authorizations`,
      queryOf({
        account_number: accountNumberText,
        transaction_type: fc.constantFrom('promotional_purchase', 'regular_purchase', 'deposit'),
        authorization_status: fc.constantFrom('opened', 'closed', 'OPEN'),
        creation_date_from: dateText,
        creation_date_to: dateText,
        page_number: pageNumber,
        page_size: pageSize,
      }),
    ),
  },
  {
    name: 'GET authorization/{id}',
    answer: AuthorizationSchema,
    scopes: ['merchant'],
    prepare: prepareTill,
    request: fc.tuple(authorizationSegment).chain(([id]) => get((c) => `${v251(c)}/authorization/${id}`, queryOf({}))),
  },
  {
    name: 'GET captures',
    answer: CapturePageSchema,
    scopes: ['merchant'],
    request: get(
      (c) => `${v251(c)}/captures`,
      queryOf({
        external_location_id: fc.constantFrom('00-12345', '00-67890', '99-99999', ''),
        creation_date_from: dateText,
        creation_date_to: dateText,
        page_number: pageNumber,
        page_size: pageSize,
      }),
    ),
  },
];

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET customers/search',
    answer: SearchAnswerSchema,
    scopes: ['merchant'],
    request: get(
      (c) => `${v25(c)}/customers/search`,
      queryOf({ first_name: names, last_name: names, dob, postal_code: fc.constantFrom('H3B 1K9', 'M5M1M1', 'h3b1k9', 'M5M 1M1', 'B3J-1Z4') }),
    ),
  },
  {
    name: 'GET customers/lookup',
    answer: LookupAnswerSchema,
    scopes: ['merchant'],
    // Each identifier present only sometimes, so "exactly one" holds in a fair share of cases.
    request: get(
      (c) => `${v25(c)}/customers/lookup`,
      fc.oneof(
        queryOf({ vcc_number: cardNumber, lang }),
        queryOf({ account_number: accountNumberText, lang }),
        queryOf({ customer_id: fc.constantFrom('43353', '1291820-11', '123321', '700003', 'nobody'), lang }),
        queryOf({ vcc_number: cardNumber, account_number: accountNumberText, customer_id: fc.constantFrom('43353'), lang }),
      ),
    ),
  },
  {
    name: 'POST account/{n}/verify',
    answer: VerifyAnswerSchema,
    // 400 sms_not_valid_phone and email_not_valid, as the lender answers them.
    statuses: [...API_STATUSES, 400],
    scopes: ['merchant', 'customer'],
    request: fc.tuple(accountSegment).chain(([account]) =>
      post(
        (c) => `${v25(c)}/account/${account}/verify`,
        objectOf({
          format: field(verifyFormat),
          vcc_number: fc.oneof(field(cardNumber), fc.constant(MISSING)),
          security_qid: fc.oneof(field(fc.integer({ min: -5, max: 12 })), fc.constant(MISSING)),
          security_answer: fc.oneof(field(fc.constantFrom('Jamie', 'Tool', ' jamie ', 'TOOL', 'wrong')), fc.constant(MISSING)),
          request_id: field(
            fc.oneof(
              { weight: 4, arbitrary: fc.constant('12345678901234567890') },
              { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 50 }) },
              { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 60 }) },
            ),
          ),
        }),
      ),
    ),
  },
  {
    name: 'POST customers/driverslicense',
    answer: LicenceAnswerSchema,
    scopes: ['merchant', 'customer'],
    request: post((c) => `${v25(c)}/customers/driverslicense`, objectOf({ code: field(licenceCode) })),
  },
  {
    name: 'POST accounts/{n}/close',
    answer: CloseAnswerSchema,
    scopes: ['merchant', 'customer'],
    request: fc.tuple(accountSegment).chain(([account]) => post((c) => `${v25(c)}/accounts/${account}/close`, undefined)),
  },
  ...(['v2.5.1', 'v2.5'] as const).map((version): Endpoint => ({
    name: `POST ${version} accounts/{n}/calculate-interest`,
    answer: QuoteAnswerSchema,
    scopes: ['merchant', 'customer'],
    request: fc.tuple(accountSegment).chain(([account]) =>
      post(
        (c) => `${version === 'v2.5' ? v25(c) : v251(c)}/accounts/${account}/calculate-interest`,
        objectOf({
          amount: fc.oneof(
            { weight: 8, arbitrary: amount },
            { weight: 1, arbitrary: wrongType },
            { weight: 1, arbitrary: fc.constantFrom('10.50', '1e2', MISSING) },
          ),
        }),
        queryOf({ lang }),
      ),
    ),
  })),
  {
    name: 'POST oauth/token',
    answer: TokenAnswerSchema,
    statuses: TOKEN_STATUSES,
    request: fc
      .record({
        body: fc
          .tuple(
            // Mostly a client with its own secret; sometimes crossed, unknown or wrong.
            fc.oneof(
              { weight: 6, arbitrary: fc.constantFrom(['flexitidemo', 'demo-secret'], ['acmedemo', 'acme-secret']) },
              {
                weight: 2,
                arbitrary: fc.tuple(
                  fc.constantFrom('flexitidemo', 'acmedemo', 'nobody', 'FLEXITIDEMO'),
                  fc.constantFrom('demo-secret', 'acme-secret', 'wrong', 'demo-secret '),
                ),
              },
            ),
            fc.oneof(
              { weight: 8, arbitrary: fc.constant('client_credentials') },
              { weight: 1, arbitrary: fc.constantFrom('refresh_token', 'password', 'CLIENT_CREDENTIALS') },
            ),
          )
          .chain(([[id, secret], grant]) =>
            objectOf({
              grant_type: field(fc.constant(grant)),
              client_id: field(fc.constant(id)),
              client_secret: field(fc.constant(secret)),
              refresh_token: fc.oneof(field(fc.constantFrom('made-up', 'x'.repeat(199))), fc.constant(MISSING)),
              scope: fc.oneof(field(fc.constantFrom('merchant', 'customer', 'admin', 'merchant customer')), fc.constant(MISSING), fc.constant(MISSING)),
            }),
          ),
        form: fc.boolean(),
        basic: sometimes(fc.tuple(fc.constantFrom('flexitidemo', 'acmedemo', 'a:b', ''), fc.constantFrom('demo-secret', 'acme-secret', 'bad', '%ZZ')), 5),
        brokenBasic: sometimes(fc.constantFrom('Basic', 'Basic ====', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`), 10),
        mangled: sometimes(payloadOf(fc.constant({ client_id: 'flexitidemo' })), 6),
        contentType: sometimes(contentType, 6),
        referenceId,
        remoteAddress: fc.oneof(fc.ipV4(), fc.ipV6()),
      })
      .map(({ body, form, basic, brokenBasic, mangled, contentType: ct, referenceId: ref, remoteAddress }) => {
        const fields = Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')] as [string, string]);
        const authorization: AuthKind = basic
          ? { raw: `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}` }
          : brokenBasic
            ? { raw: brokenBasic }
            : 'none';
        return {
          method: 'POST' as const,
          url: TOKEN_URL,
          pathClient: '',
          auth: authorization,
          referenceId: ref,
          contentType: ct ?? (form ? 'application/x-www-form-urlencoded' : 'application/json'),
          payload: mangled ?? (form ? new URLSearchParams(fields).toString() : JSON.stringify(body)),
          remoteAddress,
        };
      }),
  },
  ...TILL_ENDPOINTS,
];

/**
 * Digit runs of card-number length (15 to 19 digits, not the digits of a decimal fraction) in what the request carried;
 * its reference id and the merchant's order `reference` of a Transactions body aside unless they pass Luhn (both the merchant's own ids, kept
 * and echoed by contract), and the licence barcode of a decoded licence (its answer is the barcode's own content).
 */
function orderReferenceOf(payload: FuzzRequest['payload']): string {
  if (payload === MISSING) return '';
  try {
    const reference = (JSON.parse(payload) as { reference?: unknown } | null)?.reference;
    return typeof reference === 'string' ? reference : '';
  } catch {
    return '';
  }
}

function cardsIn(request: FuzzRequest, licenceDecoded: boolean): string[] {
  let decodedUrl: string;
  try {
    decodedUrl = decodeURIComponent(request.url);
  } catch {
    decodedUrl = request.url;
  }
  const sources = [
    request.url,
    decodedUrl,
    request.payload === MISSING || licenceDecoded ? '' : request.payload,
    typeof request.auth === 'object' ? request.auth.raw : '',
  ];
  const echoed = [typeof request.referenceId === 'string' ? request.referenceId : '', orderReferenceOf(request.payload)];
  const runs = new Set<string>();
  for (const source of sources) {
    // An id is echoed as sent unless it hides a card number (a run that passes Luhn), which is masked.
    for (const match of source.matchAll(/(?<![\d.])\d{15,19}(?![\d.eE])/g))
      if (passesLuhn(match[0]) || !echoed.some((e) => e.includes(match[0]))) runs.add(match[0]);
  }
  return [...runs];
}

interface Tally {
  requests: number;
  statuses: Map<number, number>;
  /** Answers by `status error-code`, for the report. */
  codes: Map<string, number>;
}

async function runFuzz(
  app: FastifyInstance,
  tokens: Record<'merchant' | 'customer' | 'acme', string>,
  endpoint: Endpoint,
  runs: number,
  tally: Tally,
): Promise<void> {
  const send = (request: FuzzRequest): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { ...request.extraHeaders };
    if (request.referenceId !== MISSING) headers['x-reference-id'] = request.referenceId;
    if (request.contentType !== MISSING) headers['content-type'] = request.contentType;
    const a = request.auth;
    if (typeof a === 'object') headers.authorization = a.raw;
    else if (a !== 'none') headers.authorization = `Bearer ${tokens[a]}`;
    const injected = app.inject({
      method: request.method,
      url: request.url,
      headers,
      ...(request.payload !== MISSING ? { payload: request.payload } : {}),
      ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms (a hang)`)), TIMEOUT_MS);
    });
    return Promise.race([injected, timeout]).finally(() => clearTimeout(timer));
  };

  const property = fc.asyncProperty(endpoint.request, async (generated) => {
    const request = endpoint.prepare ? await endpoint.prepare(generated) : generated;
    const res = await send(request);
    tally.requests += 1;
    tally.statuses.set(res.statusCode, (tally.statuses.get(res.statusCode) ?? 0) + 1);
    const where = `${request.method} ${request.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
    if (!(endpoint.statuses ?? API_STATUSES).includes(res.statusCode)) throw new Error(`a status the contract does not give here: ${where}`);
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new Error(`not JSON: ${where}`);
    }
    if (res.statusCode >= 400) {
      const error = body as Record<string, unknown>;
      const code = `${res.statusCode} ${String(error.error)}`;
      tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
      // FUZZ_VERBOSE=fields also counts the parameters wrong_inputs names: what keeps requests from reaching deeper.
      if (process.env.FUZZ_VERBOSE === 'fields' && Array.isArray(error.field_errors))
        for (const f of error.field_errors as { param: string; msg: string }[]) {
          const key = `  ${f.param}: ${f.msg.slice(0, 40)}`;
          tally.codes.set(key, (tally.codes.get(key) ?? 0) + 1);
        }
      if (!Value.Check(ErrorBodySchema, error) || typeof error.url !== 'string' || typeof error.message !== 'string' || typeof error.error !== 'string')
        throw new Error(`not the error shape: ${where}`);
      if (error.field_errors !== undefined && !Array.isArray(error.field_errors)) throw new Error(`field_errors is not an array: ${where}`);
      // The demo clients' secrets are sent in every shape (JSON, form, text/plain, nested): an error never shows them.
      if (/demo-secret|acme-secret/.test(res.body)) throw new Error(`an error answer echoes a client secret: ${where}`);
    } else {
      if (res.statusCode !== 200) throw new Error(`unexpected status: ${where}`);
      if (!Value.Check(endpoint.answer, body))
        throw new Error(
          `2xx not matching the answer schema: ${where} — ${[...Value.Errors(endpoint.answer, body)]
            .slice(0, 3)
            .map((e) => `${e.instancePath} ${e.message}`)
            .join('; ')}`,
        );
      // A 2xx only for a valid token of the path's own client, with a scope the route accepts.
      if (endpoint.scopes) {
        const [owner, scope] =
          request.auth === 'merchant'
            ? ['flexitidemo', 'merchant']
            : request.auth === 'customer'
              ? ['flexitidemo', 'customer']
              : request.auth === 'acme'
                ? ['acmedemo', 'merchant']
                : [];
        if (!scope || !endpoint.scopes.includes(scope) || request.pathClient !== owner) throw new Error(`2xx without the right token: ${where}`);
      }
    }
    const licenceDecoded = endpoint.answer === LicenceAnswerSchema && res.statusCode === 200;
    for (const card of cardsIn(request, licenceDecoded))
      if (res.body.includes(card)) throw new Error(`the answer echoes a card number in clear (${card.slice(-4)}): ${where}`);
  });
  await fc.assert(property, { numRuns: runs, timeout: TIMEOUT_MS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });
}

for (const kind of storeKinds()) {
  const runs = kind === 'sqlite' ? RUNS : RUNS_PG;
  describe(`fuzzing every endpoint [${kind}]: ${runs} generated requests each`, () => {
    let fixture: StoreFixture | undefined;
    let app: FastifyInstance;
    let tokens: Record<'merchant' | 'customer' | 'acme', string>;
    const tallies = new Map<string, Tally>();
    beforeAll(async () => {
      // Limits out of the way so the generated requests reach the deep paths; the limits have tests of their own.
      fixture = await createSeededContext(kind, { VERIFY_RATE_PER_CLIENT: '100000000', VERIFY_RATE_PER_ACCOUNT: '100000000', TOKEN_FAILURES_PER_MINUTE: '0' });
      app = await buildApp(fixture.ctx, { logger: false });
      const token = async (client: string, scope: string) => {
        const res = await app.inject({
          method: 'POST',
          url: TOKEN_URL,
          headers: { 'x-reference-id': nextReferenceId() },
          payload: { grant_type: 'client_credentials', client_id: client, client_secret: DEMO_SECRETS[client], scope },
        });
        return (res.json() as { access_token: string }).access_token;
      };
      tokens = {
        merchant: await token('flexitidemo', 'merchant'),
        customer: await token('flexitidemo', 'customer'),
        acme: await token('acmedemo', 'merchant'),
      };
      live.app = app;
      live.merchantToken = tokens.merchant;
      live.open = [];
      live.captured = [];
      live.captureOf = [];
      // Purchases for the capture, release, return and read requests to find: held ones (regular purchases) and ones
      // captured at once (promotional, so that they can be returned).
      const buy = async (account: number, autoCapture: boolean, financing: Record<string, unknown>, n: number) => {
        const requestId = `fuzz-setup-${account}-${n}`;
        const verify = await app.inject({
          method: 'POST',
          url: `${v25('flexitidemo')}/account/${account}/verify`,
          headers: { authorization: `Bearer ${tokens.merchant}`, 'x-reference-id': nextReferenceId() },
          payload: { format: 'merchant_override', request_id: requestId },
        });
        const res = await app.inject({
          method: 'POST',
          url: `${v251('flexitidemo')}/authorization`,
          headers: { authorization: `Bearer ${tokens.merchant}`, 'x-reference-id': nextReferenceId() },
          payload: {
            account_number: account,
            amount: 100,
            financing_option: financing,
            auto_capture: autoCapture,
            verification_code: (verify.json() as { verification_code: number }).verification_code,
            request_id: requestId,
            external_location_id: '00-12345',
            external_employee_id: '12345-SMITH',
          },
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as { authorization_id: string; captures: { capture_id: string }[] };
      };
      for (let n = 0; n < 30; n++) {
        live.open.push((await buy(116992907, false, { transaction_type: 'regular_purchase' }, n)).authorization_id);
        const captured = await buy(116994755, true, { transaction_type: 'promotional_purchase', plan_id: 4, term: 12 }, n);
        live.captured.push(captured.authorization_id);
        live.captureOf.push(captured.captures[0]?.capture_id ?? '1');
      }
    }, 120_000);
    afterAll(async () => {
      for (const [name, t] of tallies) {
        console.log(`fuzz [${kind}] ${name}: ${t.requests} requests, statuses ${JSON.stringify(Object.fromEntries(t.statuses))}`);
        if (process.env.FUZZ_VERBOSE) console.log(`  refusals ${JSON.stringify(Object.fromEntries([...t.codes].sort((a, b) => b[1] - a[1])))}`);
      }
      await app?.close();
      await fixture?.ctx.close();
      await fixture?.store.drop();
    });
    for (const endpoint of ENDPOINTS) {
      it(`${endpoint.name}: never a 5xx, a hang, a secret or a card number in clear; 4xx in the error shape, 2xx in the answer's`, async () => {
        const tally: Tally = { requests: 0, statuses: new Map(), codes: new Map() };
        tallies.set(endpoint.name, tally);
        await runFuzz(app, tokens, endpoint, runs, tally);
        expect(tally.requests).toBeGreaterThanOrEqual(runs);
        // The generated requests reach past validation: on the full run some answers are successes.
        if (runs >= 1000) expect(tally.statuses.get(200) ?? 0).toBeGreaterThan(0);
      }, 120_000);
      it(`${endpoint.name}: text no store can keep (NUL, lone surrogates) in the path, query, headers or body is never a 5xx`, async () => {
        const tally: Tally = { requests: 0, statuses: new Map(), codes: new Map() };
        tallies.set(`${endpoint.name} (unstorable text)`, tally);
        await runFuzz(app, tokens, { ...endpoint, request: withUnstorableText(endpoint.request) }, RUNS_UNSTORABLE, tally);
        expect(tally.requests).toBeGreaterThanOrEqual(RUNS_UNSTORABLE);
      }, 120_000);
    }
  });
}
