// Tells the metrics how each request was answered: its route pattern (the URL carries account numbers and card ids,
// never put in a label), method, status and time, and the answers operators alert on: 429s, lockouts, replays. Read
// from what the request already carries, so counting adds no read; without metrics (no METRICS_PORT) no hook is added.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';
import { routePatternOf as routeOf } from '../../route-pattern.js';

/** The security question's lockout, as the verify call refuses it. */
const LOCKOUT_CODE = refusals.triesExceeded().code;
async function requestMetrics(app: FastifyInstance): Promise<void> {
  const metrics = app.ctx.metrics;
  if (!metrics) return;
  // Callback hooks: they run on every request and never wait, so they cost no promise.
  app.addHook('onError', (request, _reply, error, done) => {
    if (error instanceof ApiError && error.code === LOCKOUT_CODE) metrics.lockedOut(routeOf(request));
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    metrics.answered(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    if (reply.statusCode === 429) metrics.throttled(route);
    if (reply.getHeader('x-idempotent-replay') === 'true') metrics.replayed(route);
    done();
  });
}

export const requestMetricsPlugin = fp(requestMetrics, { name: 'request-metrics' });
