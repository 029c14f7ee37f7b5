// Which plans and terms a merchant offers to an account type in a province, ordered by plan id then term.
import type { AccountType } from './catalogue-file.js';
import type { Catalogue, Plan, Term } from './catalogue.js';
import { isAvailableIn } from './provinces.js';

export interface OfferedPlan {
  plan: Plan;
  /** Ascending by months; never empty. */
  terms: readonly Term[];
}

export interface OfferContext {
  merchantId: string;
  accountType: AccountType;
  province: string;
}

/** The plans offered in this context, in plan order (the catalogue keeps plans by id and terms by months). */
export function offeredPlans(catalogue: Catalogue, context: OfferContext): OfferedPlan[] {
  const offeredMonthsByPlan = offeredMonths(catalogue, context);
  if (offeredMonthsByPlan.size === 0) return [];
  const offered: OfferedPlan[] = [];
  for (const plan of catalogue.plans) {
    const months = offeredMonthsByPlan.get(plan.id);
    if (months === undefined) continue;
    const terms = plan.terms.filter((term) => (months === 'all' || months.has(term.months)) && isAvailableIn(term.provinces, context.province));
    if (terms.length > 0) offered.push({ plan, terms });
  }
  return offered;
}

/** Keeps only the terms whose amount range admits `amount`, dropping plans left without a term. */
export function admittingAmount(offered: OfferedPlan[], amountCents: number): OfferedPlan[] {
  return offered
    .map(({ plan, terms }) => ({ plan, terms: terms.filter((term) => admitsAmount(term, amountCents)) }))
    .filter((offered) => offered.terms.length > 0);
}

/** Both bounds included. */
export function admitsAmount(term: Term, amountCents: number): boolean {
  return amountCents >= term.minCents && amountCents <= term.maxCents;
}

/**
 * Several offer rows may name the same plan (say 12–36 months for consumers, 12–72 for businesses);
 * the matching rows' term lists are united, and a row without `termMonths` offers every term.
 */
function offeredMonths(catalogue: Catalogue, context: OfferContext): Map<number, Set<number> | 'all'> {
  const byPlan = new Map<number, Set<number> | 'all'>();
  for (const offer of catalogue.offers) {
    const matches =
      offer.merchantId === context.merchantId && offer.accountTypes.includes(context.accountType) && isAvailableIn(offer.provinces, context.province);
    if (!matches) continue;
    const sofar = byPlan.get(offer.planId);
    if (offer.termMonths === undefined || sofar === 'all') {
      byPlan.set(offer.planId, 'all');
    } else {
      byPlan.set(offer.planId, new Set([...(sofar ?? []), ...offer.termMonths]));
    }
  }
  return byPlan;
}
