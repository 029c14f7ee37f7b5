// Splits a card subfile body into its data elements: a three-letter id followed by the value.

export type Elements = ReadonlyMap<string, string>;

const LF = 10;
const CR = 13;

// Values that jurisdictions write where they have nothing to put; they mean "empty".
const PLACEHOLDER = /^(?:NONE|UNAVL|UNAVI)$/i;

/**
 * Reads elements between `start` and `end`. Elements end at LF or CR (the standard uses LF, scanners
 * substitute CR or CRLF). Ids are upper-cased because keyboard-wedge scanners lower-case everything;
 * values keep their case. The first occurrence of an id wins.
 */
export function readElements(text: string, start: number, end: number): Elements {
  const elements = new Map<string, string>();
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : LF;
    if (code !== LF && code !== CR) continue;
    if (i > lineStart) {
      if (startsAnotherCardSubfile(text, lineStart, i)) break;
      addElement(elements, text.slice(lineStart, i));
    }
    lineStart = i + 1;
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

function addElement(elements: Map<string, string>, line: string): void {
  const trimmed = line.trimStart();
  if (trimmed.length < 3 || !isElementId(trimmed)) return;
  const id = trimmed.slice(0, 3).toUpperCase();
  if (!elements.has(id)) elements.set(id, trimmed.slice(3).trim());
}

// Every element of the DL and ID subfiles has an id 'D' + two letters. Lines that are not
// elements (jurisdiction Z subfiles, noise) are skipped rather than fatal.
function isElementId(line: string): boolean {
  return (line.charCodeAt(0) | 0x20) === 0x64 && isLetter(line.charCodeAt(1)) && isLetter(line.charCodeAt(2));
}

// When offsets were unusable the body runs to the end of the text; a second card subfile must not
// leak its elements into the first one.
function startsAnotherCardSubfile(text: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  const type = text.slice(from, from + 2).toUpperCase();
  return (type === 'DL' || type === 'ID') && (to - from === 2 || (text.charCodeAt(from + 2) | 0x20) === 0x64);
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}
