// Bearer tokens: every route with scopes needs a valid token of the path's own client, with one of those scopes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { invalidToken } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';
import type { Principal, Scope } from '../../../domain/principal.js';
import type { RevokedClients } from '../../../use-cases/ports.js';
import { verifyAccessToken } from '../../../use-cases/tokens.js';

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/** The bearer token of the request, or why it has none. */
function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw invalidToken('An access token is required (authorization: Bearer <token>).');
  const match = BEARER.exec(header);
  if (!match?.[1] || match[1].length > 4000) throw invalidToken('The authorization header must be "Bearer <access_token>".');
  return match[1];
}

/** The token's principal may call this route for this path's client, and its client has not been disabled since. */
function admit(request: FastifyRequest, principal: Principal, scopes: readonly Scope[], revoked: RevokedClients): void {
  if (revoked.has(principal.clientId)) throw invalidToken('The access token has been revoked.');
  const pathClient = (request.params as { client_id?: string }).client_id;
  if (pathClient !== principal.clientId) throw refusals.forbidden();
  if (!scopes.includes(principal.scope)) throw refusals.insufficientScope(scopes);
  request.principal = principal;
  // The request's logger is its own child already: add the client to it rather than make another.
  (request.log as unknown as { setBindings?: (bindings: object) => void }).setBindings?.({ client_id: principal.clientId });
}

/** Tokens already verified, until they expire: a till sends the same token thousands of times. */
const MAX_REMEMBERED = 10_000;

async function authenticate(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', undefined);
  const remembered = new Map<string, { principal: Principal; expiresAt: number }>();
  /** The principal of a token verified before and not yet expired, without waiting: the request path's usual case. */
  const rememberedPrincipal = (token: string): Principal | undefined => {
    const hit = remembered.get(token);
    if (!hit) return undefined;
    if (hit.expiresAt > app.ctx.now()) return hit.principal;
    remembered.delete(token);
    return undefined;
  };
  const verify = async (token: string): Promise<Principal> => {
    const { principal, expiresAt } = await verifyAccessToken(app.ctx, token);
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
    remembered.set(token, { principal, expiresAt });
    return principal;
  };
  // A callback hook, not an async one: a token seen before is admitted without a promise, on every request of a till.
  app.addHook('onRequest', (request, _reply, done) => {
    const scopes = request.routeOptions.config.scopes;
    if (!scopes) return done();
    let token: string;
    try {
      token = bearerToken(request);
      const known = rememberedPrincipal(token);
      if (known) {
        admit(request, known, scopes, app.ctx.revokedClients);
        return done();
      }
    } catch (error) {
      return done(error as Error);
    }
    verify(token).then(
      (principal) => {
        try {
          admit(request, principal, scopes, app.ctx.revokedClients);
        } catch (error) {
          return done(error as Error);
        }
        done();
      },
      (error: Error) => done(error),
    );
  });
}

export const authenticatePlugin = fp(authenticate, { name: 'authenticate', dependencies: ['reference-id'] });
