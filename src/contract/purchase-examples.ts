// Examples of the Transactions endpoints for the OpenAPI document: one day at the till of the demo client flexitidemo,
// at its registered location 00-12345, with the demo account 116994755 (limit 14 000.00, no balance), in this order:
//   1. a 250.00 purchase on plan 4 over 12 months, captured at once (available credit 13 750.00);
//   2. 50.00 of it returned (13 800.00);
//   3. a 100.00 payment at the till (13 900.00);
//   4. another 250.00 purchase held (auto_capture false), 100.00 of it captured (13 650.00), the rest released (13 800.00);
//   5. a 20.00 refund (13 820.00);
//   6. the reads: the client's authorizations and captures, one authorization.
// Each answer is what the service gives for that step on fresh demo data, ids and instants aside
// (test/contract/coverage.test.ts replays the day and compares).

export const PURCHASE_ACCOUNT_NUMBER = 116994755;
export const DEMO_LOCATION_ID = '00-12345';
export const DEMO_EMPLOYEE_ID = '12345-SMITH';

const WHERE = { external_location_id: DEMO_LOCATION_ID, external_employee_id: DEMO_EMPLOYEE_ID };

/** The ids and instants of the day, as the examples show them. */
export const EXAMPLE_IDS = {
  authorization: '700001',
  heldAuthorization: '700002',
  capture: '346123',
  heldCapture: '346124',
  return: '900001',
  payment: '900002',
  refund: '900003',
};

const ANNUAL_RATES = {
  description: 'Annual Promotional Interest Rate:',
  rate: 0.0999,
  type: 'APR',
  message:
    'Promotional annual interest rate applies during the promotional period and is included in your estimated monthly payments. Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.',
};

/** Plan 4 over 12 months on 250.00, its 49.99 fee financed: what calculate-interest quotes for that amount. */
const PLAN_4_TERM_12 = { plan_id: 4, term: 12, term_amount: 26.37 };

// 1. The purchase, captured at once.
export const AUTHORIZATION_BODY_EXAMPLE = {
  account_number: PURCHASE_ACCOUNT_NUMBER,
  amount: 250,
  financing_option: { transaction_type: 'promotional_purchase', plan_id: 4, term: 12 },
  auto_capture: true,
  verification_code: 4821,
  request_id: 'till-7-000123',
  reference: 'Order-1234',
  ...WHERE,
};

const PURCHASED = {
  authorization_id: EXAMPLE_IDS.authorization,
  account_number: PURCHASE_ACCOUNT_NUMBER,
  reference: 'Order-1234',
  transaction_type: 'promotional_purchase',
  ...PLAN_4_TERM_12,
  amount: 250,
  captured_amount: 250,
  released_amount: 0,
  remaining_amount: 0,
  returned_amount: 0,
  status: 'closed',
  created_at: '2026-12-02T15:04:05Z',
  external_location_id: DEMO_LOCATION_ID,
  captures: [{ capture_id: EXAMPLE_IDS.capture, amount: 250, returned_amount: 0, date: '2026-12-02T15:04:05Z' }],
  available_credit: 13750,
};

export const AUTHORIZATION_ANSWER_EXAMPLE = { ...PURCHASED, annual_rates: ANNUAL_RATES };

/** The same purchase made on the deprecated v2.5 path: the rate is `apr`, a number. */
export const AUTHORIZATION_V25_ANSWER_EXAMPLE = { ...PURCHASED, apr: 0.0999 };

// 2. Part of it returned.
export const RETURN_BODY_EXAMPLE = { full_return: false, amount: 50, reference: 'RMA-88', ...WHERE };

export const RETURN_ANSWER_EXAMPLE = {
  return_id: EXAMPLE_IDS.return,
  reference: 'RMA-88',
  capture_id: EXAMPLE_IDS.capture,
  date: '2026-12-03T10:00:00Z',
  amount: 50,
  remaining_capture_amount: 200,
  remaining_authorization_amount: 200,
  available_credit: 13800,
};

