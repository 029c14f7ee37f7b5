// Turns the text of a licence's PDF417 barcode into the lender's customer fields, or one problem sentence.

import { isIsoDate, isNoExpirySentinel, readAamvaDate, type DateOrder } from './dates.js';
import { elementValue, readElements, type Elements } from './elements.js';
import { readHeader, type Header } from './header.js';
import { countryFromDcg, jurisdictionByCode, jurisdictionByIin, normalizeJurisdictionCode, type IssuerCountry, type Jurisdiction } from './jurisdictions.js';
import { readTruncation, resolveName } from './names.js';
import { normalizePostalCode } from './postal.js';
import { quote } from './quote.js';
import { readSex, type Sex } from './sex.js';
import { locateCardSubfile, type CardSubfileType } from './subfiles.js';
import type { LicenceFields, ParseOptions, ParseResult } from './types.js';

/** A PDF417 symbol holds under 2 000 text characters; anything far longer is not a licence. */
export const MAX_PAYLOAD_LENGTH = 10_000;

const CRLF = /\r\n/g;
const NOT_BLANK = /\S/;
const EXPECTED_ORDER: Record<'CA' | 'US', DateOrder> = { CA: 'CCYYMMDD', US: 'MMDDCCYY' };

// Refusals unwind from the helpers straight to parseLicence. Not an Error subclass: no stack is
// captured, so refusing costs little and nothing internal can leak into the problem sentence.
class Refusal {
  constructor(readonly problem: string) {}
}

