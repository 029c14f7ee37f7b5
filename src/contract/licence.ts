// POST /customers/driverslicense: the barcode text in, the contract's fields (and a few more) out.
import { Type, type Static } from 'typebox';
import { ClosedSet } from './common.js';
import { LICENCE_ANSWER_EXAMPLE, LICENCE_BODY_EXAMPLE } from './examples.js';

const GOVID_TYPES = ['CADL', 'CAID', 'USDL', 'USID'] as const;

export const LicenceBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 10000, description: 'the text of the PDF417 barcode on the back of the card (AAMVA DL/ID, versions 1–10)' }),
  },
  { title: 'LicenceBody', examples: [LICENCE_BODY_EXAMPLE] },
);

export const LicenceAnswerSchema = Type.Object(
  {
    first_name: Type.String(),
    middle_name: Type.String(),
    last_name: Type.String(),
    dob: Type.String({ format: 'date' }),
    address_1: Type.String(),
    address_2: Type.Optional(Type.String()),
    city: Type.String(),
    province: Type.String(),
    postal_code: Type.String({ description: 'A1A 1A1 in Canada; 12345 or 12345-6789 in the US' }),
    govid_type: ClosedSet(GOVID_TYPES, { description: 'CADL, CAID, USDL or USID' }),
    govid_issuedby: Type.String({ description: 'the issuing province or state' }),
    govid_number: Type.String(),
    govid_expiry: Type.String({ description: "YYYY-MM-DD, or '' when the card has none" }),
    sex: Type.Optional(ClosedSet(['M', 'F', 'X'], { description: 'M, F or X (beyond the contract)' })),
    expired: Type.Optional(Type.Boolean({ description: 'true when the card has expired (beyond the contract)' })),
    truncated: Type.Optional(
      Type.Object(
        { first_name: Type.Optional(Type.Boolean()), middle_name: Type.Optional(Type.Boolean()), last_name: Type.Optional(Type.Boolean()) },
        { description: 'names the card marks as truncated' },
      ),
    ),
    aamva_version: Type.Integer({ description: 'the AAMVA standard version of the barcode (beyond the contract)' }),
    warnings: Type.Array(Type.String(), { description: 'leniencies applied to a sloppy scan (beyond the contract)' }),
  },
  { title: 'LicenceAnswer', description: 'The fields printed on the card, read from its barcode.', examples: [LICENCE_ANSWER_EXAMPLE] },
);

export type LicenceAnswer = Static<typeof LicenceAnswerSchema>;
