// Finds the driver's licence (DL) or ID card (ID) subfile in the payload, by its designator or by searching.

import type { Header } from './header.js';

export type CardSubfileType = 'DL' | 'ID';

export interface CardSubfile {
  type: CardSubfileType;
  /** First character after the two-letter subfile type. */
  bodyStart: number;
  /** One past the last character that may belong to the subfile. */
  bodyEnd: number;
  warnings: string[];
}

// A card subfile starts with its type and, at once or after one line break, its first element id.
const CARD_SUBFILE_START = /(DL|ID)(?=[\r\n]?D[A-Z]{2})/gi;
const OFFSETS_MISMATCH = 'offsets do not match the data';

export function locateCardSubfile(text: string, header: Header): CardSubfile | undefined {
  const warnings: string[] = [];
  const cardDesignators = header.designators.filter((d) => d.type === 'DL' || d.type === 'ID');
  if (cardDesignators.length > 1) {
    warnings.push(`the barcode holds ${cardDesignators.length} card subfiles; the first one listed was read`);
  }

  const designator = cardDesignators[0];
  if (designator !== undefined) {
    const start = header.fileStart + designator.offset;
    if (startsCardSubfile(text, start, designator.type)) {
      const declaredEnd = start + designator.length;
      // A length that stops mid-element would cut a value short; then read on to the end and rely
      // on the element reader to stop at the next subfile.
      const lengthFits = declaredEnd >= text.length || isLineBreak(text.charCodeAt(declaredEnd - 1));
      if (!lengthFits) warnings.push(OFFSETS_MISMATCH);
      return {
        type: designator.type as CardSubfileType,
        bodyStart: start + 2,
        bodyEnd: lengthFits ? Math.min(declaredEnd, text.length) : text.length,
        warnings,
      };
    }
    warnings.push(OFFSETS_MISMATCH);
  } else {
    warnings.push('the header lists no DL or ID subfile; it was found by searching');
  }

  CARD_SUBFILE_START.lastIndex = header.designatorsEnd;
  const found = CARD_SUBFILE_START.exec(text);
  if (found === null) return undefined;
  return {
    type: (found[1] ?? '').toUpperCase() as CardSubfileType,
    bodyStart: found.index + 2,
    bodyEnd: text.length,
    warnings,
  };
}

function startsCardSubfile(text: string, at: number, type: string): boolean {
  if (at < 0 || at + 2 > text.length) return false;
  return text.slice(at, at + 2).toUpperCase() === type;
}

function isLineBreak(charCode: number): boolean {
  return charCode === 10 || charCode === 13;
}
