// Closing a Quebec account at the customer's request: once, audited, revoking its live PINs, in one transaction.
import type { CloseAnswer } from '../contract/accounts.js';
import { refusals } from '../contract/refusals.js';
import type { IdempotencyKey } from '../domain/idempotency.js';
import type { Actor } from '../domain/principal.js';
import type { UseCaseContext } from './context.js';

export async function closeAccount(ctx: UseCaseContext, actor: Actor, accountNumber: number, key: IdempotencyKey | undefined): Promise<CloseAnswer> {
  return ctx.store.once(key, async (tx) => {
    const account = await tx.accounts.lock(accountNumber);
    if (!account) throw refusals.accountNotFound();
    if (account.province !== 'QC') throw refusals.notAQuebecAccount();
    // An open hold is money owed as soon as it is captured: it blocks a close as a balance does.
    if (account.status !== 'C' && (account.balance_cents > 0 || account.holds_cents > 0)) throw refusals.balanceOutstanding();
    const now = ctx.now();
    // Closing a closed account answers the same and changes nothing: no second audit entry.
    if (await tx.accounts.markClosed(accountNumber, now)) {
      const revoked = await tx.verifications.revokeLivePins(accountNumber, now);
      await tx.audit.record(actor, now, {
        action: 'account.close',
        accountNumber,
        outcome: 'closed',
        detail: { previous_status: account.status, pins_revoked: revoked },
      });
    }
    return { ok: true, body: { account_number: accountNumber, account_status: 'C', account_status_reason_code: 'CCUS' } };
  });
}
