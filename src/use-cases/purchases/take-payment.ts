// Payments at the till (deposits, in-store payments, trade-ins): the customer proves who they are with a PIN, the
// account is credited through the ledger, and no account takes more than 10 000.00 in 24 hours.
import { accountNumberOfCard } from '../card-account.js';
import type { FieldError } from '../../contract/errors.js';
import { PAYMENT_TYPES, type PaymentAnswer, type PaymentBody } from '../../contract/purchases.js';
import { refusals } from '../../contract/refusals.js';
import type { IdempotencyKey } from '../../domain/idempotency.js';
import { centsToNumber } from '../../domain/money.js';
import type { Actor } from '../../domain/principal.js';
import type { UseCaseContext } from '../context.js';
import type { Outcome, PaymentKind } from '../ports.js';
import { findPin, spend } from './pin.js';
import { amountProblem, cardProblem, checkLocation, creditRow, DAY_MS, post, requestIdProblem, throwIfAny, whereProblems, wireInstant } from './till.js';

/** Payments to one account within a day, at most (in cents). */
export const DAILY_PAYMENT_LIMIT_CENTS = 1_000_000;

const isPaymentKind = (type: string): type is PaymentKind => (PAYMENT_TYPES as readonly string[]).includes(type);

export async function takePayment(ctx: UseCaseContext, actor: Actor, body: PaymentBody, key: IdempotencyKey | undefined): Promise<PaymentAnswer> {
  const problems: FieldError[] = [];
  const cents = amountProblem(body.amount, problems) as number;
  const named = (['account_number', 'vcc_number', 'customer_id'] as const).filter((k) => body[k] !== undefined);
  if (named.length !== 1) problems.push({ param: named[1] ?? 'account_number', msg: 'give exactly one of account_number, vcc_number or customer_id' });
  cardProblem(body.vcc_number, problems);
  requestIdProblem(actor, body.request_id, problems);
  whereProblems(actor, body, problems);
  throwIfAny(problems);
  const kind = body.transaction_type;
  if (!isPaymentKind(kind)) throw refusals.invalidTransactionType();
  const accountNumber =
    body.account_number ??
    (body.vcc_number !== undefined
      ? await accountNumberOfCard(ctx.store.accounts, ctx.cardHashes, body.vcc_number)
      : await ctx.store.accounts.customerAccountNumber(body.customer_id as string));
  if (accountNumber === undefined) throw refusals.accountNotFound();
  return ctx.store.once(key, async (tx): Promise<Outcome<PaymentAnswer>> => {
    const now = ctx.now();
    const account = await tx.accounts.lock(accountNumber);
    if (!account) throw refusals.accountNotFound();
    await checkLocation(tx, actor, body);
    if ((await tx.purchases.paymentsSince(accountNumber, now - DAY_MS)) + cents > DAILY_PAYMENT_LIMIT_CENTS) throw refusals.paymentLimitExceeded();
    const found = await findPin(ctx, tx, actor, { accountNumber, code: body.verification_code, requestId: body.request_id, use: 'payment' }, now);
    if ('wrong' in found) {
      await tx.audit.record(actor, now, { action: 'payment.take', accountNumber, outcome: found.wrong.code });
      return { ok: false, error: found.wrong };
    }
    await spend(tx, found.pin, now);
    const id = await tx.purchases.insertCredit(creditRow(actor, kind, accountNumber, cents, body, now));
    const available = await post(tx, actor, account, body, [{ type: kind, amountCents: cents, creditId: id }], now);
    await tx.audit.record(actor, now, { action: 'payment.take', accountNumber, outcome: 'paid', detail: { transaction_id: id, kind, amount_cents: cents } });
    return {
      ok: true,
      body: {
        transaction_id: String(id),
        transaction_type: kind,
        account_number: accountNumber,
        amount: centsToNumber(cents),
        date: wireInstant(now),
        available_credit: centsToNumber(available),
      },
    };
  });
}
