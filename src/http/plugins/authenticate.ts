// Bearer tokens: every route with scopes needs a valid token of the path's own client, with one of those scopes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, invalidToken } from '../../errors.js';
import { verifyAccessToken } from '../../services/tokens.js';

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

async function authenticate(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const scopes = request.routeOptions.config.scopes;
    if (!scopes) return;
    const header = request.headers.authorization;
    if (!header) throw invalidToken('An access token is required (authorization: Bearer <token>).');
    const match = BEARER.exec(header);
    if (!match?.[1] || match[1].length > 4000) throw invalidToken('The authorization header must be "Bearer <access_token>".');
    const principal = await verifyAccessToken(app.ctx, match[1]);
    const pathClient = (request.params as { client_id?: string }).client_id;
    if (pathClient !== principal.clientId) throw new ApiError(403, 'forbidden', "This token does not belong to the path's client_id.");
    if (!scopes.includes(principal.scope)) throw new ApiError(403, 'insufficient_scope', `This call needs a token with the ${scopes.join(' or ')} scope.`);
    request.principal = principal;
    // The request's logger is its own child already: add the client to it rather than make another.
    (request.log as unknown as { setBindings?: (bindings: object) => void }).setBindings?.({ client_id: principal.clientId });
  });
}

export const authenticatePlugin = fp(authenticate, { name: 'authenticate', dependencies: ['reference-id'] });