export function parseLicence(code: string, options?: ParseOptions): ParseResult {
  try {
    return { ok: true, fields: readLicence(code, options) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    // Only a bug gets here; the caller is promised a result, never an exception.
    return { ok: false, problem: 'the barcode could not be read' };
  }
}

function refuse(problem: string): never {
  throw new Refusal(problem);
}

function readLicence(code: unknown, options: ParseOptions | undefined): LicenceFields {
  const card = readCard(code);
  const { header, elements, warnings } = card;

  const name = resolveName(elements);
  if (name.first === '' && name.last === '') refuse('the barcode has no name (DCS/DAC, or DAA on older cards)');
  if (name.last === '') warnings.push('the barcode has no last name');
  if (name.first === '') warnings.push('the barcode has no first name');

  const issuer = jurisdictionByIin(header.iin);
  const daj = normalizeJurisdictionCode(elementValue(elements, 'DAJ'));
  const country = issuingCountry(issuer, elementValue(elements, 'DCG'), daj, warnings);
  // Version 1 cards used either order, so only later versions are held to their country's order.
  const dateCountry = header.version >= 2 ? country : undefined;

  const dob = readDate(elements, 'DBB', 'date of birth', dateCountry, warnings);
  if (dob === '') refuse('the barcode has no date of birth (DBB)');
  const licenceNumber = elementValue(elements, 'DAQ');
  if (licenceNumber === '') refuse('the barcode has no licence number (DAQ)');
  const expiry = readExpiry(elements, dateCountry, warnings);
  if (expiry !== '' && expiry < dob) warnings.push('the expiry date is before the date of birth');

  if (country === 'MX') {
    refuse(`the licence was issued in Mexico${issuer ? ` (${issuer.name})` : ''}; only Canadian and US licences can be read`);
  }
  if (country === undefined) refuse('the barcode does not show whether the licence is Canadian or American');
  const issuedBy = issuingJurisdiction(issuer, header.iin, daj, warnings);

  const fields: LicenceFields = {
    first_name: name.first,
    middle_name: name.middle,
    last_name: name.last,
    dob,
    // v1 cards may carry only the residence address (DAL-DAP) instead of the mailing one (DAG-DAK).
    address_1: elementValue(elements, 'DAG') || elementValue(elements, 'DAL'),
    city: elementValue(elements, 'DAI') || elementValue(elements, 'DAN'),
    province: issuedBy,
    postal_code: readPostalCode(elements, warnings),
    govid_type: `${country}${card.type}`,
    govid_issuedby: issuedBy,
    govid_number: licenceNumber,
    govid_expiry: expiry,
    aamva_version: header.version,
    warnings,
  };
  const address2 = elementValue(elements, 'DAH') || elementValue(elements, 'DAM');
  if (address2 !== '') fields.address_2 = address2;
  const sex = readSexElement(elements, warnings);
  if (sex !== undefined) fields.sex = sex;
  const truncated = readTruncation(elements);
  if (truncated !== undefined) fields.truncated = truncated;
  if (isExpired(expiry, options?.today, warnings)) fields.expired = true;
  return fields;
}

interface Card {
  header: Header;
  type: CardSubfileType;
  elements: Elements;
  warnings: string[];
}

/** From raw input to the elements of the DL or ID subfile, refusing what is not a licence barcode. */
function readCard(code: unknown): Card {
  if (typeof code !== 'string') refuse('the barcode must be given as text');
  if (code.length > MAX_PAYLOAD_LENGTH) {
    refuse(`the barcode is too long to be a licence barcode (${code.length} characters, at most ${MAX_PAYLOAD_LENGTH})`);
  }
  if (!NOT_BLANK.test(code)) refuse('the barcode is empty');

  // The standard never writes CR followed by LF, so a CRLF can only be a scanner's rewrite of LF;
  // undoing it also restores the designator offsets.
  const text = code.includes('\r\n') ? code.replace(CRLF, '\n') : code;

  const headerReading = readHeader(text);
  if (!headerReading.ok) refuse(headerReading.problem);
  const header = headerReading.header;
  const subfile = locateCardSubfile(text, header);
  if (subfile === undefined) refuse("the barcode has no driver's licence (DL) or ID card (ID) subfile");
  return {
    header,
    type: subfile.type,
    elements: readElements(text, subfile.bodyStart, subfile.bodyEnd),
    warnings: [...header.warnings, ...subfile.warnings],
  };
}

// The IIN is the most reliable: it is assigned to the issuer. DCG (v2+) comes next; the address
// jurisdiction is the last resort.
function issuingCountry(issuer: Jurisdiction | undefined, dcg: string, daj: string, warnings: string[]): IssuerCountry | undefined {
  const declared = dcg === '' ? undefined : countryFromDcg(dcg);
  if (issuer !== undefined) {
    if (declared !== undefined && declared !== issuer.country) {
      warnings.push(`the country ${quote(dcg)} (DCG) does not match the issuer's country ${issuer.country}`);
    }
    return issuer.country;
  }
  return declared ?? jurisdictionByCode(daj)?.country;
}

// The province is the address jurisdiction (DAJ) as written; the IIN only checks or fills it in.
function issuingJurisdiction(issuer: Jurisdiction | undefined, iin: string, daj: string, warnings: string[]): string {
  if (issuer === undefined) warnings.push(`IIN ${iin} is not in the AAMVA table`);
  const known = daj === '' ? undefined : jurisdictionByCode(daj);
  if (known !== undefined) {
    if (issuer !== undefined && issuer.code !== known.code) {
      warnings.push(`IIN ${iin} (${issuer.code}) does not match jurisdiction ${known.code}`);
    }
    return known.code;
  }
  if (issuer === undefined) {
    refuse(
      daj === ''
        ? 'the barcode does not say which province or state issued the licence'
        : `the jurisdiction ${quote(daj)} (DAJ) is not a Canadian province or territory or a US state`,
    );
  }
  if (daj !== '') warnings.push(`the jurisdiction ${quote(daj)} (DAJ) is not a known code; the IIN's ${issuer.code} was used`);
  return issuer.code;
}

/** `country` is the one whose date order the card should follow, if any. */
function readDate(elements: Elements, id: string, label: string, country: IssuerCountry | undefined, warnings: string[]): string {
  const raw = elementValue(elements, id);
  if (raw === '') return '';
  const reading = readAamvaDate(raw);
  if (!reading.ok) {
    refuse(reading.reason === 'not-eight-digits' ? `the ${label} ${quote(raw)} is not an eight-digit date` : `the ${label} ${quote(raw)} is not a real date`);
  }
  const expected = country === 'CA' || country === 'US' ? EXPECTED_ORDER[country] : undefined;
  if (expected !== undefined && reading.order !== expected) {
    warnings.push(`the ${label} ${quote(raw)} is written ${reading.order}, not the ${expected} the standard sets for ${country}`);
  }
  return reading.iso;
}

function readExpiry(elements: Elements, country: IssuerCountry | undefined, warnings: string[]): string {
  const raw = elementValue(elements, 'DBA');
  if (raw !== '' && isNoExpirySentinel(raw)) {
    warnings.push(`the expiry date ${quote(raw)} means the card does not expire`);
    return '';
  }
  return readDate(elements, 'DBA', 'expiry date', country, warnings);
}

function readPostalCode(elements: Elements, warnings: string[]): string {
  const raw = elementValue(elements, 'DAK') || elementValue(elements, 'DAP');
  if (raw === '') return '';
  const reading = normalizePostalCode(raw);
  if (reading.kind === 'unrecognised') {
    warnings.push(`the postal code ${quote(raw)} is neither a Canadian postal code nor a US ZIP code`);
  }
  return reading.value;
}

function readSexElement(elements: Elements, warnings: string[]): Sex | undefined {
  const code = elementValue(elements, 'DBC');
  const sex = readSex(code);
  if (sex === undefined && code !== '') {
    warnings.push(`the sex code ${quote(code)} is not one the standard defines; sex was left out`);
  }
  return sex;
}

// `today` comes from the caller, who may not be TypeScript; a bad one is reported, not fatal.
function isExpired(expiry: string, today: unknown, warnings: string[]): boolean {
  if (today === undefined) return false;
  if (typeof today !== 'string' || !isIsoDate(today)) {
    warnings.push(`the today option ${quote(String(today))} is not a YYYY-MM-DD date; expiry was not checked`);
    return false;
  }
  return expiry !== '' && expiry < today;
}
