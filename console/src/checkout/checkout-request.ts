// The purchase request from what the till holds: the account, the financing picked, the PIN with the very request_id
// verify was asked with (the PIN is bound to it), the capture choice and the store and cashier.
import type { AuthorizeRequest } from '../api/contract.ts';
import type { PlanChoice } from '../domain/plan-choice.ts';
import { financingOption } from '../domain/plan-choice.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { tillIds, type TillSettings } from '../till/till-settings.ts';
import type { Verification } from '../verify/verification.ts';

export interface CheckoutEntries {
  pin: string;
  autoCapture: boolean;
  reference: string;
}

const PIN = /^\d{1,8}$/;
const REFERENCE = /^[\x20-\x7E]{0,40}$/;

export interface CheckoutProblems {
  pin?: MessageKey;
  reference?: MessageKey;
}

export function checkoutProblems(entries: CheckoutEntries): CheckoutProblems {
  const problems: CheckoutProblems = {};
  const pin = entries.pin.trim();
  if (!pin) problems.pin = 'form.required';
  else if (!PIN.test(pin)) problems.pin = 'checkout.pinInvalid';
  if (!REFERENCE.test(entries.reference.trim())) problems.reference = 'checkout.referenceInvalid';
  return problems;
}

export function authorizeRequest(choice: PlanChoice, verification: Verification, entries: CheckoutEntries, till: TillSettings): AuthorizeRequest {
  const request: AuthorizeRequest = {
    account_number: verification.accountNumber,
    amount: choice.amount,
    financing_option: financingOption(choice),
    auto_capture: entries.autoCapture,
    // A digit string keeps a PIN's leading zeros.
    verification_code: entries.pin.trim(),
    ...tillIds(till),
  };
  if (verification.requestId !== undefined) request.request_id = verification.requestId;
  const reference = entries.reference.trim();
  if (reference) request.reference = reference;
  return request;
}
