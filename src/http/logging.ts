// Log settings: JSON lines, with secrets redacted and card numbers cut out of logged URLs.
import type { FastifyServerOptions } from 'fastify';
import { levels } from 'pino';

const CARD_IN_QUERY = /([?&]vcc_number=)[^&]*/gi;

/** The card number of a lookup, and any run of 15 or more digits elsewhere (a card number sent in the wrong place). */
export function redactUrl(url: string): string {
  return url.replace(CARD_IN_QUERY, '$1[REDACTED]').replace(/\d{15,}/g, '[REDACTED]');
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

/**
 * Fastify's per-request lines ("incoming request", "request completed") are at info: below that level they would be
 * built on every request only to be dropped, so they are turned off instead.
 */
export function requestLinesWritten(level: string): boolean {
  return level !== 'silent' && (levels.values[level] ?? Infinity) <= (levels.values.info as number);
}
