// The customer-lookup `offer_types` summary: which plans and terms a merchant can offer, whatever the amount.
import type { AccountType, PlanCategory } from './catalogue-file.js';
import type { Catalogue } from './catalogue.js';
import { offeredPlans } from './offer-selection.js';
import { nameLanguage } from './texts.js';
import type { Language } from '../identity.js';

export interface OfferType {
  plan_name: string;
  plan_id: string;
  offer_category: PlanCategory;
  /** Term lengths in months, as strings, ascending. */
  term_options: string[];
}

export function offerTypes(catalogue: Catalogue, merchantId: string, accountType: AccountType, province: string, lang: Language): OfferType[] {
  return offeredPlans(catalogue, { merchantId, accountType, province }).map(({ plan, terms }) => ({
    plan_name: plan.name[nameLanguage(lang)],
    plan_id: String(plan.id),
    offer_category: plan.category,
    term_options: terms.map((term) => String(term.months)),
  }));
}
