// A refused or failed API call, carrying the lender's error code so the UI can say it in plain words.
import type { ErrorBody, FieldError } from './contract.ts';

/** Codes the console makes up itself for failures that never reached the service's error model. */
export const NETWORK_ERROR = 'network_error';
export const UNEXPECTED_ANSWER = 'unexpected_answer';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** Seconds to wait, from Retry-After on a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  static fromBody(status: number, body: ErrorBody | undefined, retryAfter: string | null): ApiFailure {
    const code = body?.error ?? (status === 429 ? 'too_many_requests' : UNEXPECTED_ANSWER);
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
    return new ApiFailure(status, code, body?.message ?? `HTTP ${status}`, body?.field_errors ?? [], seconds);
  }
}

export function asApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  return new ApiFailure(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
}
