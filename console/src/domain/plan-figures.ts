// The figures the plan cards and chart show for each plan and term, computed in cents to avoid float drift.
import type { OfferType, PromotionalPlan, TermQuote } from '../api/contract.ts';

export interface TermFigures {
  planId: number;
  planName: string;
  term: number;
  /** The monthly payment; null for a deferred plan, which has one payment when the deferral ends. */
  monthly: number | null;
  /** A deferred plan's one payment, due when the deferral (the term) ends; null for a plan paid monthly. */
  deferredPayment: number | null;
  /** What the customer pays in all; admin fees are already inside term_amount. */
  totalOfPayments: number;
}

/** Plan ids (as calculate-interest numbers them) whose category is deferred, from lookup's offer_types. */
export function deferredPlanIds(offers: OfferType[]): Set<number> {
  return new Set(offers.filter((offer) => offer.offer_category === 'deferred').map((offer) => Number(offer.plan_id)));
}

const cents = (dollars: number) => Math.round(dollars * 100);

/** term_amount is paid every month, or once for a deferred plan (calculate-interest does not say which). */
export function totalOfPayments(term: Pick<TermQuote, 'term' | 'term_amount'>, deferred: boolean): number {
  return deferred ? term.term_amount : (cents(term.term_amount) * term.term) / 100;
}

export function termFigures(plans: PromotionalPlan[], deferredIds: Set<number>): TermFigures[] {
  return plans.flatMap((plan) =>
    (plan.terms ?? []).map((term) => {
      const deferred = deferredIds.has(plan.plan_id);
      return {
        planId: plan.plan_id,
        planName: plan.plan_name,
        term: term.term,
        monthly: deferred ? null : term.term_amount,
        deferredPayment: deferred ? term.term_amount : null,
        totalOfPayments: totalOfPayments(term, deferred),
      };
    }),
  );
}
