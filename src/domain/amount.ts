// A purchase amount as the client sent it: a JSON number, checked to be a real amount of money before any sum.
import { Decimal } from 'decimal.js';

export const MAX_PURCHASE = new Decimal(1_000_000);

export type AmountCheck = { ok: true; amount: string } | { ok: false; problem: string };

/** The number's shortest decimal form is exactly what the client wrote (for up to 15 significant digits). */
export function checkPurchaseAmount(value: number): AmountCheck {
  if (!Number.isFinite(value)) return { ok: false, problem: 'must be a number' };
  const amount = new Decimal(String(value));
  if (amount.lte(0)) return { ok: false, problem: 'must be greater than 0' };
  if (amount.decimalPlaces() > 2) return { ok: false, problem: 'must have at most two decimals' };
  if (amount.gt(MAX_PURCHASE)) return { ok: false, problem: 'must be at most 1000000' };
  return { ok: true, amount: amount.toFixed(2) };
}
