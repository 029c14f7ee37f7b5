// Counts failures per key in fixed windows (in Redis when nodes share it, in memory otherwise) and refuses a key over its limit.
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { ApiError } from '../contract/errors.js';
import type { FailureThrottle } from '../use-cases/ports.js';

/** A key's current window: how many failures it holds, and how long until it ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

export interface FailureStore {
  /** Adds one failure to the key's current window (opening one when it has none) and returns the window. */
  add(key: string, windowMs: number): Promise<WindowCount>;
  /** The key's current window, or undefined when it has none. */
  read(key: string): Promise<WindowCount | undefined>;
  close(): Promise<void>;
}

/** One process's counters. `now` is the service clock, so tests can move time; the map is bounded. */
export function memoryFailureStore(now: () => number, maxKeys = 100_000): FailureStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string) => {
    const entry = windows.get(key);
    if (entry && entry.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return entry;
  };
  const makeRoom = () => {
    if (windows.size < maxKeys) return;
    const t = now();
    for (const [key, entry] of windows) if (entry.resetAt <= t) windows.delete(key);
    // Still full: the oldest windows go first (a Map iterates in insertion order).
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };
  return {
    async add(key, windowMs) {
      let entry = live(key);
      if (!entry) {
        makeRoom();
        entry = { count: 0, resetAt: now() + windowMs };
        windows.set(key, entry);
      }
      entry.count += 1;
      return { count: entry.count, resetInMs: entry.resetAt - now() };
    },
    async read(key) {
      const entry = live(key);
      return entry ? { count: entry.count, resetInMs: entry.resetAt - now() } : undefined;
    },
    async close() {
      windows.clear();
    },
  };
}

// INCR, and PEXPIRE when the INCR opened the window (or a window somehow has no expiry), in one atomic step.
const ADD_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/**
 * Counters shared by every node through Redis: fixed windows, INCR + PEXPIRE under a key prefix. When Redis fails,
 * the call falls back to this process's own counters rather than failing the request or letting it through uncounted.
 */
export function redisFailureStore(redis: Redis, options: { prefix: string; fallback: FailureStore; onError?: (error: unknown) => void }): FailureStore {
  const { prefix, fallback, onError } = options;
  // Connecting (the node is starting): wait for it, briefly. Down or reconnecting: count here at once instead.
  const ready = (): Promise<boolean> => {
    if (redis.status === 'ready') return Promise.resolve(true);
    if (!['wait', 'connecting', 'connect'].includes(redis.status)) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), 500);
      redis.once('ready', onReady);
    });
  };
  const guarded = async <T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    if (!(await ready())) return local();
    try {
      return await shared();
    } catch (error) {
      onError?.(error);
      return local();
    }
  };
  return {
    add: (key, windowMs) =>
      guarded(
        async () => {
          const [count, ttl] = (await redis.eval(ADD_SCRIPT, 1, prefix + key, String(windowMs))) as [number, number];
          return { count: Number(count), resetInMs: Number(ttl) };
        },
        () => fallback.add(key, windowMs),
      ),
    read: (key) =>
      guarded(
        async () => {
          const result = await redis
            .multi()
            .get(prefix + key)
            .pttl(prefix + key)
            .exec();
          const count = Number(result?.[0]?.[1] ?? 0);
          const ttl = Number(result?.[1]?.[1] ?? -2);
          return count > 0 && ttl > 0 ? { count, resetInMs: ttl } : undefined;
        },
        () => fallback.read(key),
      ),
    // The client is shared: whoever made it closes it.
    close: () => fallback.close(),
  };
}

/** `limit` failures per key and window; a limit of 0 turns the throttle off. */
export function failureThrottle(store: FailureStore, options: { limit: number; windowMs: number; what: string }): FailureThrottle {
  const { limit, windowMs, what } = options;
  return {
    async check(keys) {
      if (limit <= 0) return;
      const windows = await Promise.all(keys.map((key) => store.read(key)));
      const waits = windows.filter((w): w is WindowCount => w !== undefined && w.count >= limit).map((w) => w.resetInMs);
      if (waits.length === 0) return;
      const seconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      throw new ApiError(429, 'too_many_requests', `Too many ${what}; retry in ${seconds} seconds.`, undefined, { 'retry-after': String(seconds) });
    },
    async fail(keys) {
      if (limit <= 0) return;
      await Promise.all(keys.map((key) => store.add(key, windowMs)));
    },
    close: () => store.close(),
  };
}

/**
 * The token call's throttle: failed client authentications per client id and per address, one-minute windows, under
 * the rate limits' Redis namespace (services sharing limits share these counts too).
 */
export function tokenFailureThrottle(
  config: Pick<Config, 'rateLimits' | 'rateLimitNamespace'>,
  now: () => number,
  redis?: Redis,
  onRedisError?: (error: unknown) => void,
): FailureThrottle {
  const local = memoryFailureStore(now);
  const store = redis ? redisFailureStore(redis, { prefix: `${config.rateLimitNamespace}token-failures:`, fallback: local, onError: onRedisError }) : local;
  return failureThrottle(store, { limit: config.rateLimits.tokenFailuresPerMinute, windowMs: 60_000, what: 'failed authentications' });
}
