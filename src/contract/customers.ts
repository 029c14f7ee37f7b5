// Search and lookup: their query parameters and answers, as the lender's contract types them.
import { Type, type Static } from 'typebox';
import { ACCOUNT_TYPES, PLAN_CATEGORIES } from '../domain/plans/catalogue-file.js';
import { ClientIdParam, ClosedSet, LangParam, PREFERRED_LANGUAGES } from './common.js';
import { DEMO_ACCOUNT_NUMBER, LOOKUP_ANSWER_EXAMPLE, SEARCH_ANSWER_EXAMPLE, SEARCH_QUERY_EXAMPLE } from './examples.js';

const Name = (what: string, example: string) => Type.String({ minLength: 1, maxLength: 50, description: what, examples: [example] });

export const ClientPathParams = Type.Object({ client_id: ClientIdParam });

export const SearchQuerySchema = Type.Object({
  first_name: Name("the customer's first name (case, accents and punctuation do not matter)", SEARCH_QUERY_EXAMPLE.first_name),
  last_name: Name("the customer's last name", SEARCH_QUERY_EXAMPLE.last_name),
  dob: Type.String({ format: 'date', maxLength: 10, description: 'date of birth, YYYY-MM-DD', examples: [SEARCH_QUERY_EXAMPLE.dob] }),
  postal_code: Type.Optional(Type.String({ maxLength: 10, pattern: '^[A-Za-z0-9 -]+$', description: 'narrows the match; case and spaces do not matter' })),
});

export const SearchItemSchema = Type.Object(
  {
    customer_id: Type.String({ description: "the customer's id (business authorized users carry a suffix, as in 1291820-11)" }),
    account_status: ClosedSet(['N', 'F', 'C'], { description: 'N normal, F frozen, C closed' }),
    account_status_reason_code: ClosedSet(['NNOR', 'FLCK', 'CCUS'], { description: 'NNOR, FLCK, CCUS (with N, F, C)' }),
    tos_agreement: Type.Boolean({ description: 'whether the customer accepted the terms of service' }),
    risk_rating: Type.String({ description: 'one letter, as the lender assigns it' }),
    account_number: Type.Integer(),
    customer_account_type: ClosedSet(ACCOUNT_TYPES, { description: 'consumer or business' }),
    credit_limit: Type.String({ description: 'two decimals' }),
    available_credit: Type.String({ description: 'the open-to-buy, two decimals' }),
    originating_merchant_id: Type.String({ description: 'the merchant where the account was opened' }),
    originating_merchant_name: Type.String(),
    creation_date: Type.String({ format: 'date', description: 'the day the account was opened' }),
    first_name: Type.String(),
    last_name: Type.String(),
    card_ending_in: Type.String({ description: "the last four digits of the account's card; '' when it has none" }),
    preferred_language: ClosedSet(PREFERRED_LANGUAGES, { description: 'en-CA or fr-CA' }),
  },
  { title: 'SearchItem' },
);

export const SearchAnswerSchema = Type.Array(SearchItemSchema, {
  title: 'SearchAnswer',
  description: 'One element per account of every customer with this name and date of birth; [] when none.',
  examples: [SEARCH_ANSWER_EXAMPLE],
});

export const LookupQuerySchema = Type.Object({
  vcc_number: Type.Optional(
    Type.String({ pattern: '^[0-9]{16}$', description: 'the 16-digit card number, e.g. 5299310002006395 (give only one of the three)' }),
  ),
  account_number: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,14}$', description: 'the account number (give only one of the three)', examples: [String(DEMO_ACCOUNT_NUMBER)] }),
  ),
  customer_id: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 30,
      pattern: '^[A-Za-z0-9-]+$',
      description: "the customer's id, e.g. 43353: answers the most recently opened open account (give only one of the three)",
    }),
  ),
  lang: Type.Optional(LangParam),
});

export const OfferTypeSchema = Type.Object(
  {
    plan_name: Type.String(),
    plan_id: Type.String(),
    offer_category: ClosedSet(PLAN_CATEGORIES, { description: 'equal_billing, deferred or no_interest' }),
    term_options: Type.Array(Type.String(), { description: 'the terms offered, in months' }),
  },
  { title: 'OfferType', description: 'a plan this merchant may offer this account' },
);

export const LookupAnswerSchema = Type.Object(
  {
    available_credit: Type.Number({ description: 'the open-to-buy' }),
    account_number: Type.Integer(),
    customer_id: Type.String(),
    first_name: Type.String({ description: 'for a business account, the authorized user' }),
    last_name: Type.String(),
    security_qid: Type.Array(Type.Object({ id: Type.Integer(), text: Type.String() }), {
      description: "the customer's security questions, in the answer's language; verify takes an id",
    }),
    address_1: Type.String(),
    address_2: Type.String(),
    city: Type.String(),
    postal_code: Type.String(),
    province: Type.String(),
    payment_protection: Type.Boolean({ description: 'whether the account has payment protection' }),
    risk_rating: Type.String(),
    offer_types: Type.Array(OfferTypeSchema),
    card_ending_in: Type.String(),
    preferred_language: ClosedSet(PREFERRED_LANGUAGES),
    email: Type.String({ description: 'masked' }),
    phone_number: Type.String({ description: 'masked' }),
    account_type: ClosedSet(ACCOUNT_TYPES, { description: 'consumer or business' }),
  },
  { title: 'LookupAnswer', description: 'The account and its customer, with the plans this merchant may offer it.', examples: [LOOKUP_ANSWER_EXAMPLE] },
);

export type SearchQuery = Static<typeof SearchQuerySchema>;
export type SearchItem = Static<typeof SearchItemSchema>;
export type LookupQuery = Static<typeof LookupQuerySchema>;
export type LookupAnswer = Static<typeof LookupAnswerSchema>;
