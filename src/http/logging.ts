// Log settings: JSON lines, with secrets redacted and card numbers cut out of logged URLs.
import type { FastifyServerOptions } from 'fastify';
import { levels } from 'pino';
import { CARD_PARAMS, ownName, SECRET_PARAMS } from '../contract/secret-params.js';
import { maskCardNumbers } from '../domain/identity.js';

/** A query parameter's name as the service reads it: percent-decoded, without a `[]` or `[key]` suffix. */
function parameterName(raw: string): string {
  let name = raw.replace(/\+/g, ' ');
  try {
    name = decodeURIComponent(name);
  } catch {
    // Broken percent-encoding: judged as sent.
  }
  return ownName(name.replace(/\[.*$/, ''));
}

/**
 * A URL as it may be logged. The query's secrets and card numbers (whatever route they were sent to, and even when the
 * call is refused for carrying them) are replaced whole; then card numbers elsewhere (a path segment, another
 * parameter).
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let redacted = url;
  if (q !== -1) {
    const query = url
      .slice(q + 1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const name = parameterName(eq === -1 ? pair : pair.slice(0, eq));
        return eq !== -1 && (SECRET_PARAMS.has(name) || CARD_PARAMS.has(name)) ? `${pair.slice(0, eq)}=[REDACTED]` : pair;
      })
      .join('&');
    redacted = `${url.slice(0, q)}?${query}`;
  }
  // Runs of 15 digits or more go whole; a shorter card number (13 or 14 digits, passing Luhn) keeps six and four.
  return maskCardNumbers(redacted.replace(/\d{15,}/g, '[REDACTED]'));
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.client_secret',
        '*.security_answer',
        '*.vcc_number',
        '*.verification_code',
        '*.refresh_token',
        '*.access_token',
        '*.pin',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Whether a logger at `level` writes lines of level `line`: what is not written is not built either. */
export function levelWritten(level: string, line: 'debug' | 'info'): boolean {
  return level !== 'silent' && (levels.values[level] ?? Infinity) <= (levels.values[line] as number);
}
