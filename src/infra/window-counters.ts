// Fixed-window counters per key: in this process's memory, or in Redis (shared by every node) with this process's
// memory taking over while Redis is unreachable.
import type { Reservation, WindowCount, WindowCounters } from '../use-cases/ports.js';
import type { RedisLink } from './redis.js';

/** A release that gives back its place the first time it is called, and does nothing after. */
function once(release: () => Promise<void>): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    await release();
  };
}

/** One process's counters. `now` is the service clock, so tests can move time; the map is bounded. */
export function memoryWindowCounters(now: () => number, maxKeys = 100_000): WindowCounters {
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
  const opened = (key: string, windowMs: number) => {
    let entry = live(key);
    if (!entry) {
      makeRoom();
      entry = { count: 0, resetAt: now() + windowMs };
      windows.set(key, entry);
    }
    return entry;
  };
  return {
    async add(key, windowMs) {
      const entry = opened(key, windowMs);
      entry.count += 1;
      return { count: entry.count, resetInMs: entry.resetAt - now() };
    },
    // Synchronous between its reads and its writes: nothing else runs in between, so it is atomic in this process.
    async reserve(keys, limit, windowMs): Promise<Reservation> {
      const full = keys.map(live).filter((entry) => entry !== undefined && entry.count >= limit);
      if (full.length > 0) return { granted: false, resetInMs: Math.max(...full.map((entry) => entry!.resetAt - now())) };
      const taken = keys.map((key) => opened(key, windowMs));
      for (const entry of taken) entry.count += 1;
      return {
        granted: true,
        release: once(async () => {
          // Only from the window it was taken in: a window that ended took its counts with it.
          for (const [i, entry] of taken.entries()) if (windows.get(keys[i]!) === entry && entry.count > 0) entry.count -= 1;
        }),
      };
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

// All keys or none, in one atomic step: when any key holds the limit already, nothing is added and the longest wait is
// returned; otherwise every key gets one more (a new window expires after ARGV[2] ms).
const RESERVE_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wait = 0
for _, key in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', key) or '0')
  if n >= limit then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      redis.call('PEXPIRE', key, window)
      ttl = window
    end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return {0, wait} end
for _, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 or redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, window) end
end
return {1, 0}`;

// Gives one back to each key that still has a window (an ended window is not re-opened at -1).
const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', key) or '0')
  if n > 0 then redis.call('DECR', key) end
end
return 1`;

/**
 * Counters shared by every node through Redis, under a key prefix. While Redis is unreachable (as `link` says) each
 * count is taken by `local` (this node's own counters) instead: a request neither fails nor goes uncounted.
 */
export function redisWindowCounters(link: RedisLink, options: { prefix: string; local: WindowCounters }): WindowCounters {
  const { prefix, local } = options;
  const redis = link.client;
  // Connecting for the first time (the node is starting): wait for it, briefly. Once it has been up, a connection
  // being remade (Redis down, or unreachable until the connect timeout) is not waited for: count here at once instead.
  let started = redis.status === 'ready';
  redis.once('ready', () => (started = true));
  const ready = (): Promise<boolean> => {
    if (!started && ['wait', 'connecting', 'connect'].includes(redis.status)) {
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          redis.off('ready', onReady);
          resolve(ok && link.admits());
        };
        const onReady = () => done(true);
        const timer = setTimeout(() => done(false), 500);
        redis.once('ready', onReady);
      });
    }
    return Promise.resolve(link.admits());
  };
  const shared = async <T>(inRedis: () => Promise<T>, here: () => Promise<T>): Promise<T> => {
    if (!(await ready())) return here();
    try {
      const result = await inRedis();
      link.succeeded();
      return result;
    } catch (error) {
      link.failed(error);
      return here();
    }
  };
  return {
    add: (key, windowMs) =>
      shared(
        async (): Promise<WindowCount> => {
          const [count, ttl] = (await redis.eval(ADD_SCRIPT, 1, prefix + key, String(windowMs))) as [number, number];
          return { count: Number(count), resetInMs: Number(ttl) };
        },
        () => local.add(key, windowMs),
      ),
    reserve: (keys, limit, windowMs) =>
      shared(
        async (): Promise<Reservation> => {
          const fullKeys = keys.map((key) => prefix + key);
          const [granted, wait] = (await redis.eval(RESERVE_SCRIPT, fullKeys.length, ...fullKeys, String(limit), String(windowMs))) as [number, number];
          if (Number(granted) !== 1) return { granted: false, resetInMs: Number(wait) };
          return {
            granted: true,
            // Given back where it was taken; if Redis is gone meanwhile, the count stays until its window ends.
            release: once(() => redis.eval(RELEASE_SCRIPT, fullKeys.length, ...fullKeys).then(() => undefined, link.failed)),
          };
        },
        () => local.reserve(keys, limit, windowMs),
      ),
    // The client is shared: whoever made it closes it.
    close: () => local.close(),
  };
}
