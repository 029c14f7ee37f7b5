// The Transactions endpoints: the purchase (authorization), its captures, releases and returns, refunds, payments at
// the till, and the reads. One schema per shape: validation, types, the OpenAPI document and the SDK come from here.
import { Type, type Static, type TSchema } from 'typebox';
import { AccountNumberParam, ClientIdParam, ClosedSet } from './common.js';
import {
  AUTHORIZATION_ANSWER_EXAMPLE,
  AUTHORIZATION_BODY_EXAMPLE,
  AUTHORIZATION_PAGE_EXAMPLE,
  AUTHORIZATION_V25_ANSWER_EXAMPLE,
  CAPTURE_BODY_EXAMPLE,
  CAPTURE_PAGE_EXAMPLE,
  EXAMPLE_IDS,
  PAYMENT_ANSWER_EXAMPLE,
  PAYMENT_BODY_EXAMPLE,
  PURCHASE_ACCOUNT_NUMBER,
  REFUND_ANSWER_EXAMPLE,
  REFUND_BODY_EXAMPLE,
  RELEASE_BODY_EXAMPLE,
  RETURN_ANSWER_EXAMPLE,
  RETURN_BODY_EXAMPLE,
} from './purchase-examples.js';

export const TRANSACTION_TYPES = ['promotional_purchase', 'regular_purchase'] as const;
export const AUTHORIZATION_STATUSES = ['opened', 'closed'] as const;
export const PAYMENT_TYPES = ['deposit', 'instore_payment', 'tradein'] as const;

const Amount = (description: string) => Type.Number({ description: `${description}: > 0, at most two decimals` });
const Id = (what: string, example?: string) =>
  Type.String({ pattern: '^[0-9]{1,15}$', description: `the ${what} id (digits)`, ...(example ? { examples: [example] } : {}) });
const Printable = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, pattern: '^[\\x20-\\x7E]+$', description });

export const VerificationCode = Type.Union([Type.Integer({ minimum: 0, maximum: 99999999 }), Type.String({ pattern: '^[0-9]{1,8}$' })], {
  description: 'the PIN from verify, as a number or a digit string',
});

const ExternalIds = {
  external_location_id: Type.Optional(Printable(50, "the merchant's store id; one of the client's registered locations (required in store)")),
  external_employee_id: Type.Optional(Printable(50, "the cashier's id (required in store); kept on every ledger entry")),
};
// Kept as text: no control characters (a NUL, say, no store can keep; a tab or a newline is no part of an order id).
const Reference = Type.Optional(
  Type.String({
    maxLength: 40,
    pattern: '^[^\\x00-\\x1F\\x7F]*$',
    description: "the merchant's order id (≤ 40 characters, no control characters), kept and echoed",
  }),
);
const VccNumber = Type.Optional(Type.String({ pattern: '^[0-9]{16}$', description: 'if given, the card must belong to the account' }));

const ProductSchema = Type.Object({
  sku_id: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  quantity: Type.Optional(Type.Number({ minimum: 0 })),
  unit_price: Type.Optional(Type.Number()),
  extended_price: Type.Optional(Type.Number()),
});

export const SkuDataSchema = Type.Optional(
  Type.Object(
    {
      purchase_order: Type.Optional(Type.String({ maxLength: 100 })),
      register_id: Type.Optional(Type.String({ maxLength: 100 })),
      transaction_discount_total: Type.Optional(Type.Number()),
      transaction_subtotal: Type.Optional(Type.Number()),
      transaction_total: Type.Optional(Type.Number()),
      gst_hst: Type.Optional(Type.Number()),
      pst: Type.Optional(Type.Number()),
      products: Type.Optional(Type.Array(ProductSchema, { maxItems: 200 })),
    },
    { description: 'the basket, kept as given' },
  ),
);

export const AuthorizationBodySchema = Type.Object(
  {
    account_number: Type.Integer({ minimum: 1, maximum: 99999999999999, description: 'the account that buys' }),
    amount: Amount('the purchase amount'),
    financing_option: Type.Object({
      transaction_type: ClosedSet(TRANSACTION_TYPES, { description: 'promotional_purchase (a plan) or regular_purchase (the revolving account)' }),
      plan_id: Type.Optional(Type.Integer({ minimum: 0, maximum: 999999, description: 'from calculate-interest; required for promotional_purchase' })),
      term: Type.Optional(Type.Integer({ minimum: 0, maximum: 999, description: 'months, from calculate-interest; required for promotional_purchase' })),
    }),
    auto_capture: Type.Boolean({ description: 'true: captured at once; false: held until captured or released' }),
    verification_code: Type.Optional(VerificationCode),
    request_id: Type.Optional(Printable(50, 'the request_id given to verify for this PIN')),
    vcc_number: VccNumber,
    reference: Reference,
    sku_data: SkuDataSchema,
    ...ExternalIds,
  },
  { title: 'AuthorizationBody', examples: [AUTHORIZATION_BODY_EXAMPLE] },
);

