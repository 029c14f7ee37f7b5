// Customer lookup by card, account number or customer id: the account's holder, contact (masked), questions and offers.
import { findByCard } from './card-account.js';
import type { LookupView } from './ports.js';
import type { LookupAnswer, LookupQuery } from '../contract/customers.js';
import { maskEmail, maskPhone, parseLanguage, passesLuhn, type Language } from '../domain/identity.js';
import { centsToNumber } from '../domain/money.js';
import { offerTypes } from '../domain/plans/index.js';
import { wrongInputs } from '../contract/errors.js';
import { refusals } from '../contract/refusals.js';
import type { Principal } from '../domain/principal.js';
import type { UseCaseContext } from './context.js';

const IDENTIFIERS = ['vcc_number', 'account_number', 'customer_id'] as const;

/** The account the query names, read with everything its answer shows; undefined when it names none. */
async function findAccount(ctx: UseCaseContext, query: LookupQuery): Promise<LookupView | undefined> {
  const { accounts } = ctx.store;
  if (query.vcc_number !== undefined) {
    if (!passesLuhn(query.vcc_number)) throw wrongInputs([{ param: 'vcc_number', msg: 'is not a valid card number (checksum)', value: query.vcc_number }]);
    return findByCard(ctx.cardHashes, query.vcc_number, (cardForms) => accounts.lookup({ cardForms }));
  }
  if (query.account_number !== undefined) return accounts.lookup({ accountNumber: Number(query.account_number) });
  return accounts.lookup({ customerId: query.customer_id as string });
}

export async function lookupCustomer(ctx: UseCaseContext, principal: Principal, query: LookupQuery): Promise<LookupAnswer> {
  const given = IDENTIFIERS.filter((k) => query[k] !== undefined);
  if (given.length !== 1) {
    const msg =
      given.length === 0 ? 'one of vcc_number, account_number or customer_id is required' : 'give only one of vcc_number, account_number or customer_id';
    throw wrongInputs((given.length ? given : IDENTIFIERS).map((param) => ({ param, msg })));
  }
  const asked = parseLanguage(query.lang);
  if (query.lang !== undefined && !asked) throw wrongInputs([{ param: 'lang', msg: 'must be en, fr, en-CA or fr-CA', value: query.lang }]);
  const account = await findAccount(ctx, query);
  if (!account) throw refusals.customerNotFound();
  const lang: Language = asked ?? account.preferred_language;
  const catalogue = await ctx.store.catalogue.current();
  return {
    available_credit: centsToNumber(account.open_to_buy_cents),
    account_number: account.account_number,
    customer_id: account.customer_id,
    first_name: account.first_name,
    last_name: account.last_name,
    security_qid: account.questions.map((q) => ({ id: q.id, text: lang === 'fr-CA' ? q.text_fr : q.text_en })),
    address_1: account.address_1,
    address_2: account.address_2,
    city: account.city,
    postal_code: account.postal_code,
    province: account.address_province,
    payment_protection: account.payment_protection === 1,
    risk_rating: account.risk_rating,
    offer_types: offerTypes(catalogue, principal.merchantId, account.account_type, account.province, lang),
    card_ending_in: account.card_last_four ?? '',
    preferred_language: account.preferred_language,
    email: maskEmail(account.email),
    phone_number: maskPhone(account.phone),
    account_type: account.account_type,
  };
}
