// Specifies the purchase amount check: what it accepts, how it says no, and that its fast path agrees with Decimal.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPurchaseAmount, type AmountCheck } from '../../src/domain/amount.js';

/** The check written with Decimal alone, as it was before the digit fast path: the reference it must agree with. */
function decimalCheck(value: number): AmountCheck {
  if (!Number.isFinite(value)) return { ok: false, problem: 'must be a number' };
  const amount = new Decimal(String(value));
  if (amount.lte(0)) return { ok: false, problem: 'must be greater than 0' };
  if (amount.decimalPlaces() > 2) return { ok: false, problem: 'must have at most two decimals' };
  if (amount.gt(1_000_000)) return { ok: false, problem: 'must be at most 1000000' };
  return { ok: true, cents: amount.times(100).toNumber() };
}

describe('checkPurchaseAmount', () => {
  it.each([
    [10.5, { ok: true, cents: 1050 }],
    [0.01, { ok: true, cents: 1 }],
    [1_000_000, { ok: true, cents: 100_000_000 }],
    [659.51, { ok: true, cents: 65951 }],
    [0, { ok: false, problem: 'must be greater than 0' }],
    [-0, { ok: false, problem: 'must be greater than 0' }],
    [-5, { ok: false, problem: 'must be greater than 0' }],
    [10.005, { ok: false, problem: 'must have at most two decimals' }],
    [1e-7, { ok: false, problem: 'must have at most two decimals' }],
    [1_000_000.01, { ok: false, problem: 'must be at most 1000000' }],
    [12_345_678, { ok: false, problem: 'must be at most 1000000' }],
    [1e21, { ok: false, problem: 'must be at most 1000000' }],
    [Number.NaN, { ok: false, problem: 'must be a number' }],
    [Number.POSITIVE_INFINITY, { ok: false, problem: 'must be a number' }],
  ])('reads %s as %j', (value, expected) => {
    expect(checkPurchaseAmount(value)).toEqual(expected);
  });

  it('agrees with the Decimal reading on whole cents, on any double, and on amounts near the bounds', () => {
    const cents = fc.integer({ min: -1_000, max: 200_000_000 }).map((c) => c / 100);
    const nearBounds = fc.constantFrom(0, 0.001, 0.005, 0.01, 999_999.99, 999_999.999, 1_000_000, 1_000_000.001, 1_000_000.01, 9_999_999.99, 10_000_000);
    fc.assert(
      fc.property(fc.oneof(cents, fc.double(), nearBounds), (value) => {
        expect(checkPurchaseAmount(value)).toEqual(decimalCheck(value));
      }),
      { numRuns: 20_000 },
    );
  });
});
