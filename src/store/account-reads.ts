// Reads of accounts with what their answers need: the customer, the merchant, the card's last four.
import { sql } from 'kysely';
import type { StoreKind } from '../config.js';
import type { AccountView, LookupKey, LookupView, QuoteRow, SearchKeys } from '../use-cases/ports.js';
import { remembered } from './bounded-map.js';
import type { Db } from './schema.js';
import { precompiled } from './precompiled.js';

/** The last four of the account's newest card, or null. */
const cardLastFour = sql<string | null>`(select c.last_four from cards c where c.account_number = a.account_number order by c.created_at desc limit 1)`;

function searchQuery(db: Db, lastNameKey: string, firstNameKey: string, dob: string, postalCodeKey?: string) {
  let query = db
    .selectFrom('customers as cu')
    .innerJoin('accounts as a', 'a.customer_id', 'cu.id')
    .innerJoin('merchants as m', 'm.id', 'a.originating_merchant_id')
    .where('cu.last_name_key', '=', lastNameKey)
    .where('cu.first_name_key', '=', firstNameKey)
    .where('cu.dob', '=', dob);
  if (postalCodeKey !== undefined) query = query.where('cu.postal_code_key', '=', postalCodeKey);
  return (
    query
      .select([
        'cu.id as customer_id',
        'cu.first_name',
        'cu.last_name',
        'cu.preferred_language',
        'a.account_number',
        'a.status',
        'a.status_reason',
        'a.tos_agreement',
        'a.risk_rating',
        'a.account_type',
        'a.credit_limit_cents',
        'a.open_to_buy_cents',
        'a.originating_merchant_id',
        'm.name as originating_merchant_name',
        'a.opened_on',
        cardLastFour.as('card_last_four'),
      ])
      .orderBy('cu.id')
      .orderBy('a.opened_on', 'desc')
      .orderBy('a.account_number')
      // A literal, not a parameter: SQLite runs this query three times slower with its LIMIT bound.
      .limit(sql.lit(200))
  );
}

const searchByName = precompiled((db, last: string, first: string, dob: string) => searchQuery(db, last, first, dob));
const searchByNameAndPostalCode = precompiled((db, last: string, first: string, dob: string, postal: string) => searchQuery(db, last, first, dob, postal));

/** Uses the customers_search index: name keys and birth date are equalities. */
export function searchAccounts(db: Db, keys: SearchKeys) {
  return keys.postalCodeKey
    ? searchByNameAndPostalCode(db, keys.lastNameKey, keys.firstNameKey, keys.dob, keys.postalCodeKey)
    : searchByName(db, keys.lastNameKey, keys.firstNameKey, keys.dob);
}

/** What an account's answers show of its holder. */
const HOLDER_COLUMNS = [
  'cu.first_name',
  'cu.last_name',
  'cu.address_1',
  'cu.address_2',
  'cu.city',
  'cu.postal_code',
  'cu.province as address_province',
  'cu.email',
  'cu.phone',
  'cu.preferred_language',
] as const;

/** An account beside its holder: every account has one. */
const accountAndHolder = (db: Db) => db.selectFrom('accounts as a').innerJoin('customers as cu', 'cu.id', 'a.customer_id');

function accountWithCustomer(db: Db) {
  return accountAndHolder(db)
    .selectAll('a')
    .select([...HOLDER_COLUMNS, cardLastFour.as('card_last_four')]);
}

const accountView = precompiled((db, accountNumber: number) => accountWithCustomer(db).where('a.account_number', '=', accountNumber));
export async function findAccountView(db: Db, accountNumber: number): Promise<AccountView | undefined> {
  return (await accountView(db, accountNumber))[0];
}

const cardAccount = precompiled((db, cardHash: string) => db.selectFrom('cards').select('account_number').where('card_hash', '=', cardHash));
/** A card looked up by several forms at once, one query per number of forms (a handful: one per key version). */
const cardAccountByForms = new Map<number, ReturnType<typeof precompiled<string[], { account_number: number }>>>();
const cardAccountAmong = (count: number) => {
  let query = cardAccountByForms.get(count);
  if (!query) {
    query = precompiled((db, ...forms: string[]) => db.selectFrom('cards').select('account_number').where('card_hash', 'in', forms));
    cardAccountByForms.set(count, query);
  }
  return query;
};

/**
 * One statement for every form, so it reads the cards at one instant: a re-hash moving the card from one form to
 * the next between two reads would otherwise hide it from both.
 */
export async function findAccountNumberByCardHash(db: Db, forms: readonly string[]): Promise<number | undefined> {
  const [only] = forms;
  if (only === undefined) return undefined;
  const rows = forms.length === 1 ? await cardAccount(db, only) : await cardAccountAmong(forms.length)(db, ...forms);
  return rows[0]?.account_number;
}

