// The customer-facing texts of a quote, in English and French.

import type { Language } from '../identity.js';

/** The key of a plan's name in the catalogue for a requested language. */
export type NameLanguage = 'en' | 'fr';

export interface QuoteTexts {
  adminFeeDescription: string;
  adminFeeMessage: string;
  promotionalRateDescription: string;
  promotionalRateMessage: string;
  deferredRateDescription: string;
  deferredRateMessage: string;
}

// The English texts are the lender's own wording and must not be edited.
const ENGLISH: QuoteTexts = {
  adminFeeDescription: 'Administrative fees:',
  adminFeeMessage:
    'Although your administrative fee may be represented as a monthly or annual amount, the fee is due in full if the account is paid off early. See terms and conditions for full details.',
  promotionalRateDescription: 'Annual Promotional Interest Rate:',
  promotionalRateMessage:
    'Promotional annual interest rate applies during the promotional period and is included in your estimated monthly payments. Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.',
  deferredRateDescription: 'Annual Deferred-Period Interest Rate:',
  deferredRateMessage:
    'Deferred-period annual interest rate applies during the deferral period and is included in your deferred payment amount. Account annual interest rate is charged if the promo is cancelled or expires without full payment and applies when promos are not in effect.',
};

const FRENCH: QuoteTexts = {
  adminFeeDescription: "Frais d'administration :",
  adminFeeMessage:
    "Bien que vos frais d'administration puissent être présentés sous forme de montant mensuel ou annuel, ils sont exigibles en totalité si le compte est remboursé par anticipation. Consultez les modalités pour tous les détails.",
  promotionalRateDescription: "Taux d'intérêt annuel promotionnel :",
  promotionalRateMessage:
    "Le taux d'intérêt annuel promotionnel s'applique pendant la période promotionnelle et est inclus dans vos versements mensuels estimatifs. Le taux d'intérêt annuel du compte s'applique si la promotion est annulée ou prend fin sans paiement intégral, ainsi qu'en dehors des périodes promotionnelles.",
  deferredRateDescription: "Taux d'intérêt annuel de la période de report :",
  deferredRateMessage:
    "Le taux d'intérêt annuel de la période de report s'applique pendant cette période et est inclus dans le montant de votre paiement différé. Le taux d'intérêt annuel du compte s'applique si la promotion est annulée ou prend fin sans paiement intégral, ainsi qu'en dehors des périodes promotionnelles.",
};

export function quoteTexts(lang: Language): QuoteTexts {
  return lang === 'fr-CA' ? FRENCH : ENGLISH;
}

export function nameLanguage(lang: Language): NameLanguage {
  return lang === 'fr-CA' ? 'fr' : 'en';
}
