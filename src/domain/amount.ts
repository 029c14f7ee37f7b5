// A purchase amount as the client sent it: a JSON number, checked to be a real amount of money before any sum.
import { Decimal } from 'decimal.js';

const MAX_PURCHASE_CENTS = 100_000_000;
const MAX_PURCHASE = new Decimal(MAX_PURCHASE_CENTS).dividedBy(100);
const NOT_POSITIVE = 'must be greater than 0';
const TOO_LARGE = `must be at most ${MAX_PURCHASE.toFixed()}`;

/** A good amount in cents, and as the number the client sent (the answer echoes it). */
export type AmountCheck = { ok: true; cents: number } | { ok: false; problem: string };

/** A number whose shortest form is plain digits below 10 000 000 with at most two decimals: what tills send. */
const PLAIN_AMOUNT = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/** The number's shortest decimal form is exactly what the client wrote (for up to 15 significant digits). */
export function checkPurchaseAmount(value: number): AmountCheck {
  if (!Number.isFinite(value)) return { ok: false, problem: 'must be a number' };
  const text = String(value);
  // The usual amount is read as digits: Decimal parsing, compared and printed, cost more than the rest of a quote.
  const plain = PLAIN_AMOUNT.exec(text);
  if (plain) return checkedCents(plain[1] as string, (plain[2] ?? '').padEnd(2, '0'));
  const amount = new Decimal(text);
  if (amount.lte(0)) return { ok: false, problem: NOT_POSITIVE };
  if (amount.decimalPlaces() > 2) return { ok: false, problem: 'must have at most two decimals' };
  if (amount.gt(MAX_PURCHASE)) return { ok: false, problem: TOO_LARGE };
  return { ok: true, cents: amount.times(100).toNumber() };
}

function checkedCents(whole: string, cents: string): AmountCheck {
  const total = Number(whole) * 100 + Number(cents);
  if (total === 0) return { ok: false, problem: NOT_POSITIVE };
  if (total > MAX_PURCHASE_CENTS) return { ok: false, problem: TOO_LARGE };
  return { ok: true, cents: total };
}
