// POST /oauth/token: the OAuth 2 token call (form-encoded, JSON, or HTTP Basic credentials).
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { tokenFailureThrottle } from '../../infra/failure-counters.js';
import { issueToken, type TokenRequest } from '../../use-cases/tokens.js';
import { ErrorBodySchema, ReferenceIdHeaders } from '../../contract/common.js';

const TokenRequestSchema = Type.Object({
  grant_type: Type.Optional(Type.String({ maxLength: 50, description: '`client_credentials` or `refresh_token`' })),
  client_id: Type.Optional(Type.String({ maxLength: 100 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 })),
  refresh_token: Type.Optional(Type.String({ maxLength: 200, description: 'with grant_type refresh_token' })),
  scope: Type.Optional(Type.String({ maxLength: 50, description: '`merchant` (default) or `customer`' })),
});

export const TokenAnswerSchema = Type.Object({
  token_type: Type.Literal('bearer'),
  access_token: Type.String(),
  expires_in: Type.Integer({ description: 'seconds' }),
  refresh_token: Type.String({ description: 'single use; valid while the access token is' }),
});

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
  return { client_id: decode(decoded.slice(0, colon)), client_secret: decode(decoded.slice(colon + 1)) };
}

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 8192 });
  // Failed authentications per client id and per address; shared by every node through Redis when REDIS_URL is set.
  const throttle = tokenFailureThrottle(app.ctx.config, () => app.ctx.now(), (error) =>
    app.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'redis unavailable: token failures counted on this node only'),
  );
  app.addHook('onClose', async () => throttle.close());
  app.post(
    '/v2.5/oauth/token',
    {
      config: { oauth: true },
      schema: {
        summary: 'Get an access token',
        description: 'OAuth 2 client credentials (and refresh) grant. The body may be form-encoded or JSON; credentials may come as HTTP Basic.',
        tags: ['Authentication'],
        headers: ReferenceIdHeaders,
        body: TokenRequestSchema,
        response: { 200: TokenAnswerSchema, 400: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as TokenRequest;
      const answer = await issueToken(app.ctx, { ...body, ...basicCredentials(request) }, { address: request.ip, throttle });
      return reply.header('cache-control', 'no-store').send(answer);
    },
  );
}
