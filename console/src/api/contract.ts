// The wire shapes of the POS API v2.5 Customers endpoints, as ../shared/spec/customers-api.md describes them.

export interface TokenAnswer {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

export interface FieldError {
  param: string;
  msg: string;
  value?: unknown;
}

export interface ErrorBody {
  url?: string;
  message?: string;
  error?: string;
  reference_id?: string;
  field_errors?: FieldError[];
}

export interface SearchQuery {
  first_name: string;
  last_name: string;
  dob: string;
  postal_code?: string;
}

export interface SearchItem {
  customer_id: string;
  account_status: string;
  account_status_reason_code: string;
  tos_agreement: boolean;
  risk_rating: string;
  account_number: number;
  customer_account_type: string;
  credit_limit: string;
  available_credit: string;
  originating_merchant_id: string;
  originating_merchant_name: string;
  creation_date: string;
  first_name: string;
  last_name: string;
  card_ending_in: string;
  preferred_language: string;
}

export type LookupBy = 'vcc_number' | 'account_number' | 'customer_id';

export interface SecurityQuestion {
  id: number;
  text: string;
}

export interface OfferType {
  plan_name: string;
  plan_id: string;
  offer_category: string;
  term_options: string[];
}

export interface LookupAnswer {
  available_credit: number;
  account_number: number;
  customer_id: string;
  first_name: string;
  last_name: string;
  security_qid: SecurityQuestion[];
  address_1: string;
  address_2: string;
  city: string;
  postal_code: string;
  province: string;
  payment_protection: boolean;
  risk_rating: string;
  offer_types: OfferType[];
  card_ending_in: string;
  preferred_language: string;
  email: string;
  phone_number: string;
  account_type: string;
}

export interface LicenceFields {
  first_name: string;
  middle_name?: string;
  last_name: string;
  dob: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  province?: string;
  postal_code?: string;
  govid_type?: string;
  govid_issuedby?: string;
  govid_number?: string;
  govid_expiry?: string;
}

export const VERIFY_FORMATS = ['sms', 'email', 'security_question', 'regular_purchase_bypass', 'merchant_override'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export interface VerifyRequest {
  format: VerifyFormat;
  vcc_number?: string;
  security_qid?: number;
  security_answer?: string;
  request_id?: string;
}

export interface VerifyAnswer {
  /** A 4-digit PIN, or a word saying the PIN went to the customer's phone or email. */
  verification_code: number | string;
}

export interface CloseAnswer {
  account_number: number;
  account_status: string;
  account_status_reason_code: string;
}

export interface FeeLine {
  description: string;
  amount: number;
  type: string;
  message: string;
}

export interface AnnualRate {
  description: string;
  rate: number;
  type: string;
  message: string;
}

export interface TermQuote {
  term: number;
  term_amount: number;
  fees: FeeLine[];
  annual_rates: AnnualRate;
}

export interface PromotionalPlan {
  plan_id: number;
  plan_name: string;
  terms: TermQuote[];
}

export interface RegularPurchase {
  term_amount: number;
  air: number;
  fees: FeeLine[];
  verify: boolean;
}

export interface InterestAnswer {
  account_number: number;
  account_type: string;
  amount: number | string;
  customer: { available_credit: number | string; air: number; first_name: string; last_name: string; category_type: string };
  regular_purchase: RegularPurchase;
  promotional_purchase: PromotionalPlan[];
}
