// Which plan term a purchase may use: one calculate-interest would offer this merchant, account and amount.
import type { AccountType } from '../plans/catalogue-file.js';
import type { Catalogue, Plan, Term } from '../plans/catalogue.js';
import { adminFeeCents } from '../plans/admin-fee.js';
import { admitsAmount, offeredPlans } from '../plans/offer-selection.js';
import { paymentCents } from '../plans/payment-formulas.js';

export interface TermChoice {
  catalogue: Catalogue;
  merchantId: string;
  accountType: AccountType;
  province: string;
  planId: number;
  months: number;
  amountCents: number;
}

/** The chosen term and what it costs the customer: each payment, and all of them together (fees and interest included). */
export interface ChosenTerm {
  plan: Plan;
  term: Term;
  termAmountCents: number;
  totalCostCents: number;
}

/** `not_set`: the merchant offers no such plan at all; `not_available`: it does, but not to this account, term or amount. */
export type TermChoiceResult = { ok: true; chosen: ChosenTerm } | { ok: false; reason: 'not_set' | 'not_available' };

export function chooseTerm(choice: TermChoice): TermChoiceResult {
  const offered = offeredPlans(choice.catalogue, choice).find((o) => o.plan.id === choice.planId);
  const term = offered?.terms.find((t) => t.months === choice.months);
  if (!offered || !term || !admitsAmount(term, choice.amountCents)) {
    const merchantOffersPlan = choice.catalogue.offers.some((o) => o.merchantId === choice.merchantId && o.planId === choice.planId);
    return { ok: false, reason: merchantOffersPlan ? 'not_available' : 'not_set' };
  }
  const feeCents = adminFeeCents(term, choice.province);
  // As calculate-interest: the admin fee is financed with the purchase.
  const termAmountCents = paymentCents(term.payment, choice.amountCents + feeCents);
  const payments = offered.plan.category === 'deferred' ? 1 : term.months;
  return { ok: true, chosen: { plan: offered.plan, term, termAmountCents, totalCostCents: termAmountCents * payments } };
}
