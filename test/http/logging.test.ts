// What the logs write: lines below the level are not built; URLs without their secrets or card numbers.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { levelWritten, redactUrl } from '../../src/http/logging.js';
import { REQUEST_LINE } from '../../src/http/plugins/app/request-log.js';
import { API, nextReferenceId, TOKEN_URL } from '../helpers/api.js';
import { describeEachStore } from '../helpers/stores.js';

describe('levelWritten', () => {
  it.each([
    ['trace', true, true],
    ['debug', true, true],
    ['info', true, false],
    ['warn', false, false],
    ['error', false, false],
    ['fatal', false, false],
    ['silent', false, false],
  ])('at %s: info %s, debug %s', (level, info, debug) => expect([levelWritten(level, 'info'), levelWritten(level, 'debug')]).toEqual([info, debug]));
});

describe('redactUrl: the query string as logged', () => {
  it.each([
    ['a client secret', '/t?client_id=a&client_secret=s3cr3t', '/t?client_id=a&client_secret=[REDACTED]'],
    ['a percent-encoded name', '/t?client%5Fsecret=s3cr3t', '/t?client%5Fsecret=[REDACTED]'],
    ['a name in capitals, as an array', '/t?Client_Secret[]=s3cr3t', '/t?Client_Secret[]=[REDACTED]'],
    ['a security answer', '/v?security_answer=Fluffy&format=x', '/v?security_answer=[REDACTED]&format=x'],
    ['a refresh token and a PIN', '/a?refresh_token=rt&verification_code=1234', '/a?refresh_token=[REDACTED]&verification_code=[REDACTED]'],
    ['a card number', '/l?vcc_number=5299310002006395', '/l?vcc_number=[REDACTED]'],
    ['a card number in another parameter', '/l?x=5299310002006395', '/l?x=[REDACTED]'],
    ['a 13-digit card number in the path', '/r/4222222222222/x', '/r/422222***2222/x'],
    ['nothing secret', '/l?account_number=20035156&lang=fr', '/l?account_number=20035156&lang=fr'],
  ])('hides %s', (_what, url, logged) => expect(redactUrl(url)).toBe(logged));
});

describeEachStore(
  'logs of a refused call with credentials in its query',
  (fixture) => {
    it('keep the call refused and write no secret', async () => {
      const lines: string[] = [];
      const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
      const app = await buildApp(fixture().ctx, { logStream: sink });
      const secrets = ['demo-secret', 'Fluffy-answer', 'rt-0123456789'];
      const token = await app.inject({
        method: 'POST',
        url: `${TOKEN_URL}?grant_type=client_credentials&client_id=flexitidemo&client_secret=demo-secret&refresh_token=rt-0123456789`,
        headers: { 'x-reference-id': nextReferenceId() },
      });
      expect(token.statusCode).toBeGreaterThanOrEqual(400);
      expect(token.statusCode).toBeLessThan(500);
      await app.inject({
        method: 'GET',
        url: `${API}/customers/lookup?account_number=20035156&security_answer=Fluffy-answer`,
        headers: { 'x-reference-id': nextReferenceId() },
      });
      await app.inject({ method: 'GET', url: `${API}/customers/nowhere?client%5Fsecret=demo-secret`, headers: { 'x-reference-id': nextReferenceId() } });
      await app.close();
      const log = lines.join('');
      for (const secret of secrets) expect(log).not.toContain(secret);
      // The lines were written: each call's request line, which names its route, never its URL.
      expect(lines.filter((l) => l.includes(`"msg":"${REQUEST_LINE}"`))).toHaveLength(3);
    });
  },
  { LOG_LEVEL: 'info' },
);
