// What a successful verify leaves for the purchase: the PIN is bound to the request_id it was asked with, so the
// purchase must send that same request_id, whatever the till transaction id field says by then.
import type { VerifyFormat, VerifyRequest } from '../api/contract.ts';
import type { VerificationOutcome } from './verification-outcome.ts';

export interface Verification {
  accountNumber: number;
  format: VerifyFormat;
  /** The request_id sent to verify; absent for online clients, which send none. */
  requestId?: string;
  /** The PIN when verify showed it; absent when it went to the customer's phone or email. */
  pin?: string;
  /** A regular purchase bypass PIN pays for a regular purchase and nothing else. */
  regularOnly: boolean;
}

export function verificationFrom(accountNumber: number, request: VerifyRequest, outcome: VerificationOutcome): Verification {
  return {
    accountNumber,
    format: request.format,
    requestId: request.request_id,
    pin: outcome.kind === 'pin' ? outcome.pin : undefined,
    regularOnly: outcome.kind === 'pin' && outcome.regularOnly,
  };
}
