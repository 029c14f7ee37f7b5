// The calculate-interest `regular_purchase` figures: the purchase simply added to the revolving account.
import { centsToNumber } from '../money.js';

export interface RegularPurchaseInput {
  /** Already checked by the caller to be > 0. */
  amountCents: number;
  /** The account's annual interest rate as a decimal string, e.g. "0.3099". */
  air: string;
}

/** Without `verify`: whether the bypass applies depends on the account's history, which the caller knows. */
export interface RegularPurchase {
  term_amount: number;
  air: number;
  fees: [];
}

export function regularPurchase(input: RegularPurchaseInput): RegularPurchase {
  return {
    term_amount: centsToNumber(input.amountCents),
    // A plain decimal text (the store's check): Number reads it exactly as Decimal's toNumber would.
    air: Number(input.air),
    fees: [],
  };
}
