// Builds the calculate-interest `promotional_purchase` quotes for a purchase amount.
import type { AccountType, Catalogue, PlanCategory, PlanTerm } from './catalogue-schema.js';
import { centsToNumber, toCents } from '../money.js';
import { adminFeeCents } from './admin-fee.js';
import { decimal } from './plan-decimal.js';
import { admittingAmount, offeredPlans } from './offer-selection.js';
import { termPaymentCents } from './payment-formulas.js';
import { nameLanguage, quoteTexts, type Lang, type QuoteTexts } from './texts.js';

export interface QuoteInput {
  catalogue: Catalogue;
  merchantId: string;
  accountType: AccountType;
  province: string;
  /** A decimal string, already checked by the caller to be > 0 with at most two decimals. */
  amount: string;
  lang: Lang;
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
  const amountCents = toCents(input.amount);
  const texts = quoteTexts(input.lang);
  const offered = offeredPlans(input.catalogue, input);
  return admittingAmount(offered, amountCents).map(({ plan, terms }) => ({
    plan_id: plan.id,
    plan_name: plan.name[nameLanguage(input.lang)],
    terms: terms.map((term) => quoteTerm(plan.category, term, amountCents, input.province, texts)),
  }));
}

function quoteTerm(
  category: PlanCategory,
  term: PlanTerm,
  amountCents: number,
  province: string,
  texts: QuoteTexts,
): TermQuote {
  const feeCents = adminFeeCents(term, province);
  // The admin fee is financed with the purchase, so it bears the same interest.
  const payment = termPaymentCents(category, amountCents + feeCents, decimal(term.apr), term.months);
  return {
    term: term.months,
    term_amount: centsToNumber(payment),
    fees: feeCents === 0 ? [] : [adminFeeLine(feeCents, texts)],
    annual_rates: annualRate(category, term, texts),
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

function annualRate(category: PlanCategory, term: PlanTerm, texts: QuoteTexts): AnnualRate {
  const isDeferred = category === 'deferred';
  return {
    description: isDeferred ? texts.deferredRateDescription : texts.promotionalRateDescription,
    // A rate, not money: it keeps all the catalogue's decimals (0.0999), not two. The text is a plain decimal (the
    // catalogue's pattern), so Number reads it exactly as Decimal's toNumber would.
    rate: Number(term.apr),
    type: 'APR',
    message: isDeferred ? texts.deferredRateMessage : texts.promotionalRateMessage,
  };
}
