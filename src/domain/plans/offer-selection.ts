// Which plans and terms a merchant offers to an account type in a province, ordered by plan id then term.
import type { AccountType, Catalogue, Plan, PlanTerm } from './catalogue-schema.js';
import { remembered } from '../../store/bounded-map.js';
import { termCents } from './term-cents.js';
import { isAvailableIn } from './provinces.js';

export interface OfferedPlan {
  plan: Plan;
  /** Ascending by months; never empty. */
  terms: PlanTerm[];
}

export interface OfferContext {
  merchantId: string;
  accountType: AccountType;
  province: string;
}

/** Offers depend only on the catalogue and the context; a catalogue is never changed once loaded, so they are kept. */
const offersByCatalogue = new WeakMap<Catalogue, Map<string, OfferedPlan[]>>();
const MAX_CONTEXTS = 10_000;

/** The plans offered in this context; the same array for the same catalogue and context, so callers must not change it. */
export function offeredPlans(catalogue: Catalogue, context: OfferContext): OfferedPlan[] {
  let byContext = offersByCatalogue.get(catalogue);
  if (!byContext) offersByCatalogue.set(catalogue, (byContext = new Map()));
  const key = `${context.merchantId}\u0000${context.accountType}\u0000${context.province}`;
  return remembered(byContext, key, MAX_CONTEXTS, () => selectOffers(catalogue, context));
}

function selectOffers(catalogue: Catalogue, context: OfferContext): OfferedPlan[] {
  const offeredMonthsByPlan = offeredMonths(catalogue, context);
  return catalogue.plans
    .filter((plan) => offeredMonthsByPlan.has(plan.id))
    .sort((a, b) => a.id - b.id)
    .map((plan) => {
      const months = offeredMonthsByPlan.get(plan.id);
      const terms = plan.terms
        .filter((term) => months === 'all' || months?.has(term.months))
        .filter((term) => isAvailableIn(term.provinces, context.province))
        .sort((a, b) => a.months - b.months);
      return { plan, terms };
    })
    .filter((offered) => offered.terms.length > 0);
}

/** Keeps only the terms whose amount range admits `amount`, dropping plans left without a term. */
export function admittingAmount(offered: OfferedPlan[], amountCents: number): OfferedPlan[] {
  return offered
    .map(({ plan, terms }) => ({ plan, terms: terms.filter((term) => admitsAmount(term, amountCents)) }))
    .filter((offered) => offered.terms.length > 0);
}

/** Both bounds included. */
export function admitsAmount(term: PlanTerm, amountCents: number): boolean {
  const { minAmount, maxAmount } = termCents(term);
  return amountCents >= minAmount && amountCents <= maxAmount;
}

/**
 * Several offer rows may name the same plan (say 12–36 months for consumers, 12–72 for businesses);
 * the matching rows' term lists are united, and a row without `term_months` offers every term.
 */
function offeredMonths(catalogue: Catalogue, context: OfferContext): Map<number, Set<number> | 'all'> {
  const byPlan = new Map<number, Set<number> | 'all'>();
  for (const offer of catalogue.offers) {
    const matches =
      offer.merchant_id === context.merchantId &&
      offer.account_types.includes(context.accountType) &&
      isAvailableIn(offer.provinces, context.province);
    if (!matches) continue;
    const sofar = byPlan.get(offer.plan_id);
    if (offer.term_months === undefined || sofar === 'all') {
      byPlan.set(offer.plan_id, 'all');
    } else {
      byPlan.set(offer.plan_id, new Set([...(sofar ?? []), ...offer.term_months]));
    }
  }
  return byPlan;
}
