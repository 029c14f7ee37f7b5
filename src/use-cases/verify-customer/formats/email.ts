// email: a PIN sent to the email address on file.
import { refusals } from '../../../contract/refusals.js';
import { emailAddress } from '../../../domain/verification/messages.js';
import type { VerificationFormat } from '../format.js';

export const email: VerificationFormat = {
  prepare:
    () =>
    ({ holder }) => {
      const to = emailAddress(holder.email);
      return to ? { purpose: 'purchase', delivery: { channel: 'email', to } } : { refused: refusals.emailNotValid() };
    },
};
