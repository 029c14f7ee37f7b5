// Closing a Quebec account at the customer's request: once, audited, revoking its live PINs, in one transaction.
import type { Static } from 'typebox';
import type { CloseAnswerSchema } from '../contract/accounts.js';
import { ApiError, notFound } from '../contract/errors.js';
import { lockAccount, markClosed, revokeLivePins } from '../store/account-writes.js';
import { recordAudit } from '../store/audit.js';
import type { Actor, IdempotencyKey, ServiceContext } from './context.js';
import { runIdempotent } from '../store/idempotent-transaction.js';

/** The answer's shape is the route schema's: one declaration for validation, types and the document. */
export type CloseAnswer = Static<typeof CloseAnswerSchema>;

export async function closeAccount(
  ctx: ServiceContext,
  actor: Actor,
  accountNumber: number,
  key: IdempotencyKey | undefined,
  render: (error: ApiError) => unknown,
): Promise<CloseAnswer> {
  return runIdempotent(ctx.db, key, ctx.now, render, async (tx) => {
    const account = await lockAccount(tx, ctx.store.kind, accountNumber);
    if (!account) throw notFound('The account');
    if (account.province !== 'QC') throw new ApiError(409, 'not_a_quebec_account', 'Only a Quebec account can be closed here.');
    if (account.status !== 'C' && account.balance_cents > 0) throw new ApiError(409, 'balance_outstanding', 'The account has a balance outstanding; it cannot be closed until it is paid.');
    const now = ctx.now();
    // Closing a closed account answers the same and changes nothing: no second audit entry.
    if (await markClosed(tx, accountNumber, now)) {
      const revoked = await revokeLivePins(tx, accountNumber, now);
      await recordAudit(tx, actor, now, { action: 'account.close', accountNumber, outcome: 'closed', detail: { previous_status: account.status, pins_revoked: revoked } });
    }
    return { ok: true, body: { account_number: accountNumber, account_status: 'C', account_status_reason_code: 'CCUS' } };
  });
}
