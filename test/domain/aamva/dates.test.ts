// Tables for AAMVA date reading: both orders, leap years, impossible dates.

import { describe, expect, it } from 'vitest';
import { isIsoDate, isNoExpirySentinel, isRealDate, readAamvaDate } from '../../../src/domain/aamva/dates.js';

describe('readAamvaDate', () => {
  it.each([
    ['19740515', '1974-05-15', 'CCYYMMDD'],
    ['05151974', '1974-05-15', 'MMDDCCYY'],
    ['20000229', '2000-02-29', 'CCYYMMDD'],
    ['02292000', '2000-02-29', 'MMDDCCYY'],
    ['02292024', '2024-02-29', 'MMDDCCYY'],
    ['12311999', '1999-12-31', 'MMDDCCYY'],
    ['19000101', '1900-01-01', 'CCYYMMDD'],
    ['21991231', '2199-12-31', 'CCYYMMDD'],
    ['1974-05-15', '1974-05-15', 'CCYYMMDD'],
    ['05/15/1974', '1974-05-15', 'MMDDCCYY'],
  ])('reads %s as %s (%s)', (raw, iso, order) => {
    expect(readAamvaDate(raw)).toEqual({ ok: true, iso, order });
  });

  it.each([
    ['19740230', 'not-a-real-date'],
    ['19000230', 'not-a-real-date'],
    ['19000229', 'not-a-real-date'], // 1900 is not a leap year
    ['02292100', 'not-a-real-date'], // nor is 2100
    ['20231301', 'not-a-real-date'],
    ['13012023', 'not-a-real-date'],
    ['00000000', 'not-a-real-date'],
    ['04311980', 'not-a-real-date'],
    ['01011899', 'not-a-real-date'],
    ['740515', 'not-eight-digits'],
    ['1974051', 'not-eight-digits'],
    ['197405150', 'not-eight-digits'],
    ['ABCDEFGH', 'not-eight-digits'],
    ['', 'not-eight-digits'],
  ])('refuses %s (%s)', (raw, reason) => {
    expect(readAamvaDate(raw)).toEqual({ ok: false, reason });
  });
});

describe('isRealDate', () => {
  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2023, 4, 30, true],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 0, 1, false],
    [2023, 1, 0, false],
  ])('%i-%i-%i is %s', (year, month, day, real) => {
    expect(isRealDate(year, month, day)).toBe(real);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2025-06-01', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2025-6-01', false],
    ['20250601', false],
    ['yesterday!', false],
  ])('%s is %s', (value, iso) => {
    expect(isIsoDate(value)).toBe(iso);
  });
});

describe('isNoExpirySentinel', () => {
  it.each([
    ['00000000', true],
    ['99999999', true],
    [' 99999999 ', true],
    ['20991231', false],
  ])('%s is %s', (raw, sentinel) => {
    expect(isNoExpirySentinel(raw)).toBe(sentinel);
  });
});
