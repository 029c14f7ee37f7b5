// Decoding the PDF417 text of a driver's licence or ID card into the fields a customer search or application needs.
import { parseLicence, type LicenceFields } from '../domain/aamva/index.js';
import { wrongInputs } from '../contract/errors.js';
import type { ServiceContext } from './context.js';

export type LicenceAnswer = Omit<LicenceFields, 'aamva_version'> & { aamva_version: number };

export function decodeLicence(ctx: ServiceContext, code: string): LicenceAnswer {
  const today = new Date(ctx.now()).toISOString().slice(0, 10);
  const result = parseLicence(code, { today });
  // The payload itself is never echoed: it is a person's identity document.
  if (!result.ok) throw wrongInputs([{ param: 'code', msg: result.problem }]);
  return result.fields;
}
