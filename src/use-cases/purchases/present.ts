// An authorization as the wire shows it: amounts as numbers, ids as digit strings, the plan's rate in the customer's
// language (v2.5 names it `apr`).
import type { AuthorizationAnswer, AuthorizationV25Answer, CaptureListItem } from '../../contract/purchases.js';
import { centsToNumber } from '../../domain/money.js';
import { annualRate, quoteTexts, type PlanCategory } from '../../domain/plans/index.js';
import type { AuthorizationRecord, CaptureRecord, CaptureSummary } from '../ports.js';
import { wireInstant } from './till.js';

export type ApiVersion = 'v2.5' | 'v2.5.1';

export function presentAuthorization(
  a: AuthorizationRecord,
  captures: readonly CaptureSummary[],
  availableCents: number,
  version: ApiVersion = 'v2.5.1',
): AuthorizationAnswer | AuthorizationV25Answer {
  // One object, its optional fields set on it: spread copies cost a page of answers more than reading it from the store.
  // The wire's field order is the schema's (the serializer's), not this object's.
  const answer: AuthorizationAnswer & { apr?: number } = {
    authorization_id: String(a.id),
    account_number: a.account_number,
    reference: a.reference,
    transaction_type: a.transaction_type,
    amount: centsToNumber(a.amount_cents),
    captured_amount: centsToNumber(a.captured_cents),
    released_amount: centsToNumber(a.released_cents),
    remaining_amount: centsToNumber(a.amount_cents - a.captured_cents - a.released_cents),
    returned_amount: centsToNumber(a.returned_cents),
    status: a.status,
    created_at: wireInstant(a.created_at),
    term_amount: centsToNumber(a.term_amount_cents),
    external_location_id: a.external_location_id,
    captures: captures.map((c) => ({
      capture_id: String(c.id),
      amount: centsToNumber(c.amount_cents),
      returned_amount: centsToNumber(c.returned_cents),
      date: wireInstant(c.created_at),
    })),
    available_credit: centsToNumber(availableCents),
  };
  if (a.plan_id !== null && a.term !== null) {
    answer.plan_id = a.plan_id;
    answer.term = a.term;
  }
  if (a.plan_category === null || a.apr === null) return answer;
  if (version === 'v2.5') answer.apr = Number(a.apr);
  else answer.annual_rates = annualRate(a.plan_category as PlanCategory, Number(a.apr), quoteTexts(a.lang));
  return answer;
}

export function presentCaptureItem(c: CaptureRecord): CaptureListItem {
  return {
    capture_id: String(c.id),
    authorization_id: String(c.authorization_id),
    account_number: c.account_number,
    amount: centsToNumber(c.amount_cents),
    returned_amount: centsToNumber(c.returned_cents),
    reference: c.reference,
    external_location_id: c.external_location_id,
    date: wireInstant(c.created_at),
  };
}
