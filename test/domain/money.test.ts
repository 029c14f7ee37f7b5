// Money at the edges: cents to the wire's string and number forms, exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToNumber, centsToString, toCents } from '../../src/domain/money.js';

describe('money conversions', () => {
  it.each([
    [0, '0.00', 0],
    [1, '0.01', 0.01],
    [65951, '659.51', 659.51],
    [-1050, '-10.50', -10.5],
    [99999999, '999999.99', 999999.99],
  ])('%i cents is %s on the wire', (cents, text, number) => {
    expect(centsToString(cents)).toBe(text);
    expect(centsToNumber(cents)).toBe(number);
    expect(toCents(text)).toBe(cents);
  });

  it('the number form is the double nearest the exact decimal: the one parsing its string gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (cents) => {
        expect(centsToNumber(cents)).toBe(Number(centsToString(cents)));
      }),
      { numRuns: 20_000 },
    );
  });
});
