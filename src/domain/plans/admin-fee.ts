// The admin fee a term charges in a province.
import type { PlanTerm } from './catalogue-schema.js';
import { decimal, PlanDecimal } from './money.js';
import { NO_ADMIN_FEE_PROVINCE } from './provinces.js';

const NO_FEE = new PlanDecimal(0);

export function adminFeeFor(term: PlanTerm, province: string): PlanDecimal {
  // Enforced here as well as by the parser, so a hand-built catalogue cannot charge Quebec either.
  if (province === NO_ADMIN_FEE_PROVINCE) return NO_FEE;
  const byProvince = term.admin_fee.by_province as Record<string, string | undefined> | undefined;
  return decimal(byProvince?.[province] ?? term.admin_fee.default);
}
