// merchant_override: a merchant allowed to vouch for the customer gets the PIN directly.
import { refusals } from '../../../contract/refusals.js';
import type { VerificationFormat } from '../format.js';

export const merchantOverride: VerificationFormat = {
  prepare:
    () =>
    ({ actor }) =>
      actor.principal.mayOverride ? { purpose: 'purchase' } : { refused: refusals.merchantOverrideNotAllowed() },
};
