// Verifying a customer before a purchase, in five formats; every attempt audited, every PIN stored only as a hash.
import { randomInt, randomUUID } from 'node:crypto';
import { passesLuhn } from '../../domain/identity.js';
import { foldAnswer } from '../../domain/verification/answer.js';
import { qualifiesForRegularPurchaseBypass } from '../../domain/verification/bypass.js';
import { isLockedOut, windowStart } from '../../domain/verification/lockout.js';
import { emailAddress, pinMessage, smsNumber } from '../../domain/verification/messages.js';
import { newPin, type PinPurpose } from '../../domain/verification/pin.js';
import { ApiError, notFound, wrongInputs, type FieldError } from '../../contract/errors.js';
import { slowHash, verifySlowHash } from '../../infra/security/slow-hash.js';
import { findAccountNumberByCardHash, findAccountView, type AccountView } from '../../store/account-reads.js';
import { lockAccount } from '../../store/account-writes.js';
import { recordAudit } from '../../store/audit.js';
import type { Db } from '../../store/open-store.js';
import { enqueueMessage } from '../../store/outbox.js';
import { answerHashOf, clearAnswerFailures, countAnswerFailures, recordAnswerFailure, replacePin } from '../../store/verifications.js';
import type { Actor, IdempotencyKey, ServiceContext } from '../context.js';
import { runIdempotent, type Outcome } from '../../store/idempotent-transaction.js';
import { userNotAbleToPurchase } from '../quote-purchase.js';

