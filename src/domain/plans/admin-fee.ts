// The admin fee a term charges in a province.
import type { TermInput } from './catalogue.js';
import { NO_ADMIN_FEE_PROVINCE } from './provinces.js';

/** In cents. */
export function adminFeeCents(term: TermInput, province: string): number {
  // Enforced here as well as by the parser, so a hand-built catalogue cannot charge Quebec either.
  if (province === NO_ADMIN_FEE_PROVINCE) return 0;
  return term.adminFeeCentsByProvince.get(province) ?? term.adminFeeCents;
}
