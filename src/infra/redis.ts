// The one way a Redis client is made: every part that counts in Redis (rate limits, failed authentications) shares it.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { DependencyHealth } from '../use-cases/ports.js';

// ioredis is loaded only when REDIS_URL asks for it.
const loadRedis = () => (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;

/**
 * Fails fast rather than queue: a request must not hang on an unreachable Redis (each caller then counts on this node).
 * An offline queue would hold each count until a reconnect: seconds per request while Redis is down. ioredis keeps
 * reconnecting on its own, so Redis coming back is picked up without a restart.
 */
export function createRedisClient(url: string, onError: (error: Error) => void): Redis {
  const client = new (loadRedis())(url, { connectTimeout: 500, commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  client.on('error', onError);
  return client;
}

export async function closeRedisClient(client: Redis): Promise<void> {
  await client.quit().catch(() => client.disconnect());
}

const FALLBACK = 'limits are counted on this node only';

/** What a part counting in Redis needs of the link: whether to send a command now, and how the command went. */
export interface RedisLink {
  client: Redis;
  /** True when a command may go to Redis now; false while it is down (the caller counts on this node instead). */
  admits(): boolean;
  /** A command failed: the outage counts from now, even when the connection itself looks fine (a hung server). */
  failed(error: unknown): void;
  /** A command succeeded: an outage that only commands had seen is over. */
  succeeded(): void;
}

/** The shared link, what `/health` reports of it, and its closing. */
export interface SharedRedis extends RedisLink {
  health(): DependencyHealth;
  close(): Promise<void>;
}

/** While commands fail on a connection that looks fine, one command a second probes Redis; the others count here. */
const PROBE_EVERY_MS = 1000;

/**
 * Connects to Redis and follows it. An outage is logged once, as a warning, when it begins (the first error, lost
 * connection or failed command), and once, as information, when Redis is back; meanwhile every limit counts per node.
 * A lost connection is redone by ioredis on its own. A server that hangs (a partition, a stopped process) keeps the
 * connection open and times commands out instead: then, rather than every request waiting for its own timeout, one
 * probe a second goes to Redis until one succeeds.
 */
export function connectRedis(url: string, log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }): SharedRedis {
  // Until the first connection there is no outage to report, only a link not made yet.
  let health: DependencyHealth = { status: 'unavailable', reason: `connecting; ${FALLBACK}` };
  let outage = false;
  // Commands failed on a connection the client still calls ready: only probes go to Redis, from `probeAt` on.
  let suspect = false;
  let probeAt = 0;
  const down = (error: unknown) => {
    const message = error instanceof Error ? error.message || error.name : String(error);
    health = { status: 'unavailable', reason: `${message}; ${FALLBACK}` };
    if (outage) return;
    outage = true;
    // The message written out (not made from FALLBACK): log messages are literals, so the README's list of them is checked.
    log.warn({ err: message }, 'redis unavailable: limits are counted on this node only');
  };
  const up = () => {
    suspect = false;
    health = { status: 'ok' };
    if (outage) log.info({}, 'redis available again: limits are shared between nodes');
    outage = false;
  };
  const client = createRedisClient(url, down);
  client.on('close', () => {
    if (health.status === 'ok') down(new Error('connection to redis closed'));
  });
  client.on('ready', up);
  return {
    client,
    admits() {
      if (client.status !== 'ready') return false;
      if (!suspect) return true;
      if (Date.now() < probeAt) return false;
      probeAt = Date.now() + PROBE_EVERY_MS;
      return true;
    },
    failed(error) {
      suspect = true;
      probeAt = Date.now() + PROBE_EVERY_MS;
      down(error);
    },
    succeeded() {
      if (suspect || health.status !== 'ok') up();
    },
    health: () => health,
    close: () => closeRedisClient(client),
  };
}
