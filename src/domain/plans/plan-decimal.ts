// Exact arithmetic for plan figures: a private Decimal configuration for the rates' powers, integer cents for money,
// and the one rounding step to the cent.
import { Decimal } from 'decimal.js';

/**
 * A Decimal constructor with its own settings, so that the plan maths never depends on (or changes)
 * the global Decimal configuration other modules may use. 40 significant digits keep the
 * amortisation factor (1 + r)^-n exact far beyond the cent, even for 120 monthly periods.
 */
export const PlanDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type PlanDecimal = Decimal;

/** An exact decimal as a fraction of integers: every digit Decimal holds, none rounded away. */
export function asFraction(value: PlanDecimal): { numerator: bigint; denominator: bigint } {
  // toFixed() with no argument writes every digit in plain notation (never an exponent).
  const [whole = '0', fraction = ''] = value.toFixed().split('.');
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) };
}

/** The single rounding of a figure: numerator / denominator (both ≥ 0) to the nearest whole, halves up. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}