// 3. A payment at the till.
export const PAYMENT_BODY_EXAMPLE = {
  transaction_type: 'instore_payment',
  amount: 100,
  account_number: PURCHASE_ACCOUNT_NUMBER,
  verification_code: 4821,
  request_id: 'till-7-000124',
  ...WHERE,
};

export const PAYMENT_ANSWER_EXAMPLE = {
  transaction_id: EXAMPLE_IDS.payment,
  transaction_type: 'instore_payment',
  account_number: PURCHASE_ACCOUNT_NUMBER,
  amount: 100,
  date: '2026-12-03T10:05:00Z',
  available_credit: 13900,
};

// 4. A purchase held, then captured in part and released.
export const HELD_AUTHORIZATION_BODY_EXAMPLE = { ...AUTHORIZATION_BODY_EXAMPLE, auto_capture: false, request_id: 'till-7-000125', reference: 'Order-1235' };

export const CAPTURE_BODY_EXAMPLE = { amount: 100, reference: 'Order-1235-part-1', ...WHERE };

const HELD = {
  authorization_id: EXAMPLE_IDS.heldAuthorization,
  account_number: PURCHASE_ACCOUNT_NUMBER,
  reference: 'Order-1235',
  transaction_type: 'promotional_purchase',
  ...PLAN_4_TERM_12,
  amount: 250,
  returned_amount: 0,
  created_at: '2026-12-03T10:10:00Z',
  external_location_id: DEMO_LOCATION_ID,
  annual_rates: ANNUAL_RATES,
  captures: [{ capture_id: EXAMPLE_IDS.heldCapture, amount: 100, returned_amount: 0, date: '2026-12-03T10:12:00Z' }],
};

export const CAPTURE_ANSWER_EXAMPLE = { ...HELD, captured_amount: 100, released_amount: 0, remaining_amount: 150, status: 'opened', available_credit: 13650 };

export const RELEASE_BODY_EXAMPLE = { ...WHERE };

export const RELEASE_ANSWER_EXAMPLE = { ...HELD, captured_amount: 100, released_amount: 150, remaining_amount: 0, status: 'closed', available_credit: 13800 };

// 5. A refund: the answer is empty, its id in the x-refund-id header.
export const REFUND_BODY_EXAMPLE = { amount: 20, reference: 'Goodwill-5', ...WHERE };
export const REFUND_ANSWER_EXAMPLE = {};

// 6. The reads, at the end of the day: every authorization shows the account's available credit now.
const NOW_AVAILABLE = 13820;

/** The first purchase as read back: 50.00 of it returned. */
export const GET_AUTHORIZATION_ANSWER_EXAMPLE = {
  ...AUTHORIZATION_ANSWER_EXAMPLE,
  returned_amount: 50,
  captures: [{ ...PURCHASED.captures[0], returned_amount: 50 }],
  available_credit: NOW_AVAILABLE,
};

export const AUTHORIZATION_PAGE_EXAMPLE = {
  page_number: 1,
  page_size: 10,
  total: 2,
  items: [{ ...RELEASE_ANSWER_EXAMPLE, available_credit: NOW_AVAILABLE }, GET_AUTHORIZATION_ANSWER_EXAMPLE],
};

export const CAPTURE_PAGE_EXAMPLE = {
  page_number: 1,
  page_size: 10,
  total: 2,
  items: [
    {
      capture_id: EXAMPLE_IDS.heldCapture,
      authorization_id: EXAMPLE_IDS.heldAuthorization,
      account_number: PURCHASE_ACCOUNT_NUMBER,
      amount: 100,
      returned_amount: 0,
      reference: 'Order-1235-part-1',
      external_location_id: DEMO_LOCATION_ID,
      date: '2026-12-03T10:12:00Z',
    },
    {
      capture_id: EXAMPLE_IDS.capture,
      authorization_id: EXAMPLE_IDS.authorization,
      account_number: PURCHASE_ACCOUNT_NUMBER,
      amount: 250,
      returned_amount: 50,
      reference: 'Order-1234',
      external_location_id: DEMO_LOCATION_ID,
      date: '2026-12-02T15:04:05Z',
    },
  ],
};
