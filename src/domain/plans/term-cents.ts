// A term's money figures in cents, read once per term: a catalogue is never changed once loaded, and a quote would
// otherwise parse the same bounds and fees on every request.
import type { PlanTerm } from './catalogue-schema.js';
import { toCents } from '../money.js';

export interface TermCents {
  minAmount: number;
  maxAmount: number;
  adminFeeDefault: number;
  adminFeeByProvince: ReadonlyMap<string, number>;
}

const byTerm = new WeakMap<PlanTerm, TermCents>();

/** The catalogue's money pattern (at most two decimals) is what toCents reads. */
export function termCents(term: PlanTerm): TermCents {
  let cents = byTerm.get(term);
  if (!cents) {
    const byProvince = Object.entries((term.admin_fee.by_province ?? {}) as Record<string, string | undefined>);
    cents = {
      minAmount: toCents(term.min_amount),
      maxAmount: toCents(term.max_amount),
      adminFeeDefault: toCents(term.admin_fee.default),
      adminFeeByProvince: new Map(byProvince.flatMap(([province, fee]) => (fee === undefined ? [] : [[province, toCents(fee)] as const]))),
    };
    byTerm.set(term, cents);
  }
  return cents;
}
