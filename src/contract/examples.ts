// Examples for the OpenAPI document, taken from the demo data: what the service really answers for the demo client flexitidemo.
import type { ErrorBody } from '../http/render-error.js';

export const DEMO_CLIENT_ID = 'flexitidemo';
export const DEMO_CLIENT_SECRET = 'demo-secret';
/** Alan Martinet's account in the demo data: open, Ontario, risk L, security question 4 answered "Jamie". */
export const DEMO_ACCOUNT_NUMBER = 20035156;
/** A reference id as a caller would make one; the docs page swaps this very value for a fresh one on each call. */
export const EXAMPLE_REFERENCE_ID = '7d5e1b1e-2f0c-4f7e-9d55-3c1f0f2b8a41';

export const TOKEN_REQUEST_EXAMPLE = { grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, scope: 'merchant' };

export const TOKEN_ANSWER_EXAMPLE = {
  token_type: 'bearer',
  access_token:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6Im1lcmNoYW50IiwibWlkIjoiMTIzNDUiLCJjaCI6ImluX3N0b3JlIiwib3ZyIjp0cnVlLCJpc3MiOiJwb3NhcGkiLCJhdWQiOiJwb3NhcGkiLCJzdWIiOiJmbGV4aXRpZGVtbyIsImlhdCI6MTc5NTc3MDIyNCwiZXhwIjoxNzk1NzczODI0LCJqdGkiOiJvQ2FFejA1ZFhtdFRlRU8tIn0.p2xkb1z4eOvqbiuI4P-sBs0yaj7-TumPOixNymZSUBk',
  expires_in: 3600,
  refresh_token: 'Pn4rfAKI6Q6p6Q27_blt_-8uTZ-_lUAEXv9Z0yW9mus',
};

export const SEARCH_QUERY_EXAMPLE = { first_name: 'Alan', last_name: 'Martinet', dob: '1985-03-14' };

export const SEARCH_ANSWER_EXAMPLE = [
  {
    customer_id: '43353',
    account_status: 'N',
    account_status_reason_code: 'NNOR',
    tos_agreement: true,
    risk_rating: 'L',
    account_number: DEMO_ACCOUNT_NUMBER,
    customer_account_type: 'consumer',
    credit_limit: '5000.00',
    available_credit: '5000.00',
    originating_merchant_id: '12345',
    originating_merchant_name: 'ACME Jewellers',
    creation_date: '2020-01-10',
    first_name: 'Alan',
    last_name: 'Martinet',
    card_ending_in: '6395',
    preferred_language: 'en-CA',
  },
];

export const LOOKUP_ANSWER_EXAMPLE = {
  available_credit: 5000,
  account_number: DEMO_ACCOUNT_NUMBER,
  customer_id: '43353',
  first_name: 'Alan',
  last_name: 'Martinet',
  security_qid: [{ id: 4, text: 'What is the name of your favourite childhood friend?' }],
  address_1: '123 Anystreet Ave',
  address_2: 'Suite 100',
  city: 'Toronto',
  postal_code: 'M5M1M1',
  province: 'ON',
  payment_protection: false,
  risk_rating: 'L',
  offer_types: [
    { plan_name: '90 Days Grace, Equal Payments Regular Interest', plan_id: '1', offer_category: 'equal_billing', term_options: ['12', '18', '24', '36'] },
    { plan_name: 'Deferred Payment - No Interest if paid in full', plan_id: '2', offer_category: 'deferred', term_options: ['6', '12'] },
    { plan_name: 'Equal Payments No Interest', plan_id: '3', offer_category: 'no_interest', term_options: ['6', '12', '18'] },
    { plan_name: 'EMP - Regular Interest', plan_id: '4', offer_category: 'equal_billing', term_options: ['3', '6', '12'] },
  ],
  card_ending_in: '6395',
  preferred_language: 'en-CA',
  email: 'a***inet@flexiti.com',
  phone_number: '***-***-2222',
  account_type: 'consumer',
};

export const VERIFY_BODY_EXAMPLE = { format: 'security_question', security_qid: 4, security_answer: 'Jamie', request_id: '20230615093012000001' };
export const VERIFY_ANSWER_EXAMPLE = { verification_code: 6785 };

export const LICENCE_BODY_EXAMPLE = {
  code:
    '@\n\u001e\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\n' +
    'DAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r',
};

export const LICENCE_ANSWER_EXAMPLE = {
  first_name: 'ENSTREAM',
  middle_name: '',
  last_name: 'NUMBER1',
  dob: '1974-05-15',
  address_1: '55 UNIVERSITY AVE',
  city: 'TORONTO',
  province: 'ON',
  postal_code: 'M5J 2H7',
  govid_type: 'CADL',
  govid_issuedby: 'ON',
  govid_number: 'D61014070660905',
  govid_expiry: '2020-05-15',
  aamva_version: 4,
  warnings: ['offsets do not match the data', 'IIN 604428 (QC) does not match jurisdiction ON', 'the sex code Z is not one the standard defines; sex was left out'],
  expired: true,
};

/** The lender's own example: account 116994755 (rest of Canada), amount 10.50, plan 4 at 9.99% APR. */
export const QUOTE_BODY_EXAMPLE = { amount: 10.5 };

const APR_TEXTS = {
  description: 'Annual Promotional Interest Rate:',
  message:
    'Promotional annual interest rate applies during the promotional period and is included in your estimated monthly payments. ' +
    'Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.',
};
const ADMIN_FEE_TEXTS = {
  description: 'Administrative fees:',
  message:
    'Although your administrative fee may be represented as a monthly or annual amount, the fee is due in full if the account is paid off early. ' +
    'See terms and conditions for full details.',
};

