// Every refusal the service gives, worded once: use cases throw these, and the OpenAPI document lists them per operation.
import { ApiError, notFound, wrongInputs, type FieldError } from './errors.js';

export const refusals = {
  accountNotFound: () => notFound('The account'),
  customerNotFound: () => notFound('The customer'),
  cardNotFound: () => notFound('The card'),
  userNotAbleToPurchase: () => new ApiError(409, 'user_not_able_to_purchase', 'This account cannot make purchases: it is not open.'),
  notAQuebecAccount: () => new ApiError(409, 'not_a_quebec_account', 'Only a Quebec account can be closed here.'),
  balanceOutstanding: () => new ApiError(409, 'balance_outstanding', 'The account has a balance outstanding; it cannot be closed until it is paid.'),
  vccAccountMismatch: () => new ApiError(409, 'vcc_account_mismatch', 'The card does not belong to this account.'),
  secretAnswerMismatch: () => new ApiError(409, 'secret_answer_mismatch', 'The answer to the security question is wrong.'),
  triesExceeded: () => new ApiError(409, 'tries_exceed', 'Too many wrong answers: the security question is locked for now; use another verification format.'),
  merchantOverrideNotAllowed: () => new ApiError(409, 'merchant_override_is_not_allowed', 'This merchant is not allowed to override customer verification.'),
  regularPurchaseBypassNotAllowed: () =>
    new ApiError(409, 'regular_purchase_bypass_is_not_allowed', 'This account does not qualify for a regular purchase bypass.'),
  smsNotValidPhone: () => new ApiError(400, 'sms_not_valid_phone', 'There is no phone number on file that can receive an SMS.'),
  emailNotValid: () => new ApiError(400, 'email_not_valid', 'There is no valid email address on file.'),
  invalidClient: () => new ApiError(400, 'invalid_client', 'The client id or secret is wrong or missing.'),
  invalidRequest: (message: string) => new ApiError(400, 'invalid_request', message),
  malformedTokenRequest: (fieldErrors: FieldError[]) => new ApiError(400, 'invalid_request', 'The token request is malformed.', fieldErrors),
  refreshTokenSpent: () => new ApiError(400, 'invalid_request', 'The refresh token is unknown, already used or expired.'),
  referenceIdReused: () => new ApiError(409, 'reference_id_reused', 'This x-reference-id was already used for a different request.'),
  forbidden: () => new ApiError(403, 'forbidden', "This token does not belong to the path's client_id."),
  insufficientScope: (scopes: readonly string[]) => new ApiError(403, 'insufficient_scope', `This call needs a token with the ${scopes.join(' or ')} scope.`),
  payloadTooLarge: () => new ApiError(413, 'payload_too_large', 'The request body is larger than 64 KiB.'),
  internalError: () => new ApiError(500, 'internal_error', 'Something went wrong on our side; the request can be retried.'),
  requestTimeout: (ms: number) => new ApiError(408, 'request_timeout', `The request did not arrive whole within ${ms / 1000} s; send it again.`),
  headersTooLarge: () => new ApiError(431, 'request_header_fields_too_large', 'The request headers are too large.'),
  malformedRequest: () => new ApiError(400, 'bad_request', 'The request is not valid HTTP/1.1.'),
  serviceUnavailable: () => new ApiError(503, 'service_unavailable', 'The service is shutting down or overloaded; retry shortly.'),
  overloaded: (seconds: number) =>
    new ApiError(503, 'service_unavailable', `The service is overloaded; retry in ${seconds} s.`, undefined, { 'retry-after': String(seconds) }),
  storeUnavailable: (seconds: number) =>
    new ApiError(503, 'service_unavailable', `The database cannot be reached or written right now; retry in ${seconds} s.`, undefined, {
      'retry-after': String(seconds),
    }),
  authorizationNotFound: () => notFound('The authorization'),
  captureNotFound: () => notFound('The capture'),
  notVerified: () =>
    new ApiError(
      409,
      'not_verified',
      'The customer is not verified for this purchase: the PIN is expired, used, replaced, or was issued for another request or use.',
    ),
  verificationCodeRequired: () => new ApiError(409, 'verification_code_required', 'A verification code (the PIN from verify) is required.'),
  wrongVerificationCode: () => new ApiError(409, 'wrong_verification_code', 'The verification code is wrong; three wrong codes end it.'),
  externalLocationNotFound: () =>
    new ApiError(409, 'external_location_id_not_found', 'The external_location_id is not one of the locations registered for this client.'),
  planTermNotAvailable: () =>
    new ApiError(
      409,
      'plan_term_not_available',
      'This plan and term are not available for this account and amount; ask calculate-interest for the ones that are.',
    ),
  planTermNotSet: () => new ApiError(409, 'plan_term_not_set', 'This merchant does not offer this plan.'),
  creditExceeded: () => new ApiError(409, 'credit_exceeded', 'The purchase, with its interest and fees, is more than the available credit.'),
  authorizationEnded: () => new ApiError(409, 'authorization_ended', 'The authorization is closed: nothing is left to capture or release.'),
  authAmountExceeded: () => new ApiError(409, 'auth_amount_exceeded', 'The amount is more than what remains of the authorization.'),
  captureAmountExceeded: () => new ApiError(409, 'capture_amount_exceeded', 'The amount is more than what remains of the capture.'),
  returnDateExceeded: () => new ApiError(409, 'return_date_exceeded', 'The capture is more than 100 days old: it can no longer be returned.'),
  wrongTransactionType: () => new ApiError(409, 'wrong_transaction_type', 'Returns are for promotional purchases; a regular purchase is refunded.'),
  refundsLimitExceeded: () => new ApiError(409, 'refunds_limit_exceeded_amount', "The refund is more than the account's balance."),
  invalidTransactionType: () =>
    new ApiError(409, 'invalid_transaction_type', 'Purchases go through authorization; this call takes deposit, instore_payment or tradein.'),
  paymentLimitExceeded: () => new ApiError(409, 'limit_payment_amount_24', 'Payments to this account would exceed 10 000.00 within 24 hours.'),
  tooManyRequests: (seconds: number) =>
    new ApiError(429, 'too_many_requests', `Too many requests; retry in ${seconds} s.`, undefined, { 'retry-after': String(seconds) }),
};

export { wrongInputs };
