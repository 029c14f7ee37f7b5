// What a verify answer means for the associate: a PIN to key in, or a PIN the customer received.
import { VERIFY_FORMATS, type VerifyAnswer, type VerifyFormat } from '../api/contract.ts';

export type VerificationOutcome = { kind: 'pin'; pin: string; regularOnly: boolean } | { kind: 'sent'; channel: 'sms' | 'email' };

export function verificationOutcome(format: VerifyFormat, answer: VerifyAnswer): VerificationOutcome {
  const code = answer.verification_code;
  if (code === 'verification_sent_to_sms') return { kind: 'sent', channel: 'sms' };
  if (code === 'verification_sent_to_email') return { kind: 'sent', channel: 'email' };
  // PINs are 4 digits; a number loses leading zeros on the wire, so they are put back.
  const pin = typeof code === 'number' ? String(code).padStart(4, '0') : String(code);
  return { kind: 'pin', pin, regularOnly: format === 'regular_purchase_bypass' };
}

export { VERIFY_FORMATS };
