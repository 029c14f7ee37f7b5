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

/** The shared client and how it is doing: what `/health` reports, and the one warning per outage. */
export interface SharedRedis {
  client: Redis;
  health(): DependencyHealth;
  /** A command failed: the outage counts from now, even before the client notices its connection is gone. */
  failed(error: unknown): void;
  close(): Promise<void>;
}

/**
 * Connects to Redis and follows its connection. An outage is logged once, as a warning, when it begins (the first
 * error or lost connection), and once, as information, when Redis is back; meanwhile every limit counts per node.
 */
export function connectRedis(url: string, log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }): SharedRedis {
  // Until the first connection there is no outage to report, only a link not made yet.
  let health: DependencyHealth = { status: 'unavailable', reason: `connecting; ${FALLBACK}` };
  let outage = false;
  const down = (error: unknown) => {
    const message = error instanceof Error ? error.message || error.name : String(error);
    health = { status: 'unavailable', reason: `${message}; ${FALLBACK}` };
    if (outage) return;
    outage = true;
    log.warn({ err: message }, `redis unavailable: ${FALLBACK}`);
  };
  const client = createRedisClient(url, down);
  client.on('close', () => {
    if (health.status === 'ok') down(new Error('connection to redis closed'));
  });
  client.on('ready', () => {
    health = { status: 'ok' };
    if (outage) log.info({}, 'redis available again: limits are shared between nodes');
    outage = false;
  });
  return { client, health: () => health, failed: down, close: () => closeRedisClient(client) };
}
