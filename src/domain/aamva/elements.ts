// Splits a card subfile body into its data elements: a three-letter id followed by the value.

export type Elements = ReadonlyMap<string, string>;

const SPACE = 32;
const UPPER_D = 0x44;
const UPPER_I = 0x49;
const UPPER_L = 0x4c;

// Values that jurisdictions write where they have nothing to put; they mean "empty".
const PLACEHOLDER = /^(?:NONE|UNAVL|UNAVI)$/i;

/**
 * Reads elements between `start` and `end`. Elements end at LF or CR (the standard uses LF, scanners
 * substitute CR or CRLF). Ids are upper-cased because keyboard-wedge scanners lower-case everything;
 * values keep their case. The first occurrence of an id wins.
 *
 * Works on character codes and slices each id and value once: this loop is most of the parse time.
 */
export function readElements(text: string, start: number, end: number): Elements {
  const elements = new Map<string, string>();
  let nextLf = text.indexOf('\n', start);
  let nextCr = text.indexOf('\r', start);
  for (let lineStart = start; lineStart < end;) {
    if (nextLf !== -1 && nextLf < lineStart) nextLf = text.indexOf('\n', lineStart);
    if (nextCr !== -1 && nextCr < lineStart) nextCr = text.indexOf('\r', lineStart);
    const lineEnd = Math.min(end, nextLf === -1 ? end : nextLf, nextCr === -1 ? end : nextCr);
    if (lineEnd > lineStart) {
      if (startsAnotherCardSubfile(text, lineStart, lineEnd)) break;
      addElement(elements, text, lineStart, lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  return elements;
}

/** An element value, trimmed, with placeholders such as NONE turned into ''. */
export function elementValue(elements: Elements, id: string): string {
  const value = elements.get(id);
  if (value === undefined || value === '') return '';
  return isPlaceholder(value) ? '' : value;
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

function addElement(elements: Map<string, string>, text: string, from: number, to: number): void {
  let idStart = from;
  while (idStart < to && isBlank(text.charCodeAt(idStart))) idStart++;
  // Every element of the DL and ID subfiles has an id 'D' + two letters. Lines that are not
  // elements (jurisdiction Z subfiles, noise) are skipped rather than fatal.
  if (to - idStart < 3) return;
  const c0 = text.charCodeAt(idStart);
  const c1 = text.charCodeAt(idStart + 1);
  const c2 = text.charCodeAt(idStart + 2);
  if (upper(c0) !== UPPER_D || !isLetter(c1) || !isLetter(c2)) return;
  const rawId = text.slice(idStart, idStart + 3);
  const id = c0 === UPPER_D && isUpper(c1) && isUpper(c2) ? rawId : rawId.toUpperCase();
  if (elements.has(id)) return;

  let valueStart = idStart + 3;
  let valueEnd = to;
  while (valueStart < valueEnd && isBlank(text.charCodeAt(valueStart))) valueStart++;
  while (valueEnd > valueStart && isBlank(text.charCodeAt(valueEnd - 1))) valueEnd--;
  elements.set(id, text.slice(valueStart, valueEnd));
}

// When offsets were unusable the body runs to the end of the text; a second card subfile ('DL' or
// 'ID', alone or followed by its first element) must not leak its elements into the first one.
function startsAnotherCardSubfile(text: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  const c0 = upper(text.charCodeAt(from));
  const c1 = upper(text.charCodeAt(from + 1));
  const isType = (c0 === UPPER_D && c1 === UPPER_L) || (c0 === UPPER_I && c1 === UPPER_D);
  return isType && (to - from === 2 || upper(text.charCodeAt(from + 2)) === UPPER_D);
}

// Spaces pad fixed-width values; stray control characters (RS, FS, NUL) come from scanners.
function isBlank(code: number): boolean {
  return code <= SPACE;
}

function upper(code: number): number {
  return code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
}

function isUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isLetter(code: number): boolean {
  return isUpper(upper(code));
}
