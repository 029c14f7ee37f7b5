// Exact decimal arithmetic for plan figures: a private Decimal configuration and the one rounding step to cents.
import { Decimal } from 'decimal.js';
import { remembered } from '../bounded-memo.js';

/**
 * A Decimal constructor with its own settings, so that the plan maths never depends on (or changes)
 * the global Decimal configuration other modules may use. 40 significant digits keep the
 * amortisation factor (1 + r)^-n exact far beyond the cent, even for 120 monthly periods.
 */
export const PlanDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type PlanDecimal = Decimal;

/**
 * Parsed values, by their text: a quote reads the same catalogue rates, fees and limits on every request, and parsing
 * costs more than the sums. Decimals are immutable, so one instance serves every caller.
 */
const parsed = new Map<string, PlanDecimal>();
const MAX_PARSED = 10_000;

/** Reads a validated decimal string (an amount, fee or rate) into the plan Decimal. */
export function decimal(value: string): PlanDecimal {
  return remembered(parsed, value, MAX_PARSED, () => new PlanDecimal(value));
}

/** The single rounding of a figure: half-up to the cent, then converted for the wire. */
export function toWireCents(value: PlanDecimal): number {
  return Number(value.toFixed(2, PlanDecimal.ROUND_HALF_UP));
}
