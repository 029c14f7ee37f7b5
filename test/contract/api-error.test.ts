// A refusal carries what the answer needs and no stack: it is an answer, not a fault, and capturing a stack was the
// largest cost of a 404. The process's own stack depth is left as it was.
import { describe, expect, it } from 'vitest';
import { ApiError, notFound, wrongInputs } from '../../src/contract/errors.js';

describe('ApiError', () => {
  it('keeps status, code, message, field errors and headers, without stack frames', () => {
    const refusal = new ApiError(401, 'invalid_token', 'The token expired.', undefined, { 'www-authenticate': 'Bearer' });
    expect([refusal.status, refusal.code, refusal.message, refusal.headers, refusal.name]).toEqual([
      401,
      'invalid_token',
      'The token expired.',
      { 'www-authenticate': 'Bearer' },
      'ApiError',
    ]);
    expect(refusal).toBeInstanceOf(Error);
    const inputs = wrongInputs([{ param: 'amount', msg: 'must be a number', value: 'x' }]);
    expect(inputs.fieldErrors).toEqual([{ param: 'amount', msg: 'must be a number', value: 'x' }]);
    for (const error of [refusal, inputs, notFound('The account')]) expect(error.stack ?? '').not.toMatch(/\n\s+at /);
  });

  it('leaves every other error its stack', () => {
    const before = Error.stackTraceLimit;
    notFound('The customer');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});
