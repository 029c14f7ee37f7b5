// sms: a PIN sent by text message to the phone on file.
import { refusals } from '../../../contract/refusals.js';
import { smsNumber } from '../../../domain/verification/messages.js';
import type { VerificationFormat } from '../format.js';

export const sms: VerificationFormat = {
  prepare:
    () =>
    ({ holder }) => {
      const to = smsNumber(holder.phone);
      return to ? { purpose: 'purchase', delivery: { channel: 'sms', to } } : { refused: refusals.smsNotValidPhone() };
    },
};
