// calculate-interest: what a purchase costs on the revolving account and on each plan the merchant offers this account.
import type { QuoteAnswer } from '../contract/accounts.js';
import { wrongInputs, type FieldError } from '../contract/errors.js';
import { refusals } from '../contract/refusals.js';
import { checkPurchaseAmount } from '../domain/amount.js';
import { parseLanguage } from '../domain/identity.js';
import { centsToNumber } from '../domain/money.js';
import { quotePlans, regularPurchase } from '../domain/plans/index.js';
import type { Principal } from '../domain/principal.js';
import { qualifiesForRegularPurchaseBypass } from '../domain/verification/bypass.js';
import type { UseCaseContext } from './context.js';

export interface QuoteRequest {
  accountNumber: number;
  amount: number;
  lang?: string;
}

export async function quotePurchase(ctx: UseCaseContext, principal: Principal, request: QuoteRequest): Promise<QuoteAnswer> {
  const checked = checkPurchaseAmount(request.amount);
  const asked = parseLanguage(request.lang);
  const problems: FieldError[] = [];
  if (!checked.ok) problems.push({ param: 'amount', msg: checked.problem, value: request.amount });
  if (request.lang !== undefined && !asked) problems.push({ param: 'lang', msg: 'must be en, fr, en-CA or fr-CA', value: request.lang });
  if (problems.length || !checked.ok) throw wrongInputs(problems);
  const account = await ctx.store.accounts.quoteView(request.accountNumber);
  if (!account) throw refusals.accountNotFound();
  if (account.status !== 'N') throw refusals.userNotAbleToPurchase();
  const lang = asked ?? account.preferred_language;
  const catalogue = await ctx.store.catalogue.current();
  const bypass = qualifiesForRegularPurchaseBypass(account, ctx.config.bypassRiskRatings);
  return {
    account_number: account.account_number,
    account_type: account.account_type,
    amount: centsToNumber(checked.cents),
    customer: {
      available_credit: centsToNumber(account.open_to_buy_cents),
      // A plain decimal text (the store's check): Number reads it exactly as Decimal's toNumber would.
      air: Number(account.air),
      first_name: account.first_name,
      last_name: account.last_name,
      category_type: account.category_type,
    },
    regular_purchase: { ...regularPurchase({ amountCents: checked.cents, air: account.air }), verify: !bypass },
    promotional_purchase: quotePlans({
      catalogue,
      merchantId: principal.merchantId,
      accountType: account.account_type,
      province: account.province,
      amountCents: checked.cents,
      lang,
    }),
  };
}
