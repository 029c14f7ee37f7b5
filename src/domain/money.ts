// Money is integer cents inside the service; these convert at the edges, exactly (string arithmetic, no floats).

const AMOUNT = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "659.51" → 65951. Throws on anything that is not an amount with at most two decimals. */
export function toCents(amount: string): number {
  const m = AMOUNT.exec(amount.trim());
  if (!m) throw new RangeError(`not an amount with at most two decimals: ${amount}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** 65951 → "659.51"; the wire's string form of money. */
export function centsToString(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * 65951 → 659.51; the wire's number form of money. IEEE division is correctly rounded, so for whole cents below 2^53
 * the quotient is the nearest double to the exact decimal: the same number parsing "659.51" gives.
 */
export function centsToNumber(cents: number): number {
  return cents / 100;
}
