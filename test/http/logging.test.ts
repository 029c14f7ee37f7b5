// Which log levels write Fastify's per-request lines: those at info and below do; warn and above leave them unbuilt.
import { describe, expect, it } from 'vitest';
import { requestLinesWritten } from '../../src/http/logging.js';

describe('requestLinesWritten', () => {
  it.each([
    ['trace', true],
    ['debug', true],
    ['info', true],
    ['warn', false],
    ['error', false],
    ['fatal', false],
    ['silent', false],
  ])('at %s: %s', (level, written) => expect(requestLinesWritten(level)).toBe(written));
});
