// The customer on screen: their lookup in both languages (questions in theirs, offers in the UI's) and what else is known.
import { ApiFailure } from '../api/api-failure.ts';
import type { LookupAnswer, LookupBy } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { AccountStatus } from '../domain/account-status.ts';
import type { Standing } from '../domain/account-standing.ts';
import type { Lang } from '../i18n/dictionary.ts';

export interface CustomerProfile {
  accountNumber: number;
  byLang: Record<Lang, LookupAnswer>;
  /** Whether the account can buy: its status from a search, or what a price check told after a lookup. */
  standing: Standing;
  /** The full card number when the customer was found by card, so verify checks the card is this account's. */
  cardNumber?: string;
}

export function customerLanguage(profile: CustomerProfile): Lang {
  return profile.byLang.en.preferred_language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The smallest purchase there is: the price check below is about the account, not an amount. */
const CHECK_AMOUNT = 0.01;

/**
 * Lookup's answer has no status, and search (which has it) needs the birth date, which lookup does not give. Rather
 * than a status row that only says it is unknown, the console asks calculate-interest to price a one-cent purchase:
 * it changes nothing and keeps no record, and it refuses with user_not_able_to_purchase exactly when the account is
 * not open. That tells open from not open (frozen or closed, not which one), which is what the till needs to know:
 * whether verifying the customer and pricing plans can lead to a sale.
 */
async function checkStanding(api: PosApi, accountNumber: number): Promise<Standing> {
  try {
    await api.calculateInterest(accountNumber, CHECK_AMOUNT, 'en');
    return { kind: 'open' };
  } catch (error) {
    return error instanceof ApiFailure && error.code === 'user_not_able_to_purchase' ? { kind: 'notOpen' } : { kind: 'unknown' };
  }
}

export async function loadCustomerProfile(api: PosApi, by: LookupBy, value: string, status?: AccountStatus): Promise<CustomerProfile> {
  const en = await api.lookup(by, value, 'en');
  // The French copy is fetched by account number: a customer id could pick another account meanwhile.
  const [fr, standing] = await Promise.all([
    api.lookup('account_number', String(en.account_number), 'fr'),
    status ? ({ kind: 'status', status } as const) : checkStanding(api, en.account_number),
  ]);
  return { accountNumber: en.account_number, byLang: { en, fr }, standing, cardNumber: by === 'vcc_number' ? value : undefined };
}
