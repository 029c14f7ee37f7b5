// Works out first, middle and last name from whichever name elements the card's AAMVA version uses.

import { elementValue, isPlaceholder, type Elements } from './elements.js';

export interface PersonName {
  first: string;
  middle: string;
  last: string;
}

const FULL_NAME_DELIMITER = /[,$]/;
const WHITESPACE = /\s+/;
// Suffixes some v1 cards append to the full name; they are not part of the last name.
const SUFFIXES = new Set(['JR', 'JR.', 'SR', 'SR.', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', '1ST', '2ND', '3RD', '4TH']);

/**
 * Prefers the separate elements (v3+: DCS/DAC/DAD; v1: DAB/DAC/DAD), then v2's DCT given names,
 * then the v1 full name DAA, filling only what is still missing. Alias elements (DBN/DBG/DBS) are
 * never read: they are other names the person used, not the licence name.
 */
export function resolveName(elements: Elements): PersonName {
  let last = elementValue(elements, 'DCS') || elementValue(elements, 'DAB');
  let first = elementValue(elements, 'DAC');
  let middle = elementValue(elements, 'DAD');

  if (first === '') {
    const given = elementValue(elements, 'DCT');
    if (given !== '') {
      const split = splitGivenNames(given);
      first = split.first;
      middle = middle || split.middle;
    }
  }

  if (first === '' || last === '') {
    const full = elementValue(elements, 'DAA');
    if (full !== '') {
      const parsed = parseFullName(full);
      last = last || parsed.last;
      if (first === '') {
        first = parsed.first;
        middle = middle || parsed.middle;
      }
    }
  }
  return { first, middle, last };
}

/** v2's DCT: given names, first and middle separated by a comma or a space. */
export function splitGivenNames(given: string): { first: string; middle: string } {
  const parts = given.includes(',') ? given.split(',') : given.trim().split(WHITESPACE);
  const names = cleanParts(parts);
  return { first: names[0] ?? '', middle: names.slice(1).join(' ') };
}

/**
 * v1's DAA full name. The standard says LAST,FIRST,MIDDLE; jurisdictions also wrote
 * LAST,FIRST MIDDLE, LAST$FIRST$MIDDLE, and FIRST MIDDLE LAST with spaces only.
 */
export function parseFullName(full: string): PersonName {
  if (FULL_NAME_DELIMITER.test(full)) {
    const parts = full.split(FULL_NAME_DELIMITER).map(cleanPart);
    const last = parts[0] ?? '';
    const rest = dropSuffix(parts.slice(1).filter((p) => p !== ''));
    if (rest.length === 1) {
      // LAST,FIRST MIDDLE: the given names share one comma-separated part.
      const given = splitGivenNames(rest[0] ?? '');
      return { last, first: given.first, middle: given.middle };
    }
    return { last, first: rest[0] ?? '', middle: rest.slice(1).join(' ') };
  }

  const words = dropSuffix(cleanParts(full.trim().split(WHITESPACE)));
  if (words.length === 1) return { first: '', middle: '', last: words[0] ?? '' };
  return {
    first: words[0] ?? '',
    middle: words.slice(1, -1).join(' '),
    last: words[words.length - 1] ?? '',
  };
}

function cleanPart(part: string): string {
  const trimmed = part.trim();
  return isPlaceholder(trimmed) ? '' : trimmed;
}

function cleanParts(parts: string[]): string[] {
  return parts.map(cleanPart).filter((p) => p !== '');
}

function dropSuffix(parts: string[]): string[] {
  const lastPart = parts[parts.length - 1];
  return parts.length > 1 && lastPart !== undefined && SUFFIXES.has(lastPart.toUpperCase()) ? parts.slice(0, -1) : parts;
}

export interface NameTruncation {
  first_name?: boolean;
  middle_name?: boolean;
  last_name?: boolean;
}

/** DDE/DDF/DDG: 'T' marks a name cut to fit the card; only those are reported. */
export function readTruncation(elements: Elements): NameTruncation | undefined {
  const truncation: NameTruncation = {};
  if (isTruncated(elements, 'DDE')) truncation.last_name = true;
  if (isTruncated(elements, 'DDF')) truncation.first_name = true;
  if (isTruncated(elements, 'DDG')) truncation.middle_name = true;
  return Object.keys(truncation).length > 0 ? truncation : undefined;
}

function isTruncated(elements: Elements, id: string): boolean {
  const flag = elements.get(id);
  return flag === 'T' || flag === 't';
}
