// The one error type of the service: every refusal is an ApiError, turned into the lender's error body in one place.

export interface FieldError {
  param: string;
  msg: string;
  value?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const WRONG_INPUTS_MESSAGE = 'Some inputs are wrong or missing!';

export const wrongInputs = (fieldErrors: FieldError[]): ApiError => new ApiError(409, 'wrong_inputs', WRONG_INPUTS_MESSAGE, fieldErrors);

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} was not found.`);

export const invalidToken = (message: string): ApiError =>
  new ApiError(401, 'invalid_token', message, undefined, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
  });
