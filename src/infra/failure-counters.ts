// Throttles failures per key: an attempt reserves its failure before the check it guards, and gives it back on success.
import type { Config } from '../config.js';
import { ApiError } from '../contract/errors.js';
import type { FailureThrottle, WindowCounters } from '../use-cases/ports.js';

/** `limit` failures per key and window; a limit of 0 turns the throttle off. */
export function failureThrottle(counters: WindowCounters, options: { limit: number; windowMs: number; what: string }): FailureThrottle {
  const { limit, windowMs, what } = options;
  const nothingToRelease = { release: async () => undefined };
  return {
    async reserve(keys) {
      if (limit <= 0) return nothingToRelease;
      const reservation = await counters.reserve(keys, limit, windowMs);
      if (reservation.granted) return reservation;
      const seconds = Math.max(1, Math.ceil(reservation.resetInMs / 1000));
      throw new ApiError(429, 'too_many_requests', `Too many ${what}; retry in ${seconds} seconds.`, undefined, { 'retry-after': String(seconds) });
    },
    close: () => counters.close(),
  };
}

/**
 * The token call's throttle: failed client authentications per client id and per address, one-minute windows, on the
 * counters the rate limits use (in Redis, under `token-failures:`, when nodes share it).
 */
export function tokenFailureThrottle(config: Pick<Config, 'rateLimits'>, counters: WindowCounters): FailureThrottle {
  const prefixed: WindowCounters = {
    add: (key, windowMs) => counters.add(`token-failures:${key}`, windowMs),
    reserve: (keys, limit, windowMs) =>
      counters.reserve(
        keys.map((key) => `token-failures:${key}`),
        limit,
        windowMs,
      ),
    // The counters are shared: whoever made them closes them.
    close: async () => undefined,
  };
  return failureThrottle(prefixed, { limit: config.rateLimits.tokenFailuresPerMinute, windowMs: 60_000, what: 'failed authentications' });
}
