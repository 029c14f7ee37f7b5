// Money given back to the account for goods that came back: a return against a promotional purchase's capture, or a
// refund (a regular purchase, a goodwill credit). Both credit the account through the ledger.
import type { FieldError } from '../../contract/errors.js';
import type { RefundBody, ReturnAnswer, ReturnBody } from '../../contract/purchases.js';
import { refusals } from '../../contract/refusals.js';
import type { IdempotencyKey } from '../../domain/idempotency.js';
import { centsToNumber } from '../../domain/money.js';
import type { Actor } from '../../domain/principal.js';
import type { UseCaseContext } from '../context.js';
import type { AccountRow, AuthorizationRecord, CaptureRecord, CreditKind, Outcome, Repositories } from '../ports.js';
import { checkCard } from './authorize.js';
import { lockAuthorization } from './settle.js';
import { amountProblem, cardProblem, checkLocation, creditRow, DAY_MS, post, throwIfAny, whereProblems, wireInstant } from './till.js';

/** A capture may be returned within this many days. */
export const RETURN_WINDOW_DAYS = 100;

/** Takes `cents` off what the capture (and its authorization) may still give back, and records the credit. */
async function creditCapture(
  tx: Repositories,
  actor: Actor,
  kind: CreditKind,
  capture: CaptureRecord,
  authorization: AuthorizationRecord,
  cents: number,
  where: ReturnBody | RefundBody,
  now: number,
) {
  capture.returned_cents += cents;
  authorization.returned_cents += cents;
  await tx.purchases.setCaptureReturned(capture.id, capture.returned_cents);
  const { captured_cents, released_cents, returned_cents, status } = authorization;
  await tx.purchases.updateAuthorization(authorization.id, { captured_cents, released_cents, returned_cents, status, updated_at: now });
  return tx.purchases.insertCredit(
    creditRow(actor, kind, capture.account_number, cents, where, now, { authorizationId: authorization.id, captureId: capture.id }),
  );
}

export async function returnCapture(
  ctx: UseCaseContext,
  actor: Actor,
  ids: { authorizationId: number; captureId: number },
  body: ReturnBody,
  key: IdempotencyKey | undefined,
): Promise<ReturnAnswer> {
  const problems: FieldError[] = [];
  const asked = amountProblem(body.amount, problems);
  if (!body.full_return && body.amount === undefined) problems.push({ param: 'amount', msg: 'is required when full_return is false' });
  cardProblem(body.vcc_number, problems);
  whereProblems(actor, body, problems);
  throwIfAny(problems);
  return ctx.store.once(key, async (tx) => {
    const now = ctx.now();
    const { authorization, account } = await lockAuthorization(tx, actor, ids.authorizationId);
    const capture = await tx.purchases.capture(actor.principal.clientId, ids.captureId);
    if (!capture || capture.authorization_id !== authorization.id) throw refusals.captureNotFound();
    if (authorization.transaction_type !== 'promotional_purchase') throw refusals.wrongTransactionType();
    if (now - capture.created_at > RETURN_WINDOW_DAYS * DAY_MS) throw refusals.returnDateExceeded();
    const remaining = capture.amount_cents - capture.returned_cents;
    const cents = body.full_return ? remaining : (asked as number);
    if (cents === 0 || cents > remaining) throw refusals.captureAmountExceeded();
    await checkCard(ctx, tx, account, body.vcc_number);
    await checkLocation(tx, actor, body);
    const returnId = await creditCapture(tx, actor, 'return', capture, authorization, cents, body, now);
    const available = await post(
      tx,
      actor,
      account,
      body,
      [{ type: 'return', amountCents: cents, authorizationId: authorization.id, captureId: capture.id, creditId: returnId }],
      now,
    );
    await tx.audit.record(actor, now, {
      action: 'purchase.return',
      accountNumber: account.account_number,
      outcome: 'returned',
      detail: { authorization_id: authorization.id, capture_id: capture.id, return_id: returnId, amount_cents: cents },
    });
    return {
      ok: true,
      body: {
        return_id: String(returnId),
        reference: body.reference ?? null,
        capture_id: String(capture.id),
        date: wireInstant(now),
        amount: centsToNumber(cents),
        remaining_capture_amount: centsToNumber(capture.amount_cents - capture.returned_cents),
        remaining_authorization_amount: centsToNumber(authorization.captured_cents - authorization.returned_cents),
        available_credit: centsToNumber(available),
      },
    };
  });
}

/** The refund's id travels in a header: the lender's answer body is empty. */
export interface RefundResult {
  body: Record<string, never>;
  refundId: string;
}

export async function refundAccount(
  ctx: UseCaseContext,
  actor: Actor,
  accountNumber: number,
  body: RefundBody,
  key: IdempotencyKey | undefined,
): Promise<RefundResult> {
  const problems: FieldError[] = [];
  const cents = amountProblem(body.amount, problems) as number;
  cardProblem(body.vcc_number, problems);
  whereProblems(actor, body, problems);
  throwIfAny(problems);
  let refundId = '';
  const answer = await ctx.store.once(key, async (tx): Promise<Outcome<Record<string, never>>> => {
    const now = ctx.now();
    const account = await tx.accounts.lock(accountNumber);
    // A client refunds only accounts it sold to: another account is not found, as another client's data is.
    if (!account || !(await tx.purchases.capturedOn(actor.principal.clientId, accountNumber))) throw refusals.accountNotFound();
    const capture = body.capture_id === undefined ? undefined : await refundedCapture(tx, actor, account, Number(body.capture_id), cents);
    if (cents > account.balance_cents) throw refusals.refundsLimitExceeded();
    await checkCard(ctx, tx, account, body.vcc_number);
    await checkLocation(tx, actor, body);
    const id = capture
      ? await creditCapture(tx, actor, 'refund', capture.capture, capture.authorization, cents, body, now)
      : await tx.purchases.insertCredit(creditRow(actor, 'refund', accountNumber, cents, body, now));
    await post(
      tx,
      actor,
      account,
      body,
      [{ type: 'refund', amountCents: cents, captureId: capture?.capture.id, authorizationId: capture?.authorization.id, creditId: id }],
      now,
    );
    await tx.audit.record(actor, now, { action: 'purchase.refund', accountNumber, outcome: 'refunded', detail: { refund_id: id, amount_cents: cents } });
    refundId = String(id);
    return { ok: true, body: {}, headers: { 'x-refund-id': refundId } };
  });
  return { body: answer, refundId };
}

async function refundedCapture(tx: Repositories, actor: Actor, account: AccountRow, captureId: number, cents: number) {
  const capture = await tx.purchases.capture(actor.principal.clientId, captureId);
  if (!capture || capture.account_number !== account.account_number) throw refusals.captureNotFound();
  const { authorization } = await lockAuthorization(tx, actor, capture.authorization_id);
  if (cents > capture.amount_cents - capture.returned_cents) throw refusals.captureAmountExceeded();
  return { capture, authorization };
}
