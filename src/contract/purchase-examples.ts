// Examples of the Transactions endpoints for the OpenAPI document: a 250.00 purchase on plan 4 over 12 months by the
// demo client flexitidemo at its registered location 00-12345, on the demo account 116994755.

export const PURCHASE_ACCOUNT_NUMBER = 116994755;
export const DEMO_LOCATION_ID = '00-12345';
export const DEMO_EMPLOYEE_ID = '12345-SMITH';

const WHERE = { external_location_id: DEMO_LOCATION_ID, external_employee_id: DEMO_EMPLOYEE_ID };

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

export const AUTHORIZATION_ANSWER_EXAMPLE = {
  authorization_id: '700001',
  account_number: PURCHASE_ACCOUNT_NUMBER,
  reference: 'Order-1234',
  transaction_type: 'promotional_purchase',
  plan_id: 4,
  term: 12,
  amount: 250,
  captured_amount: 250,
  released_amount: 0,
  remaining_amount: 0,
  returned_amount: 0,
  status: 'closed',
  created_at: '2026-12-02T15:04:05Z',
  term_amount: 26.37,
  external_location_id: DEMO_LOCATION_ID,
  annual_rates: {
    description: 'Annual Promotional Interest Rate:',
    rate: 0.0999,
    type: 'APR',
    message:
      'Promotional annual interest rate applies during the promotional period and is included in your estimated monthly payments. Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.',
  },
  captures: [{ capture_id: '346123', amount: 250, returned_amount: 0, date: '2026-12-02T15:04:05Z' }],
  available_credit: 13750,
};

export const CAPTURE_BODY_EXAMPLE = { amount: 100, reference: 'Order-1234-part-1', ...WHERE };

export const RETURN_BODY_EXAMPLE = { full_return: false, amount: 50, reference: 'RMA-88', ...WHERE };

export const RETURN_ANSWER_EXAMPLE = {
  return_id: '900001',
  reference: 'RMA-88',
  capture_id: '346123',
  date: '2026-12-03T10:00:00Z',
  amount: 50,
  remaining_capture_amount: 200,
  remaining_authorization_amount: 200,
  available_credit: 13800,
};

export const REFUND_BODY_EXAMPLE = { amount: 20, reference: 'Goodwill-5', ...WHERE };

export const PAYMENT_BODY_EXAMPLE = {
  transaction_type: 'instore_payment',
  amount: 100,
  account_number: PURCHASE_ACCOUNT_NUMBER,
  verification_code: 4821,
  request_id: 'till-7-000124',
  ...WHERE,
};

export const PAYMENT_ANSWER_EXAMPLE = {
  transaction_id: '900002',
  transaction_type: 'instore_payment',
  account_number: PURCHASE_ACCOUNT_NUMBER,
  amount: 100,
  date: '2026-12-03T10:05:00Z',
  available_credit: 13900,
};
