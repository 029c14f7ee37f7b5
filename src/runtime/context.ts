// The composition root's context: opens the store, loads the keys, makes the shared Redis client and the throttles.
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Config } from '../config.js';
import { tokenFailureThrottle } from '../infra/failure-counters.js';
import { closeRedisClient, createRedisClient } from '../infra/redis.js';
import { cardHasher } from '../security/card-hash.js';
import { pinHasher } from '../security/pin-hash.js';
import { sealedBox } from '../security/sealed-box.js';
import { openStore, type Store } from '../store/open-store.js';
import type { Db } from '../store/schema.js';
import type { UseCaseContext } from '../use-cases/context.js';
import { loadKeys, type Keys } from './keys.js';

/** What the service runs on: the use cases' context, plus what only the edges and the operators' tools touch. */
export interface ServiceContext extends UseCaseContext {
  store: Store;
  /** The store's Kysely instance, for migrations, seeding, bulk data and tests. */
  db: Db;
  /** The keys themselves, for the operators' tools and tests. */
  keys: Keys;
  /** Shared by every part that counts in Redis; absent without REDIS_URL. */
  redis?: Redis;
  /** Closes the store and the Redis client. */
  close(): Promise<void>;
}

export function createContext(config: Config, now: () => number = Date.now): ServiceContext {
  const keys = loadKeys(config);
  const store = openStore(config, now);
  // A warning once per outage is enough for operators; every caller falls back to local counts meanwhile.
  const log = pino({ level: config.logLevel });
  let warned = false;
  const redis = config.redisUrl
    ? createRedisClient(config.redisUrl, (error) => {
        if (!warned) log.warn({ err: error.message }, 'redis unavailable: limits counted on this node only');
        warned = true;
      }).on('ready', () => (warned = false))
    : undefined;
  // The clock is read through the context, so a test that moves the context's clock moves the throttle's windows too.
  const tokenFailures = tokenFailureThrottle(
    config,
    () => context.now(),
    redis,
    (error) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'redis unavailable: token failures counted on this node only'),
  );
  const context: ServiceContext = {
    config,
    store,
    db: store.db,
    redis,
    keys,
    tokenKey: new TextEncoder().encode(keys.tokenSigning),
    hashCard: cardHasher(keys.cardHmac),
    pins: pinHasher(keys.pinHmac),
    seal: sealedBox(keys.outbox),
    tokenFailures,
    now,
    async close() {
      await tokenFailures.close();
      if (redis) await closeRedisClient(redis);
      await store.close();
    },
  };
  return context;
}