export const CaptureBodySchema = Type.Object(
  { amount: Type.Optional(Amount('what to capture; absent for everything remaining')), reference: Reference, sku_data: SkuDataSchema, ...ExternalIds },
  { title: 'CaptureBody', examples: [CAPTURE_BODY_EXAMPLE] },
);

export const ReleaseBodySchema = Type.Object(
  { amount: Type.Optional(Amount('what to release; absent for everything remaining (the cancel of an uncaptured purchase)')), ...ExternalIds },
  { title: 'ReleaseBody', examples: [RELEASE_BODY_EXAMPLE] },
);

export const ReturnBodySchema = Type.Object(
  {
    full_return: Type.Boolean({ description: 'true: everything not yet returned of the capture' }),
    amount: Type.Optional(Amount('what to return; required when full_return is false')),
    reference: Reference,
    vcc_number: VccNumber,
    sku_data: SkuDataSchema,
    ...ExternalIds,
  },
  { title: 'ReturnBody', examples: [RETURN_BODY_EXAMPLE] },
);

export const RefundBodySchema = Type.Object(
  {
    amount: Amount('what to refund'),
    capture_id: Type.Optional(Id('capture')),
    reference: Reference,
    vcc_number: VccNumber,
    sku_data: SkuDataSchema,
    ...ExternalIds,
  },
  { title: 'RefundBody', examples: [REFUND_BODY_EXAMPLE] },
);

export const PaymentBodySchema = Type.Object(
  {
    transaction_type: ClosedSet([...PAYMENT_TYPES, ...TRANSACTION_TYPES], {
      description: 'deposit, instore_payment or tradein; a purchase type is refused (invalid_transaction_type): purchases go through authorization',
    }),
    amount: Amount('the payment'),
    account_number: Type.Optional(Type.Integer({ minimum: 1, maximum: 99999999999999 })),
    vcc_number: VccNumber,
    customer_id: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' })),
    verification_code: Type.Optional(VerificationCode),
    request_id: Type.Optional(Printable(50, 'the request_id given to verify for this PIN')),
    ...ExternalIds,
  },
  { title: 'PaymentBody', description: 'Exactly one of account_number, vcc_number and customer_id.', examples: [PAYMENT_BODY_EXAMPLE] },
);

const AnnualRateSchema = Type.Object({
  description: Type.String(),
  rate: Type.Number(),
  type: ClosedSet(['APR']),
  message: Type.String({ description: 'the merchant must display it' }),
});

export const CaptureSchema = Type.Object(
  {
    capture_id: Type.String(),
    amount: Type.Number(),
    returned_amount: Type.Number(),
    date: Type.String({ description: 'when it was captured (UTC)' }),
  },
  { title: 'Capture' },
);

const authorizationFields = {
  authorization_id: Type.String(),
  account_number: Type.Integer(),
  reference: Type.Union([Type.String(), Type.Null()]),
  transaction_type: ClosedSet(TRANSACTION_TYPES, { description: 'the financing chosen' }),
  plan_id: Type.Optional(Type.Integer()),
  term: Type.Optional(Type.Integer({ description: 'months' })),
  amount: Type.Number({ description: 'authorized' }),
  captured_amount: Type.Number(),
  released_amount: Type.Number(),
  remaining_amount: Type.Number({ description: 'still to capture or release' }),
  returned_amount: Type.Number({ description: 'returned or refunded of what was captured' }),
  status: ClosedSet(AUTHORIZATION_STATUSES, { description: 'opened: something is left to capture; closed: nothing is' }),
  created_at: Type.String({ description: 'UTC, e.g. 2026-12-02T15:04:05Z' }),
  term_amount: Type.Number({ description: 'the monthly payment (or the single deferred payment), fees included; the amount for a regular purchase' }),
  external_location_id: Type.Union([Type.String(), Type.Null()]),
  captures: Type.Array(CaptureSchema),
  available_credit: Type.Number({ description: "the account's available credit now" }),
};

export const AuthorizationSchema = Type.Object(
  { ...authorizationFields, annual_rates: Type.Optional(AnnualRateSchema) },
  { title: 'Authorization', description: 'A purchase: what was authorized, captured, released and returned.', examples: [AUTHORIZATION_ANSWER_EXAMPLE] },
);

/** v2.5 (deprecated) names the rate `apr`, as a number. */
export const AuthorizationV25Schema = Type.Object(
  { ...authorizationFields, apr: Type.Optional(Type.Number({ description: 'the annual rate of the plan term' })) },
  { title: 'AuthorizationV25', description: 'A purchase, as v2.5 answers it.', examples: [AUTHORIZATION_V25_ANSWER_EXAMPLE] },
);

export const ReturnAnswerSchema = Type.Object(
  {
    return_id: Type.String(),
    reference: Type.Union([Type.String(), Type.Null()]),
    capture_id: Type.String(),
    date: Type.String(),
    amount: Type.Number(),
    remaining_capture_amount: Type.Number({ description: 'what of the capture may still be returned' }),
    remaining_authorization_amount: Type.Number({ description: 'what of the whole authorization’s captures may still be returned' }),
    available_credit: Type.Number(),
  },
  { title: 'ReturnAnswer', examples: [RETURN_ANSWER_EXAMPLE] },
);

