// The figures the plan cards and chart show for each plan and term, computed in cents to avoid float drift.
import type { PromotionalPlan } from '../api/contract.ts';

export interface TermFigures {
  planId: number;
  planName: string;
  term: number;
  monthly: number;
  /** Every monthly payment added up; admin fees are already inside the monthly payment. */
  totalOfPayments: number;
}

const cents = (dollars: number) => Math.round(dollars * 100);

export function termFigures(plans: PromotionalPlan[]): TermFigures[] {
  return plans.flatMap((plan) =>
    (plan.terms ?? []).map((term) => ({
      planId: plan.plan_id,
      planName: plan.plan_name,
      term: term.term,
      monthly: term.term_amount,
      totalOfPayments: (cents(term.term_amount) * term.term) / 100,
    })),
  );
}
