// What an error answer may show of what was sent: never a secret (at any depth, under any name's path), never a whole
// body or query (it may be text that was never parsed), card numbers masked.
import { describe, expect, it } from 'vitest';
import { refusalBodyOf } from '../../src/contract/error-body.js';
import { wrongInputs } from '../../src/contract/errors.js';

const shown = (param: string, value: unknown) => refusalBodyOf(wrongInputs([{ param, msg: 'is wrong', value }])).field_errors?.[0]?.value;

describe('the value an error answer shows', () => {
  it.each([
    ['a secret field', 'client_secret', 'demo-secret'],
    ['a secret field nested in the body', 'customer.security_answer', 'Fluffy'],
    ['a secret field in an array', 'answers.0.security_answer', 'Fluffy'],
    ['a secret named in capitals', 'Client_Secret', 'demo-secret'],
    ['a whole body that could not be parsed (JSON sent as text/plain)', 'body', '{"client_id":"flexitidemo","client_secret":"demo-secret"}'],
    ['a whole body of another shape', 'body', [{ client_secret: 'demo-secret' }]],
    ['a whole query', 'querystring', 'client_secret=demo-secret'],
  ])('leaves out %s', (_what, param, value) => expect(shown(param, value)).toBeUndefined());

  it.each([
    ['an object with a secret field', { format: 'x', security_answer: 'Fluffy', nested: { client_secret: 'demo-secret' } }],
    ['an array of objects with secrets', [{ refresh_token: 'r-123' }, { code: '1234' }]],
  ])('shows %s without the secrets', (_what, value) => {
    const text = String(shown('financing_option', value));
    for (const secret of ['Fluffy', 'demo-secret', 'r-123', '1234']) expect(text).not.toContain(secret);
  });

  it('masks a card field nested in an object', () => {
    expect(String(shown('sku_data', { vcc_number: '5299310002006395' }))).not.toContain('529931000200');
  });
  it('still shows a plain field as sent, so the caller sees what was wrong', () => {
    expect(shown('format', 'pigeon')).toBe('pigeon');
  });
});
