// The plan catalogue file's shape (money and rates as quoted text): one TypeBox schema gives its validation and types.
import { Type, type Static } from 'typebox';
import { PROVINCE_CODES } from './provinces.js';

// Money and rates stay strings in the file so that no value ever passes through a binary float.
const MONEY_PATTERN = '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$';
const APR_PATTERN = '^0(\\.[0-9]{1,6})?$';

export const PLAN_CATEGORIES = ['equal_billing', 'deferred', 'no_interest'] as const;
export const ACCOUNT_TYPES = ['consumer', 'business'] as const;

export const MoneySchema = Type.String({
  pattern: MONEY_PATTERN,
  description: 'a quoted amount in dollars with at most two decimals, e.g. "49.99"',
});

export const AprSchema = Type.String({
  pattern: APR_PATTERN,
  description: 'a quoted annual rate as a fraction, 0 <= apr < 1, e.g. "0.0999"',
});

export const ProvinceSchema = Type.Enum([...PROVINCE_CODES], {
  description: 'a two-letter Canadian province or territory code',
});

const ProvinceListSchema = Type.Array(ProvinceSchema, { minItems: 1, uniqueItems: true });

export const TermMonthsSchema = Type.Integer({ minimum: 1, maximum: 120 });

const FeeByProvinceSchema = Type.Object(
  Object.fromEntries(PROVINCE_CODES.map((code) => [code, Type.Optional(MoneySchema)])) as {
    [Code in (typeof PROVINCE_CODES)[number]]: Type.TOptional<typeof MoneySchema>;
  },
  { additionalProperties: false },
);

export const AdminFeeSchema = Type.Object(
  {
    default: MoneySchema,
    by_province: Type.Optional(FeeByProvinceSchema),
  },
  { additionalProperties: false },
);

export const PlanTermSchema = Type.Object(
  {
    months: TermMonthsSchema,
    apr: AprSchema,
    min_amount: MoneySchema,
    max_amount: MoneySchema,
    admin_fee: AdminFeeSchema,
    provinces: Type.Optional(ProvinceListSchema),
  },
  { additionalProperties: false },
);

export const PlanSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1, maximum: 999 }),
    name: Type.Object({ en: Type.String({ minLength: 1 }), fr: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    category: Type.Enum([...PLAN_CATEGORIES]),
    terms: Type.Array(PlanTermSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const OfferSchema = Type.Object(
  {
    // A string, not a number: merchant numbers are identifiers and may carry leading zeros.
    merchant_id: Type.String({ pattern: '^[0-9A-Za-z_-]{1,32}$' }),
    plan_id: Type.Integer({ minimum: 1, maximum: 999 }),
    account_types: Type.Array(Type.Enum([...ACCOUNT_TYPES]), { minItems: 1, uniqueItems: true }),
    provinces: Type.Optional(ProvinceListSchema),
    term_months: Type.Optional(Type.Array(TermMonthsSchema, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const CatalogueSchema = Type.Object(
  {
    plans: Type.Array(PlanSchema),
    offers: Type.Array(OfferSchema),
  },
  { additionalProperties: false },
);

export type CatalogueFile = Static<typeof CatalogueSchema>;
export type PlanEntry = Static<typeof PlanSchema>;
export type TermEntry = Static<typeof PlanTermSchema>;
export type AdminFeeEntry = Static<typeof AdminFeeSchema>;
export type OfferEntry = Static<typeof OfferSchema>;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];
export type AccountType = (typeof ACCOUNT_TYPES)[number];
