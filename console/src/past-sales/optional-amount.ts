// An amount typed for a capture, release or return: empty means all that is left, otherwise a purchase amount no
// larger than what is left.
import { parsePurchaseAmount } from '../domain/purchase-amount.ts';
import type { MessageKey } from '../i18n/dictionary.ts';

export type OptionalAmount = { ok: true; amount?: number } | { ok: false; problem: MessageKey };

export function readOptionalAmount(typed: string, atMost: number): OptionalAmount {
  if (!typed.trim()) return { ok: true };
  const amount = parsePurchaseAmount(typed);
  if (amount === undefined) return { ok: false, problem: 'plans.amountInvalid' };
  // Compared in cents: 0.1 + 0.2 is not 0.3 in floating point.
  if (Math.round(amount * 100) > Math.round(atMost * 100)) return { ok: false, problem: 'sales.amountTooHigh' };
  return { ok: true, amount };
}

/** What is left of an amount once a part is gone, in cents so no float drift shows on screen. */
export function leftOf(total: number, gone: number): number {
  return (Math.round(total * 100) - Math.round(gone * 100)) / 100;
}
