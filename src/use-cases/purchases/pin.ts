// The PIN a purchase or a payment presents: the one verify issued for this account, this client and this request id,
// unspent, unexpired, and tried wrong fewer than three times.
import type { ApiError } from '../../contract/errors.js';
import { refusals } from '../../contract/refusals.js';
import type { Actor } from '../../domain/principal.js';
import type { UseCaseContext } from '../context.js';
import type { PinRecord, Repositories } from '../ports.js';

export const MAX_WRONG_PINS = 3;

/** What the PIN is presented for: a bypass PIN covers a regular purchase and nothing else. */
export type PinUse = 'promotional_purchase' | 'regular_purchase' | 'payment';

/** Formats whose PIN an online client may present: the ones that reach the customer, not the till. */
const ONLINE_FORMATS: ReadonlySet<string> = new Set(['sms', 'email']);

export interface PinPresented {
  accountNumber: number;
  code: number | string | undefined;
  requestId: string | undefined;
  use: PinUse;
}

/**
 * The PIN record to spend once every other check has passed, or a refusal. A wrong PIN is a refusal to commit (its
 * count must survive the refusal), so it comes back as `{ wrong }`; the others throw.
 */
export async function findPin(
  ctx: UseCaseContext,
  tx: Repositories,
  actor: Actor,
  presented: PinPresented,
  now: number,
): Promise<{ pin: PinRecord } | { wrong: ApiError }> {
  if (presented.code === undefined) throw refusals.verificationCodeRequired();
  const clientId = actor.principal.clientId;
  const requestId = presented.requestId ?? null;
  const pin = await tx.verifications.pinFor(presented.accountNumber, clientId, requestId);
  if (!pin || pin.expires_at <= now) throw refusals.notVerified();
  if (pin.purpose === 'regular_purchase' && presented.use !== 'regular_purchase') throw refusals.notVerified();
  if (actor.principal.channel === 'online' && !ONLINE_FORMATS.has(pin.format)) throw refusals.notVerified();
  const code = String(presented.code);
  if (!ctx.pins.matches(code, { accountNumber: presented.accountNumber, clientId, requestId }, pin.pin_hash)) {
    const tries = pin.wrong_tries + 1;
    await tx.verifications.recordWrongTry(pin.id, tries, tries >= MAX_WRONG_PINS, now);
    return { wrong: refusals.wrongVerificationCode() };
  }
  return { pin };
}

/** Spends the PIN: a PIN is good once, even against a concurrent twin. */
export async function spend(tx: Repositories, pin: PinRecord, now: number): Promise<void> {
  if (!(await tx.verifications.spendPin(pin.id, now))) throw refusals.notVerified();
}
