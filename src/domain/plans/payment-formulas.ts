// The payment of one term for each plan category, as an exact fraction of the principal, and its one rounding to the cent.
import type { PlanCategory } from './catalogue-file.js';
import { asFraction, PlanDecimal, roundHalfUp } from './plan-decimal.js';

const MONTHS_PER_YEAR = 12;

/** What a term charges per payment, as an exact fraction of the principal: payment = principal × numerator / denominator. */
export interface PaymentRatio {
  numerator: bigint;
  denominator: bigint;
}

const WHOLE: PaymentRatio = { numerator: 1n, denominator: 1n };

/** Level monthly payment that amortises the principal over `months` at `apr` compounded monthly: r / (1 − (1+r)^−n). */
function equalBillingRatio(apr: PlanDecimal, months: number): PaymentRatio {
  if (apr.isZero()) return evenSplit(months);
  const monthlyRate = apr.dividedBy(MONTHS_PER_YEAR);
  return asFraction(monthlyRate.dividedBy(PlanDecimal.sub(1, monthlyRate.plus(1).pow(-months))));
}

function evenSplit(months: number): PaymentRatio {
  return { numerator: 1n, denominator: BigInt(months) };
}

/** The single payment due when the deferral ends: the principal grown by monthly compounding, (1+r)^n. */
function deferredRatio(apr: PlanDecimal, months: number): PaymentRatio {
  if (apr.isZero()) return WHOLE;
  return asFraction(apr.dividedBy(MONTHS_PER_YEAR).plus(1).pow(months));
}

/**
 * The ratio depends only on the category, the rate and the term: it is worked out once, when a catalogue is built,
 * since the 40-digit power is the costly part of a quote.
 */
export function paymentRatio(category: PlanCategory, apr: PlanDecimal, months: number): PaymentRatio {
  switch (category) {
    case 'equal_billing':
      return equalBillingRatio(apr, months);
    case 'no_interest':
      return evenSplit(months);
    case 'deferred':
      return deferredRatio(apr, months);
  }
}

/** What the customer pays per term (per month, or once for a deferred plan), in cents, rounded half-up once. */
export function paymentCents(ratio: PaymentRatio, principalCents: number): number {
  return Number(roundHalfUp(BigInt(principalCents) * ratio.numerator, ratio.denominator));
}

/** The payment of one term worked out from scratch: for tests and one-off checks. */
export function termPaymentCents(category: PlanCategory, principalCents: number, apr: PlanDecimal, months: number): number {
  return paymentCents(paymentRatio(category, apr, months), principalCents);
}
