// Account status and type codes (N/F/C, NNOR/FLCK/CCUS, consumer/business) in words.
import { isMessageKey } from '../i18n/dictionary.ts';
import type { Translate } from '../i18n/translate.ts';

export interface AccountStatus {
  code: string;
  reason: string;
}

export function describeStatus(t: Translate, status: AccountStatus): string {
  const statusKey = `status.${status.code}`;
  const reasonKey = `reason.${status.reason}`;
  const words = isMessageKey(statusKey) ? t(statusKey) : status.code;
  // An unknown code is still shown as sent, so the associate can quote it to the lender.
  const reason = isMessageKey(reasonKey) ? t(reasonKey) : status.reason;
  return reason ? `${words} (${reason})` : words;
}

export function describeAccountType(t: Translate, type: string): string {
  const key = `type.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

export function describeLanguage(t: Translate, preferred: string): string {
  const key = `language.${preferred}`;
  return isMessageKey(key) ? t(key) : preferred;
}
