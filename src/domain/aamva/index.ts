// Public API of the AAMVA driver's licence / ID card barcode parser.

export type { GovIdType, LicenceFields, ParseOptions, ParseResult } from './types.js';
export { parseLicence, MAX_PAYLOAD_LENGTH } from './parse.js';
