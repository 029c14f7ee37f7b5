// The lender's error body for one request: a refusal's safe body, with the request's path and reference id.
import type { FastifyRequest } from 'fastify';
import { maskLongDigitRuns, refusalBodyOf, type ErrorBody, type RefusalBody } from '../contract/error-body.js';
import type { ApiError } from '../contract/errors.js';

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

type Asker = Pick<FastifyRequest, 'url' | 'referenceId'>;

/** A refusal kept earlier (an idempotent replay) or made now, as this request's error body. */
export function renderRefusal(request: Asker, refusal: RefusalBody): ErrorBody {
  const body: ErrorBody = { url: maskLongDigitRuns(pathOf(request.url)).slice(0, 300), message: refusal.message, error: refusal.error };
  if (request.referenceId) body.reference_id = request.referenceId;
  if (refusal.field_errors) body.field_errors = refusal.field_errors;
  return body;
}

export function renderError(request: Asker, error: ApiError): ErrorBody {
  return renderRefusal(request, refusalBodyOf(error));
}
