// calculate-interest and close: path, body and answers as the lender's contract types them.
import { Type, type Static } from 'typebox';
import { ACCOUNT_TYPES } from '../domain/plans/catalogue-file.js';
import { AccountNumberParam, ClientIdParam, ClosedSet, LangParam } from './common.js';
import { CLOSE_ANSWER_EXAMPLE, QUEBEC_ACCOUNT_NUMBER, QUOTE_ANSWER_EXAMPLE, QUOTE_BODY_EXAMPLE } from './examples.js';

export const AccountPathParams = Type.Object({ client_id: ClientIdParam, account_number: AccountNumberParam });
/** The same, with a Quebec account for the example: only those close. */
export const CloseAccountPathParams = Type.Object({
  client_id: ClientIdParam,
  account_number: { ...AccountNumberParam, examples: [String(QUEBEC_ACCOUNT_NUMBER)] },
});

export const LangQuery = Type.Object({
  lang: Type.Optional(LangParam),
});

export const QuoteBodySchema = Type.Object(
  {
    amount: Type.Number({ description: 'the purchase amount: > 0, at most two decimals, at most 1 000 000' }),
  },
  { title: 'QuoteBody', examples: [QUOTE_BODY_EXAMPLE] },
);

const FeeSchema = Type.Object({
  description: Type.String(),
  amount: Type.Number(),
  type: ClosedSet(['admin_total'], { description: 'admin_total' }),
  message: Type.String({ description: 'the merchant must display it' }),
});

const AnnualRateSchema = Type.Object({
  description: Type.String(),
  rate: Type.Number(),
  type: ClosedSet(['APR']),
  message: Type.String({ description: 'the merchant must display it' }),
});

export const QuoteAnswerSchema = Type.Object(
  {
    account_number: Type.Integer(),
    account_type: ClosedSet(ACCOUNT_TYPES, { description: 'consumer or business' }),
    amount: Type.Number(),
    customer: Type.Object({
      available_credit: Type.Number(),
      air: Type.Number({ description: "the account's annual interest rate" }),
      first_name: Type.String(),
      last_name: Type.String(),
      category_type: Type.String(),
    }),
    regular_purchase: Type.Object({
      term_amount: Type.Number(),
      air: Type.Number(),
      fees: Type.Array(FeeSchema),
      verify: Type.Boolean({ description: 'whether the customer must be verified for a regular purchase' }),
    }),
    promotional_purchase: Type.Array(
      Type.Object({
        plan_id: Type.Integer(),
        plan_name: Type.String(),
        terms: Type.Array(
          Type.Object({
            term: Type.Integer({ description: 'months' }),
            term_amount: Type.Number({ description: 'the monthly payment (or the single deferred payment), admin fees included' }),
            fees: Type.Array(FeeSchema),
            annual_rates: AnnualRateSchema,
          }),
        ),
      }),
    ),
  },
  {
    title: 'QuoteAnswer',
    description: 'What the purchase costs on the revolving account and on each plan and term this merchant offers; the texts are in the answer’s language.',
    examples: [QUOTE_ANSWER_EXAMPLE],
  },
);

export const CloseAnswerSchema = Type.Object(
  {
    account_number: Type.Integer(),
    account_status: ClosedSet(['C'], { description: 'closed' }),
    account_status_reason_code: ClosedSet(['CCUS'], { description: "closed at the customer's request at the point of sale" }),
  },
  { title: 'CloseAnswer', description: 'The account, now closed (or closed already).', examples: [CLOSE_ANSWER_EXAMPLE] },
);

export type QuoteBody = Static<typeof QuoteBodySchema>;
export type QuoteAnswer = Static<typeof QuoteAnswerSchema>;
export type CloseAnswer = Static<typeof CloseAnswerSchema>;
