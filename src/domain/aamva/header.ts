// Reads the AAMVA file header and the subfile designators that follow it.

export interface SubfileDesignator {
  /** Two letters: DL, ID, or a jurisdiction's Z? subfile; upper-cased. */
  type: string;
  offset: number;
  length: number;
}

export interface Header {
  /** Index in the text that designator offsets count from (where '@' is, or would be). */
  fileStart: number;
  iin: string;
  version: number;
  /** Absent in version 1 headers. */
  jurisdictionVersion: number | undefined;
  declaredEntries: number | undefined;
  designators: SubfileDesignator[];
  /** Index just past the last designator read: where the first subfile should begin. */
  designatorsEnd: number;
  warnings: string[];
}

export type HeaderReading = { ok: true; header: Header } | { ok: false; problem: string };

// The standard opens with '@', LF, RS, CR. Scanners drop, double or swap those characters, and some
// prefix an AIM symbology identifier (']L2'), so anything short and non-alphanumeric is tolerated.
const FILE_TYPE = /^((?:\][A-Za-z][0-9A-Za-z])?[^A-Za-z0-9]{0,64}?)(?:ANSI|AAMVA)[ \t\r\n]*/i;
const STANDARD_PREFIX = '@\n\u001e\r';
// IIN, AAMVA version, then jurisdiction version and entry count (v2+) or just the entry count (v1).
const NUMBERS = /(\d{6})(\d{2})(\d{0,4})/y;
const DESIGNATOR = /[ \t\r\n]*([A-Za-z]{2})(\d{4})(\d{4})/y;
const MAX_DESIGNATORS = 32;
const NEWEST_KNOWN_VERSION = 10;

export function readHeader(text: string): HeaderReading {
  const fileType = FILE_TYPE.exec(text);
  if (fileType === null) {
    return { ok: false, problem: "this is not an AAMVA driver's licence barcode" };
  }
  const fileTypeAt = (fileType[1] ?? '').length;
  const warnings: string[] = [];
  const fileStart = fileTypeAt - STANDARD_PREFIX.length;
  if (fileStart < 0 || text.slice(fileStart, fileTypeAt) !== STANDARD_PREFIX) {
    warnings.push('the header does not start with the standard @, LF, RS, CR characters');
  }

  NUMBERS.lastIndex = fileType[0].length;
  const numbers = NUMBERS.exec(text);
  if (numbers === null) {
    return {
      ok: false,
      problem: 'the barcode header has no issuer identification number and AAMVA version after the file type',
    };
  }
  const [, iin = '', versionDigits = '', rest = ''] = numbers;
  const version = Number(versionDigits);
  if (version < 1 || version > NEWEST_KNOWN_VERSION) {
    warnings.push(`AAMVA version ${versionDigits} is outside 01–10; read with the 2020 rules`);
  }

  // Version 1 has no jurisdiction version field; a v2+ header that lacks one is read the same way.
  let jurisdictionVersion: number | undefined;
  let declaredEntries: number | undefined;
  if (rest.length === 4) {
    jurisdictionVersion = Number(rest.slice(0, 2));
    declaredEntries = Number(rest.slice(2));
  } else if (rest.length >= 2) {
    declaredEntries = Number(rest.slice(0, 2));
  }

  const designators: SubfileDesignator[] = [];
  let designatorsEnd = NUMBERS.lastIndex;
  DESIGNATOR.lastIndex = designatorsEnd;
  for (let match = DESIGNATOR.exec(text); match !== null; match = DESIGNATOR.exec(text)) {
    designators.push({ type: (match[1] ?? '').toUpperCase(), offset: Number(match[2]), length: Number(match[3]) });
    designatorsEnd = DESIGNATOR.lastIndex;
    if (designators.length === MAX_DESIGNATORS) break;
  }
  if (declaredEntries !== undefined && declaredEntries !== designators.length) {
    warnings.push(`the header declares ${declaredEntries} subfiles but lists ${designators.length}`);
  }

  return {
    ok: true,
    header: { fileStart, iin, version, jurisdictionVersion, declaredEntries, designators, designatorsEnd, warnings },
  };
}
