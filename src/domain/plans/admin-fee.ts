// The admin fee a term charges in a province.
import type { PlanTerm } from './catalogue-schema.js';
import { toCents } from '../money.js';
import { NO_ADMIN_FEE_PROVINCE } from './provinces.js';

/** In cents; the catalogue's money pattern (at most two decimals) is what toCents reads. */
export function adminFeeCents(term: PlanTerm, province: string): number {
  // Enforced here as well as by the parser, so a hand-built catalogue cannot charge Quebec either.
  if (province === NO_ADMIN_FEE_PROVINCE) return 0;
  const byProvince = term.admin_fee.by_province as Record<string, string | undefined> | undefined;
  return toCents(byProvince?.[province] ?? term.admin_fee.default);
}
