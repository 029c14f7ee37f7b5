// The initial schema, written once for both dialects with Kysely's schema builder.
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { StoreKind } from '../../config.js';

export const initialSchema = (store: StoreKind): Migration => ({ up: (db) => up(db, store), down });

async function up(db: Kysely<unknown>, store: StoreKind): Promise<void> {
  // Identity columns are the one thing the two dialects spell differently.
  const id = (c: ColumnDefinitionBuilder) => (store === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('merchants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('in_store', 'online')`))
    .addColumn('may_override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name_key', 'text', (c) => c.notNull())
    .addColumn('last_name_key', 'text', (c) => c.notNull())
    .addColumn('dob', 'text', (c) => c.notNull())
    .addColumn('address_1', 'text', (c) => c.notNull())
    .addColumn('address_2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('postal_code_key', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('preferred_language', 'text', (c) => c.notNull().check(sql`preferred_language in ('en-CA', 'fr-CA')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Search always has all three; the most selective column leads.
  await db.schema.createIndex('customers_search').on('customers').columns(['last_name_key', 'dob', 'first_name_key']).execute();
  await db.schema
    .createTable('accounts')
    .addColumn('account_number', 'bigint', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('business_name', 'text')
    .addColumn('account_type', 'text', (c) => c.notNull().check(sql`account_type in ('consumer', 'business')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('N', 'F', 'C')`))
    .addColumn('status_reason', 'text', (c) => c.notNull())
    .addColumn('credit_limit_cents', 'bigint', (c) => c.notNull())
    .addColumn('open_to_buy_cents', 'bigint', (c) => c.notNull())
    .addColumn('balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('air', 'text', (c) => c.notNull())
    .addColumn('category_type', 'text', (c) => c.notNull())
    .addColumn('risk_rating', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('originating_merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('tos_agreement', 'integer', (c) => c.notNull())
    .addColumn('payment_protection', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_customer').on('accounts').columns(['customer_id', 'opened_on']).execute();
  await db.schema
    .createTable('cards')
    .addColumn('card_hash', 'text', (c) => c.primaryKey())
    .addColumn('last_four', 'text', (c) => c.notNull())
    .addColumn('account_number', 'bigint', (c) => c.notNull().references('accounts.account_number'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cards_account').on('cards').column('account_number').execute();
  await db.schema
    .createTable('security_questions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_fr', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('security_answers')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('security_questions.id'))
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('security_answers_pk', ['customer_id', 'question_id'])
    .execute();
  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('equal_billing', 'deferred', 'no_interest')`))
    .execute();
  await db.schema
    .createTable('plan_terms')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('apr', 'text', (c) => c.notNull())
    .addColumn('min_amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('max_amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('provinces', 'text')
    .addPrimaryKeyConstraint('plan_terms_pk', ['plan_id', 'months'])
    .execute();
  await db.schema
    .createTable('plan_term_fees')
    .addColumn('plan_id', 'integer', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('fee_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_term_fees_pk', ['plan_id', 'months', 'province'])
    .addForeignKeyConstraint('plan_term_fees_term', ['plan_id', 'months'], 'plan_terms', ['plan_id', 'months'])
    .execute();
  await db.schema
    .createTable('plan_offers')
    .addColumn('id', 'integer', id)
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('account_types', 'text', (c) => c.notNull())
    .addColumn('provinces', 'text')
    .addColumn('term_months', 'text')
    .execute();
  await db.schema.createIndex('plan_offers_merchant').on('plan_offers').column('merchant_id').execute();
  await db.schema
    .createTable('verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_number', 'bigint', (c) => c.notNull().references('accounts.account_number'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('verifications_account').on('verifications').columns(['account_number', 'purpose']).execute();
  await db.schema
    .createTable('answer_failures')
    .addColumn('id', 'integer', id)
    .addColumn('account_number', 'bigint', (c) => c.notNull())
    .addColumn('failed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('answer_failures_account').on('answer_failures').columns(['account_number', 'failed_at']).execute();
  await db.schema
    .createTable('idempotency_records')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('reference_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['client_id', 'reference_id'])
    .execute();
  await db.schema.createIndex('idempotency_records_created').on('idempotency_records').column('created_at').execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('access_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('reference_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('account_number', 'bigint')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_events_account').on('audit_events').columns(['account_number', 'at']).execute();
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', id)
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'audit_events',
    'refresh_tokens',
    'idempotency_records',
    'answer_failures',
    'verifications',
    'plan_offers',
    'plan_term_fees',
    'plan_terms',
    'plans',
    'security_answers',
    'security_questions',
    'cards',
    'accounts',
    'customers',
    'api_clients',
    'merchants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
