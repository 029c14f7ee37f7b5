// buildApp(ctx): the Fastify instance: the infrastructure plugins (plugins/external), the app's own plugins in order
// (plugins/app: reference id → card numbers in ids → auth → idempotency), then the routes (routes/index.ts).
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { deferredChildLoggerFactory } from './deferred-logger.js';
import { loggerOptions } from './logging.js';
import { authenticatePlugin } from './plugins/app/authenticate.js';
import { cardNumbersInIdsPlugin } from './plugins/app/card-numbers-in-ids.js';
import { errorHandlerPlugin, frameworkErrors } from './plugins/app/error-handler.js';
import { idempotencyPlugin } from './plugins/app/idempotency.js';
import { loadSheddingPlugin } from './plugins/external/load-shedding.js';
import { openapiPlugin } from './plugins/external/openapi.js';
import { rateLimitPlugin } from './plugins/external/rate-limits.js';
import { referenceIdPlugin } from './plugins/app/reference-id.js';
import { requestLogPlugin } from './plugins/app/request-log.js';
import { requestMetricsPlugin } from './plugins/app/request-metrics.js';
import { turnEndWritesPlugin } from './plugins/app/turn-end-writes.js';
import { API_ROUTES, SITE_ROUTES } from './routes/index.js';
import { shownReferenceId } from './reference-ids.js';
import { clientErrorHandler, transportRefusalsPlugin } from './transport-refusals.js';
import { validatorCompiler } from './validation.js';
import type { AppContext } from './types.js';

export const API_PREFIX = '/flexiti/pos-api';
const BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  logger?: boolean;
  /** Where log lines go (pino writes whole lines to it); standard output when absent. */
  logStream?: { write(line: string): void };
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const logger =
    options.logger === false ? false : { ...(loggerOptions(ctx.config.logLevel) as object), ...(options.logStream ? { stream: options.logStream } : {}) };
  let requestCount = 0;
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    // Headers and body must arrive whole within the timeout (Fastify's default is no limit: a body that never came
    // held its connection for good). Node checks its connections every second, so the answer comes within a second of it.
    requestTimeout: ctx.config.requestTimeoutMs,
    http: { headersTimeout: ctx.config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, ctx.config.requestTimeoutMs) },
    // What Node's parser refuses (too large, not HTTP, too slow) is answered in the lender's shape too.
    clientErrorHandler: clientErrorHandler(ctx.config.requestTimeoutMs),
    // While draining, new requests get 503 in the lender's error shape (the error handler's onRequest), not Fastify's own body.
    return503OnClosing: false,
    // A broken or overlong URL is answered in the lender's error shape too, not Fastify's.
    frameworkErrors,
    routerOptions: { maxParamLength: 1000 },
    // Every log line of a request carries the caller's reference id, as it may be shown (a card number in it masked).
    requestIdHeader: false,
    genReqId: (req) => shownReferenceId(req.headers['x-reference-id']) ?? `req-${(requestCount += 1).toString(36)}`,
    // Fastify's two lines per request are replaced by one of our own (plugins/app/request-log.ts), with the route pattern.
    logController: new LogController({ requestIdLogLabel: 'reference_id', disableRequestLogging: true }),
    // A request's child logger is made only if the request logs (at warn and above, a request that succeeds does not).
    childLoggerFactory: deferredChildLoggerFactory,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('ctx', ctx);
  // First: its received line (at debug) comes before any refusal of the request, a drain's included.
  await app.register(requestLogPlugin, { level: ctx.config.logLevel });
  await app.register(errorHandlerPlugin, { unavailableReason: ctx.store.unavailableReason });
  // At the root, before every route: each answer is counted, the site's and the refused ones included.
  await app.register(requestMetricsPlugin);
  await app.register(transportRefusalsPlugin);
  await app.register(turnEndWritesPlugin);
  // Before the routes: the OpenAPI document is made from the schemas of the routes registered after it.
  await app.register(openapiPlugin);
  for (const routes of SITE_ROUTES) await app.register(routes);
  await app.register(
    async (api) => {
      await api.register(referenceIdPlugin);
      // Before authentication: an overloaded node refuses before it spends anything on the call.
      await api.register(loadSheddingPlugin);
      await api.register(cardNumbersInIdsPlugin);
      await api.register(authenticatePlugin);
      await api.register(idempotencyPlugin);
      await api.register(rateLimitPlugin);
      for (const routes of API_ROUTES) await api.register(routes);
    },
    { prefix: API_PREFIX },
  );
  return app;
}
