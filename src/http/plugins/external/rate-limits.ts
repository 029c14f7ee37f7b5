// Rate limiting (@fastify/rate-limit): per-route limits, counted on the context's counters, so every node shares them
// through Redis when REDIS_URL is set, and each node counts its own while Redis is unreachable.
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { refusals } from '../../../contract/refusals.js';
import type { WindowCounters } from '../../../use-cases/ports.js';

const tooManyRequests = (ttlMs: number) => refusals.tooManyRequests(Math.max(1, Math.ceil(ttlMs / 1000)));

/**
 * The plugin's store, on the context's counters. Its own Redis store counts nothing while Redis is down (with
 * skipOnError every request passes) and names a limiter's keys after its route, which `createRateLimit` does not give
 * (`undefinedundefined-`): here a key is the namespace and the limit's own key, e.g. `posapi-rl-verify:client:x`.
 */
function countersStore(counters: WindowCounters): FastifyRateLimitStoreCtor {
  return class CountersStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counters.add(key, timeWindow).then(
        (window) => callback(null, { current: window.count, ttl: window.resetInMs }),
        (error: Error) => callback(error),
      );
    }
    // The limits' keys name what they count (keys of different limits must not collide), so children share one store.
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

async function rateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    store: countersStore(app.ctx.counters),
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
