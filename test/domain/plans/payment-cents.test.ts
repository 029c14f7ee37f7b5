// Specifies the cent payment of a term: exact fraction arithmetic that agrees with the Decimal formulas, rounded once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanCategory } from '../../../src/domain/plans/catalogue-file.js';
import { asFraction, PlanDecimal, roundHalfUp } from '../../../src/domain/plans/plan-decimal.js';
import { termPaymentCents } from '../../../src/domain/plans/payment-formulas.js';

/** The payment computed in Decimal throughout (40 digits), then rounded half-up to the cent: the reference. */
function decimalPayment(category: PlanCategory, principalCents: number, apr: string, months: number): number {
  const principal = new PlanDecimal(principalCents).dividedBy(100);
  const rate = new PlanDecimal(apr);
  const r = rate.dividedBy(12);
  let payment: PlanDecimal;
  if (category === 'no_interest' || (category === 'equal_billing' && rate.isZero())) payment = principal.dividedBy(months);
  else if (category === 'equal_billing') payment = principal.times(r.dividedBy(PlanDecimal.sub(1, r.plus(1).pow(-months))));
  else payment = principal.times(r.plus(1).pow(months));
  return Number(payment.times(100).toFixed(0, PlanDecimal.ROUND_HALF_UP));
}

describe('termPaymentCents', () => {
  it('agrees with the payment computed in Decimal for any term, rate and principal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PlanCategory>('equal_billing', 'no_interest', 'deferred'),
        fc.integer({ min: 1, max: 100_017_499 }),
        fc.oneof(
          fc.constant('0'),
          fc.integer({ min: 1, max: 999_999 }).map((micro) => `0.${String(micro).padStart(6, '0')}`),
        ),
        fc.integer({ min: 1, max: 120 }),
        (category, principalCents, apr, months) => {
          // The rate instance a catalogue would hold: parsed once, reused.
          expect(termPaymentCents(category, principalCents, new PlanDecimal(apr), months)).toBe(decimalPayment(category, principalCents, apr, months));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('rounds exact halves up, and anything below a half down', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(3n, 2n)).toBe(2n);
    expect(roundHalfUp(149n, 100n)).toBe(1n);
    expect(roundHalfUp(150n, 100n)).toBe(2n);
    expect(roundHalfUp(0n, 7n)).toBe(0n);
  });

  it('writes a decimal as the fraction of its every digit', () => {
    expect(asFraction(new PlanDecimal('0.0879112363860344091722'))).toEqual({ numerator: 879112363860344091722n, denominator: 10n ** 22n });
    expect(asFraction(new PlanDecimal('1344.75'))).toEqual({ numerator: 134475n, denominator: 100n });
    expect(asFraction(new PlanDecimal('12'))).toEqual({ numerator: 12n, denominator: 1n });
    expect(asFraction(new PlanDecimal('1e-30'))).toEqual({ numerator: 1n, denominator: 10n ** 30n });
  });
});
