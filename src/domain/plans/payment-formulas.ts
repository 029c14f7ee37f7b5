// The payment of one term for each plan category, in cents, rounded once.
import type { PlanCategory } from './catalogue-schema.js';
import { remembered } from '../../store/bounded-map.js';
import { asFraction, PlanDecimal, roundHalfUp } from './plan-decimal.js';

const MONTHS_PER_YEAR = 12;

/** What a term charges per payment, as an exact fraction of the principal: payment = principal × numerator / denominator. */
interface PaymentRatio {
  numerator: bigint;
  denominator: bigint;
}

const WHOLE: PaymentRatio = { numerator: 1n, denominator: 1n };

/**
 * The ratio depends only on the category, the rate and the term, and a catalogue has few of those: the 40-digit power
 * (the costly part of a quote) is computed once and kept.
 */
// Keyed by the rate's instance: catalogue rates are parsed once (decimal()), so each is one instance, and a key made
// from the rate's text would cost a conversion to text on every term of every quote.
const ratiosByRate = new WeakMap<PlanDecimal, Map<number, PaymentRatio>>();
const MAX_TERMS_PER_RATE = 240;

function keptRatio(apr: PlanDecimal, key: number, compute: () => PlanDecimal): PaymentRatio {
  let byTerm = ratiosByRate.get(apr);
  if (!byTerm) ratiosByRate.set(apr, (byTerm = new Map()));
  return remembered(byTerm, key, MAX_TERMS_PER_RATE, () => asFraction(compute()));
}

/** Level monthly payment that amortises the principal over `months` at `apr` compounded monthly: r / (1 − (1+r)^−n). */
function equalBillingRatio(apr: PlanDecimal, months: number): PaymentRatio {
  if (apr.isZero()) return evenSplit(months);
  return keptRatio(apr, months, () => {
    const monthlyRate = apr.dividedBy(MONTHS_PER_YEAR);
    return monthlyRate.dividedBy(PlanDecimal.sub(1, monthlyRate.plus(1).pow(-months)));
  });
}

function evenSplit(months: number): PaymentRatio {
  return { numerator: 1n, denominator: BigInt(months) };
}

/** The single payment due when the deferral ends: the principal grown by monthly compounding, (1+r)^n. */
function deferredRatio(apr: PlanDecimal, months: number): PaymentRatio {
  if (apr.isZero()) return WHOLE;
  // Negative keys: the same rate may serve an equal-billing term of as many months.
  return keptRatio(apr, -months, () => apr.dividedBy(MONTHS_PER_YEAR).plus(1).pow(months));
}

function paymentRatio(category: PlanCategory, apr: PlanDecimal, months: number): PaymentRatio {
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
export function termPaymentCents(category: PlanCategory, principalCents: number, apr: PlanDecimal, months: number): number {
  const { numerator, denominator } = paymentRatio(category, apr, months);
  return Number(roundHalfUp(BigInt(principalCents) * numerator, denominator));
}
