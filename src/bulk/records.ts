// The rows bulk loading moves around, one shape per table, independent of where they come from (generator, CSV) or go (store, CSV).
import type { CustomerInput } from '../store/customers.js';

export interface SecurityAnswer {
  question_id: number;
  /** In clear only between the source and the slow hash; never written anywhere as is. */
  answer: string;
}

export interface CustomerRecord extends CustomerInput {
  answers: SecurityAnswer[];
}

export type AccountStatus = 'N' | 'F' | 'C';
export type AccountType = 'consumer' | 'business';

export interface AccountRecord {
  account_number: number;
  customer_id: string;
  account_type: AccountType;
  business_name: string | null;
  status: AccountStatus;
  status_reason: string;
  credit_limit_cents: number;
  open_to_buy_cents: number;
  balance_cents: number;
  air: string;
  category_type: string;
  risk_rating: string;
  province: string;
  originating_merchant_id: string;
  opened_on: string;
  tos_agreement: boolean;
  payment_protection: boolean;
}

/** A card as it is stored: the keyed hash of its number and the last four, never the number. */
export interface CardRecord {
  card_hash: string;
  last_four: string;
  account_number: number;
}

/** A card as a source gives it, before hashing. */
export interface ClearCard {
  card_number: string;
  account_number: number;
}

/** The reason code that goes with each status (the contract's N/NNOR, F/FLCK, C/CCUS). */
export const STATUS_REASONS: Readonly<Record<AccountStatus, string>> = { N: 'NNOR', F: 'FLCK', C: 'CCUS' };
