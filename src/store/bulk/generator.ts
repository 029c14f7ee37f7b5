// Generates realistic Canadian customers with their accounts and cards; record i depends only on the seed and i.
import { nameKey } from '../../domain/identity.js';
import { ENGLISH_FIRST_NAMES, ENGLISH_LAST_NAMES, FRENCH_FIRST_NAMES, FRENCH_LAST_NAMES, SAMPLE_ANSWERS } from './canadian-names.js';
import { EMAIL_DOMAINS, ENGLISH_STREETS, FRENCH_STREETS, PROVINCES, type Province } from './canadian-places.js';
import { generatedCardNumber } from './card-numbers.js';
import { seededRandom, type Random } from './random.js';
import { STATUS_REASONS, type AccountRecord, type AccountStatus, type ClearCard, type CustomerRecord, type SecurityAnswer } from './records.js';

export interface GeneratedCustomer {
  customer: CustomerRecord;
  accounts: AccountRecord[];
  /** In clear: the store sink hashes them, the CSV sink writes them as an import file would carry them. */
  cards: ClearCard[];
}

export interface GeneratorOptions {
  seed: number;
  /** Merchant ids accounts may originate from (existing merchants). */
  merchantIds: readonly string[];
}

/** Generated ids live far above the demo's: customers G0000001…, accounts from 900000000000. */
export const GENERATED_ID_PREFIX = 'G';
export const FIRST_GENERATED_ACCOUNT = 900_000_000_000;
/** Room for each customer's accounts: account numbers are derived from the customer's ordinal, so they never collide. */
const ACCOUNTS_PER_CUSTOMER = 3;

export const generatedCustomerId = (ordinal: number) => `${GENERATED_ID_PREFIX}${String(ordinal).padStart(7, '0')}`;

const PROVINCE_WEIGHTS = PROVINCES.map((p) => [p, p.weight] as const);
const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';
const DAY = 86_400_000;
const CREDIT_LIMITS = [500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 15000] as const;
const BUSINESS_LIMITS = [5000, 10000, 15000, 25000, 50000] as const;
const RATES = [
  ['0.1999', 1],
  ['0.2499', 2],
  ['0.2999', 4],
  ['0.3099', 3],
  ['0.3499', 1],
] as const;
const STATUSES = [
  ['N', 90],
  ['F', 6],
  ['C', 4],
] as const;
const RISK_RATINGS = [
  ['L', 60],
  ['H', 25],
  ['Y', 15],
] as const;
const ACCOUNT_COUNTS = [
  [1, 65],
  [2, 25],
  [3, 10],
] as const;
const BUSINESS_SUFFIXES_EN = ['Holdings Ltd.', 'Renovations Inc.', 'Contracting Ltd.', '& Sons Inc.', 'Enterprises Ltd.'] as const;
const BUSINESS_SUFFIXES_FR = ['Rénovations inc.', 'Construction ltée', '& Fils inc.', 'Entreprises ltée', 'Services inc.'] as const;

const isoDate = (epochDay: number) => new Date(epochDay * DAY).toISOString().slice(0, 10);
const epochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const BIRTH_FROM = epochDay('1940-01-01');
const BIRTH_TO = epochDay('2005-12-31');
const OPENED_FROM = epochDay('2012-01-01');
const OPENED_TO = epochDay('2025-06-30');

function postalCode(r: Random, fsas: readonly string[]): string {
  return `${r.pick(fsas)} ${r.int(0, 9)}${POSTAL_LETTERS[r.int(0, POSTAL_LETTERS.length - 1)]}${r.int(0, 9)}`;
}

/** An email local part from the names, folded to ASCII the way people type them. */
function emailFor(r: Random, first: string, last: string): string {
  const local = `${nameKey(first)}.${nameKey(last)}`;
  const suffix = r.chance(0.5) ? String(r.int(1, 99)) : '';
  return `${local}${suffix}@${r.pick(EMAIL_DOMAINS)}`;
}

function phoneFor(r: Random, province: Province): string {
  return `${r.pick(province.areaCodes)}${r.int(200, 999)}${String(r.int(0, 9999)).padStart(4, '0')}`;
}

function answersFor(r: Random): SecurityAnswer[] {
  const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const count = r.int(1, 3);
  const answers: SecurityAnswer[] = [];
  for (let i = 0; i < count; i++) {
    const [id] = ids.splice(r.int(0, ids.length - 1), 1) as [number];
    answers.push({ question_id: id, answer: r.pick(SAMPLE_ANSWERS[id] as readonly string[]) });
  }
  return answers.sort((a, b) => a.question_id - b.question_id);
}

