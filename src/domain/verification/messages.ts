// The texts that carry a PIN to the customer, in the customer's language.
import { maskEmail, maskPhone, type Language } from '../identity.js';

export interface PinMessage {
  subject: string;
  body: string;
}

export function pinMessage(lang: Language, pin: string, merchantName: string, ttlMinutes: number): PinMessage {
  if (lang === 'fr-CA') {
    return {
      subject: 'Votre code de vérification',
      body: `Votre code de vérification pour votre achat chez ${merchantName} est ${pin}. Il expire dans ${ttlMinutes} minutes. Ne le communiquez à personne d'autre qu'au commerçant.`,
    };
  }
  return {
    subject: 'Your verification code',
    body: `Your verification code for your purchase at ${merchantName} is ${pin}. It expires in ${ttlMinutes} minutes. Share it with no one but the merchant.`,
  };
}

/** The log line of a message kept in the outbox (its channel has no transport): one per message, its address masked. */
export const KEPT_IN_OUTBOX = 'message not sent (no SMS gateway or SMTP server configured); read it with `posapi outbox list`';

/** A message's address as a log may show it: a phone or an email, masked. */
export const maskedRecipient = (channel: 'sms' | 'email', to: string): string => (channel === 'sms' ? maskPhone(to) : maskEmail(to));

/** A phone the SMS gateway can reach: ten digits (North American numbering), a leading 1 allowed. */
export function smsNumber(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? `+1${national}` : undefined;
}

export function emailAddress(email: string): string | undefined {
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(email) ? email : undefined;
}
