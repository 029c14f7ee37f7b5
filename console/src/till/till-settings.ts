// Where the till stands: the merchant's store (external_location_id) and the cashier (external_employee_id), sent with
// every sale, capture, release and return so the lender's ledger records who did what, where.
import type { MessageKey } from '../i18n/dictionary.ts';

export interface TillSettings {
  locationId: string;
  employeeId: string;
}

/**
 * The demo in-store client's first registered store. A real till would be set up with its own; the field stays
 * editable because a client may have several stores (the demo has 00-12345 and 00-67890).
 */
export const DEFAULT_LOCATION_ID = '00-12345';

export const EMPTY_TILL: TillSettings = { locationId: DEFAULT_LOCATION_ID, employeeId: '' };

/** The service takes 1 to 50 printable ASCII characters for either id. */
const TILL_ID = /^[\x20-\x7E]{1,50}$/;

export interface TillProblems {
  locationId?: MessageKey;
  employeeId?: MessageKey;
}

function idProblem(value: string, required: boolean): MessageKey | undefined {
  const trimmed = value.trim();
  if (!trimmed) return required ? 'form.required' : undefined;
  return TILL_ID.test(trimmed) ? undefined : 'till.invalid';
}

/** In-store clients must name both; online clients may, and what they name must still be well-formed. */
export function tillProblems(till: TillSettings, inStore: boolean): TillProblems {
  const problems: TillProblems = {};
  const location = idProblem(till.locationId, inStore);
  const employee = idProblem(till.employeeId, inStore);
  if (location) problems.locationId = location;
  if (employee) problems.employeeId = employee;
  return problems;
}

export function isTillReady(till: TillSettings, inStore: boolean): boolean {
  const problems = tillProblems(till, inStore);
  return !problems.locationId && !problems.employeeId;
}

/** The two ids as the Transactions calls take them; an empty one is left out rather than sent blank. */
export function tillIds(till: TillSettings): { external_location_id?: string; external_employee_id?: string } {
  const ids: { external_location_id?: string; external_employee_id?: string } = {};
  if (till.locationId.trim()) ids.external_location_id = till.locationId.trim();
  if (till.employeeId.trim()) ids.external_employee_id = till.employeeId.trim();
  return ids;
}
