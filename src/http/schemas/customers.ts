// Search and lookup: their query parameters and answers, as the lender's contract types them.
import { Type } from 'typebox';
import { ClientIdParam } from './common.js';

const Name = (what: string) => Type.String({ minLength: 1, maxLength: 50, description: what });

export const ClientPathParams = Type.Object({ client_id: ClientIdParam });

export const SearchQuerySchema = Type.Object({
  first_name: Name("the customer's first name (case, accents and punctuation do not matter)"),
  last_name: Name("the customer's last name"),
  dob: Type.String({ format: 'date', maxLength: 10, description: 'date of birth, YYYY-MM-DD' }),
  postal_code: Type.Optional(Type.String({ maxLength: 10, pattern: '^[A-Za-z0-9 -]+$', description: 'narrows the match; case and spaces do not matter' })),
});

export const SearchItemSchema = Type.Object({
  customer_id: Type.String(),
  account_status: Type.String({ description: 'N normal, F frozen, C closed' }),
  account_status_reason_code: Type.String({ description: 'NNOR, FLCK, CCUS' }),
  tos_agreement: Type.Boolean(),
  risk_rating: Type.String(),
  account_number: Type.Integer(),
  customer_account_type: Type.String({ description: 'consumer or business' }),
  credit_limit: Type.String({ description: 'two decimals' }),
  available_credit: Type.String({ description: 'the open-to-buy, two decimals' }),
  originating_merchant_id: Type.String(),
  originating_merchant_name: Type.String(),
  creation_date: Type.String({ format: 'date' }),
  first_name: Type.String(),
  last_name: Type.String(),
  card_ending_in: Type.String(),
  preferred_language: Type.String({ description: 'en-CA or fr-CA' }),
});

export const SearchAnswerSchema = Type.Array(SearchItemSchema);

export const LookupQuerySchema = Type.Object({
  vcc_number: Type.Optional(Type.String({ pattern: '^[0-9]{16}$', description: 'the 16-digit card number' })),
  account_number: Type.Optional(Type.String({ pattern: '^[0-9]{1,14}$' })),
  customer_id: Type.Optional(Type.String({ minLength: 1, maxLength: 30, pattern: '^[A-Za-z0-9-]+$' })),
  lang: Type.Optional(Type.String({ maxLength: 5, description: 'en, fr, en-CA or fr-CA; default the customer’s preferred language' })),
});

export const OfferTypeSchema = Type.Object({
  plan_name: Type.String(),
  plan_id: Type.String(),
  offer_category: Type.String(),
  term_options: Type.Array(Type.String()),
});

export const LookupAnswerSchema = Type.Object({
  available_credit: Type.Number(),
  account_number: Type.Integer(),
  customer_id: Type.String(),
  first_name: Type.String({ description: 'for a business account, the authorized user' }),
  last_name: Type.String(),
  security_qid: Type.Array(Type.Object({ id: Type.Integer(), text: Type.String() })),
  address_1: Type.String(),
  address_2: Type.String(),
  city: Type.String(),
  postal_code: Type.String(),
  province: Type.String(),
  payment_protection: Type.Boolean(),
  risk_rating: Type.String(),
  offer_types: Type.Array(OfferTypeSchema),
  card_ending_in: Type.String(),
  preferred_language: Type.String(),
  email: Type.String({ description: 'masked' }),
  phone_number: Type.String({ description: 'masked' }),
  account_type: Type.String(),
});
