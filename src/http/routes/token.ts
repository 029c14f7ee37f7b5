// POST /oauth/token: the OAuth 2 token call (form-encoded, JSON, or HTTP Basic credentials).
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { issueToken } from '../../use-cases/tokens.js';
import { ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';
import { refusals } from '../../contract/refusals.js';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../contract/storable-text.js';
import { TokenAnswerSchema, TokenRequestSchema, type TokenRequest } from '../../contract/token.js';

/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. */
function basicCredentials(request: FastifyRequest): Pick<TokenRequest, 'client_id' | 'client_secret'> {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return {};
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  const credentials = { client_id: decode(decoded.slice(0, colon)), client_secret: decode(decoded.slice(colon + 1)) };
  // Basic credentials skip the body's schema: the same rule for text the stores cannot keep, named as sent.
  if (!isStorableText(credentials.client_id) || !isStorableText(credentials.client_secret))
    throw refusals.malformedTokenRequest([{ param: 'authorization', msg: UNSTORABLE_TEXT_MESSAGE }]);
  return credentials;
}

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 8192 });
  app.post(
    '/v2.5/oauth/token',
    {
      config: { oauth: true },
      schema: {
        operationId: 'getToken',
        summary: 'Get an access token',
        description:
          'OAuth 2 client credentials (and refresh) grant. The body is form-encoded (`application/x-www-form-urlencoded`); the same fields as a JSON object are accepted too. Credentials may come as HTTP Basic instead.',
        tags: ['Authentication'],
        headers: ReferenceIdHeaders,
        body: TokenRequestSchema,
        response: { 200: TokenAnswerSchema, 400: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as TokenRequest;
      const answer = await issueToken(app.ctx, { ...body, ...basicCredentials(request) }, request.ip);
      return reply.header('cache-control', 'no-store').send(answer);
    },
  );
}
