// The lender's error body and the wire rule of what it may show: a refusal is kept and rendered through these alone.
import type { ApiError, FieldError } from './errors.js';
import { CARD_PARAMS, ownName, SECRET_PARAMS, WHOLE_PARTS } from './secret-params.js';

/**
 * A card number sent where it does not belong (a path segment, another field) must not come back either: any run of
 * 15 or more digits is masked to its last four. Account numbers have at most 14 digits, so they are left alone.
 */
export function maskLongDigitRuns(text: string): string {
  return text.replace(/\d{15,}/g, (digits) => `************${digits.slice(-4)}`);
}

const maskedCard = (value: unknown): string => {
  const digits = String(value).replace(/\D/g, '');
  return digits.length >= 4 ? `************${digits.slice(-4)}` : '****';
};

/** An object or array shown back: its secret fields left out and its card fields masked, at any depth. */
function withoutSecrets(key: string, value: unknown): unknown {
  if (key === '') return value;
  if (SECRET_PARAMS.has(key.toLowerCase())) return undefined;
  if (CARD_PARAMS.has(key.toLowerCase()) && value !== null && typeof value !== 'object') return maskedCard(value);
  return value;
}

function safeValue(param: string, value: unknown): unknown {
  const name = ownName(param);
  // A whole body or query is never shown: it may be text that was not parsed at all (JSON sent as text/plain), with
  // every secret of the request in it.
  if (value === undefined || SECRET_PARAMS.has(name) || WHOLE_PARTS.has(param)) return undefined;
  if (CARD_PARAMS.has(name)) return maskedCard(value);
  // Masked before it is cut, so no cut leaves a card number's first digits behind.
  const cut = (text: string) => {
    const masked = maskLongDigitRuns(text);
    return masked.length > 100 ? `${masked.slice(0, 100)}…` : masked;
  };
  if (typeof value === 'string') return cut(value);
  if (typeof value === 'number') return /\d{15,}/.test(String(value)) ? maskLongDigitRuns(String(value)) : value;
  if (typeof value === 'boolean' || value === null) return value;
  let json: string | undefined;
  try {
    json = JSON.stringify(value, withoutSecrets);
  } catch {
    // Nested too deeply for the stack (a hostile body): say so rather than fail the answer.
    return '(nested too deeply to show)';
  }
  return json === undefined ? undefined : cut(json);
}

/** A refusal as it may be shown and kept: secrets left out, card numbers masked, long values cut. */
export interface RefusalBody {
  message: string;
  error: string;
  field_errors?: FieldError[];
}

/** The error body's shape: a refusal, with the request's path and reference id. */
export interface ErrorBody extends RefusalBody {
  url: string;
  reference_id?: string;
}

export function refusalBodyOf(error: ApiError): RefusalBody {
  // Messages may quote what the client sent (a grant type, a licence field): masked like the values.
  const body: RefusalBody = { message: maskLongDigitRuns(error.message), error: error.code };
  if (error.fieldErrors) {
    body.field_errors = error.fieldErrors.map(({ param, msg, value }) => {
      const shown = safeValue(param, value);
      const said = maskLongDigitRuns(msg);
      return shown === undefined ? { param, msg: said } : { param, msg: said, value: shown };
    });
  }
  return body;
}
