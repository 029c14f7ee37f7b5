// Tables for postal code normalization: Canadian spacing, US ZIP padding and +4.

import { describe, expect, it } from 'vitest';
import { normalizePostalCode } from '../../../src/domain/aamva/postal.js';

describe('normalizePostalCode', () => {
  it.each([
    ['M5J2H7', 'M5J 2H7'],
    ['M5J 2H7', 'M5J 2H7'],
    ['M5J 2H7    ', 'M5J 2H7'],
    ['m5j2h7', 'M5J 2H7'],
    ['M5J2H7000', 'M5J 2H7'],
    ['M5J-2H7', 'M5J 2H7'],
    ['  K1A 0B1', 'K1A 0B1'],
  ])('Canadian %j → %s', (raw, value) => {
    expect(normalizePostalCode(raw)).toEqual({ kind: 'CA', value });
  });

  it.each([
    ['12345', '12345'],
    ['123450000', '12345'],
    ['12345-0000', '12345'],
    ['12345 0000', '12345'],
    ['123450000  ', '12345'],
    ['12345000000', '12345'],
    ['1234500', '12345'],
    ['123456789', '12345-6789'],
    ['12345-6789', '12345-6789'],
    ['12345678900', '12345-6789'],
    ['02133', '02133'],
  ])('US %j → %s', (raw, value) => {
    expect(normalizePostalCode(raw)).toEqual({ kind: 'US', value });
  });

  it.each([['1234'], ['12345678'], ['M5J 2H'], ['SW1A 1AA'], ['1234567891']])('does not recognise %j', (raw) => {
    expect(normalizePostalCode(raw)).toEqual({ kind: 'unrecognised', value: raw.trim() });
  });
});
