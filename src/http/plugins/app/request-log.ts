// One log line per request, at info, when its answer has been sent: what an aggregator counts and charts requests by.
// Written with the request's few fields by one logger made at start, so no child logger is made per request (a child
// serializes and redacts its bindings: the deferred child logger exists so that a request that logs nothing never pays
// for one).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { levelWritten } from '../../logging.js';
import { routePatternOf } from '../../route-pattern.js';

export interface RequestLogOptions {
  /** LOG_LEVEL: below info the hooks are not even added, so a request costs nothing for them. */
  level: string;
}

/** The request line's message; its fields are route, method, status, duration_ms, client_id and reference_id. */
export const REQUEST_LINE = 'request answered';
/** At debug, a line when the request arrives too: which requests a node had in hand at a moment (a drain, a crash). */
export const RECEIVED_LINE = 'request received';

async function requestLog(app: FastifyInstance, options: RequestLogOptions): Promise<void> {
  // Callback hooks: they never wait, so they cost no promise. Registered first, so the received line comes before
  // any refusal of the request (a drain's 503, say).
  if (levelWritten(options.level, 'debug')) {
    app.addHook('onRequest', (request, _reply, done) => {
      app.log.debug({ route: routePatternOf(request), method: request.method, reference_id: request.id }, RECEIVED_LINE);
      done();
    });
  }
  if (!levelWritten(options.level, 'info')) return;
  // Without the redaction paths: pino redacts wildcard paths (`*.client_secret`) by walking every field of every line,
  // about 20 µs a line, more than the rest of the line. These six fields are fixed and none can hold a secret.
  const lineLog = app.log.child({}, { redact: [] });
  app.addHook('onResponse', (request, reply, done) => {
    lineLog.info(
      {
        route: routePatternOf(request),
        method: request.method,
        status: reply.statusCode,
        // To the microsecond: more digits would only lengthen every line.
        duration_ms: Math.round(reply.elapsedTime * 1000) / 1000,
        // The authenticated client (absent on calls without a bearer token: the token call, health, the site).
        client_id: request.principal?.clientId,
        // As it is shown and echoed: a card number sent as the id is masked.
        reference_id: request.id,
      },
      REQUEST_LINE,
    );
    done();
  });
}

export const requestLogPlugin = fp(requestLog, { name: 'request-log' });
