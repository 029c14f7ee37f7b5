// What the use cases need from the world outside them: the store's reads and writes, the counters of failed attempts.
// The store (src/store) and the infrastructure (src/infra) implement these; use cases never see SQL, Redis or HTTP.
import type { CardHashes } from '../security/card-hash.js';
import type { ApiError } from '../contract/errors.js';
import type { IdempotencyKey, KeptAnswer } from '../domain/idempotency.js';
import type { Language } from '../domain/identity.js';
import type { Catalogue } from '../domain/plans/index.js';
import type { Answerable, Channel } from '../domain/principal.js';
import type { PinPurpose } from '../domain/verification/pin.js';
import type { SealedBox } from '../security/sealed-box.js';

export type AccountStatus = 'N' | 'F' | 'C';
export type AccountType = 'consumer' | 'business';

/** One account of a customer search, with its holder and originating merchant. */
export interface SearchRow {
  customer_id: string;
  first_name: string;
  last_name: string;
  preferred_language: Language;
  account_number: number;
  status: AccountStatus;
  status_reason: string;
  tos_agreement: number;
  risk_rating: string;
  account_type: AccountType;
  credit_limit_cents: number;
  open_to_buy_cents: number;
  originating_merchant_id: string;
  originating_merchant_name: string;
  opened_on: string;
  card_last_four: string | null;
}

export interface SearchKeys {
  firstNameKey: string;
  lastNameKey: string;
  dob: string;
  postalCodeKey?: string;
}

/** What an account's answers show of its holder. */
export interface Holder {
  first_name: string;
  last_name: string;
  address_1: string;
  address_2: string;
  city: string;
  postal_code: string;
  address_province: string;
  email: string;
  phone: string;
  preferred_language: Language;
}

/** What a customer lookup shows of an account. */
export interface LookupRow extends Holder {
  account_number: number;
  customer_id: string;
  account_type: AccountType;
  open_to_buy_cents: number;
  risk_rating: string;
  province: string;
  payment_protection: number;
  card_last_four: string | null;
}

/** Which account a lookup names: by its number, by its holder (their account to show), or by a card's stored forms. */
export type LookupKey = { accountNumber: number } | { customerId: string } | { cardForms: readonly string[] };

/** What a customer lookup answers with: the account's row and its holder's security questions in question order. */
export interface LookupView extends LookupRow {
  questions: { id: number; text_en: string; text_fr: string }[];
}

/** What a purchase quote reads of an account and its holder. */
export interface QuoteRow {
  account_number: number;
  account_type: AccountType;
  status: AccountStatus;
  open_to_buy_cents: number;
  air: string;
  category_type: string;
  province: string;
  risk_rating: string;
  first_name: string;
  last_name: string;
  preferred_language: Language;
}

/** An account as stored. */
export interface AccountRow {
  account_number: number;
  /** The person on the account; for a business account, its authorized user. */
  customer_id: string;
  business_name: string | null;
  account_type: AccountType;
  status: AccountStatus;
  status_reason: string;
  credit_limit_cents: number;
  open_to_buy_cents: number;
  balance_cents: number;
  /** The uncaptured, unreleased part of the account's open authorizations. */
  holds_cents: number;
  /** The balance brought forward when the ledger began; ledger entries explain every change after it. */
  opening_balance_cents: number;
  air: string;
  category_type: string;
  risk_rating: string;
  province: string;
  originating_merchant_id: string;
  opened_on: string;
  tos_agreement: number;
  payment_protection: number;
  updated_at: number;
}

/** An account beside its holder and its newest card's last four. */
export type AccountView = AccountRow & Holder & { card_last_four: string | null };

