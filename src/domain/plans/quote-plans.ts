// Builds the calculate-interest `promotional_purchase` quotes for a purchase amount.
import type { AccountType, PlanCategory } from './catalogue-file.js';
import type { Catalogue, Term } from './catalogue.js';
import { centsToNumber } from '../money.js';
import { adminFeeCents } from './admin-fee.js';
import { admittingAmount, offeredPlans } from './offer-selection.js';
import { paymentCents } from './payment-formulas.js';
import { nameLanguage, quoteTexts, type QuoteTexts } from './texts.js';
import type { Language } from '../identity.js';

export interface QuoteInput {
  catalogue: Catalogue;
  merchantId: string;
  accountType: AccountType;
  province: string;
  /** Already checked by the caller to be > 0. */
  amountCents: number;
  lang: Language;
}

export interface FeeLine {
  description: string;
  amount: number;
  type: 'admin_total';
  message: string;
}

export interface AnnualRate {
  description: string;
  rate: number;
  type: 'APR';
  message: string;
}

export interface TermQuote {
  term: number;
  term_amount: number;
  fees: FeeLine[];
  annual_rates: AnnualRate;
}

export interface PromotionalPurchase {
  plan_id: number;
  plan_name: string;
  terms: TermQuote[];
}

export function quotePlans(input: QuoteInput): PromotionalPurchase[] {
  const { amountCents } = input;
  const texts = quoteTexts(input.lang);
  const offered = offeredPlans(input.catalogue, input);
  return admittingAmount(offered, amountCents).map(({ plan, terms }) => ({
    plan_id: plan.id,
    plan_name: plan.name[nameLanguage(input.lang)],
    terms: terms.map((term) => quoteTerm(plan.category, term, amountCents, input.province, texts)),
  }));
}

function quoteTerm(category: PlanCategory, term: Term, amountCents: number, province: string, texts: QuoteTexts): TermQuote {
  const feeCents = adminFeeCents(term, province);
  // The admin fee is financed with the purchase, so it bears the same interest.
  const payment = paymentCents(term.payment, amountCents + feeCents);
  return {
    term: term.months,
    term_amount: centsToNumber(payment),
    fees: feeCents === 0 ? [] : [adminFeeLine(feeCents, texts)],
    annual_rates: annualRate(category, term.rate, texts),
  };
}

function adminFeeLine(feeCents: number, texts: QuoteTexts): FeeLine {
  return {
    description: texts.adminFeeDescription,
    amount: centsToNumber(feeCents),
    type: 'admin_total',
    message: texts.adminFeeMessage,
  };
}

/** The rate line of a term, as calculate-interest and a purchase's receipt show it. */
export function annualRate(category: PlanCategory, rate: number, texts: QuoteTexts): AnnualRate {
  const isDeferred = category === 'deferred';
  return {
    description: isDeferred ? texts.deferredRateDescription : texts.promotionalRateDescription,
    // A rate, not money: it keeps all the catalogue's decimals (0.0999), not two.
    rate,
    type: 'APR',
    message: isDeferred ? texts.deferredRateMessage : texts.promotionalRateMessage,
  };
}
