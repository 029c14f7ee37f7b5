// Disabling an API client: it authenticates no more, and every token it holds stops working.
import type { Answerable } from '../domain/principal.js';
import type { UseCaseContext } from './context.js';

/**
 * Marks the client disabled, spends its refresh tokens and audits it, in one transaction; undefined when there is no
 * such client.
 * Its access tokens are stateless JWTs: every node refuses them once it reads the client among the disabled ones
 * (`RevokedClients`, kept fresh by each node).
 */
export async function disableClient(ctx: UseCaseContext, clientId: string, by: Answerable): Promise<{ refreshTokensRevoked: number } | undefined> {
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.clients.disable(clientId))) return undefined;
    const now = ctx.now();
    const refreshTokensRevoked = await tx.refreshTokens.revokeAllOf(clientId, now);
    await tx.audit.record(by, now, {
      action: 'client.disable',
      accountNumber: null,
      outcome: 'disabled',
      detail: { client_id: clientId, refresh_tokens_revoked: refreshTokensRevoked },
    });
    return { refreshTokensRevoked };
  });
}