export interface AccountsPort {
  search(keys: SearchKeys): Promise<SearchRow[]>;
  /** One read, whichever identifier names the account (on PostgreSQL, one round trip). */
  lookup(key: LookupKey): Promise<LookupView | undefined>;
  quoteView(accountNumber: number): Promise<QuoteRow | undefined>;
  view(accountNumber: number): Promise<AccountView | undefined>;
  /** The account of the card stored under any of `forms` (its hash under each live key version), read at one instant. */
  accountNumberByCardHash(forms: readonly string[]): Promise<number | undefined>;
  /** A customer's account to show: the most recently opened open one, else the most recently opened. */
  customerAccountNumber(customerId: string): Promise<number | undefined>;
  /** Read in a transaction, locked where the store can lock a row, so changes to one account happen one at a time. */
  lock(accountNumber: number): Promise<AccountRow | undefined>;
  /** True when this call closed it; false when it was closed already. */
  markClosed(accountNumber: number, now: number): Promise<boolean>;
  /** Writes the account's money after a ledger posting, inside the transaction that appended the entries. */
  setMoney(accountNumber: number, money: AccountMoney, now: number): Promise<void>;
}

export interface AccountMoney {
  balance_cents: number;
  holds_cents: number;
  open_to_buy_cents: number;
}

export interface PinRecord {
  id: string;
  account_number: number;
  client_id: string;
  format: string;
  /** A bypass PIN is good for regular purchases only. */
  purpose: PinPurpose;
  pin_hash: string;
  request_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
  /** Wrong PINs presented so far; the third kills the PIN. */
  wrong_tries: number;
}

export interface VerificationsPort {
  answerHash(customerId: string, questionId: number): Promise<string | undefined>;
  countAnswerFailures(accountNumber: number, since: number): Promise<number>;
  recordAnswerFailure(accountNumber: number, at: number): Promise<void>;
  /** A right answer starts the count again. */
  clearAnswerFailures(accountNumber: number): Promise<void>;
  /** A new PIN replaces the account's live PINs of the same purpose. */
  replacePin(pin: PinRecord): Promise<void>;
  /** Every PIN of the account still usable stops being usable; the number revoked. */
  revokeLivePins(accountNumber: number, now: number): Promise<number>;
  livePins(accountNumber: number, now: number): Promise<PinRecord[]>;
  /** The newest PIN of this account issued to this client for this request id, neither used nor revoked (it may have expired). */
  pinFor(accountNumber: number, clientId: string, requestId: string | null): Promise<PinRecord | undefined>;
  /** Counts a wrong try; `kill` revokes the PIN as well. */
  recordWrongTry(pinId: string, wrongTries: number, kill: boolean, now: number): Promise<void>;
  /** Spends the PIN: true when this call spent it. */
  spendPin(pinId: string, now: number): Promise<boolean>;
}

export interface AuditEntry {
  action: string;
  accountNumber: number | null;
  outcome: string;
  detail?: Record<string, unknown>;
}

export interface AuditEvent {
  at: number;
  client_id: string;
  merchant_id: string;
  reference_id: string;
  action: string;
  account_number: number | null;
  outcome: string;
  detail: string;
}

/** Audit entries from `from` (inclusive) to `to` (exclusive), in ms since the epoch, of one account when it is given. */
export interface AuditQuery {
  from: number;
  to: number;
  accountNumber?: number;
}

export interface AuditPort {
  record(actor: Answerable, at: number, entry: AuditEntry): Promise<void>;
  trailOf(accountNumber: number): Promise<AuditEvent[]>;
  /** The entries of a period in the order they were written, read in batches: the table is never held in memory. */
  between(query: AuditQuery): AsyncIterable<AuditEvent>;
}

export type OutboxChannel = 'sms' | 'email';

