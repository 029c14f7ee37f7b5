// Tables for name resolution across AAMVA versions: DAA full names, DCT given names, separate elements.

import { describe, expect, it } from 'vitest';
import { parseFullName, readTruncation, resolveName, splitGivenNames } from '../../../src/domain/aamva/names.js';

const elements = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

describe('parseFullName (v1 DAA)', () => {
  it.each([
    ['PUBLIC,JOHN,QUINCY', 'JOHN', 'QUINCY', 'PUBLIC'],
    ['PUBLIC,JOHN QUINCY', 'JOHN', 'QUINCY', 'PUBLIC'],
    ['PUBLIC, JOHN , QUINCY ', 'JOHN', 'QUINCY', 'PUBLIC'],
    ['PUBLIC$JOHN$QUINCY', 'JOHN', 'QUINCY', 'PUBLIC'],
    ['PUBLIC,JOHN', 'JOHN', '', 'PUBLIC'],
    ['PUBLIC,JOHN,NONE', 'JOHN', '', 'PUBLIC'],
    ['PUBLIC,JOHN,QUINCY,JR', 'JOHN', 'QUINCY', 'PUBLIC'],
    ['PUBLIC,JOHN,QUINCY ADAMS', 'JOHN', 'QUINCY ADAMS', 'PUBLIC'],
    ['JOHN QUINCY PUBLIC', 'JOHN', 'QUINCY', 'PUBLIC'],
    ['JOHN QUINCY ADAMS PUBLIC', 'JOHN', 'QUINCY ADAMS', 'PUBLIC'],
    ['JOHN PUBLIC', 'JOHN', '', 'PUBLIC'],
    ['JOHN  PUBLIC  JR', 'JOHN', '', 'PUBLIC'],
    ['PUBLIC', '', '', 'PUBLIC'],
    ['public,john,quincy', 'john', 'quincy', 'public'],
  ])('%j → %s / %s / %s', (full, first, middle, last) => {
    expect(parseFullName(full)).toEqual({ first, middle, last });
  });
});

describe('splitGivenNames (v2 DCT)', () => {
  it.each([
    ['JOHN QUINCY', 'JOHN', 'QUINCY'],
    ['JOHN,QUINCY', 'JOHN', 'QUINCY'],
    ['JOHN, QUINCY ADAMS', 'JOHN', 'QUINCY ADAMS'],
    ['JOHN', 'JOHN', ''],
    ['JOHN,NONE', 'JOHN', ''],
    ['  JOHN   QUINCY ', 'JOHN', 'QUINCY'],
  ])('%j → %s / %s', (given, first, middle) => {
    expect(splitGivenNames(given)).toEqual({ first, middle });
  });
});

describe('resolveName', () => {
  it.each([
    ['v4+ DCS/DAC/DAD', { DCS: 'PUBLIC', DAC: 'JOHN', DAD: 'QUINCY' }, 'JOHN', 'QUINCY', 'PUBLIC'],
    ['v2 DCS/DCT', { DCS: 'PUBLIC', DCT: 'JOHN QUINCY' }, 'JOHN', 'QUINCY', 'PUBLIC'],
    ['v1 DAB/DAC/DAD', { DAB: 'PUBLIC', DAC: 'JOHN', DAD: 'QUINCY' }, 'JOHN', 'QUINCY', 'PUBLIC'],
    ['v1 DAA only', { DAA: 'PUBLIC,JOHN,QUINCY' }, 'JOHN', 'QUINCY', 'PUBLIC'],
    ['separate elements win over DAA', { DCS: 'SMITH', DAC: 'JANE', DAA: 'PUBLIC,JOHN' }, 'JANE', '', 'SMITH'],
    ['DAA fills a missing first name', { DCS: 'PUBLIC', DAA: 'PUBLIC,JOHN,Q' }, 'JOHN', 'Q', 'PUBLIC'],
    ['placeholders are empty', { DCS: 'PUBLIC', DAC: 'JOHN', DAD: 'unavl' }, 'JOHN', '', 'PUBLIC'],
    ['UNAVI in any case', { DCS: 'PUBLIC', DAC: 'JOHN', DAD: 'unavI' }, 'JOHN', '', 'PUBLIC'],
    ['NONE middle', { DCS: 'PUBLIC', DAC: 'JOHN', DAD: 'NONE' }, 'JOHN', '', 'PUBLIC'],
    ['aliases are ignored', { DCS: 'PUBLIC', DAC: 'JOHN', DBN: 'ALIAS', DBG: 'JACK', DBS: 'SR' }, 'JOHN', '', 'PUBLIC'],
    ['nothing', {}, '', '', ''],
  ])('%s', (_label, entries, first, middle, last) => {
    expect(resolveName(elements(entries))).toEqual({ first, middle, last });
  });
});

describe('readTruncation', () => {
  it.each([
    [{ DDE: 'T', DDF: 'N', DDG: 'U' }, { last_name: true }],
    [
      { DDE: 'N', DDF: 'T', DDG: 'T' },
      { first_name: true, middle_name: true },
    ],
    [{ DDE: 't' }, { last_name: true }],
    [{ DDE: 'N', DDF: 'N', DDG: 'N' }, undefined],
    [{ DDE: 'U', DDF: 'U', DDG: 'U' }, undefined],
    [{}, undefined],
  ])('%j → %j', (entries, truncation) => {
    expect(readTruncation(elements(entries))).toEqual(truncation);
  });
});
