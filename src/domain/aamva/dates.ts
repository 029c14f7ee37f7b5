// Reads AAMVA dates (CCYYMMDD or MMDDCCYY) and checks they are real calendar dates.

export type DateOrder = 'CCYYMMDD' | 'MMDDCCYY';

export type DateReading = { ok: true; iso: string; order: DateOrder } | { ok: false; reason: 'not-eight-digits' | 'not-a-real-date' };

const SEPARATORS = /[\s./-]/g;
const EIGHT_DIGITS = /^\d{8}$/;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

/**
 * The standard says Canada writes CCYYMMDD and the US MMDDCCYY (v1 cards used either), but cards
 * from both sides get it wrong. The two orders cannot be confused: a CCYYMMDD date starts with a
 * year of 1900 or later, a MMDDCCYY date with a month of at most 12. So the order is read from the
 * digits and the caller compares it with what the country should use.
 */
export function readAamvaDate(raw: string): DateReading {
  const digits = EIGHT_DIGITS.test(raw) ? raw : raw.replace(SEPARATORS, '');
  if (!EIGHT_DIGITS.test(digits)) return { ok: false, reason: 'not-eight-digits' };

  const leadingYear = Number(digits.slice(0, 4));
  if (leadingYear >= EARLIEST_YEAR) {
    const month = Number(digits.slice(4, 6));
    const day = Number(digits.slice(6, 8));
    if (isRealDate(leadingYear, month, day)) {
      return { ok: true, iso: `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`, order: 'CCYYMMDD' };
    }
  }
  const month = Number(digits.slice(0, 2));
  const day = Number(digits.slice(2, 4));
  const trailingYear = Number(digits.slice(4, 8));
  if (isRealDate(trailingYear, month, day)) {
    return { ok: true, iso: `${digits.slice(4, 8)}-${digits.slice(0, 2)}-${digits.slice(2, 4)}`, order: 'MMDDCCYY' };
  }
  return { ok: false, reason: 'not-a-real-date' };
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for a YYYY-MM-DD string naming a real date. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const year = value.slice(0, 4);
  const month = value.slice(5, 7);
  const day = value.slice(8, 10);
  if (!EIGHT_DIGITS.test(year + month + day)) return false;
  return isRealDate(Number(year), Number(month), Number(day));
}

/** Cards that never expire carry all zeros or all nines instead of a date. */
export function isNoExpirySentinel(raw: string): boolean {
  const trimmed = raw.trim();
  return trimmed === '00000000' || trimmed === '99999999';
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
