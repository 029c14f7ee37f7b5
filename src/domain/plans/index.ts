// The public API of the payment-plan domain: the catalogue file format and the quote calculations.
export {
  CatalogueSchema,
  PLAN_CATEGORIES,
  ACCOUNT_TYPES,
  type Catalogue,
  type Plan,
  type PlanTerm,
  type AdminFee,
  type Offer,
  type PlanCategory,
  type AccountType,
} from './catalogue-schema.js';
export { parseCatalogue, type CatalogueError, type ParseCatalogueResult } from './parse-catalogue.js';
export { serializeCatalogue } from './serialize-catalogue.js';
export {
  quotePlans,
  type QuoteInput,
  type PromotionalPurchase,
  type TermQuote,
  type FeeLine,
  type AnnualRate,
} from './quote-plans.js';
export { regularPurchase, type RegularPurchaseInput, type RegularPurchase } from './regular-purchase.js';
export { offerTypes, type OfferType } from './offer-types.js';
export { PROVINCE_CODES, type ProvinceCode } from './provinces.js';
export { quoteTexts, type Lang, type QuoteTexts } from './texts.js';
