// The admin fee a term charges in a province.
import type { PlanTerm } from './catalogue-schema.js';
import { termCents } from './term-cents.js';
import { NO_ADMIN_FEE_PROVINCE } from './provinces.js';

/** In cents. */
export function adminFeeCents(term: PlanTerm, province: string): number {
  // Enforced here as well as by the parser, so a hand-built catalogue cannot charge Quebec either.
  if (province === NO_ADMIN_FEE_PROVINCE) return 0;
  const fees = termCents(term);
  return fees.adminFeeByProvince.get(province) ?? fees.adminFeeDefault;
}
