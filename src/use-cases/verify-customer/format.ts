// What one verification format is: its own input rules, its slow work done before the transaction, and its decision
// made with the account locked. The formats' table (formats/index.ts) names one module per format.
import type { ApiError, FieldError } from '../../contract/errors.js';
import type { VerifyBody, VerifyFormat } from '../../contract/verify.js';
import type { Actor } from '../../domain/principal.js';
import type { UseCaseContext } from '../context.js';
import type { PinPurpose } from '../../domain/verification/pin.js';
import type { AccountRow, AccountView, Repositories } from '../ports.js';

export type VerifyRequest = Omit<VerifyBody, 'format'> & { format: VerifyFormat; accountNumber: number };

/** Where a PIN goes when it is not answered at once. */
export interface Delivery {
  channel: 'sms' | 'email';
  to: string;
}

export type Decision = { refused: ApiError } | { purpose: PinPurpose; delivery?: Delivery };

export interface DecisionStep {
  tx: Repositories;
  /** The account as read under its lock. */
  account: AccountRow;
  /** The account with its holder's contact, as read before the transaction. */
  holder: AccountView;
  actor: Actor;
  now: number;
}

export type Decide = (step: DecisionStep) => Decision | Promise<Decision>;

export interface VerificationFormat {
  /** This format's input rules, beyond the schema's. */
  problems?(request: VerifyRequest): FieldError[];
  /** Slow work (a hash to check) happens here, before the transaction, so no lock waits on it; a refusal thrown here is audited. */
  prepare(ctx: UseCaseContext, request: VerifyRequest, holder: AccountView): Decide | Promise<Decide>;
}