/** A customer's account to show: the most recently opened open one, else the most recently opened. */
function accountToShow(db: Db, customerId: string) {
  return db
    .selectFrom('accounts')
    .select('account_number')
    .where('customer_id', '=', customerId)
    .orderBy(sql`case when status = 'N' then 0 else 1 end`)
    .orderBy('opened_on', 'desc')
    .orderBy('account_number', 'desc')
    .limit(sql.lit(1));
}

const customerAccount = precompiled(accountToShow);

export async function findCustomerAccountNumber(db: Db, customerId: string): Promise<number | undefined> {
  return (await customerAccount(db, customerId))[0]?.account_number;
}

/**
 * A customer's security questions in question order (the answers' key order: no sort needed), as one JSON array, so a
 * lookup is one statement: on PostgreSQL every statement is a round trip.
 */
const questionsJson = {
  postgres: sql<unknown>`(select coalesce(json_agg(json_build_object('id', q.id, 'text_en', q.text_en, 'text_fr', q.text_fr) order by sa.question_id), '[]'::json)
    from security_answers sa join security_questions q on q.id = sa.question_id where sa.customer_id = a.customer_id)`,
  // SQLite's json_group_array keeps the order of the rows it is given.
  sqlite: sql<unknown>`(select json_group_array(json_object('id', id, 'text_en', text_en, 'text_fr', text_fr)) from (select q.id, q.text_en, q.text_fr
    from security_answers sa join security_questions q on q.id = sa.question_id where sa.customer_id = a.customer_id order by sa.question_id))`,
};

/** Only the columns the lookup answers with (each column read costs the request path a value to build), and the questions. */
function lookupQuery(db: Db, kind: StoreKind) {
  return accountAndHolder(db).select([
    'a.account_number',
    'a.customer_id',
    'a.account_type',
    'a.open_to_buy_cents',
    'a.risk_rating',
    'a.province',
    'a.payment_protection',
    ...HOLDER_COLUMNS,
    cardLastFour.as('card_last_four'),
    questionsJson[kind].as('questions'),
  ]);
}

type LookupRead<Args extends string[] | number[]> = (db: Db, ...args: Args) => Promise<(Omit<LookupView, 'questions'> & { questions: unknown })[]>;

/** One precompiled statement per store kind: the questions' JSON is written in each dialect's words. */
function perKind<Args extends string[] | number[]>(make: (kind: StoreKind) => LookupRead<Args>): Record<StoreKind, LookupRead<Args>> {
  return { sqlite: make('sqlite'), postgres: make('postgres') };
}

const lookupByAccount = perKind((kind) => precompiled((db, accountNumber: number) => lookupQuery(db, kind).where('a.account_number', '=', accountNumber)));

const lookupByCustomer = perKind((kind) =>
  precompiled((db, customerId: string) => lookupQuery(db, kind).where('a.account_number', '=', accountToShow(db, customerId))),
);

/** By a card's forms, one statement per number of forms (a handful: one per key version). */
const lookupByCardForms = new Map<string, LookupRead<string[]>>();
const lookupByCard = (kind: StoreKind, count: number) =>
  remembered(lookupByCardForms, `${kind} ${count}`, 20, () =>
    precompiled((db, ...forms: string[]) =>
      lookupQuery(db, kind).where('a.account_number', '=', (eb) =>
        eb.selectFrom('cards').select('account_number').where('card_hash', 'in', forms).limit(sql.lit(1)),
      ),
    ),
  );

/**
 * What a customer lookup shows of an account (its holder, its newest card's last four, the holder's questions), read
 * in one statement whichever identifier names the account. A card's forms are read at one instant: a re-hash moving
 * it from one form to the next between two reads would otherwise hide it from both.
 */
export async function findLookup(db: Db, kind: StoreKind, key: LookupKey): Promise<LookupView | undefined> {
  let rows;
  if ('accountNumber' in key) rows = await lookupByAccount[kind](db, key.accountNumber);
  else if ('customerId' in key) rows = await lookupByCustomer[kind](db, key.customerId);
  else if (key.cardForms.length === 0) return undefined;
  else rows = await lookupByCard(kind, key.cardForms.length)(db, ...key.cardForms);
  const row = rows[0];
  if (!row) return undefined;
  // PostgreSQL's driver parses json; SQLite gives its text. The row is this read's own: set in place, not copied.
  if (typeof row.questions === 'string') row.questions = JSON.parse(row.questions);
  return row as LookupView;
}

/** What a purchase quote reads of an account and its holder. */
const quoteRow = precompiled((db, accountNumber: number) =>
  accountAndHolder(db)
    .select([
      'a.account_number',
      'a.account_type',
      'a.status',
      'a.open_to_buy_cents',
      'a.air',
      'a.category_type',
      'a.province',
      'a.risk_rating',
      'cu.first_name',
      'cu.last_name',
      'cu.preferred_language',
    ])
    .where('a.account_number', '=', accountNumber),
);

export async function findQuoteView(db: Db, accountNumber: number): Promise<QuoteRow | undefined> {
  return (await quoteRow(db, accountNumber))[0];
}
