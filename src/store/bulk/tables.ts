// How each bulk record becomes a row of its table: column order, primary key, and which columns a re-run must not overwrite.
import { customerRow } from '../customers.js';
import type { AccountRecord, CardRecord, CustomerRecord } from './records.js';

export type SqlValue = string | number | null;

export interface TableSpec<R> {
  table: 'customers' | 'accounts' | 'cards' | 'security_answers';
  columns: readonly string[];
  key: readonly string[];
  /** Kept as first written when a re-run updates the row (creation instants). */
  keep: readonly string[];
  values(record: R, now: number): SqlValue[];
}

const CUSTOMER_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'first_name_key',
  'last_name_key',
  'dob',
  'address_1',
  'address_2',
  'city',
  'province',
  'postal_code',
  'postal_code_key',
  'email',
  'phone',
  'preferred_language',
  'created_at',
] as const;

export const customersTable: TableSpec<CustomerRecord> = {
  table: 'customers',
  columns: CUSTOMER_COLUMNS,
  key: ['id'],
  keep: ['created_at'],
  values: (c, now) => {
    // customerRow names the search keys, so bulk rows are searchable exactly like rows written one by one.
    const row = customerRow(c, now);
    return CUSTOMER_COLUMNS.map((col) => row[col]);
  },
};

export const accountsTable: TableSpec<AccountRecord> = {
  table: 'accounts',
  columns: [
    'account_number',
    'customer_id',
    'business_name',
    'account_type',
    'status',
    'status_reason',
    'credit_limit_cents',
    'open_to_buy_cents',
    'balance_cents',
    'opening_balance_cents',
    'air',
    'category_type',
    'risk_rating',
    'province',
    'originating_merchant_id',
    'opened_on',
    'tos_agreement',
    'payment_protection',
    'updated_at',
  ],
  key: ['account_number'],
  keep: [],
  values: (a, now) => [
    a.account_number,
    a.customer_id,
    a.business_name,
    a.account_type,
    a.status,
    a.status_reason,
    a.credit_limit_cents,
    a.open_to_buy_cents,
    a.balance_cents,
    a.balance_cents,
    a.air,
    a.category_type,
    a.risk_rating,
    a.province,
    a.originating_merchant_id,
    a.opened_on,
    a.tos_agreement ? 1 : 0,
    a.payment_protection ? 1 : 0,
    now,
  ],
};

export const cardsTable: TableSpec<CardRecord> = {
  table: 'cards',
  columns: ['card_hash', 'key_kid', 'last_four', 'account_number', 'created_at'],
  key: ['card_hash'],
  keep: ['created_at'],
  values: (c, now) => [c.card_hash, c.key_kid, c.last_four, c.account_number, now],
};

export interface AnswerRow {
  customer_id: string;
  question_id: number;
  answer_hash: string;
}

export const answersTable: TableSpec<AnswerRow> = {
  table: 'security_answers',
  columns: ['customer_id', 'question_id', 'answer_hash'],
  key: ['customer_id', 'question_id'],
  keep: [],
  values: (a) => [a.customer_id, a.question_id, a.answer_hash],
};
