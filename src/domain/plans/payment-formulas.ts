// The unrounded payment of one term for each plan category; callers round the result once.
import type { PlanCategory } from './catalogue-schema.js';
import { remembered } from '../bounded-memo.js';
import { PlanDecimal } from './money.js';

const MONTHS_PER_YEAR = 12;

/**
 * The amortisation factor r / (1 − (1+r)^−n) depends only on the rate and the term, and a catalogue has few of those:
 * it is computed once (a 40-digit power is the costly part of a quote) and kept.
 */
// Keyed by the rate's instance: catalogue rates are parsed once (decimal()), so each is one instance, and a key made
// from the rate's text would cost a conversion to text on every term of every quote.
const amortisationFactors = new WeakMap<PlanDecimal, Map<number, PlanDecimal>>();
const MAX_TERMS_PER_RATE = 120;

function amortisationFactor(apr: PlanDecimal, months: number): PlanDecimal {
  let byMonths = amortisationFactors.get(apr);
  if (!byMonths) amortisationFactors.set(apr, (byMonths = new Map()));
  return remembered(byMonths, months, MAX_TERMS_PER_RATE, () => {
    const monthlyRate = apr.dividedBy(MONTHS_PER_YEAR);
    return monthlyRate.dividedBy(PlanDecimal.sub(1, monthlyRate.plus(1).pow(-months)));
  });
}

/** Level monthly payment that amortises `principal` over `months` at `apr` compounded monthly. */
export function equalBillingPayment(principal: PlanDecimal, apr: PlanDecimal, months: number): PlanDecimal {
  if (apr.isZero()) return principal.dividedBy(months);
  return principal.times(amortisationFactor(apr, months));
}

export function noInterestPayment(principal: PlanDecimal, months: number): PlanDecimal {
  return principal.dividedBy(months);
}

/** The single payment due when the deferral ends: the principal grown by monthly compounding. */
export function deferredPayment(principal: PlanDecimal, apr: PlanDecimal, months: number): PlanDecimal {
  const monthlyRate = apr.dividedBy(MONTHS_PER_YEAR);
  return principal.times(monthlyRate.plus(1).pow(months));
}

/** What the customer pays per term (per month, or once for a deferred plan). */
export function termPayment(
  category: PlanCategory,
  principal: PlanDecimal,
  apr: PlanDecimal,
  months: number,
): PlanDecimal {
  switch (category) {
    case 'equal_billing':
      return equalBillingPayment(principal, apr, months);
    case 'no_interest':
      return noInterestPayment(principal, months);
    case 'deferred':
      return deferredPayment(principal, apr, months);
  }
}
