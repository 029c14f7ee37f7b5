// calculate-interest: what a purchase costs on the revolving account and on each plan the merchant offers this account.
import type { Static } from 'typebox';
import type { QuoteAnswerSchema } from '../contract/accounts.js';
import { checkPurchaseAmount } from '../domain/amount.js';
import { parseLanguage } from '../domain/identity.js';
import { centsToNumber } from '../domain/money.js';
import { quotePlans, regularPurchase } from '../domain/plans/index.js';
import { qualifiesForRegularPurchaseBypass } from '../domain/verification/bypass.js';
import { ApiError, notFound, wrongInputs } from '../contract/errors.js';
import { findQuoteView } from '../store/account-reads.js';
import { currentCatalogue } from './import-catalogue.js';
import type { Principal, ServiceContext } from './context.js';

export interface QuoteRequest {
  accountNumber: number;
  amount: number;
  lang?: string;
}

/** The answer's shape is the route schema's: one declaration for validation, types and the document. */
export type QuoteAnswer = Static<typeof QuoteAnswerSchema>;

export const userNotAbleToPurchase = () => new ApiError(409, 'user_not_able_to_purchase', 'This account cannot make purchases: it is not open.');

export async function quotePurchase(ctx: ServiceContext, principal: Principal, request: QuoteRequest): Promise<QuoteAnswer> {
  const checked = checkPurchaseAmount(request.amount);
  const asked = parseLanguage(request.lang);
  const problems = [];
  if (!checked.ok) problems.push({ param: 'amount', msg: checked.problem, value: request.amount });
  if (request.lang !== undefined && !asked) problems.push({ param: 'lang', msg: 'must be en, fr, en-CA or fr-CA', value: request.lang });
  if (problems.length || !checked.ok) throw wrongInputs(problems);
  const account = await findQuoteView(ctx.db, request.accountNumber);
  if (!account) throw notFound('The account');
  if (account.status !== 'N') throw userNotAbleToPurchase();
  const lang = asked ?? account.preferred_language;
  const catalogue = await currentCatalogue(ctx);
  const bypass = qualifiesForRegularPurchaseBypass(account, ctx.config.bypassRiskRatings);
  return {
    account_number: account.account_number,
    account_type: account.account_type,
    amount: Number(checked.amount),
    customer: {
      available_credit: centsToNumber(account.open_to_buy_cents),
      air: Number(account.air),
      first_name: account.first_name,
      last_name: account.last_name,
      category_type: account.category_type,
    },
    regular_purchase: { ...regularPurchase({ amount: checked.amount, air: account.air }), verify: !bypass },
    promotional_purchase: quotePlans({ catalogue, merchantId: principal.merchantId, accountType: account.account_type, province: account.province, amount: checked.amount, lang }),
  };
}
