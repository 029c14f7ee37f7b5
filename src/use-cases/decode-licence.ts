// Decoding the PDF417 text of a driver's licence or ID card into the fields a customer search or application needs.
import type { LicenceAnswer } from '../contract/licence.js';
import { wrongInputs } from '../contract/errors.js';
import { parseLicence } from '../domain/aamva/index.js';
import type { UseCaseContext } from './context.js';

export function decodeLicence(ctx: UseCaseContext, code: string): LicenceAnswer {
  const today = new Date(ctx.now()).toISOString().slice(0, 10);
  const result = parseLicence(code, { today });
  // The payload itself is never echoed: it is a person's identity document.
  if (!result.ok) throw wrongInputs([{ param: 'code', msg: result.problem }]);
  return result.fields;
}
