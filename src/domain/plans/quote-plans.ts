// Builds the calculate-interest `promotional_purchase` quotes for a purchase amount.
import type { AccountType, Catalogue, PlanCategory, PlanTerm } from './catalogue-schema.js';
import { adminFeeFor } from './admin-fee.js';
import { decimal, toWireCents, type PlanDecimal } from './money.js';
import { admittingAmount, offeredPlans } from './offer-selection.js';
import { termPayment } from './payment-formulas.js';
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
  const amount = decimal(input.amount);
  const texts = quoteTexts(input.lang);
  const offered = offeredPlans(input.catalogue, input);
  return admittingAmount(offered, amount).map(({ plan, terms }) => ({
    plan_id: plan.id,
    plan_name: plan.name[nameLanguage(input.lang)],
    terms: terms.map((term) => quoteTerm(plan.category, term, amount, input.province, texts)),
  }));
}

function quoteTerm(
  category: PlanCategory,
  term: PlanTerm,
  amount: PlanDecimal,
  province: string,
  texts: QuoteTexts,
): TermQuote {
  const fee = adminFeeFor(term, province);
  // The admin fee is financed with the purchase, so it bears the same interest.
  const principal = fee.isZero() ? amount : amount.plus(fee);
  const payment = termPayment(category, principal, decimal(term.apr), term.months);
  return {
    term: term.months,
    term_amount: toWireCents(payment),
    fees: fee.isZero() ? [] : [adminFeeLine(fee, texts)],
    annual_rates: annualRate(category, term, texts),
  };
}

function adminFeeLine(fee: PlanDecimal, texts: QuoteTexts): FeeLine {
  return {
    description: texts.adminFeeDescription,
    amount: toWireCents(fee),
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
