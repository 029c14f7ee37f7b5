// The one way a Redis client is made: every part that counts in Redis (rate limits, failed authentications) shares it.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// ioredis is loaded only when REDIS_URL asks for it.
const loadRedis = () => (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;

/**
 * Fails fast rather than queue: a request must not hang on an unreachable Redis (each caller then counts on this node).
 * An offline queue would hold each count until a reconnect: seconds per request while Redis is down.
 */
export function createRedisClient(url: string, onError: (error: Error) => void): Redis {
  const client = new (loadRedis())(url, { connectTimeout: 500, commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  client.on('error', onError);
  return client;
}

export async function closeRedisClient(client: Redis): Promise<void> {
  await client.quit().catch(() => client.disconnect());
}
