// Rate limiting (@fastify/rate-limit): per-route limits, counted in Redis when REDIS_URL is set so all nodes share them.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { ApiError } from '../../errors.js';

async function rateLimits(app: FastifyInstance): Promise<void> {
  const url = app.ctx.config.redisUrl;
  // Fail fast rather than queue: a request must not hang on an unreachable Redis.
  const redis = url ? new Redis(url, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false }) : undefined;
  redis?.on('error', (error) => app.log.warn({ err: error.message }, 'redis unavailable'));
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: 'posapi-rl-',
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'too_many_requests', `Too many requests; retry in ${context.after}.`, undefined, { 'retry-after': String(Math.ceil(context.ttl / 1000)) }),
  });
}

export const rateLimitPlugin = fp(rateLimits, { name: 'rate-limits' });
