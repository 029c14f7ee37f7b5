// Rate limiting (@fastify/rate-limit): per-route limits, counted in Redis when REDIS_URL is set so all nodes share them.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createRequire } from 'node:module';
import type { Redis as RedisClient } from 'ioredis';
import { ApiError } from '../../../contract/errors.js';

function tooManyRequests(ttlMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new ApiError(429, 'too_many_requests', `Too many requests; retry in ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
}

// ioredis is loaded only when REDIS_URL asks for it.
const loadRedis = () => (createRequire(import.meta.url)('ioredis') as { Redis: typeof RedisClient }).Redis;

async function rateLimits(app: FastifyInstance): Promise<void> {
  const url = app.ctx.config.redisUrl;
  // Fail fast rather than queue: a request must not hang on an unreachable Redis (the limit is then skipped, skipOnError).
  // An offline queue would hold each count until a reconnect: seconds per request while Redis is down.
  const redis = url ? new (loadRedis())(url, { connectTimeout: 500, commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }) : undefined;
  redis?.on('error', (error) => app.log.warn({ err: error.message }, 'redis unavailable'));
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
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
