// The customer on screen: their lookup in both languages (questions in theirs, offers in the UI's) and what else is known.
import type { LookupAnswer, LookupBy } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { Lang } from '../i18n/dictionary.ts';
import type { AccountStatus } from '../domain/account-status.ts';

export interface CustomerProfile {
  accountNumber: number;
  byLang: Record<Lang, LookupAnswer>;
  /** Lookup does not report the status: known only from a search, or after closing. */
  status?: AccountStatus;
  /** The full card number when the customer was found by card, so verify checks the card is this account's. */
  cardNumber?: string;
}

export function customerLanguage(profile: CustomerProfile): Lang {
  return profile.byLang.en.preferred_language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export async function loadCustomerProfile(api: PosApi, by: LookupBy, value: string, status?: AccountStatus): Promise<CustomerProfile> {
  const en = await api.lookup(by, value, 'en');
  // The French copy is fetched by account number: a customer id could pick another account meanwhile.
  const fr = await api.lookup('account_number', String(en.account_number), 'fr');
  return { accountNumber: en.account_number, byLang: { en, fr }, status, cardNumber: by === 'vcc_number' ? value : undefined };
}