export interface OutboxMessage {
  id: number;
  channel: OutboxChannel;
  /** Recipient, subject and body, sealed together: the body carries a PIN. */
  payload: string;
  /** `held`: its channel has nowhere to send it (no SMS gateway or SMTP server configured); `last_error` says so. */
  status: 'pending' | 'sent' | 'failed' | 'held';
  attempts: number;
  next_attempt_at: number;
  claimed_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface OutboxPort {
  /**
   * Writes a message to be sent; with `heldBecause`, one kept as held from the start (this node has no transport for its
   * channel, and says why): the dispatcher never claims it.
   */
  enqueue(channel: OutboxChannel, sealedPayload: string, now: number, heldBecause?: string): Promise<void>;
  /** Claims up to `limit` due messages for `leaseMs`: no other dispatcher sees them meanwhile. */
  claimDue(now: number, leaseMs: number, limit: number): Promise<OutboxMessage[]>;
  /** Extends to `until` the claims on `ids` still held under `heldUntil` (the claim's end is its fence); how many were. */
  renewClaims(ids: number[], heldUntil: number, until: number): Promise<number>;
  markSent(id: number, now: number): Promise<void>;
  /** Kept, not sent: their channel has no transport (`reason` says which setting is missing). No more attempts. */
  markHeld(ids: readonly number[], reason: string): Promise<void>;
  /** Recorded only while the claim `heldUntil` holds. `nextAttemptAt` null: no more attempts, the message is kept as failed. */
  markFailedAttempt(id: number, heldUntil: number, attempts: number, error: string, nextAttemptAt: number | null): Promise<void>;
  latest(limit: number): Promise<OutboxMessage[]>;
  countByStatus(): Promise<Record<string, number>>;
  /** What waits to be sent: for the operators' metrics, read when they are scraped. */
  backlog(): Promise<OutboxBacklog>;
}

export interface OutboxBacklog {
  pending: number;
  /** When the oldest message still pending was written (epoch ms); null when none is. */
  oldestPendingAt: number | null;
}

export interface ApiClientRecord {
  id: string;
  secret_hash: string;
  merchant_id: string;
  channel: Channel;
  may_override: number;
  disabled: number;
  created_at: number;
}

export interface ClientsPort {
  find(clientId: string): Promise<ApiClientRecord | undefined>;
  insert(client: ApiClientRecord): Promise<void>;
  merchantName(merchantId: string): Promise<string | undefined>;
  /** Marks the client disabled; false when there is no such client. */
  disable(clientId: string): Promise<boolean>;
  /** The ids of every disabled client (a short list: clients are few). */
  disabledIds(): Promise<string[]>;
}

/** The clients whose access tokens no longer admit anyone: read on every request, so held in memory. */
export interface RevokedClients {
  has(clientId: string): boolean;
}

export interface RefreshTokenRecord {
  token_hash: string;
  client_id: string;
  scope: string;
  access_expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface RefreshTokensPort {
  insert(row: RefreshTokenRecord): Promise<void>;
  /** Marks the token used if it is unused, the client's, and its access token still valid; the row when this call spent it. */
  spend(tokenHash: string, clientId: string, now: number): Promise<RefreshTokenRecord | undefined>;
  /** Spends every unspent refresh token of the client; the number spent. */
  revokeAllOf(clientId: string, now: number): Promise<number>;
}

export interface CataloguePort {
  /** The catalogue in force; another process's import is seen within seconds. */
  current(): Promise<Catalogue>;
  /** Replaces the whole catalogue atomically: readers see the old one or the new one, never a mix. */
  replace(catalogue: Catalogue): Promise<void>;
}

export type TransactionType = 'promotional_purchase' | 'regular_purchase';
export type AuthorizationStatus = 'opened' | 'closed';

/** A purchase: the amount authorized, and how much of it has been captured, released and (of the captured) returned. */
export interface AuthorizationRecord {
  id: number;
  client_id: string;
  account_number: number;
  transaction_type: TransactionType;
  plan_id: number | null;
  term: number | null;
  plan_category: string | null;
  /** The plan term's annual rate as a decimal text, or the account's rate for a regular purchase. */
  apr: string | null;
  term_amount_cents: number;
  amount_cents: number;
  captured_cents: number;
  released_cents: number;
  returned_cents: number;
  status: AuthorizationStatus;
  reference: string | null;
  external_location_id: string | null;
  external_employee_id: string | null;
  /** The merchant's basket as sent, JSON. */
  sku_data: string | null;
  /** The customer's language when the purchase was made: its receipt texts. */
  lang: Language;
  created_at: number;
  updated_at: number;
}

export interface CaptureRecord {
  id: number;
  authorization_id: number;
  client_id: string;
  account_number: number;
  amount_cents: number;
  returned_cents: number;
  reference: string | null;
  external_location_id: string | null;
  external_employee_id: string | null;
  sku_data: string | null;
  created_at: number;
}

export type PaymentKind = 'deposit' | 'instore_payment' | 'tradein';
export type CreditKind = 'return' | 'refund' | PaymentKind;

/** Money given back to an account: a return against a capture, a refund, or a payment at the till. */
export interface CreditRecord {
  id: number;
  kind: CreditKind;
  client_id: string;
  account_number: number;
  authorization_id: number | null;
  capture_id: number | null;
  amount_cents: number;
  reference: string | null;
  external_location_id: string | null;
  external_employee_id: string | null;
  sku_data: string | null;
  created_at: number;
}

export type LedgerEntryType = 'hold' | 'capture' | 'release' | CreditKind;

/** One change to an account's money, never altered once written. */
export interface LedgerEntry {
  id: number;
  account_number: number;
  entry_type: LedgerEntryType;
  amount_cents: number;
  balance_delta_cents: number;
  holds_delta_cents: number;
  authorization_id: number | null;
  capture_id: number | null;
  credit_id: number | null;
  client_id: string;
  external_location_id: string | null;
  external_employee_id: string | null;
  reference_id: string;
  at: number;
}

export interface Page {
  number: number;
  size: number;
}

export interface CreatedBetween {
  /** Inclusive epoch milliseconds. */
  from?: number;
  /** Exclusive epoch milliseconds. */
  to?: number;
}

export interface AuthorizationFilter extends CreatedBetween {
  accountNumber?: number;
  transactionType?: TransactionType;
  status?: AuthorizationStatus;
}

export interface CaptureFilter extends CreatedBetween {
  externalLocationId?: string;
}

/** What an authorization's answer shows of each of its captures. */
export type CaptureSummary = Pick<CaptureRecord, 'id' | 'amount_cents' | 'returned_cents' | 'created_at'>;

/** An authorization as the list shows it: with its captures, oldest first, and its account's available credit. */
export type AuthorizationView = AuthorizationRecord & { open_to_buy_cents: number; captures: CaptureSummary[] };

export interface PurchasesPort {
  insertAuthorization(row: Omit<AuthorizationRecord, 'id'>): Promise<number>;
  /** The client's own authorization; another client's is not found. */
  authorization(clientId: string, id: number): Promise<AuthorizationRecord | undefined>;
  updateAuthorization(
    id: number,
    change: Pick<AuthorizationRecord, 'captured_cents' | 'released_cents' | 'returned_cents' | 'status' | 'updated_at'>,
  ): Promise<void>;
  /** The client's own authorization as a read shows it: with its captures and its account's available credit. */
  authorizationView(clientId: string, id: number): Promise<AuthorizationView | undefined>;
  /** One authorization's captures, oldest first (a read's come with what it reads). */
  capturesOf(authorizationId: number): Promise<CaptureRecord[]>;
  capture(clientId: string, captureId: number): Promise<CaptureRecord | undefined>;
  /** Whether this client ever captured a purchase on this account. */
  capturedOn(clientId: string, accountNumber: number): Promise<boolean>;
  insertCapture(row: Omit<CaptureRecord, 'id'>): Promise<number>;
  setCaptureReturned(captureId: number, returnedCents: number): Promise<void>;
  insertCredit(row: Omit<CreditRecord, 'id'>): Promise<number>;
  /** What the account was paid at the till (every payment kind) since `since`. */
  paymentsSince(accountNumber: number, since: number): Promise<number>;
  /** A page of the client's authorizations, newest first, each with its captures. */
  listAuthorizations(clientId: string, filter: AuthorizationFilter, page: Page): Promise<{ total: number; items: AuthorizationView[] }>;
  listCaptures(clientId: string, filter: CaptureFilter, page: Page): Promise<{ total: number; items: CaptureRecord[] }>;
}

export interface LedgerPort {
  /** Appends the entries, in their order. */
  append(entries: readonly Omit<LedgerEntry, 'id'>[]): Promise<void>;
  entriesOf(accountNumber: number): Promise<LedgerEntry[]>;
}

export interface ClientLocation {
  client_id: string;
  external_location_id: string;
  name: string;
  created_at: number;
}

export interface LocationsPort {
  isRegistered(clientId: string, externalLocationId: string): Promise<boolean>;
  of(clientId: string): Promise<ClientLocation[]>;
  add(location: ClientLocation): Promise<void>;
}

/** What a key protects: the access tokens' signatures, the outbox's sealed messages, the cards' keyed hashes. */
export type KeyPurpose = 'token-signing' | 'outbox' | 'card-hash';

/** A rotated key version as the store keeps it: its secret sealed under the master key, wiped once retired. */
export interface KeyVersionRecord {
  purpose: KeyPurpose;
  kid: string;
  sealed_key: string | null;
  created_at: number;
  retired_at: number | null;
  /** A card hash version: when every card was found under it (the older forms need no longer be tried). */
  rehashed_at: number | null;
}

export interface KeyVersionsPort {
  /** Every version of every purpose, oldest first (a handful of rows). */
  all(): Promise<KeyVersionRecord[]>;
  add(version: KeyVersionRecord): Promise<void>;
  /** Marks the version retired and wipes its secret; a base version gets a row of its own, with no secret. */
  retire(purpose: KeyPurpose, kid: string, at: number): Promise<void>;
  /** How many messages not yet sent, and kept answers, are sealed under this outbox key version. */
  sealedUnder(kid: string): Promise<number>;
  /** Says every card is under this card hash version, if none is under another one (checked in the same statement). */
  markRehashed(kid: string, at: number): Promise<boolean>;
}

/** The card hash as this node knows its versions, able to read them again when a card is not found. */
export interface LiveCardHashes extends CardHashes {
  /**
   * Reads the versions again unless it did within the last second; true when the card hash changed (a version added,
   * or the re-hash settled), so a card that was not found is worth looking for once more. A card moved by a re-hash to
   * a version this node has not read yet (it reads them every KEYS_POLL_MS) is found that way.
   */
  freshen(): Promise<boolean>;
}

/** The cards' hashes by key version, for the re-hash that moves them to the newest. */
export interface CardKeysPort {
  /** How many cards each version holds. */
  countByVersion(): Promise<Map<string, number>>;
  /** Up to `limit` cards still under `kid`, in hash order. */
  underVersion(kid: string, limit: number): Promise<string[]>;
  /** Moves one card from its hash under `fromKid` to `hash` under `toKid`; false when it was not there any more. */
  move(fromHash: string, fromKid: string, hash: string, toKid: string): Promise<boolean>;
}

/** The access tokens' keys as this node knows them: the one that signs, and every live one that still verifies. */
export interface TokenKeys {
  signing(): { kid: string; key: Uint8Array };
  /** The key named `kid`, reading the versions again when it is one this node has not seen yet (rotated elsewhere). */
  verifying(kid: string): Promise<Uint8Array | undefined>;
}

/** The outbox's sealing keys as this node knows them: seals under the newest, opens under any live one. */
export interface SealingKeys extends SealedBox {
  /** Opens, reading the versions again first when the text names one this node has not seen yet (rotated elsewhere). */
  openFresh(sealed: string): Promise<string>;
}

/** The store's parts a use case works with, outside a transaction or inside one. */
export interface Repositories {
  accounts: AccountsPort;
  verifications: VerificationsPort;
  audit: AuditPort;
  outbox: OutboxPort;
  clients: ClientsPort;
  refreshTokens: RefreshTokensPort;
  catalogue: CataloguePort;
  purchases: PurchasesPort;
  ledger: LedgerPort;
  locations: LocationsPort;
  keyVersions: KeyVersionsPort;
  cardKeys: CardKeysPort;
}

/** What a use case decided: a success body, or a refusal that must still be committed (a counted wrong answer). */
export type Outcome<T> = { ok: true; status?: number; body: T; headers?: Record<string, string> } | { ok: false; error: ApiError };

/** What pruning deletes: rows older than these instants (epoch ms). */
export interface PruneCutoffs {
  idempotencyCreatedBefore: number;
  refreshExpiredBefore: number;
}

/** How many rows one pruning run deleted, per table. */
export interface Pruned {
  idempotencyRecords: number;
  refreshTokens: number;
}

export interface StorePort extends Repositories {
  readonly kind: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction with the keeping of its answer under `key`, so a repeat has no second effect.
   * A refusal `work` returns is committed and kept; one it throws rolls back and is kept on its own. When the answer to
   * this key is kept already (a concurrent twin won), throws IdempotentReplay; when the key was spent on another
   * request, ReferenceIdReused.
   */
  once<T>(key: IdempotencyKey | undefined, work: (tx: Repositories) => Promise<Outcome<T>>): Promise<T>;
  /** The answer kept for this client's reference id, if any and still replayable. */
  keptAnswer(clientId: string, referenceId: string, now: number): Promise<{ requestHash: string; answer: KeptAnswer } | undefined>;
  ping(): Promise<boolean>;
  /** Whether the store can serve: reachable, and migrated to the migrations this build knows; the reason when not. */
  readiness(): Promise<DependencyHealth>;
  /** Why the database cannot serve right now, when that is what `error` says (unreachable, read-only, full). */
  unavailableReason(error: unknown): string | undefined;
  /** Deletes expired idempotency records and refresh tokens; undefined when another node is pruning right now. */
  pruneExpired(cutoffs: PruneCutoffs): Promise<Pruned | undefined>;
  close(): Promise<void>;
}

/** Counts failed attempts per key in fixed windows; shared by every node when they share Redis. */
export interface FailureThrottle {
  /**
   * Counts one failure against each key before the slow check it guards runs, atomically with the limit's check:
   * refuses (429 too_many_requests, with Retry-After) when any key has reached the limit in its window. Parallel
   * attempts therefore never get more real checks than the limit. An attempt that turns out not to be a failure gives
   * its count back with `release()`.
   */
  reserve(keys: string[]): Promise<{ release(): Promise<void> }>;
  close(): Promise<void>;
}

/** A key's current window: how many it holds, and how long until it ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/** What a reservation of one count per key gave: granted (give it back with `release`), or refused until a window ends. */
export type Reservation = { granted: true; release(): Promise<void> } | { granted: false; resetInMs: number };

/**
 * Counts per key in fixed windows: shared by every node through Redis when there is one, and on this node alone when
 * there is none or while it is unreachable. Never fails and never waits long: a count Redis cannot take is taken here.
 */
export interface WindowCounters {
  /** Adds one to the key's current window (opening one when it has none) and returns the window. */
  add(key: string, windowMs: number): Promise<WindowCount>;
  /** Adds one to every key, unless one of them has reached `limit` already: then adds nothing. All or nothing, atomically. */
  reserve(keys: string[], limit: number, windowMs: number): Promise<Reservation>;
  close(): Promise<void>;
}

/** A dependency the service can serve without, and how it is doing. */
export interface DependencyHealth {
  status: 'ok' | 'unavailable';
  /** Why it is unavailable, and what the service does meanwhile. */
  reason?: string;
}
