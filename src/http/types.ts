// What the HTTP layer adds to Fastify's request and route config.
import type {} from '@fastify/swagger';
import type { IdempotencyKey } from '../domain/idempotency.js';
import type { Actor, Principal, Scope } from '../domain/principal.js';
import type { UseCaseContext } from '../use-cases/context.js';
import type { DependencyHealth, RevokedClients, WindowCounters } from '../use-cases/ports.js';

/** What the HTTP layer tells the operators' metrics of each request; the route is its pattern, never its URL. */
export interface RequestMetrics {
  answered(route: string, method: string, status: number, seconds: number): void;
  throttled(route: string): void;
  lockedOut(route: string): void;
  replayed(route: string): void;
}

/**
 * What the HTTP layer is built on: the use cases' context, the counters the rate limits count with (shared through
 * Redis when there is one), Redis's state for `/health` (absent without Redis), the clients whose tokens are revoked,
 * and the metrics (absent when nobody scrapes them).
 */
export type AppContext = UseCaseContext & {
  counters: WindowCounters;
  redisHealth?: () => DependencyHealth;
  revokedClients: RevokedClients;
  metrics?: RequestMetrics;
};

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** The caller's x-reference-id, card numbers in it masked. */
    referenceId: string;
    /** The x-reference-id as sent: only for the idempotency key, never shown or logged. */
    referenceIdAsSent: string;
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
    /** Headers of the success answer besides x-reference-id, for the OpenAPI document: name → what it carries. */
    answerHeaders?: Record<string, string>;
  }
}

/** The caller, for use cases that audit; only on routes with scopes. */
export function actorOf(request: { principal?: Principal; referenceId: string }): Actor {
  if (!request.principal) throw new Error('route without authentication asked for its actor');
  return { principal: request.principal, referenceId: request.referenceId };
}
