// The lender's error body, built from an ApiError: the only place an error body is made.
import type { FastifyRequest } from 'fastify';
import type { ApiError, FieldError } from '../errors.js';

/** Parameters whose values never go back on the wire, even in an error. */
const SECRET_PARAMS = new Set(['security_answer', 'client_secret', 'code', 'refresh_token', 'authorization']);
const CARD_PARAMS = new Set(['vcc_number']);

function safeValue(param: string, value: unknown): unknown {
  if (value === undefined || SECRET_PARAMS.has(param)) return undefined;
  if (CARD_PARAMS.has(param)) {
    const digits = String(value).replace(/\D/g, '');
    return digits.length >= 4 ? `************${digits.slice(-4)}` : '****';
  }
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 100)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return JSON.stringify(value)?.slice(0, 100);
}

export interface ErrorBody {
  url: string;
  message: string;
  error: string;
  reference_id?: string;
  field_errors?: FieldError[];
}

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function renderError(request: Pick<FastifyRequest, 'url' | 'referenceId'>, error: ApiError): ErrorBody {
  const body: ErrorBody = { url: pathOf(request.url).slice(0, 300), message: error.message, error: error.code };
  if (request.referenceId) body.reference_id = request.referenceId;
  if (error.fieldErrors) {
    body.field_errors = error.fieldErrors.map(({ param, msg, value }) => {
      const shown = safeValue(param, value);
      return shown === undefined ? { param, msg } : { param, msg, value: shown };
    });
  }
  return body;
}
