// Bearer tokens: every route with scopes needs a valid token of the path's own client, with one of those scopes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, invalidToken } from '../../../contract/errors.js';
import type { Principal, Scope } from '../../../use-cases/context.js';
import { rememberedPrincipal, verifyAccessToken } from '../../../use-cases/tokens.js';

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/** The bearer token of the request, or why it has none. */
function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw invalidToken('An access token is required (authorization: Bearer <token>).');
  const match = BEARER.exec(header);
  if (!match?.[1] || match[1].length > 4000) throw invalidToken('The authorization header must be "Bearer <access_token>".');
  return match[1];
}

/** The token's principal may call this route for this path's client. */
function admit(request: FastifyRequest, principal: Principal, scopes: readonly Scope[]): void {
  const pathClient = (request.params as { client_id?: string }).client_id;
  if (pathClient !== principal.clientId) throw new ApiError(403, 'forbidden', "This token does not belong to the path's client_id.");
  if (!scopes.includes(principal.scope)) throw new ApiError(403, 'insufficient_scope', `This call needs a token with the ${scopes.join(' or ')} scope.`);
  request.principal = principal;
  // The request's logger is its own child already: add the client to it rather than make another.
  (request.log as unknown as { setBindings?: (bindings: object) => void }).setBindings?.({ client_id: principal.clientId });
}

async function authenticate(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', undefined);
  // A callback hook, not an async one: a token seen before is admitted without a promise, on every request of a till.
  app.addHook('onRequest', (request, _reply, done) => {
    const scopes = request.routeOptions.config.scopes;
    if (!scopes) return done();
    let token: string;
    try {
      token = bearerToken(request);
      const remembered = rememberedPrincipal(app.ctx, token);
      if (remembered) {
        admit(request, remembered, scopes);
        return done();
      }
    } catch (error) {
      return done(error as Error);
    }
    verifyAccessToken(app.ctx, token).then(
      (principal) => {
        try {
          admit(request, principal, scopes);
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
