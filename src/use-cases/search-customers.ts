// Customer search: every account of every customer whose name and birth date match, however the names are written.
import type { SearchItem, SearchQuery } from '../contract/customers.js';
import { nameKey, postalKey } from '../domain/identity.js';
import { centsToString } from '../domain/money.js';
import { wrongInputs, type FieldError } from '../contract/errors.js';
import type { UseCaseContext } from './context.js';

export async function searchCustomers(ctx: UseCaseContext, query: SearchQuery): Promise<SearchItem[]> {
  const keys = { firstNameKey: nameKey(query.first_name), lastNameKey: nameKey(query.last_name), dob: query.dob };
  const problems: FieldError[] = [];
  if (!keys.firstNameKey) problems.push({ param: 'first_name', msg: 'must contain a letter or a digit', value: query.first_name });
  if (!keys.lastNameKey) problems.push({ param: 'last_name', msg: 'must contain a letter or a digit', value: query.last_name });
  if (problems.length) throw wrongInputs(problems);
  const postalCodeKey = query.postal_code ? postalKey(query.postal_code) : undefined;
  const rows = await ctx.store.accounts.search({ ...keys, postalCodeKey });
  return rows.map((r) => ({
    customer_id: r.customer_id,
    account_status: r.status,
    // The store keeps the reason that goes with each status (NNOR, FLCK, CCUS; see STATUS_REASONS).
    account_status_reason_code: r.status_reason as SearchItem['account_status_reason_code'],
    tos_agreement: r.tos_agreement === 1,
    risk_rating: r.risk_rating,
    account_number: r.account_number,
    customer_account_type: r.account_type,
    credit_limit: centsToString(r.credit_limit_cents),
    available_credit: centsToString(r.open_to_buy_cents),
    originating_merchant_id: r.originating_merchant_id,
    originating_merchant_name: r.originating_merchant_name,
    creation_date: r.opened_on,
    first_name: r.first_name,
    last_name: r.last_name,
    card_ending_in: r.card_last_four ?? '',
    preferred_language: r.preferred_language,
  }));
}
