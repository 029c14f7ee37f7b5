// The till's steps for tests: a PIN from verify, then a purchase with it, as an integrator's client makes them.
import { expect } from 'vitest';
import type { UseCaseContext } from '../../src/use-cases/context.js';
import type { PinRecord } from '../../src/use-cases/ports.js';
import { API, API251, nextReferenceId, type ApiClient } from './api.js';

export const LOCATION = '00-12345';
export const EMPLOYEE = '12345-SMITH';
export const WHERE = { external_location_id: LOCATION, external_employee_id: EMPLOYEE };
/** Ontario, risk H, limit 14 000.00, no balance. */
export const ONTARIO = 116994755;
/** Ontario, risk L (qualifies for the regular-purchase bypass), limit 5 000.00. */
export const ALAN = 20035156;

let requests = 0;
export const nextRequestId = () => `till-${process.pid}-${++requests}`;

/** A PIN the till reads at once (merchant_override or regular_purchase_bypass) for `requestId`. */
export async function pinFor(api: ApiClient, account: number, requestId: string, format = 'merchant_override'): Promise<number> {
  const res = await api.call('POST', `${API}/account/${account}/verify`, { body: { format, request_id: requestId } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { verification_code: number }).verification_code;
}

export interface PurchaseOptions {
  account?: number;
  amount?: number;
  plan?: { plan_id: number; term: number } | 'regular';
  autoCapture?: boolean;
  extra?: Record<string, unknown>;
  referenceId?: string;
}

/** The body of an authorization with a fresh PIN (unless `extra` brings its own verification_code/request_id). */
export async function purchaseBody(api: ApiClient, o: PurchaseOptions = {}): Promise<Record<string, unknown>> {
  const account = o.account ?? ONTARIO;
  const requestId = nextRequestId();
  const plan = o.plan ?? { plan_id: 4, term: 12 };
  const format = plan === 'regular' && o.extra?.bypass ? 'regular_purchase_bypass' : 'merchant_override';
  const code = await pinFor(api, account, requestId, format);
  return {
    account_number: account,
    amount: o.amount ?? 250,
    financing_option: plan === 'regular' ? { transaction_type: 'regular_purchase' } : { transaction_type: 'promotional_purchase', ...plan },
    auto_capture: o.autoCapture ?? true,
    verification_code: code,
    request_id: requestId,
    ...WHERE,
    ...Object.fromEntries(Object.entries(o.extra ?? {}).filter(([k]) => k !== 'bypass')),
  };
}

export async function purchase(api: ApiClient, o: PurchaseOptions = {}) {
  return api.call('POST', `${API251}/authorization`, { body: await purchaseBody(api, o), referenceId: o.referenceId ?? nextReferenceId() });
}

/** Whether a stored PIN row is the hash of `pin`: PINs are kept as a keyed hash bound to what they were issued for. */
export function pinMatches(ctx: UseCaseContext, pin: string, row: PinRecord): boolean {
  return ctx.pins.matches(pin, { accountNumber: row.account_number, clientId: row.client_id, requestId: row.request_id }, row.pin_hash);
}
