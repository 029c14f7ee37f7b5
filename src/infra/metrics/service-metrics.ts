// The series the operators scrape (Prometheus text format, prom-client): requests, refusals that matter, replays, the
// outbox, the database, and the process itself. Each part of the service tells its own events through a small method;
// what costs a read (the outbox backlog, the pool) is read when Prometheus scrapes, never on a request.
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';
import type { OutboxBacklog, OutboxChannel } from '../../use-cases/ports.js';

/** What the scrape reads of the store: the outbox's backlog, and PostgreSQL's pool (undefined on SQLite). */
export interface WatchedStore {
  outbox: { backlog(): Promise<OutboxBacklog> };
  poolUse(): { max: number; open: number; idle: number; waiting: number } | undefined;
}

export interface ServiceMetrics {
  /** One answered request: its route pattern (never the URL: account numbers), method, status and time taken. */
  answered(route: string, method: string, status: number, seconds: number): void;
  /** A request refused 429 by a limit or the token call's failure throttle. */
  throttled(route: string): void;
  /** A verification refused because the account's security question is locked by wrong answers. */
  lockedOut(route: string): void;
  /** A request answered again from its kept first answer. */
  replayed(route: string): void;
  /** The outbox dispatcher handed a message to its transport. */
  delivered(channel: OutboxChannel): void;
  /** A transport refused or failed a message (it is tried again later, or kept as failed after the last attempt). */
  deliveryFailed(channel: OutboxChannel): void;
  /** One database query's time, in seconds. */
  queryTimed(seconds: number): void;
  /** The store the scrape reads the backlog and the pool of, and the service clock that ages the backlog. */
  watch(store: WatchedStore, now: () => number): void;
  /** The exposition, as Prometheus reads it. */
  render(): Promise<{ contentType: string; body: string }>;
}

// prom-client is loaded only when METRICS_PORT asks for metrics: start-up time counts.
const loadPromClient = () => createRequire(import.meta.url)('prom-client') as typeof PromClient;

/** The process's own series (event-loop delay, heap, GC, CPU) exist once per process, however many contexts it runs. */
let processRegistry: PromClient.Registry | undefined;
function processMetrics(): PromClient.Registry {
  if (processRegistry) return processRegistry;
  const { Registry, collectDefaultMetrics } = loadPromClient();
  processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry });
  return processRegistry;
}

/** Request times: 1 ms (a cached lookup) to 10 s (past the store's timeout, a request is answered 503). */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Query times: 50 µs (a SQLite read) to 5 s. */
const QUERY_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export function serviceMetrics(): ServiceMetrics {
  const { Counter, Gauge, Histogram, Registry } = loadPromClient();
  // Started now, not at the first scrape: the event-loop delay is sampled from the start.
  const ofProcess = processMetrics();
  const registry = new Registry();
  const requests = new Histogram({
    name: 'posapi_http_request_duration_seconds',
    help: 'Answered HTTP requests by route pattern, method and status, and their time from arrival to the answer sent (_count counts requests)',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const throttled = new Counter({
    name: 'posapi_throttled_requests_total',
    help: 'Requests refused 429 too_many_requests (verify limits, the token call failure throttle), by route',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const lockouts = new Counter({
    name: 'posapi_lockouts_total',
    help: 'Verifications refused tries_exceed: the security question is locked by wrong answers',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const replays = new Counter({
    name: 'posapi_idempotent_replays_total',
    help: 'Requests answered with the kept answer of an earlier request with the same x-reference-id, by route',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const delivered = new Counter({
    name: 'posapi_outbox_delivered_total',
    help: 'Outbox messages (PINs) handed to their transport, by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const deliveryFailures = new Counter({
    name: 'posapi_outbox_delivery_failures_total',
    help: 'Failed delivery attempts of outbox messages, by channel (each is retried with backoff, up to the last attempt)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'posapi_db_query_duration_seconds',
    help: 'Database query time, the hot-path reads that skip the query builder included',
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  let watched: { store: WatchedStore; now: () => number } | undefined;
  // Both outbox gauges come from one read per scrape: whichever gauge collects first starts it, the other shares it.
  let reading: Promise<{ pending: number; oldestAgeSeconds: number }> | undefined;
  const readBacklog = () =>
    (reading ??= (async () => {
      if (!watched) return { pending: 0, oldestAgeSeconds: 0 };
      const { now } = watched;
      try {
        const backlog = await watched.store.outbox.backlog();
        return { pending: backlog.pending, oldestAgeSeconds: backlog.oldestPendingAt === null ? 0 : Math.max(0, now() - backlog.oldestPendingAt) / 1000 };
      } catch {
        // Unknown, not zero: an alert on the backlog must not read a database outage as an empty outbox.
        return { pending: Number.NaN, oldestAgeSeconds: Number.NaN };
      }
    })().finally(() => (reading = undefined)));
  new Gauge({
    name: 'posapi_outbox_pending_messages',
    help: 'Outbox messages waiting to be sent (read at scrape; NaN when the database cannot be read)',
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).pending);
    },
  });
  new Gauge({
    name: 'posapi_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox message still waiting to be sent (0 when none; NaN when the database cannot be read)',
    registers: [registry],
    async collect() {
      this.set((await readBacklog()).oldestAgeSeconds);
    },
  });
  new Gauge({
    name: 'posapi_db_pool_connections',
    help: 'PostgreSQL pool: connections by state (busy, idle), the pool maximum (max), and queries waiting for one (waiting)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const use = watched?.store.poolUse();
      if (!use) return;
      this.set({ state: 'busy' }, use.open - use.idle);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'max' }, use.max);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  return {
    answered: (route, method, status, seconds) => requests.observe({ route, method, status: String(status) }, seconds),
    throttled: (route) => throttled.inc({ route }),
    lockedOut: (route) => lockouts.inc({ route }),
    replayed: (route) => replays.inc({ route }),
    delivered: (channel) => delivered.inc({ channel }),
    deliveryFailed: (channel) => deliveryFailures.inc({ channel }),
    queryTimed: (seconds) => queries.observe(seconds),
    watch(store, now) {
      watched = { store, now };
    },
    async render() {
      const merged = Registry.merge([ofProcess, registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
