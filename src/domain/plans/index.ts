// The public API of the payment-plan domain: the catalogue file format, the loaded catalogue and the quote calculations.
export {
  CatalogueSchema,
  PLAN_CATEGORIES,
  ACCOUNT_TYPES,
  type CatalogueFile,
  type PlanEntry,
  type TermEntry,
  type OfferEntry,
  type PlanCategory,
  type AccountType,
} from './catalogue-file.js';
export {
  buildCatalogue,
  catalogueFromFile,
  catalogueToFile,
  type Catalogue,
  type CatalogueInput,
  type Plan,
  type PlanInput,
  type Term,
  type TermInput,
  type Offer,
} from './catalogue.js';
export { parseCatalogue, type CatalogueError, type ParseCatalogueResult } from './parse-catalogue.js';
export { serializeCatalogue } from './serialize-catalogue.js';
export { quotePlans, annualRate, type QuoteInput, type PromotionalPurchase, type TermQuote, type FeeLine, type AnnualRate } from './quote-plans.js';
export { regularPurchase, type RegularPurchaseInput, type RegularPurchase } from './regular-purchase.js';
export { offerTypes, type OfferType } from './offer-types.js';
export { PROVINCE_CODES, isProvinceCode, type ProvinceCode } from './provinces.js';
export { quoteTexts, type QuoteTexts } from './texts.js';
export { chooseTerm, type ChosenTerm, type TermChoice, type TermChoiceResult } from '../purchases/chosen-term.js';
