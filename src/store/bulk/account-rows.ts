// accounts.csv: its columns, and the rules a row must meet to become an account (money in dollars with at most two decimals).
import { centsToString } from '../../domain/money.js';
import { PROVINCE_CODES } from './canadian-places.js';
import { CUSTOMER_ID, type RowResult } from './customer-rows.js';
import { FieldReader, type CsvRow } from './field-reader.js';
import { STATUS_REASONS, type AccountRecord, type AccountStatus, type AccountType } from './records.js';

export const ACCOUNT_COLUMNS = [
  'account_number',
  'customer_id',
  'account_type',
  'business_name',
  'status',
  'status_reason',
  'credit_limit',
  'available_credit',
  'balance',
  'air',
  'category_type',
  'risk_rating',
  'province',
  'originating_merchant_id',
  'opened_on',
  'tos_agreement',
  'payment_protection',
] as const;
export const REQUIRED_ACCOUNT_COLUMNS = ACCOUNT_COLUMNS.filter((c) => c !== 'business_name' && c !== 'balance');

/** Up to 14 digits, as the contract's account numbers. */
export const MAX_ACCOUNT_NUMBER = 99_999_999_999_999;
const RATE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

export function accountFromRow(row: CsvRow, today: string): RowResult<AccountRecord> {
  const f = new FieldReader(row);
  const account_number = f.integer('account_number', 1, MAX_ACCOUNT_NUMBER);
  const customer_id = f.text('customer_id', { required: true, pattern: CUSTOMER_ID, describe: 'a customer id' });
  const account_type = f.oneOf<AccountType>('account_type', ['consumer', 'business'], 'an account type');
  const business_name = f.text('business_name', { max: 200 });
  if (account_type === 'business' && business_name === '') f.problem('business_name', 'is required for a business account');
  if (account_type === 'consumer' && business_name !== '') f.problem('business_name', 'is only for a business account');
  const status = f.oneOf<AccountStatus>('status', ['N', 'F', 'C'], 'an account status');
  const status_reason = f.oneOf('status_reason', Object.values(STATUS_REASONS), 'a status reason code');
  if (STATUS_REASONS[status] && status_reason && STATUS_REASONS[status] !== status_reason && Object.values(STATUS_REASONS).includes(status_reason)) {
    f.problem('status_reason', `${status_reason} does not go with status ${status} (expected ${STATUS_REASONS[status]})`);
  }
  const moneyProblems = f.problems.length;
  const credit_limit_cents = f.cents('credit_limit', { min: 0 });
  const open_to_buy_cents = f.cents('available_credit', { min: 0 });
  // Compared only when both amounts are good: a bad limit is one problem, not two.
  if (f.problems.length === moneyProblems && open_to_buy_cents > credit_limit_cents) f.problem('available_credit', 'is above the credit limit');
  const balance_cents = f.cents('balance', { required: false, fallback: 0 });
  const air = f.text('air', { required: true, pattern: RATE, describe: 'a yearly rate written as a decimal such as 0.2999' });
  const category_type = f.text('category_type', { required: true, max: 30, pattern: /^[A-Za-z_]+$/, describe: 'a category word' });
  const risk_rating = f.text('risk_rating', { required: true, pattern: /^[A-Z]$/, describe: 'one capital letter' });
  const province = f.oneOf('province', [...PROVINCE_CODES], 'a Canadian province or territory code');
  const originating_merchant_id = f.text('originating_merchant_id', { required: true, max: 100 });
  const opened_on = f.date('opened_on', '1950-01-01', today);
  const tos_agreement = f.flag('tos_agreement');
  const payment_protection = f.flag('payment_protection');
  if (f.problems.length > 0 || account_number === undefined) return { ok: false, problems: f.problems };
  return {
    ok: true,
    record: {
      account_number,
      customer_id,
      account_type,
      business_name: business_name || null,
      status,
      status_reason,
      credit_limit_cents,
      open_to_buy_cents,
      balance_cents,
      air,
      category_type,
      risk_rating,
      province,
      originating_merchant_id,
      opened_on,
      tos_agreement,
      payment_protection,
    },
  };
}

export function accountToRow(a: AccountRecord): Record<string, string> {
  return {
    account_number: String(a.account_number),
    customer_id: a.customer_id,
    account_type: a.account_type,
    business_name: a.business_name ?? '',
    status: a.status,
    status_reason: a.status_reason,
    credit_limit: centsToString(a.credit_limit_cents),
    available_credit: centsToString(a.open_to_buy_cents),
    balance: centsToString(a.balance_cents),
    air: a.air,
    category_type: a.category_type,
    risk_rating: a.risk_rating,
    province: a.province,
    originating_merchant_id: a.originating_merchant_id,
    opened_on: a.opened_on,
    tos_agreement: String(a.tos_agreement),
    payment_protection: String(a.payment_protection),
  };
}
