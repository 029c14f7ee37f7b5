// The purchase: the PIN spent, the plan and term checked against what calculate-interest offers, the credit held (and
// captured at once with auto_capture), in one transaction with the account locked, so no credit is spent twice.
import type { FieldError } from '../../contract/errors.js';
import type { AuthorizationAnswer, AuthorizationBody, AuthorizationV25Answer } from '../../contract/purchases.js';
import { refusals } from '../../contract/refusals.js';
import type { IdempotencyKey } from '../../domain/idempotency.js';
import { chooseTerm } from '../../domain/plans/index.js';
import type { Actor } from '../../domain/principal.js';
import { availableCredit } from '../../domain/purchases/ledger.js';
import type { UseCaseContext } from '../context.js';
import type { AccountRow, CaptureRecord, Outcome, Repositories } from '../ports.js';
import { findPin, spend } from './pin.js';
import { presentAuthorization, type ApiVersion } from './present.js';
import { amountProblem, cardProblem, checkLocation, moneyOf, post, requestIdProblem, skuText, throwIfAny, whereProblems, type Posting } from './till.js';

type Answer = AuthorizationAnswer | AuthorizationV25Answer;

function inputProblems(actor: Actor, body: AuthorizationBody): { amountCents: number } {
  const problems: FieldError[] = [];
  const amountCents = amountProblem(body.amount, problems);
  const option = body.financing_option;
  if (option.transaction_type === 'promotional_purchase') {
    if (option.plan_id === undefined) problems.push({ param: 'financing_option.plan_id', msg: 'is required for a promotional_purchase' });
    if (option.term === undefined) problems.push({ param: 'financing_option.term', msg: 'is required for a promotional_purchase' });
  }
  requestIdProblem(actor, body.request_id, problems);
  cardProblem(body.vcc_number, problems);
  whereProblems(actor, body, problems);
  throwIfAny(problems);
  return { amountCents: amountCents as number };
}

/** In store the merchant's token authorizes; online, the customer's (the lender verified the customer in its widget). */
function checkScope(actor: Actor): void {
  const { channel, scope } = actor.principal;
  if (channel === 'in_store' && scope !== 'merchant') throw refusals.insufficientScope(['merchant']);
  if (channel === 'online' && scope !== 'customer') throw refusals.insufficientScope(['customer']);
}

export async function authorize(
  ctx: UseCaseContext,
  actor: Actor,
  body: AuthorizationBody,
  version: ApiVersion,
  key: IdempotencyKey | undefined,
): Promise<Answer> {
  checkScope(actor);
  const { amountCents } = inputProblems(actor, body);
  const holder = await ctx.store.accounts.quoteView(body.account_number);
  const catalogue = await ctx.store.catalogue.current();
  return ctx.store.once(key, async (tx): Promise<Outcome<Answer>> => {
    const now = ctx.now();
    const account = await tx.accounts.lock(body.account_number);
    if (!account || !holder) throw refusals.accountNotFound();
    if (account.status !== 'N') throw refusals.userNotAbleToPurchase();
    await checkLocation(tx, actor, body);
    await checkCard(ctx, tx, account, body.vcc_number);
    const option = body.financing_option;
    let plan: { planId: number; term: number; category: string; apr: string; termAmountCents: number } | undefined;
    let costCents = amountCents;
    if (option.transaction_type === 'promotional_purchase') {
      const choice = chooseTerm({
        catalogue,
        merchantId: actor.principal.merchantId,
        accountType: account.account_type,
        province: account.province,
        planId: option.plan_id as number,
        months: option.term as number,
        amountCents,
      });
      if (!choice.ok) throw choice.reason === 'not_set' ? refusals.planTermNotSet() : refusals.planTermNotAvailable();
      const { chosen } = choice;
      plan = {
        planId: chosen.plan.id,
        term: chosen.term.months,
        category: chosen.plan.category,
        apr: chosen.term.apr,
        termAmountCents: chosen.termAmountCents,
      };
      costCents = chosen.totalCostCents;
    }
    const found = await findPin(
      ctx,
      tx,
      actor,
      { accountNumber: account.account_number, code: body.verification_code, requestId: body.request_id, use: option.transaction_type },
      now,
    );
    if ('wrong' in found) {
      await tx.audit.record(actor, now, { action: 'purchase.authorize', accountNumber: account.account_number, outcome: found.wrong.code });
      return { ok: false, error: found.wrong };
    }
    if (costCents > availableCredit(moneyOf(account))) throw refusals.creditExceeded();
    await spend(tx, found.pin, now);
    const authorization = {
      client_id: actor.principal.clientId,
      account_number: account.account_number,
      transaction_type: option.transaction_type,
      plan_id: plan?.planId ?? null,
      term: plan?.term ?? null,
      plan_category: plan?.category ?? null,
      apr: plan?.apr ?? null,
      term_amount_cents: plan?.termAmountCents ?? amountCents,
      amount_cents: amountCents,
      captured_cents: body.auto_capture ? amountCents : 0,
      released_cents: 0,
      returned_cents: 0,
      status: body.auto_capture ? ('closed' as const) : ('opened' as const),
      reference: body.reference ?? null,
      external_location_id: body.external_location_id ?? null,
      external_employee_id: body.external_employee_id ?? null,
      sku_data: skuText(body.sku_data),
      lang: holder.preferred_language,
      created_at: now,
      updated_at: now,
    };
    const id = await tx.purchases.insertAuthorization(authorization);
    const postings: Posting[] = [{ type: 'hold', amountCents, authorizationId: id }];
    // The answer shows the capture just written, as written: it is not read back.
    const captures: CaptureRecord[] = [];
    if (body.auto_capture) {
      const capture = {
        authorization_id: id,
        client_id: actor.principal.clientId,
        account_number: account.account_number,
        amount_cents: amountCents,
        returned_cents: 0,
        reference: authorization.reference,
        external_location_id: authorization.external_location_id,
        external_employee_id: authorization.external_employee_id,
        sku_data: authorization.sku_data,
        created_at: now,
      };
      const captureId = await tx.purchases.insertCapture(capture);
      captures.push({ id: captureId, ...capture });
      postings.push({ type: 'capture', amountCents, authorizationId: id, captureId });
    }
    const available = await post(tx, actor, account, body, postings, now);
    await tx.audit.record(actor, now, {
      action: 'purchase.authorize',
      accountNumber: account.account_number,
      outcome: 'authorized',
      detail: { authorization_id: id, amount_cents: amountCents, transaction_type: option.transaction_type, auto_capture: body.auto_capture },
    });
    return { ok: true, body: presentAuthorization({ id, ...authorization }, captures, available, version) };
  });
}

/** A card named on the purchase must be the account's. */
export async function checkCard(ctx: UseCaseContext, tx: Repositories, account: AccountRow, vccNumber: string | undefined): Promise<void> {
  if (vccNumber === undefined) return;
  const cardAccount = await tx.accounts.accountNumberByCardHash(ctx.cardHashes.forms(vccNumber));
  if (cardAccount !== account.account_number) throw refusals.vccAccountMismatch();
}
