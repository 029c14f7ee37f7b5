// The parameters whose values are secrets or card numbers: never shown in an error answer, never logged in clear.

/** Parameters whose values never go back on the wire nor into a log line, even in an error. */
export const SECRET_PARAMS: ReadonlySet<string> = new Set([
  'security_answer',
  'client_secret',
  'code',
  'refresh_token',
  'access_token',
  'authorization',
  'verification_code',
  'pin',
  'password',
  // The token call's closed sets: a secret typed into the wrong field of it is refused by the enum, and not shown back.
  'grant_type',
  'scope',
]);

/** Parameters that carry a card number: shown and logged masked to their last four. */
export const CARD_PARAMS: ReadonlySet<string> = new Set(['vcc_number']);

/** A dotted parameter (`sku_data.products.0.sku_id`) is judged by its own name, the last segment. */
export const ownName = (param: string): string => param.slice(param.lastIndexOf('.') + 1).toLowerCase();

/** The request parts themselves: a value named this way is a whole body or query, never shown back. */
export const WHOLE_PARTS: ReadonlySet<string> = new Set(['body', 'querystring', 'params', 'headers']);
