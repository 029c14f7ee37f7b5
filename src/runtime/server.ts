// Starts the service: opens and migrates the store, loads the demo data into an empty one, listens, and drains on SIGTERM.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { buildApp } from '../http/app.js';
import { startScrapeServer, type ScrapeServer } from '../infra/metrics/scrape-server.js';
import { startDispatcher, type Dispatcher } from '../infra/notify/dispatcher.js';
import { KEPT_IN_OUTBOX } from '../domain/verification/messages.js';
import { transportsFor } from '../infra/notify/transports.js';
import { startPruner, type Pruner } from '../infra/pruner.js';
import { createContext, type ServiceContext } from './context.js';
import { turnBatchedDestination } from './log-destination.js';
import { migrateToLatest } from '../store/open-store.js';
import { isEmpty, seedDemo } from '../store/seed/demo.js';

/** Migrates, and seeds the demo data when the database is empty and the config asks for it. */
export async function prepareStore(ctx: ServiceContext): Promise<{ migrated: string[]; seeded: boolean }> {
  const migrated = await migrateToLatest(ctx.store);
  const seeded = ctx.config.seedDemo && (await isEmpty(ctx.db));
  if (seeded) await seedDemo(ctx);
  return { migrated, seeded };
}

export interface RunningServer {
  app: FastifyInstance;
  ctx: ServiceContext;
  dispatcher: Dispatcher;
  pruner: Pruner;
  /** GET /metrics on its own port; absent without METRICS_PORT. */
  scrape?: ScrapeServer;
  stop(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const ctx = createContext(config);
  const prepared = await prepareStore(ctx);
  const app = await buildApp(ctx, { logStream: turnBatchedDestination() });
  if (prepared.migrated.length) app.log.info({ migrations: prepared.migrated }, 'database migrated');
  if (prepared.seeded) app.log.info('demo data loaded');
  const dispatcher = startDispatcher(
    ctx,
    transportsFor(config, (fields) => app.log.info(fields, KEPT_IN_OUTBOX)),
    {
      pollMs: config.outboxPollMs,
      leaseMs: config.outboxLeaseMs,
      onError: (error) => app.log.warn({ err: error }, 'outbox dispatch failed; will retry'),
      observer: ctx.metrics,
    },
  );
  const pruner = startPruner(ctx, {
    onPruned: (pruned) => {
      if (pruned.idempotencyRecords + pruned.refreshTokens > 0) app.log.info({ pruned }, 'expired rows pruned');
    },
    onError: (error) => app.log.warn({ err: error }, 'pruning failed; will retry'),
  });
  // Read before the first request, so a node started after a rotation signs with the newest key from its first token.
  await ctx.keyRings.start(
    config.keysPollMs,
    (error) => app.log.warn({ err: error }, 'reading the key versions failed; will retry'),
    (key, kid) => app.log.info({ key, kid }, 'key version in use'),
  );
  // Read before the first request: a disabled client's token must not be admitted while the first read is on its way.
  await ctx.revokedClients.start(config.clientRevocationPollMs, (error) => app.log.warn({ err: error }, 'reading the disabled clients failed; will retry'));
  // Before the API listens, so a port already taken stops the start rather than leaving a node nobody can watch.
  const scrape = ctx.metrics && config.metrics ? await startScrapeServer(ctx.metrics, config.metrics) : undefined;
  if (scrape && config.metrics) app.log.info({ host: config.metrics.host, port: scrape.port }, 'metrics served at /metrics');
  let stopping: Promise<void> | undefined;
  // app.close waits for in-flight requests (new ones get 503); the dispatcher and the pruner finish; then the store
  // closes. The metrics are served until the API is drained, so the drain itself can be watched.
  const stop = () =>
    (stopping ??= app
      .close()
      .then(() => Promise.all([dispatcher.stop(), pruner.stop(), scrape?.close()]))
      .then(() => ctx.close()));
  app.addHook('onClose', async () => app.log.info('stopped'));
  await app.listen({ port: config.port, host: config.host });
  return { app, ctx, dispatcher, pruner, scrape, stop };
}

export function stopOnSignals(server: RunningServer): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'draining');
      // A drain that hangs must not keep the process forever.
      setTimeout(() => process.exit(1), 9000).unref();
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