function customerFor(r: Random, ordinal: number): CustomerRecord {
  const province = r.weighted(PROVINCE_WEIGHTS);
  const french = r.chance(province.french);
  // Names follow the language mostly, not always: Canada has many Tremblays who prefer English and MacDonalds who prefer French.
  const first = r.chance(french ? 0.9 : 0.95) === french ? r.pick(FRENCH_FIRST_NAMES) : r.pick(ENGLISH_FIRST_NAMES);
  const last = r.chance(french ? 0.9 : 0.93) === french ? r.pick(FRENCH_LAST_NAMES) : r.pick(ENGLISH_LAST_NAMES);
  const city = r.pick(province.cities);
  const street = french ? r.pick(FRENCH_STREETS) : r.pick(ENGLISH_STREETS);
  const unit = r.chance(0.15) ? `${french ? 'App.' : 'Apt'} ${r.int(1, 2400)}` : '';
  return {
    id: generatedCustomerId(ordinal),
    first_name: first,
    last_name: last,
    dob: isoDate(r.int(BIRTH_FROM, BIRTH_TO)),
    address_1: `${r.int(1, 9999)} ${street}`,
    address_2: unit,
    city: city.name,
    province: province.code,
    postal_code: postalCode(r, city.fsas),
    email: r.chance(0.85) ? emailFor(r, first, last) : '',
    phone: r.chance(0.9) ? phoneFor(r, province) : '',
    preferred_language: french ? 'fr-CA' : 'en-CA',
    answers: answersFor(r),
  };
}

function accountFor(r: Random, customer: CustomerRecord, accountNumber: number, merchantIds: readonly string[]): AccountRecord {
  const business = r.chance(0.08);
  const status = r.weighted(STATUSES) as AccountStatus;
  const limitDollars = business ? r.pick(BUSINESS_LIMITS) : r.pick(CREDIT_LIMITS);
  const limit = limitDollars * 100;
  // A closed account carries no balance: the contract refuses to close one that does.
  const balance = status === 'C' ? 0 : r.chance(0.3) ? 0 : r.int(1, limit);
  // An adult opens an account: never before the customer's eighteenth birthday.
  const adult = epochDay(customer.dob) + 18 * 366;
  const suffixes = customer.preferred_language === 'fr-CA' ? BUSINESS_SUFFIXES_FR : BUSINESS_SUFFIXES_EN;
  return {
    account_number: accountNumber,
    customer_id: customer.id,
    account_type: business ? 'business' : 'consumer',
    business_name: business ? `${customer.last_name} ${r.pick(suffixes)}` : null,
    status,
    status_reason: STATUS_REASONS[status],
    credit_limit_cents: limit,
    open_to_buy_cents: limit - balance,
    balance_cents: balance,
    air: r.weighted(RATES),
    category_type: r.chance(0.3) ? 'preferred' : 'standard',
    risk_rating: r.weighted(RISK_RATINGS),
    province: customer.province,
    originating_merchant_id: r.pick(merchantIds),
    opened_on: isoDate(r.int(Math.max(OPENED_FROM, adult), OPENED_TO)),
    tos_agreement: r.chance(0.98),
    payment_protection: r.chance(0.2),
  };
}

/** The customer with this ordinal (1, 2, …): the same for the same seed, whatever was generated before. */
export function generateCustomer(options: GeneratorOptions, ordinal: number): GeneratedCustomer {
  if (options.merchantIds.length === 0) throw new Error('no merchant to originate accounts from: load the demo data first');
  const r = seededRandom(options.seed, ordinal);
  const customer = customerFor(r, ordinal);
  const accounts: AccountRecord[] = [];
  const cards: ClearCard[] = [];
  const count = r.weighted(ACCOUNT_COUNTS);
  for (let k = 0; k < count; k++) {
    const offset = (ordinal - 1) * ACCOUNTS_PER_CUSTOMER + k;
    const account = accountFor(r, customer, FIRST_GENERATED_ACCOUNT + offset, options.merchantIds);
    accounts.push(account);
    if (r.chance(0.85)) cards.push({ card_number: generatedCardNumber(offset), account_number: account.account_number });
  }
  return { customer, accounts, cards };
}

export function* generateCustomers(options: GeneratorOptions, first: number, count: number): Generator<GeneratedCustomer> {
  for (let ordinal = first; ordinal < first + count; ordinal++) yield generateCustomer(options, ordinal);
}
