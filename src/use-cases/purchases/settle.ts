// Capture and release: the two ways the held part of an authorization ends, each as much as the till asks (all that
// remains when it names no amount), under the account's lock.
import type { FieldError } from '../../contract/errors.js';
import type { AuthorizationAnswer, CaptureBody, ReleaseBody } from '../../contract/purchases.js';
import { refusals } from '../../contract/refusals.js';
import type { IdempotencyKey } from '../../domain/idempotency.js';
import type { Actor } from '../../domain/principal.js';
import type { UseCaseContext } from '../context.js';
import type { AccountRow, AuthorizationRecord, Repositories } from '../ports.js';
import { presentAuthorization } from './present.js';
import { amountProblem, checkLocation, post, skuText, throwIfAny, whereProblems, type Posting } from './till.js';

/** The authorization and its account, read again under the account's lock: what a concurrent capture changed is seen. */
export async function lockAuthorization(
  tx: Repositories,
  actor: Actor,
  authorizationId: number,
): Promise<{ authorization: AuthorizationRecord; account: AccountRow }> {
  const seen = await tx.purchases.authorization(actor.principal.clientId, authorizationId);
  if (!seen) throw refusals.authorizationNotFound();
  const account = await tx.accounts.lock(seen.account_number);
  const authorization = await tx.purchases.authorization(actor.principal.clientId, authorizationId);
  if (!account || !authorization) throw refusals.authorizationNotFound();
  return { authorization, account };
}

function checkedAmount(actor: Actor, body: ReleaseBody): number | undefined {
  const problems: FieldError[] = [];
  const cents = amountProblem(body.amount, problems);
  whereProblems(actor, body, problems);
  throwIfAny(problems);
  return cents;
}

/** How much to take of what remains: the amount asked, or all of it; refused when the authorization has ended or the amount is too much. */
function portion(authorization: AuthorizationRecord, askedCents: number | undefined): number {
  const remaining = authorization.amount_cents - authorization.captured_cents - authorization.released_cents;
  if (authorization.status === 'closed' || remaining === 0) throw refusals.authorizationEnded();
  const cents = askedCents ?? remaining;
  if (cents > remaining) throw refusals.authAmountExceeded();
  return cents;
}

export async function captureAuthorization(
  ctx: UseCaseContext,
  actor: Actor,
  authorizationId: number,
  body: CaptureBody,
  key: IdempotencyKey | undefined,
): Promise<AuthorizationAnswer> {
  const asked = checkedAmount(actor, body);
  return ctx.store.once(key, async (tx) => {
    const now = ctx.now();
    const { authorization, account } = await lockAuthorization(tx, actor, authorizationId);
    const cents = portion(authorization, asked);
    await checkLocation(tx, actor, body);
    const captureId = await tx.purchases.insertCapture({
      authorization_id: authorization.id,
      client_id: actor.principal.clientId,
      account_number: account.account_number,
      amount_cents: cents,
      returned_cents: 0,
      reference: body.reference ?? authorization.reference,
      external_location_id: body.external_location_id ?? null,
      external_employee_id: body.external_employee_id ?? null,
      sku_data: skuText(body.sku_data),
      created_at: now,
    });
    return settle(tx, actor, authorization, account, body, { captured: cents }, now, { type: 'capture', amountCents: cents, authorizationId, captureId });
  });
}

export async function releaseAuthorization(
  ctx: UseCaseContext,
  actor: Actor,
  authorizationId: number,
  body: ReleaseBody,
  key: IdempotencyKey | undefined,
): Promise<AuthorizationAnswer> {
  const asked = checkedAmount(actor, body);
  return ctx.store.once(key, async (tx) => {
    const now = ctx.now();
    const { authorization, account } = await lockAuthorization(tx, actor, authorizationId);
    const cents = portion(authorization, asked);
    await checkLocation(tx, actor, body);
    return settle(tx, actor, authorization, account, body, { released: cents }, now, { type: 'release', amountCents: cents, authorizationId });
  });
}

async function settle(
  tx: Repositories,
  actor: Actor,
  authorization: AuthorizationRecord,
  account: AccountRow,
  where: ReleaseBody,
  change: { captured?: number; released?: number },
  now: number,
  posting: Posting,
) {
  const updated: AuthorizationRecord = {
    ...authorization,
    captured_cents: authorization.captured_cents + (change.captured ?? 0),
    released_cents: authorization.released_cents + (change.released ?? 0),
    updated_at: now,
  };
  updated.status = updated.captured_cents + updated.released_cents === updated.amount_cents ? 'closed' : 'opened';
  const { captured_cents, released_cents, returned_cents, status, updated_at } = updated;
  await tx.purchases.updateAuthorization(authorization.id, { captured_cents, released_cents, returned_cents, status, updated_at });
  const available = await post(tx, actor, account, where, [posting], now);
  await tx.audit.record(actor, now, {
    action: `purchase.${posting.type}`,
    accountNumber: account.account_number,
    outcome: posting.type === 'capture' ? 'captured' : 'released',
    detail: { authorization_id: authorization.id, amount_cents: posting.amountCents },
  });
  const captures = await tx.purchases.capturesOf(authorization.id);
  return { ok: true as const, body: presentAuthorization(updated, captures, available) as AuthorizationAnswer };
}
