// Generated card numbers: Luhn-valid, 16 digits, distinct; masking keeps only the last four.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedCardNumber, maskCardNumber, maskCardNumbersIn } from '../../../src/store/bulk/card-numbers.js';
import { luhnCheckDigit, passesLuhn } from '../../../src/domain/identity.js';

describe('luhnCheckDigit', () => {
  it.each([
    ['529931000300594', '1'],
    ['529931000700645', '7'],
    ['453201511283036', '6'],
    ['7992739871', '3'],
  ])('%s gets %s', (body, digit) => {
    expect(luhnCheckDigit(body)).toBe(digit);
  });

  it('always completes a number that passes the check', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,18}$/), (body) => passesLuhn(body + luhnCheckDigit(body))));
  });
});

describe('generatedCardNumber', () => {
  it('is 16 digits, Luhn-valid, and never a demo prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (ordinal) => {
        const n = generatedCardNumber(ordinal);
        return /^52994\d{11}$/.test(n) && passesLuhn(n);
      }),
    );
  });

  it('gives distinct numbers to distinct ordinals', () => {
    const numbers = new Set(Array.from({ length: 50_000 }, (_, i) => generatedCardNumber(i)));
    expect(numbers.size).toBe(50_000);
  });
});

describe('masking', () => {
  it.each([
    ['5299310003005941', '************5941'],
    ['5299 3100 0300 5941', '************5941'],
    ['123', '***'],
  ])('maskCardNumber(%s) = %s', (number, masked) => {
    expect(maskCardNumber(number)).toBe(masked);
  });

  it('masks every card-like run in a text, and leaves shorter numbers alone', () => {
    expect(maskCardNumbersIn('card 5299310003005941 on account 900000000012, line 7')).toBe('card ************5941 on account 900000000012, line 7');
    expect(maskCardNumbersIn('got 5299-3100-0300-5941!')).toBe('got ************5941!');
  });
});
