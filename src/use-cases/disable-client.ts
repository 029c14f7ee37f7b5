// Disabling an API client: it authenticates no more, and every token it holds stops working.
import type { UseCaseContext } from './context.js';

/**
 * Marks the client disabled and spends its refresh tokens, in one transaction; undefined when there is no such client.
 * Its access tokens are stateless JWTs: every node refuses them once it reads the client among the disabled ones
 * (`RevokedClients`, kept fresh by each node).
 */
export async function disableClient(ctx: UseCaseContext, clientId: string): Promise<{ refreshTokensRevoked: number } | undefined> {
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.clients.disable(clientId))) return undefined;
    return { refreshTokensRevoked: await tx.refreshTokens.revokeAllOf(clientId, ctx.now()) };
  });
}