export const RefundAnswerSchema = Type.Object(
  {},
  { title: 'RefundAnswer', description: 'Empty, as the lender answers; the refund id is in the x-refund-id header.', examples: [REFUND_ANSWER_EXAMPLE] },
);

export const PaymentAnswerSchema = Type.Object(
  {
    transaction_id: Type.String(),
    transaction_type: ClosedSet(PAYMENT_TYPES, { description: 'the payment kind' }),
    account_number: Type.Integer(),
    amount: Type.Number(),
    date: Type.String(),
    available_credit: Type.Number(),
  },
  { title: 'PaymentAnswer', examples: [PAYMENT_ANSWER_EXAMPLE] },
);

const DateParam = (description: string) => Type.Optional(Type.String({ format: 'date', description: `${description} (YYYY-MM-DD, UTC, inclusive)` }));
// Query values arrive as text and are not coerced: numbers are digit strings checked by pattern.
const Paging = {
  page_number: Type.Optional(Type.String({ pattern: '^0*[1-9][0-9]{0,5}$', description: 'from 1 (default 1)' })),
  page_size: Type.Optional(Type.String({ pattern: '^0*([1-9][0-9]?|100)$', description: '1 to 100 (default 10)' })),
};

export const AuthorizationsQuery = Type.Object({
  account_number: Type.Optional(Type.String({ pattern: '^[0-9]{1,14}$', description: 'only this account' })),
  transaction_type: Type.Optional(ClosedSet(TRANSACTION_TYPES, { description: 'only this financing' })),
  authorization_status: Type.Optional(ClosedSet(AUTHORIZATION_STATUSES, { description: 'only this status' })),
  creation_date_from: DateParam('created on or after'),
  creation_date_to: DateParam('created on or before'),
  ...Paging,
});

export const CapturesQuery = Type.Object({
  external_location_id: Type.Optional(Printable(50, 'only captures made at this location')),
  creation_date_from: DateParam('captured on or after'),
  creation_date_to: DateParam('captured on or before'),
  ...Paging,
});

const pageOf = <T extends TSchema>(item: T, title: string, description: string, example: unknown) =>
  Type.Object(
    { page_number: Type.Integer(), page_size: Type.Integer(), total: Type.Integer({ description: 'items matching, on every page' }), items: Type.Array(item) },
    { title, description, examples: [example] },
  );

export const CaptureListItemSchema = Type.Object(
  {
    capture_id: Type.String(),
    authorization_id: Type.String(),
    account_number: Type.Integer(),
    amount: Type.Number(),
    returned_amount: Type.Number(),
    reference: Type.Union([Type.String(), Type.Null()]),
    external_location_id: Type.Union([Type.String(), Type.Null()]),
    date: Type.String(),
  },
  { title: 'CaptureListItem' },
);

export const AuthorizationPageSchema = pageOf(
  AuthorizationSchema,
  'AuthorizationPage',
  "The client's authorizations, newest first.",
  AUTHORIZATION_PAGE_EXAMPLE,
);
export const CapturePageSchema = pageOf(CaptureListItemSchema, 'CapturePage', "The client's captures, newest first.", CAPTURE_PAGE_EXAMPLE);

export const AuthorizationPathParams = Type.Object({ client_id: ClientIdParam, authorization_id: Id('authorization', EXAMPLE_IDS.authorization) });
/** The same, for capture and release: the example is the held purchase of the examples' day. */
export const HeldAuthorizationPathParams = Type.Object({ client_id: ClientIdParam, authorization_id: Id('authorization', EXAMPLE_IDS.heldAuthorization) });
export const CapturePathParams = Type.Object({
  client_id: ClientIdParam,
  authorization_id: Id('authorization', EXAMPLE_IDS.authorization),
  capture_id: Id('capture', EXAMPLE_IDS.capture),
});
/** The account refunded: the examples' account, which the demo client sold to. */
export const RefundPathParams = Type.Object({
  client_id: ClientIdParam,
  account_number: { ...AccountNumberParam, examples: [String(PURCHASE_ACCOUNT_NUMBER)] },
});

export type AuthorizationBody = Static<typeof AuthorizationBodySchema>;
export type CaptureBody = Static<typeof CaptureBodySchema>;
export type ReleaseBody = Static<typeof ReleaseBodySchema>;
export type ReturnBody = Static<typeof ReturnBodySchema>;
export type RefundBody = Static<typeof RefundBodySchema>;
export type PaymentBody = Static<typeof PaymentBodySchema>;
export type AuthorizationAnswer = Static<typeof AuthorizationSchema>;
export type AuthorizationV25Answer = Static<typeof AuthorizationV25Schema>;
export type ReturnAnswer = Static<typeof ReturnAnswerSchema>;
export type PaymentAnswer = Static<typeof PaymentAnswerSchema>;
export type AuthorizationsQueryParams = Static<typeof AuthorizationsQuery>;
export type CapturesQueryParams = Static<typeof CapturesQuery>;
export type CaptureListItem = Static<typeof CaptureListItemSchema>;
export type TransactionTypeName = (typeof TRANSACTION_TYPES)[number];
