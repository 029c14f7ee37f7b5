// The rows bulk loading moves around, one shape per table, independent of where they come from (generator, CSV) or go (store, CSV).
import type { CustomerInput } from '../customers.js';
import type { AccountsTable } from '../schema.js';

export interface SecurityAnswer {
  question_id: number;
  /** In clear only between the source and the slow hash; never written anywhere as is. */
  answer: string;
}

export interface CustomerRecord extends CustomerInput {
  answers: SecurityAnswer[];
}

export type AccountStatus = AccountsTable['status'];
export type AccountType = AccountsTable['account_type'];

/** An account row as the table has it, with its flags as booleans and without the write instant (set on writing). */
/** The ledger's own columns are not imported: holds start at none, and the balance imported is the balance brought forward. */
export type AccountRecord = Omit<AccountsTable, 'tos_agreement' | 'payment_protection' | 'updated_at' | 'holds_cents' | 'opening_balance_cents'> & {
  tos_agreement: boolean;
  payment_protection: boolean;
};

/** A card as it is stored: the keyed hash of its number and the last four, never the number. */
export interface CardRecord {
  card_hash: string;
  /** The card hash key version the hash was made under. */
  key_kid: string;
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
