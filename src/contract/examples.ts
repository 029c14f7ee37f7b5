// Examples for the OpenAPI document, taken from the demo data: what the service really answers for the demo client flexitidemo.
import { refusalBodyOf, type RefusalBody } from './error-body.js';
import { invalidToken, wrongInputs, type ApiError } from './errors.js';
import { CAPTURE_ANSWER_EXAMPLE, GET_AUTHORIZATION_ANSWER_EXAMPLE, RELEASE_ANSWER_EXAMPLE } from './purchase-examples.js';
import { refusals } from './refusals.js';

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
  warnings: [
    'offsets do not match the data',
    'IIN 604428 (QC) does not match jurisdiction ON',
    'the sex code Z is not one the standard defines; sex was left out',
  ],
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
        {
          term: 6,
          term_amount: 10.38,
          fees: [{ ...ADMIN_FEE_TEXTS, amount: 50, type: 'admin_total' }],
          annual_rates: { ...APR_TEXTS, rate: 0.0999, type: 'APR' },
        },
        {
          term: 12,
          term_amount: 5.32,
          fees: [{ ...ADMIN_FEE_TEXTS, amount: 49.99, type: 'admin_total' }],
          annual_rates: { ...APR_TEXTS, rate: 0.0999, type: 'APR' },
        },
      ],
    },
  ],
};

/** The Quebec demo account with no balance: the one account of the demo data that close closes. */
export const QUEBEC_ACCOUNT_NUMBER = 116994859;
export const CLOSE_ANSWER_EXAMPLE = { account_number: QUEBEC_ACCOUNT_NUMBER, account_status: 'C', account_status_reason_code: 'CCUS' };

/** One refusal as the service words it, with its status; `url` and `reference_id` are filled in per operation. */
export type Refusal = RefusalBody & { status: number };

const documented = (error: ApiError): Refusal => ({ status: error.status, ...refusalBodyOf(error) });

/** Refusals every authenticated operation may give. */
export const COMMON_REFUSALS: Refusal[] = [
  invalidToken('An access token is required (authorization: Bearer <token>).'),
  refusals.forbidden(),
  wrongInputs([{ param: 'x-reference-id', msg: 'is required: 1 to 100 printable ASCII characters' }]),
  refusals.payloadTooLarge(),
  refusals.tooManyRequests(60),
  refusals.internalError(),
  refusals.serviceUnavailable(),
].map(documented);

export const MERCHANT_ONLY_REFUSAL = documented(refusals.insufficientScope(['merchant']));
export const REFERENCE_REUSED_REFUSAL = documented(refusals.referenceIdReused());

/** Each operation's own refusals, by operationId: the very errors its use case throws. */
export const OPERATION_REFUSALS: Record<string, Refusal[]> = Object.fromEntries(
  Object.entries({
    getToken: [refusals.invalidClient(), refusals.refreshTokenSpent()],
    searchCustomers: [wrongInputs([{ param: 'dob', msg: 'must match format "date"', value: '1985-13-45' }])],
    lookupCustomer: [
      refusals.customerNotFound(),
      wrongInputs([{ param: 'account_number', msg: 'give only one of vcc_number, account_number or customer_id' }]),
    ],
    verifyCustomer: [
      refusals.smsNotValidPhone(),
      refusals.emailNotValid(),
      refusals.accountNotFound(),
      refusals.secretAnswerMismatch(),
      refusals.triesExceeded(),
      refusals.vccAccountMismatch(),
      refusals.userNotAbleToPurchase(),
      refusals.merchantOverrideNotAllowed(),
      refusals.regularPurchaseBypassNotAllowed(),
    ],
    decodeDriversLicence: [wrongInputs([{ param: 'code', msg: "this is not an AAMVA driver's licence barcode" }])],
    closeAccount: [refusals.accountNotFound(), refusals.notAQuebecAccount(), refusals.balanceOutstanding()],
    calculateInterest: [
      refusals.accountNotFound(),
      refusals.userNotAbleToPurchase(),
      wrongInputs([{ param: 'amount', msg: 'must be greater than 0', value: -5 }]),
    ],
    authorizePurchase: [
      // In store the merchant's token buys; online, the customer's.
      refusals.insufficientScope(['merchant']),
      refusals.insufficientScope(['customer']),
      refusals.accountNotFound(),
      refusals.userNotAbleToPurchase(),
      refusals.externalLocationNotFound(),
      refusals.vccAccountMismatch(),
      refusals.planTermNotSet(),
      refusals.planTermNotAvailable(),
      refusals.verificationCodeRequired(),
      refusals.notVerified(),
      refusals.wrongVerificationCode(),
      refusals.creditExceeded(),
      wrongInputs([{ param: 'request_id', msg: 'is required for in-store clients' }]),
    ],
    captureAuthorization: [
      refusals.authorizationNotFound(),
      refusals.authorizationEnded(),
      refusals.authAmountExceeded(),
      refusals.externalLocationNotFound(),
      wrongInputs([{ param: 'external_employee_id', msg: 'is required for in-store clients' }]),
    ],
    releaseAuthorization: [
      refusals.authorizationNotFound(),
      refusals.authorizationEnded(),
      refusals.authAmountExceeded(),
      refusals.externalLocationNotFound(),
      wrongInputs([{ param: 'external_employee_id', msg: 'is required for in-store clients' }]),
    ],
    returnCapture: [
      refusals.authorizationNotFound(),
      refusals.captureNotFound(),
      refusals.wrongTransactionType(),
      refusals.returnDateExceeded(),
      refusals.captureAmountExceeded(),
      refusals.vccAccountMismatch(),
      refusals.externalLocationNotFound(),
      wrongInputs([{ param: 'amount', msg: 'is required when full_return is false' }]),
    ],
    listAuthorizations: [wrongInputs([{ param: 'page_size', msg: 'must match pattern "^0*([1-9][0-9]?|100)$"', value: '500' }])],
    getAuthorization: [refusals.authorizationNotFound()],
    listCaptures: [wrongInputs([{ param: 'creation_date_from', msg: 'must match format "date"', value: '2026-13-01' }])],
    refundAccount: [
      // An account the client never sold to is not found, as another client's data is.
      refusals.accountNotFound(),
      refusals.captureNotFound(),
      refusals.refundsLimitExceeded(),
      refusals.captureAmountExceeded(),
      refusals.vccAccountMismatch(),
      refusals.externalLocationNotFound(),
    ],
    takePayment: [
      refusals.accountNotFound(),
      refusals.invalidTransactionType(),
      refusals.paymentLimitExceeded(),
      refusals.externalLocationNotFound(),
      refusals.verificationCodeRequired(),
      refusals.notVerified(),
      refusals.wrongVerificationCode(),
      wrongInputs([{ param: 'vcc_number', msg: 'give exactly one of account_number, vcc_number or customer_id' }]),
    ],
  }).map(([operationId, errors]) => [operationId, errors.map(documented)]),
);

/**
 * Success examples of operations that share an answer schema with another (an authorization after a capture, a release,
 * a read), by operationId; the others take their schema's own example.
 */
export const OPERATION_ANSWERS: Record<string, unknown> = {
  captureAuthorization: CAPTURE_ANSWER_EXAMPLE,
  releaseAuthorization: RELEASE_ANSWER_EXAMPLE,
  getAuthorization: GET_AUTHORIZATION_ANSWER_EXAMPLE,
};
