// The plan catalogue as quotes read it: built once per load, in integer cents, each term's payment ratio worked out.
import { centsToString, toCents } from '../money.js';
import type { AccountType, CatalogueFile, PlanCategory } from './catalogue-file.js';
import type { ProvinceCode } from './provinces.js';
import { paymentRatio, type PaymentRatio } from './payment-formulas.js';
import { PlanDecimal } from './plan-decimal.js';

/** A term as stored: money in cents, the rate as its exact text. */
export interface TermInput {
  months: number;
  /** A plain decimal fraction, 0 ≤ apr < 1, e.g. "0.0999". */
  apr: string;
  minCents: number;
  maxCents: number;
  adminFeeCents: number;
  /** Fees that differ from the default, by province code. */
  adminFeeCentsByProvince: ReadonlyMap<string, number>;
  /** Where the term is offered; absent for everywhere. */
  provinces?: readonly ProvinceCode[];
}

export interface PlanInput {
  id: number;
  name: { en: string; fr: string };
  category: PlanCategory;
  terms: readonly TermInput[];
}

export interface Offer {
  merchantId: string;
  planId: number;
  accountTypes: readonly AccountType[];
  provinces?: readonly ProvinceCode[];
  /** The terms offered; absent for every term of the plan. */
  termMonths?: readonly number[];
}

export interface CatalogueInput {
  plans: readonly PlanInput[];
  offers: readonly Offer[];
}

export interface Term extends TermInput {
  /** The rate as the answer shows it: the text is a plain decimal, so Number reads it exactly. */
  rate: number;
  payment: PaymentRatio;
}

export interface Plan extends PlanInput {
  /** Ascending by months. */
  terms: readonly Term[];
}

export interface Catalogue {
  /** Ascending by id. */
  plans: readonly Plan[];
  offers: readonly Offer[];
}

/** Orders plans and terms once and works out every term's payment ratio. */
export function buildCatalogue(input: CatalogueInput): Catalogue {
  const plans = [...input.plans]
    .sort((a, b) => a.id - b.id)
    .map((plan) => ({
      ...plan,
      terms: [...plan.terms]
        .sort((a, b) => a.months - b.months)
        .map((term) => ({ ...term, rate: Number(term.apr), payment: paymentRatio(plan.category, new PlanDecimal(term.apr), term.months) })),
    }));
  return { plans, offers: input.offers };
}

/** The file's quoted amounts become cents here, once. */
export function catalogueFromFile(file: CatalogueFile): Catalogue {
  return buildCatalogue({
    plans: file.plans.map((plan) => ({
      id: plan.id,
      name: plan.name,
      category: plan.category,
      terms: plan.terms.map((term) => ({
        months: term.months,
        apr: term.apr,
        minCents: toCents(term.min_amount),
        maxCents: toCents(term.max_amount),
        adminFeeCents: toCents(term.admin_fee.default),
        adminFeeCentsByProvince: new Map(
          Object.entries(term.admin_fee.by_province ?? {}).flatMap(([province, fee]) => (fee === undefined ? [] : [[province, toCents(fee)]])),
        ),
        ...(term.provinces ? { provinces: term.provinces } : {}),
      })),
    })),
    offers: file.offers.map((offer) => ({
      merchantId: offer.merchant_id,
      planId: offer.plan_id,
      accountTypes: offer.account_types,
      ...(offer.provinces ? { provinces: offer.provinces } : {}),
      ...(offer.term_months ? { termMonths: offer.term_months } : {}),
    })),
  });
}

/** The catalogue written back in the file's form (for export): cents become quoted amounts here. */
export function catalogueToFile(catalogue: Catalogue): CatalogueFile {
  return {
    plans: catalogue.plans.map((plan) => ({
      id: plan.id,
      name: { en: plan.name.en, fr: plan.name.fr },
      category: plan.category,
      terms: plan.terms.map((term) => ({
        months: term.months,
        apr: term.apr,
        min_amount: centsToString(term.minCents),
        max_amount: centsToString(term.maxCents),
        admin_fee: {
          default: centsToString(term.adminFeeCents),
          ...(term.adminFeeCentsByProvince.size
            ? { by_province: Object.fromEntries([...term.adminFeeCentsByProvince].map(([p, cents]) => [p, centsToString(cents)])) }
            : {}),
        },
        ...(term.provinces ? { provinces: [...term.provinces] } : {}),
      })),
    })),
    offers: catalogue.offers.map((offer) => ({
      merchant_id: offer.merchantId,
      plan_id: offer.planId,
      account_types: [...offer.accountTypes],
      ...(offer.provinces ? { provinces: [...offer.provinces] } : {}),
      ...(offer.termMonths ? { term_months: [...offer.termMonths] } : {}),
    })),
  };
}
