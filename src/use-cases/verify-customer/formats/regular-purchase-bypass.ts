// regular_purchase_bypass: an account in good standing skips verification; its PIN is good for regular purchases only.
import { refusals } from '../../../contract/refusals.js';
import { qualifiesForRegularPurchaseBypass } from '../../../domain/verification/bypass.js';
import type { VerificationFormat } from '../format.js';

export const regularPurchaseBypass: VerificationFormat = {
  prepare:
    (ctx) =>
    ({ account }) =>
      qualifiesForRegularPurchaseBypass(account, ctx.config.bypassRiskRatings)
        ? { purpose: 'regular_purchase' }
        : { refused: refusals.regularPurchaseBypassNotAllowed() },
};
