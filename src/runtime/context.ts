// The composition root's context: opens the store, loads the keys, makes the shared Redis client and the throttles.
import pino from 'pino';
import type { Config } from '../config.js';
import { tokenFailureThrottle } from '../infra/failure-counters.js';
import { watchKeyRings, type KeyRingsWatch } from '../infra/key-rings.js';
import { heldChannelsOf } from '../infra/notify/transports.js';
import { serviceMetrics, type ServiceMetrics } from '../infra/metrics/service-metrics.js';
import { connectRedis, type SharedRedis } from '../infra/redis.js';
import { watchRevokedClients, type RevokedClientsWatch } from '../infra/revoked-clients.js';
import { memoryWindowCounters, redisWindowCounters } from '../infra/window-counters.js';
import { pinHasher } from '../security/pin-hash.js';
import { openStore, type Store } from '../store/open-store.js';
import type { Db } from '../store/schema.js';
import type { UseCaseContext } from '../use-cases/context.js';
import type { DependencyHealth, WindowCounters } from '../use-cases/ports.js';
import { loadKeys, type Keys } from './keys.js';

/** What the service runs on: the use cases' context, plus what only the edges and the operators' tools touch. */
export interface ServiceContext extends UseCaseContext {
  store: Store;
  /** The store's Kysely instance, for migrations, seeding, bulk data and tests. */
  db: Db;
  /** The keys themselves, for the operators' tools and tests. */
  keys: Keys;
  /** Shared by every part that counts in Redis; absent without REDIS_URL. */
  redis?: SharedRedis;
  /** What every limit counts with: in Redis when there is one (on this node while it is unreachable), else here. */
  counters: WindowCounters;
  /** Redis's state, for `/health`; absent without REDIS_URL. */
  redisHealth?: () => DependencyHealth;
  /** The series Prometheus scrapes; absent unless METRICS_PORT is set, so an unwatched node counts nothing. */
  metrics?: ServiceMetrics;
  /** The token and outbox keys' versions, rotated by `posapi keys rotate`; the server starts their poll. */
  keyRings: KeyRingsWatch;
  /** The disabled clients, whose access tokens no longer admit; the server starts its poll. */
  revokedClients: RevokedClientsWatch;
  /** Closes the store and the Redis client. */
  close(): Promise<void>;
}

export function createContext(config: Config, now: () => number = Date.now): ServiceContext {
  const keys = loadKeys(config);
  const metrics = config.metrics ? serviceMetrics() : undefined;
  const store = openStore(config, now, { onQuery: metrics?.queryTimed });
  metrics?.watch(store, () => context.now());
  const log = pino({ level: config.logLevel });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : undefined;
  // The clock is read through the context, so a test that moves the context's clock moves the windows too.
  const local = memoryWindowCounters(() => context.now());
  const counters = redis ? redisWindowCounters(redis, { prefix: config.rateLimitNamespace, local }) : local;
  const tokenFailures = tokenFailureThrottle(config, counters);
  const revokedClients = watchRevokedClients(store.clients, redis && { client: redis.client, channel: `${config.rateLimitNamespace}clients-disabled` });
  const keyRings = watchKeyRings(store.keyVersions, keys);
  const context: ServiceContext = {
    config,
    store,
    db: store.db,
    redis,
    counters,
    redisHealth: redis?.health,
    metrics,
    revokedClients,
    keys,
    keyRings,
    tokenKeys: keyRings.tokenKeys,
    cardHashes: keyRings.cardHashes,
    pins: pinHasher(keys.pinHmac),
    seal: keyRings.seal,
    heldChannels: heldChannelsOf(config),
    tokenFailures,
    now,
    async close() {
      revokedClients.stop();
      keyRings.stop();
      await tokenFailures.close();
      await counters.close();
      await redis?.close();
      await store.close();
    },
  };
  return context;
}