export const VERIFY_FORMATS = ['sms', 'email', 'security_question', 'regular_purchase_bypass', 'merchant_override'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export interface VerifyRequest {
  accountNumber: number;
  format: VerifyFormat;
  vcc_number?: string;
  security_qid?: number;
  security_answer?: string;
  request_id?: string;
}

export interface VerifyAnswer {
  verification_code: number | 'verification_sent_to_sms' | 'verification_sent_to_email';
}

/** The answer as the idempotency record keeps it for replays: a PIN sealed, since no table may hold a PIN in clear. */
interface KeptAnswer {
  verification_code: string;
}

const SENT_WORDS: ReadonlySet<string> = new Set(['verification_sent_to_sms', 'verification_sent_to_email']);

function openKeptAnswer(ctx: ServiceContext, kept: KeptAnswer): VerifyAnswer {
  const code = kept.verification_code;
  return { verification_code: SENT_WORDS.has(code) ? (code as VerifyAnswer['verification_code']) : Number(ctx.outboxBox.open(code)) };
}

/** A replayed answer body, as the idempotency record kept it, opened for the client (refusals are kept as they were). */
export function openReplayedAnswer(ctx: ServiceContext, body: string): string {
  const stored = JSON.parse(body) as Partial<KeptAnswer>;
  return typeof stored.verification_code === 'string' ? JSON.stringify(openKeptAnswer(ctx, { verification_code: stored.verification_code })) : body;
}

const refusal = {
  vccMismatch: () => new ApiError(409, 'vcc_account_mismatch', 'The card does not belong to this account.'),
  secretMismatch: () => new ApiError(409, 'secret_answer_mismatch', 'The answer to the security question is wrong.'),
  triesExceeded: () => new ApiError(409, 'tries_exceed', 'Too many wrong answers: the security question is locked for now; use another verification format.'),
  overrideNotAllowed: () => new ApiError(409, 'merchant_override_is_not_allowed', 'This merchant is not allowed to override customer verification.'),
  bypassNotAllowed: () => new ApiError(409, 'regular_purchase_bypass_is_not_allowed', 'This account does not qualify for a regular purchase bypass.'),
  noPhone: () => new ApiError(400, 'sms_not_valid_phone', 'There is no phone number on file that can receive an SMS.'),
  noEmail: () => new ApiError(400, 'email_not_valid', 'There is no valid email address on file.'),
};

function inputProblems(actor: Actor, request: VerifyRequest): FieldError[] {
  const problems: FieldError[] = [];
  if (actor.principal.channel === 'in_store' && !request.request_id) problems.push({ param: 'request_id', msg: 'is required for in-store clients' });
  if (request.format === 'security_question') {
    if (request.security_qid === undefined) problems.push({ param: 'security_qid', msg: 'is required for format security_question' });
    if (!request.security_answer?.trim()) problems.push({ param: 'security_answer', msg: 'is required for format security_question' });
  }
  if (request.vcc_number !== undefined && !passesLuhn(request.vcc_number)) problems.push({ param: 'vcc_number', msg: 'is not a valid card number (checksum)', value: request.vcc_number });
  return problems;
}

/** The slow part, done before the transaction so no lock waits on scrypt: is the answer right? */
async function checkAnswer(ctx: ServiceContext, account: AccountView | undefined, request: VerifyRequest): Promise<boolean | undefined> {
  if (!account || request.format !== 'security_question') return undefined;
  const stored = await answerHashOf(ctx.db, account.customer_id, request.security_qid as number);
  if (!stored) throw wrongInputs([{ param: 'security_qid', msg: "is not one of this account's security questions", value: request.security_qid }]);
  return verifySlowHash(foldAnswer(request.security_answer as string), stored.answer_hash);
}

export async function verifyCustomer(
  ctx: ServiceContext,
  actor: Actor,
  request: VerifyRequest,
  key: IdempotencyKey | undefined,
  render: (error: ApiError) => unknown,
): Promise<VerifyAnswer> {
  const problems = inputProblems(actor, request);
  if (problems.length) throw wrongInputs(problems);
  const account = await findAccountView(ctx.db, request.accountNumber);
  const answerRight = await checkAnswer(ctx, account, request).catch(async (error: unknown) => {
    // Asking about a question the account does not have is an attempt too: it is audited, then refused.
    const code = error instanceof ApiError ? error.code : 'error';
    await recordAudit(ctx.db, actor, ctx.now(), { action: 'customer.verify', accountNumber: request.accountNumber, outcome: code, detail: { format: request.format, request_id: request.request_id ?? null } });
    throw error;
  });
  const pin = newPin(randomInt);
  const pinHash = await slowHash(pin, ctx.config.scryptCost);
  const merchant = await ctx.db.selectFrom('merchants').select('name').where('id', '=', actor.principal.merchantId).executeTakeFirst();

  const kept = await runIdempotent(ctx.db, key, ctx.now, render, async (tx): Promise<Outcome<KeptAnswer>> => {
    const now = ctx.now();
    const audit = (outcome: string) =>
      recordAudit(tx, actor, now, { action: 'customer.verify', accountNumber: request.accountNumber, outcome, detail: { format: request.format, request_id: request.request_id ?? null } });
    const refuse = async (error: ApiError): Promise<Outcome<KeptAnswer>> => {
      await audit(error.code);
      return { ok: false, error };
    };
    // Locked: a close of this account waits for this transaction, or this one sees it closed.
    const current = await lockAccount(tx, ctx.store.kind, request.accountNumber);
    if (!current || !account) return refuse(notFound('The account'));
    if (request.vcc_number !== undefined) {
      const cardAccount = await findAccountNumberByCardHash(tx, ctx.hashCard(request.vcc_number));
      if (cardAccount === undefined) return refuse(notFound('The card'));
      if (cardAccount !== request.accountNumber) return refuse(refusal.vccMismatch());
    }
    if (current.status !== 'N') return refuse(userNotAbleToPurchase());

    let purpose: PinPurpose = 'purchase';
    let delivery: { channel: 'sms' | 'email'; to: string } | undefined;
    switch (request.format) {
      case 'security_question': {
        const failures = await countAnswerFailures(tx, request.accountNumber, windowStart(now, ctx.config.lockout));
        if (isLockedOut(failures, ctx.config.lockout)) return refuse(refusal.triesExceeded());
        if (!answerRight) {
          await recordAnswerFailure(tx, request.accountNumber, now);
          return refuse(refusal.secretMismatch());
        }
        await clearAnswerFailures(tx, request.accountNumber);
        break;
      }
      case 'regular_purchase_bypass':
        if (!qualifiesForRegularPurchaseBypass(current, ctx.config.bypassRiskRatings)) return refuse(refusal.bypassNotAllowed());
        purpose = 'regular_purchase';
        break;
      case 'merchant_override':
        if (!actor.principal.mayOverride) return refuse(refusal.overrideNotAllowed());
        break;
      case 'sms': {
        const to = smsNumber(account.phone);
        if (!to) return refuse(refusal.noPhone());
        delivery = { channel: 'sms', to };
        break;
      }
      case 'email': {
        const to = emailAddress(account.email);
        if (!to) return refuse(refusal.noEmail());
        delivery = { channel: 'email', to };
        break;
      }
    }
    await replacePin(tx, {
      id: randomUUID(),
      account_number: request.accountNumber,
      client_id: actor.principal.clientId,
      format: request.format,
      purpose,
      pin_hash: pinHash,
      request_id: request.request_id ?? null,
      created_at: now,
      expires_at: now + ctx.config.pinTtlSeconds * 1000,
      used_at: null,
      revoked_at: null,
    });
    if (delivery) await enqueuePin(tx, ctx, delivery, account, pin, merchant?.name ?? 'the merchant', now);
    await audit(delivery ? `pin_sent_by_${delivery.channel}` : 'pin_issued');
    if (delivery) return { ok: true, body: { verification_code: delivery.channel === 'sms' ? 'verification_sent_to_sms' : 'verification_sent_to_email' } };
    return { ok: true, body: { verification_code: ctx.outboxBox.seal(pin) } };
  });
  return openKeptAnswer(ctx, kept);
}

/** The message is sealed: the outbox holds a PIN, and the database must never hold one in clear. */
async function enqueuePin(tx: Db, ctx: ServiceContext, delivery: { channel: 'sms' | 'email'; to: string }, account: AccountView, pin: string, merchantName: string, now: number) {
  const message = pinMessage(account.preferred_language, pin, merchantName, Math.round(ctx.config.pinTtlSeconds / 60));
  const payload = delivery.channel === 'sms' ? { to: delivery.to, body: message.body } : { to: delivery.to, subject: message.subject, body: message.body };
  await enqueueMessage(tx, delivery.channel, ctx.outboxBox.seal(JSON.stringify(payload)), now);
}
