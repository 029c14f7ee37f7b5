// Checks and normalizes what the associate typed for a lookup by card, account or customer id.
import type { LookupBy } from '../api/contract.ts';

const PATTERNS: Record<LookupBy, RegExp> = {
  vcc_number: /^\d{16}$/,
  account_number: /^\d{1,14}$/,
  customer_id: /^[A-Za-z0-9-]{1,30}$/,
};

/** The value to send, or undefined when it cannot be right. Card numbers lose their spaces and dashes. */
export function normalizeLookupValue(by: LookupBy, typed: string): string | undefined {
  const value = by === 'customer_id' ? typed.trim() : typed.replace(/[\s-]/g, '');
  return PATTERNS[by].test(value) ? value : undefined;
}
