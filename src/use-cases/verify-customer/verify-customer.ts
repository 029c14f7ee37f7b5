// Verifying a customer before a purchase: the format decides, this module issues the PIN. Every attempt is audited,
// every PIN stored only as a hash.
import { randomInt } from 'node:crypto';
import { ApiError, wrongInputs, type FieldError } from '../../contract/errors.js';
import { refusals } from '../../contract/refusals.js';
import type { VerifyAnswer } from '../../contract/verify.js';
import { passesLuhn } from '../../domain/identity.js';
import type { IdempotencyKey } from '../../domain/idempotency.js';
import type { Actor } from '../../domain/principal.js';
import { maskedRecipient, pinMessage } from '../../domain/verification/messages.js';
import { newPin } from '../../domain/verification/pin.js';
import { timeOrderedId } from '../../security/time-ordered-id.js';
import type { SealedBox } from '../../security/sealed-box.js';
import type { UseCaseContext } from '../context.js';
import type { AccountView, OutboxChannel, Outcome, Repositories, SealingKeys } from '../ports.js';
import type { Decide, Delivery, VerifyRequest } from './format.js';
import { VERIFICATION_FORMATS } from './formats/index.js';

export type { VerifyRequest } from './format.js';

/** The answer as the idempotency record keeps it for replays: a PIN sealed, since no table may hold a PIN in clear. */
interface SealedAnswer {
  verification_code: string;
}

const SENT_WORDS: ReadonlySet<string> = new Set(['verification_sent_to_sms', 'verification_sent_to_email']);

function openSealedAnswer(seal: SealedBox, kept: SealedAnswer): VerifyAnswer {
  const code = kept.verification_code;
  return { verification_code: SENT_WORDS.has(code) ? (code as VerifyAnswer['verification_code']) : Number(seal.open(code)) };
}

/**
 * A replayed answer body, as the idempotency record kept it, opened for the client (refusals are kept as they were).
 * Another node may have sealed it under a key version this one has not read yet: opened fresh.
 */
export async function openReplayedAnswer(seal: SealingKeys, body: unknown): Promise<unknown> {
  const stored = body as Partial<SealedAnswer> | null;
  const code = stored?.verification_code;
  if (typeof code !== 'string') return body;
  return { verification_code: SENT_WORDS.has(code) ? code : Number(await seal.openFresh(code)) };
}

/** Rules of every format, in the order the field errors name them: the format's own sit between these two. */
function inputProblems(actor: Actor, request: VerifyRequest): FieldError[] {
  const problems: FieldError[] = [];
  if (actor.principal.channel === 'in_store' && !request.request_id) problems.push({ param: 'request_id', msg: 'is required for in-store clients' });
  problems.push(...(VERIFICATION_FORMATS[request.format].problems?.(request) ?? []));
  if (request.vcc_number !== undefined && !passesLuhn(request.vcc_number))
    problems.push({ param: 'vcc_number', msg: 'is not a valid card number (checksum)', value: request.vcc_number });
  return problems;
}

/** A PIN message this node keeps in the outbox rather than sends (no transport for its channel): for the log, masked. */
export interface HeldMessage {
  channel: OutboxChannel;
  to: string;
}

export interface VerifyOutcome {
  answer: VerifyAnswer;
  held?: HeldMessage;
}

export async function verifyCustomer(ctx: UseCaseContext, actor: Actor, request: VerifyRequest, key: IdempotencyKey | undefined): Promise<VerifyOutcome> {
  const problems = inputProblems(actor, request);
  if (problems.length) throw wrongInputs(problems);
  const auditEntry = (outcome: string) => ({
    action: 'customer.verify',
    accountNumber: request.accountNumber,
    outcome,
    detail: { format: request.format, request_id: request.request_id ?? null },
  });
  const holder = await ctx.store.accounts.view(request.accountNumber);
  let decide: Decide | undefined;
  try {
    decide = holder && (await VERIFICATION_FORMATS[request.format].prepare(ctx, request, holder));
  } catch (error) {
    // Asking about a question the account does not have is an attempt too: it is audited, then refused.
    await ctx.store.audit.record(actor, ctx.now(), auditEntry(error instanceof ApiError ? error.code : 'error'));
    throw error;
  }
  const pin = newPin(randomInt);
  const pinHash = ctx.pins.hash(pin, { accountNumber: request.accountNumber, clientId: actor.principal.clientId, requestId: request.request_id ?? null });
  const merchantName = (await ctx.store.clients.merchantName(actor.principal.merchantId)) ?? 'the merchant';
  let held: HeldMessage | undefined;

  const kept = await ctx.store.once(key, async (tx): Promise<Outcome<SealedAnswer>> => {
    const now = ctx.now();
    const refuse = async (error: ApiError): Promise<Outcome<SealedAnswer>> => {
      await tx.audit.record(actor, now, auditEntry(error.code));
      return { ok: false, error };
    };
    // Locked: a close of this account waits for this transaction, or this one sees it closed.
    const account = await tx.accounts.lock(request.accountNumber);
    if (!account || !holder || !decide) return refuse(refusals.accountNotFound());
    if (request.vcc_number !== undefined) {
      const cardAccount = await tx.accounts.accountNumberByCardHash(ctx.cardHashes.forms(request.vcc_number));
      if (cardAccount === undefined) return refuse(refusals.cardNotFound());
      if (cardAccount !== request.accountNumber) return refuse(refusals.vccAccountMismatch());
    }
    if (account.status !== 'N') return refuse(refusals.userNotAbleToPurchase());
    const decision = await decide({ tx, account, holder, actor, now });
    if ('refused' in decision) return refuse(decision.refused);
    const { purpose, delivery } = decision;
    await tx.verifications.replacePin({
      // Time-ordered: a random id would land each new PIN on a random page of the id index, a page written per PIN.
      id: timeOrderedId(),
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
      wrong_tries: 0,
    });
    if (delivery) held = await enqueuePin(tx, ctx, delivery, holder, pin, merchantName, now);
    await tx.audit.record(actor, now, auditEntry(delivery ? `pin_sent_by_${delivery.channel}` : 'pin_issued'));
    if (delivery) return { ok: true, body: { verification_code: delivery.channel === 'sms' ? 'verification_sent_to_sms' : 'verification_sent_to_email' } };
    return { ok: true, body: { verification_code: ctx.seal.seal(pin) } };
  });
  return { answer: openSealedAnswer(ctx.seal, kept), held };
}

/**
 * The message is sealed: the outbox holds a PIN, and the database must never hold one in clear. On a channel this node
 * cannot send on, it is written as held (no dispatcher claims it, and it is not written twice); the caller logs it.
 */
async function enqueuePin(
  tx: Repositories,
  ctx: UseCaseContext,
  delivery: Delivery,
  holder: AccountView,
  pin: string,
  merchantName: string,
  now: number,
): Promise<HeldMessage | undefined> {
  const message = pinMessage(holder.preferred_language, pin, merchantName, Math.round(ctx.config.pinTtlSeconds / 60));
  const payload = delivery.channel === 'sms' ? { to: delivery.to, body: message.body } : { to: delivery.to, subject: message.subject, body: message.body };
  const heldBecause = ctx.heldChannels[delivery.channel];
  await tx.outbox.enqueue(delivery.channel, ctx.seal.seal(JSON.stringify(payload)), now, heldBecause);
  if (heldBecause === undefined) return undefined;
  return { channel: delivery.channel, to: maskedRecipient(delivery.channel, delivery.to) };
}
