// The database's tables as Kysely sees them. Money is integer cents, rates are decimal strings, dates YYYY-MM-DD text,
// instants epoch milliseconds, flags 0/1: the same representation on SQLite and PostgreSQL.
import type { Generated, Insertable, Kysely, Selectable } from 'kysely';
import type {
  AccountRow,
  ApiClientRecord,
  AuditEvent,
  AuthorizationRecord,
  CaptureRecord,
  ClientLocation,
  CreditRecord,
  KeyVersionRecord,
  LedgerEntry,
  OutboxMessage,
  PinRecord,
  RefreshTokenRecord,
} from '../use-cases/ports.js';

// The records the use cases' ports read and write are these tables' rows: one declaration of each shape.

export interface MerchantsTable {
  id: string;
  name: string;
}

export type ApiClientsTable = ApiClientRecord;

export interface CustomersTable {
  id: string;
  first_name: string;
  last_name: string;
  /** Names folded for search (case, accents, punctuation removed), written with the name. */
  first_name_key: string;
  last_name_key: string;
  dob: string;
  address_1: string;
  address_2: string;
  city: string;
  province: string;
  postal_code: string;
  postal_code_key: string;
  email: string;
  phone: string;
  preferred_language: 'en-CA' | 'fr-CA';
  created_at: number;
}

export type AccountsTable = AccountRow;

export interface CardsTable {
  card_hash: string;
  last_four: string;
  account_number: number;
  created_at: number;
  /** The card hash key version the hash was made under ('base' for CARD_HMAC_KEY alone). */
  key_kid: string;
}

export interface SecurityQuestionsTable {
  id: number;
  text_en: string;
  text_fr: string;
}

export interface SecurityAnswersTable {
  customer_id: string;
  question_id: number;
  answer_hash: string;
}

export interface PlansTable {
  id: number;
  name_en: string;
  name_fr: string;
  category: 'equal_billing' | 'deferred' | 'no_interest';
}

export interface PlanTermsTable {
  plan_id: number;
  months: number;
  apr: string;
  min_amount_cents: number;
  max_amount_cents: number;
  /** Comma-separated provinces where the term is offered; null for everywhere. */
  provinces: string | null;
}

export interface PlanTermFeesTable {
  plan_id: number;
  months: number;
  /** A province code, or '*' for the default fee. */
  province: string;
  fee_cents: number;
}

export interface PlanOffersTable {
  id: Generated<number>;
  merchant_id: string;
  plan_id: number;
  /** Comma-separated account types. */
  account_types: string;
  provinces: string | null;
  term_months: string | null;
}

export type VerificationsTable = PinRecord;

export interface AnswerFailuresTable {
  id: Generated<number>;
  account_number: number;
  failed_at: number;
}

export interface IdempotencyRecordsTable {
  client_id: string;
  reference_id: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  /** JSON of the headers the answer carried beyond the usual ones (a refund's id); null for none. */
  response_headers: string | null;
  created_at: number;
}

export type RefreshTokensTable = RefreshTokenRecord;

export type AuditEventsTable = AuditEvent & { id: Generated<number> };

export type OutboxTable = Omit<OutboxMessage, 'id'> & { id: Generated<number> };

export type ClientLocationsTable = ClientLocation;
export type KeyVersionsTable = KeyVersionRecord;
export type AuthorizationsTable = Omit<AuthorizationRecord, 'id'> & { id: Generated<number> };
export type CapturesTable = Omit<CaptureRecord, 'id'> & { id: Generated<number> };
export type CreditsTable = Omit<CreditRecord, 'id'> & { id: Generated<number> };
export type LedgerEntriesTable = Omit<LedgerEntry, 'id'> & { id: Generated<number> };

export interface Database {
  merchants: MerchantsTable;
  api_clients: ApiClientsTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  cards: CardsTable;
  security_questions: SecurityQuestionsTable;
  security_answers: SecurityAnswersTable;
  plans: PlansTable;
  plan_terms: PlanTermsTable;
  plan_term_fees: PlanTermFeesTable;
  plan_offers: PlanOffersTable;
  verifications: VerificationsTable;
  answer_failures: AnswerFailuresTable;
  idempotency_records: IdempotencyRecordsTable;
  refresh_tokens: RefreshTokensTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  client_locations: ClientLocationsTable;
  authorizations: AuthorizationsTable;
  captures: CapturesTable;
  credits: CreditsTable;
  ledger_entries: LedgerEntriesTable;
  key_versions: KeyVersionsTable;
}

export type Customer = Selectable<CustomersTable>;
export type Account = Selectable<AccountsTable>;
export type ApiClient = Selectable<ApiClientsTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type NewAccount = Insertable<AccountsTable>;

/** The store's Kysely instance, or a transaction of it. */
export type Db = Kysely<Database>;
