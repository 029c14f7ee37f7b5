// The financing the customer picked from calculate-interest's answer: a plan and term, or the regular purchase.
// It keeps the quote it came from, because the purchase's answer has no fees and the receipt must show them.
import type { FinancingOption, RegularPurchase, TermQuote } from '../api/contract.ts';

export type PlanChoice =
  | { kind: 'promotional'; amount: number; planId: number; planName: string; quote: TermQuote; deferred: boolean }
  | { kind: 'regular'; amount: number; quote: RegularPurchase };

export function financingOption(choice: PlanChoice): FinancingOption {
  if (choice.kind === 'regular') return { transaction_type: 'regular_purchase' };
  return { transaction_type: 'promotional_purchase', plan_id: choice.planId, term: choice.quote.term };
}

/** The same financing for the same amount: a language switch asks calculate-interest again, and the pick must survive it. */
export function isSameChoice(a: PlanChoice | undefined, b: PlanChoice | undefined): boolean {
  if (!a || !b || a.kind !== b.kind || a.amount !== b.amount) return false;
  return a.kind === 'regular' || (b.kind === 'promotional' && a.planId === b.planId && a.quote.term === b.quote.term);
}
