// What the HTTP layer adds to Fastify's request and route config.
import type { Actor, IdempotencyKey, Principal, Scope, ServiceContext } from '../use-cases/context.js';
import type {} from '@fastify/swagger';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServiceContext;
  }
  interface FastifyRequest {
    referenceId: string;
    principal?: Principal;
    idempotencyKey?: IdempotencyKey;
  }
  interface FastifyContextConfig {
    /** Scopes whose tokens may call the route; absent for routes without a token (the token call, health). */
    scopes?: Scope[];
    /** POSTs whose effects are made once per (client, x-reference-id). */
    idempotent?: boolean;
    /** The token call answers bad input the OAuth way (400 invalid_request), not with 409 wrong_inputs. */
    oauth?: boolean;
  }
}

/** The caller, for services that audit; only on routes with scopes. */
export function actorOf(request: { principal?: Principal; referenceId: string }): Actor {
  if (!request.principal) throw new Error('route without authentication asked for its actor');
  return { principal: request.principal, referenceId: request.referenceId };
}