export const QUOTE_ANSWER_EXAMPLE = {
  account_number: 116994755,
  account_type: 'consumer',
  amount: 10.5,
  customer: { available_credit: 14000, air: 0.3099, first_name: 'Flexiti', last_name: 'MITester', category_type: 'preferred' },
  regular_purchase: { term_amount: 10.5, air: 0.3099, fees: [], verify: true },
  promotional_purchase: [
    {
      plan_id: 4,
      plan_name: 'EMP - Regular Interest',
      terms: [
        { term: 3, term_amount: 3.56, fees: [], annual_rates: { ...APR_TEXTS, rate: 0.0999, type: 'APR' } },
        { term: 6, term_amount: 10.38, fees: [{ ...ADMIN_FEE_TEXTS, amount: 50, type: 'admin_total' }], annual_rates: { ...APR_TEXTS, rate: 0.0999, type: 'APR' } },
        { term: 12, term_amount: 5.32, fees: [{ ...ADMIN_FEE_TEXTS, amount: 49.99, type: 'admin_total' }], annual_rates: { ...APR_TEXTS, rate: 0.0999, type: 'APR' } },
      ],
    },
  ],
};

/** The Quebec demo account 116994859, which has no balance. */
export const CLOSE_ANSWER_EXAMPLE = { account_number: 116994859, account_status: 'C', account_status_reason_code: 'CCUS' };

/** One refusal as the service words it; `url` and `reference_id` are filled in per operation. */
export type Refusal = Omit<ErrorBody, 'url' | 'reference_id'> & { status: number };

const refusal = (status: number, error: string, message: string, field_errors?: ErrorBody['field_errors']): Refusal =>
  field_errors ? { status, error, message, field_errors } : { status, error, message };

const WRONG_INPUTS = 'Some inputs are wrong or missing!';

/** Refusals every authenticated operation may give. */
export const COMMON_REFUSALS: Refusal[] = [
  refusal(401, 'invalid_token', 'An access token is required (authorization: Bearer <token>).'),
  refusal(403, 'forbidden', "This token does not belong to the path's client_id."),
  refusal(409, 'wrong_inputs', WRONG_INPUTS, [{ param: 'x-reference-id', msg: 'is required: 1 to 100 printable ASCII characters' }]),
  refusal(413, 'payload_too_large', 'The request body is larger than 64 KiB.'),
  refusal(429, 'too_many_requests', 'Too many requests; retry in 60 s.'),
  refusal(500, 'internal_error', 'Something went wrong on our side; the request can be retried.'),
  refusal(503, 'service_unavailable', 'The service is shutting down or overloaded; retry shortly.'),
];

export const MERCHANT_ONLY_REFUSAL = refusal(403, 'insufficient_scope', 'This call needs a token with the merchant scope.');
export const REFERENCE_REUSED_REFUSAL = refusal(409, 'reference_id_reused', 'This x-reference-id was already used for a different request.');

/** Each operation's own refusals, by operationId, as the services word them. */
export const OPERATION_REFUSALS: Record<string, Refusal[]> = {
  getToken: [
    refusal(400, 'invalid_client', 'The client id or secret is wrong or missing.'),
    refusal(400, 'invalid_request', 'The refresh token is unknown, already used or expired.'),
  ],
  searchCustomers: [refusal(409, 'wrong_inputs', WRONG_INPUTS, [{ param: 'dob', msg: 'must match format "date"', value: '1985-13-45' }])],
  lookupCustomer: [
    refusal(404, 'not_found', 'The customer was not found.'),
    refusal(409, 'wrong_inputs', WRONG_INPUTS, [{ param: 'account_number', msg: 'give only one of vcc_number, account_number or customer_id' }]),
  ],
  verifyCustomer: [
    refusal(400, 'sms_not_valid_phone', 'There is no phone number on file that can receive an SMS.'),
    refusal(400, 'email_not_valid', 'There is no valid email address on file.'),
    refusal(404, 'not_found', 'The account was not found.'),
    refusal(409, 'secret_answer_mismatch', 'The answer to the security question is wrong.'),
    refusal(409, 'tries_exceed', 'Too many wrong answers: the security question is locked for now; use another verification format.'),
    refusal(409, 'vcc_account_mismatch', 'The card does not belong to this account.'),
    refusal(409, 'user_not_able_to_purchase', 'This account cannot make purchases: it is not open.'),
    refusal(409, 'merchant_override_is_not_allowed', 'This merchant is not allowed to override customer verification.'),
    refusal(409, 'regular_purchase_bypass_is_not_allowed', 'This account does not qualify for a regular purchase bypass.'),
  ],
  decodeDriversLicence: [refusal(409, 'wrong_inputs', WRONG_INPUTS, [{ param: 'code', msg: "this is not an AAMVA driver's licence barcode" }])],
  closeAccount: [
    refusal(404, 'not_found', 'The account was not found.'),
    refusal(409, 'not_a_quebec_account', 'Only a Quebec account can be closed here.'),
    refusal(409, 'balance_outstanding', 'The account has a balance outstanding; it cannot be closed until it is paid.'),
  ],
  calculateInterest: [
    refusal(404, 'not_found', 'The account was not found.'),
    refusal(409, 'user_not_able_to_purchase', 'This account cannot make purchases: it is not open.'),
    refusal(409, 'wrong_inputs', WRONG_INPUTS, [{ param: 'amount', msg: 'must be greater than 0', value: -5 }]),
  ],
};
