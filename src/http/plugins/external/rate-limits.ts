// Rate limiting (@fastify/rate-limit): per-route limits, counted in Redis when REDIS_URL is set so all nodes share them.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { refusals } from '../../../contract/refusals.js';

const tooManyRequests = (ttlMs: number) => refusals.tooManyRequests(Math.max(1, Math.ceil(ttlMs / 1000)));

async function rateLimits(app: FastifyInstance): Promise<void> {
  // The context's shared client (when REDIS_URL is set); a count Redis cannot take is skipped (skipOnError).
  const redis = app.ctx.redis;
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: app.ctx.config.rateLimitNamespace,
    skipOnError: true,
    errorResponseBuilder: (_request, context) => tooManyRequests(context.ttl),
  });
}

export interface RequestLimit {
  /** Requests allowed per window for one key. */
  max: number;
  timeWindow: number;
  /** What is counted: the client, the account… Keys of different limits must not collide. */
  keyGenerator: (request: FastifyRequest) => string;
}

/**
 * One preHandler that counts a request against several limits. Two `app.rateLimit(...)` handlers on one route do not
 * work: the plugin marks the request when its first handler runs, and every later one returns without counting.
 */
export function allOfLimits(app: FastifyInstance, limits: RequestLimit[]): (request: FastifyRequest) => Promise<void> {
  const checks = limits.map((limit) => app.createRateLimit(limit));
  return async (request) => {
    for (const check of checks) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) throw tooManyRequests(result.ttl);
    }
  };
}

export const rateLimitPlugin = fp(rateLimits, { name: 'rate-limits' });
