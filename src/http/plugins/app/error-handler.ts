// Turns every failure, the framework's own included, into the lender's error body: the one mapping place.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import { ApiError, WRONG_INPUTS_MESSAGE, wrongInputs } from '../../../contract/errors.js';
import { refusals } from '../../../contract/refusals.js';
import { shownReferenceId } from '../../reference-ids.js';
import { pathOf, renderError } from '../../render-error.js';
import { fieldErrorsOf } from '../../validation.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function toApiError(error: FastifyError & { validationContext?: string }, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation) {
    const context = error.validationContext;
    const input = context === 'body' ? request.body : context === 'querystring' ? request.query : context === 'params' ? request.params : request.headers;
    const fieldErrors = fieldErrorsOf(error.validation as never, input, context);
    if (request.routeOptions.config.oauth) return refusals.malformedTokenRequest(fieldErrors);
    return wrongInputs(fieldErrors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return refusals.payloadTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return wrongInputs([{ param: 'content-type', msg: 'must be application/json' }]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return wrongInputs([{ param: 'body', msg: 'is empty' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return wrongInputs([{ param: 'body', msg: 'is not valid JSON' }]);
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return wrongInputs([{ param: 'body', msg: 'is not valid JSON' }]);
  if (error.statusCode === 503) return refusals.serviceUnavailable();
  if (error.statusCode === 429) return new ApiError(429, 'too_many_requests', 'Too many requests; retry later.');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new ApiError(error.statusCode, 'wrong_inputs', WRONG_INPUTS_MESSAGE);
  return refusals.internalError();
}

/**
 * Failures Fastify answers before any route or hook (a path with broken percent-encoding, a path parameter longer than
 * maxParamLength): given to the Fastify constructor as `frameworkErrors`, so they too get the lender's 409 wrong_inputs.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const shown = shownReferenceId(request.headers['x-reference-id']);
  if (shown !== undefined) {
    request.referenceId = shown;
    reply.header('x-reference-id', shown);
  }
  const msg = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'has a parameter that is too long' : 'is not a valid URL';
  const apiError = wrongInputs([{ param: 'path', msg }]);
  request.log.info({ error: apiError.code, cause: error.code }, 'request refused');
  void reply.code(apiError.status).send(renderError(request, apiError));
}

/** A database outage is usually seconds (a failover, a restart) or an operator's fix away. */
const STORE_RETRY_AFTER_SECONDS = 2;

/** Logs the beginning of a database outage once, and its end when a write (a POST) is answered below 500 again. */
function storeOutage(app: FastifyInstance): { refused(request: FastifyRequest, reason: string): void } {
  let since: number | undefined;
  // A callback hook that costs one comparison while the database is well.
  app.addHook('onResponse', (request, reply, done) => {
    if (since !== undefined && request.method === 'POST' && reply.statusCode < 500) {
      request.log.warn({ outage_ms: Date.now() - since }, 'database available again: writes are answered');
      since = undefined;
    }
    done();
  });
  return {
    refused(request, reason) {
      if (since === undefined) {
        since = Date.now();
        request.log.error({ reason }, 'database unavailable: requests that need it are answered 503 until it recovers');
      } else request.log.info({ error: 'service_unavailable', reason }, 'request refused');
    },
  };
}

export interface ErrorHandlingOptions {
  /** Why the database cannot serve right now, when that is what a failure says (the store knows its drivers' errors). */
  unavailableReason?: (error: unknown) => string | undefined;
}

async function errorHandling(app: FastifyInstance, options: ErrorHandlingOptions): Promise<void> {
  const unavailableReason = options.unavailableReason ?? (() => undefined);
  // A shadow router answers "which methods does this path have?", so a wrong method gets 405, not 404.
  const shadow = FindMyWay();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const m = method as Method;
      if (METHODS.includes(m) && !shadow.hasRoute(m, route.url)) shadow.on(m, route.url, () => undefined);
    }
  });

  // Draining (app.close() has begun): requests still arriving on open connections are refused, in the lender's shape;
  // those already in flight finish. Every answer given while draining closes its connection, so a kept-alive
  // connection that was busy when the drain began does not hold the server open once its answer is sent.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  // Callback hooks: they run on every request and never wait, so they cost no promise.
  app.addHook('onRequest', (_request, _reply, done) => {
    if (draining) return done(new ApiError(503, 'service_unavailable', 'The service is shutting down; retry shortly.', undefined, { 'retry-after': '1' }));
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });

  // A database that cannot serve (unreachable, read-only, full) is an outage, not a bug: its requests are answered 503
  // and the log says so in one line when it begins and one when a write goes through again, not a stack per request.
  const outage = storeOutage(app);

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const unavailable = error instanceof ApiError ? undefined : unavailableReason(error);
    const apiError = unavailable ? refusals.storeUnavailable(STORE_RETRY_AFTER_SECONDS) : toApiError(error, request);
    if (unavailable) outage.refused(request, unavailable);
    else if (apiError.status >= 500 && apiError.status !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ error: apiError.code }, 'request refused');
    if (apiError.headers) reply.headers(apiError.headers);
    return reply.code(apiError.status).send(renderError(request, apiError));
  });

  app.setNotFoundHandler((request, reply) => {
    // No route, so the reference-id hook did not run: echo the header when it is a valid one.
    const shown = shownReferenceId(request.headers['x-reference-id']);
    if (!request.referenceId && shown !== undefined) {
      request.referenceId = shown;
      reply.header('x-reference-id', shown);
    }
    const path = pathOf(request.url);
    const allowed = METHODS.filter((m) => m !== request.method && shadow.find(m, path) !== null);
    const error = allowed.length
      ? new ApiError(405, 'method_not_allowed', `${request.method} is not allowed here; use ${allowed.join(' or ')}.`, undefined, { allow: allowed.join(', ') })
      : new ApiError(404, 'not_found', 'There is no such endpoint.');
    if (error.headers) reply.headers(error.headers);
    return reply.code(error.status).send(renderError(request, error));
  });
}

export const errorHandlerPlugin = fp(errorHandling, { name: 'error-handler' });
