// Tables for header reading and subfile location, including the ways scanners damage them.

import { describe, expect, it } from 'vitest';
import { readElements } from '../../../src/domain/aamva/elements.js';
import { readHeader, type Header } from '../../../src/domain/aamva/header.js';
import { locateCardSubfile } from '../../../src/domain/aamva/subfiles.js';

function header(text: string): Header {
  const reading = readHeader(text);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.header;
}

describe('readHeader', () => {
  it('reads a version 8 header with two designators', () => {
    const h = header('@\n\u001e\rANSI 636014080102DL00410278ZC03190008DLDAQ');
    expect(h).toMatchObject({
      fileStart: 0,
      iin: '636014',
      version: 8,
      jurisdictionVersion: 1,
      declaredEntries: 2,
      designatorsEnd: 41,
      warnings: [],
      designators: [
        { type: 'DL', offset: 41, length: 278 },
        { type: 'ZC', offset: 319, length: 8 },
      ],
    });
  });
  it('reads a version 1 header, which has no jurisdiction version', () => {
    const h = header('@\n\u001e\rANSI 6360000101DL00290100DLDAQ');
    expect(h).toMatchObject({ iin: '636000', version: 1, jurisdictionVersion: undefined, declaredEntries: 1 });
    expect(h.designators).toEqual([{ type: 'DL', offset: 29, length: 100 }]);
  });
  it.each([
    ['AAMVA file type', '@\n\u001e\rAAMVA6360000101DL00290100'],
    ['ANSI with no space', '@\n\u001e\rANSI6360000101DL00280100'],
    ['ANSI then LF', '@\n\u001e\rANSI\n6360000101DL00290100'],
    ['lower case', '@\n\u001e\ransi 6360000101dl00290100'],
    ['leading whitespace', ' \n @\n\u001e\rANSI 6360000101DL00290100'],
    ['symbology identifier', ']L2@\n\u001e\rANSI 6360000101DL00290100'],
    ['many blank lines first', `${'\n'.repeat(30)}@\n\u001e\rANSI 6360000101DL00290100`],
    ['a wrong separator', '@\n\u001c\rANSI 6360000101DL00290100'],
  ])('accepts %s', (_label, text) => {
    const h = header(text);
    expect(h.iin).toBe('636000');
    expect(h.designators[0]?.type).toBe('DL');
  });
  it.each([
    ['missing RS', '@\n\rANSI 636000080001DL00300100', -1],
    ['no compliance characters', 'ANSI 636000080001DL00260100', -4],
  ])('counts offsets from where the file would start when %s', (_label, text, fileStart) => {
    const h = header(text);
    expect(h.fileStart).toBe(fileStart);
    expect(h.warnings.join()).toContain('header does not start with the standard');
  });
  it('warns when the entry count and the designators disagree', () => {
    expect(header('@\n\u001e\rANSI 636014080102DL00410278DLDAQ').warnings.join()).toContain('declares 2 subfiles but lists 1');
  });
  it.each([
    ['', "not an AAMVA driver's licence barcode"],
    ['hello', "not an AAMVA driver's licence barcode"],
    ['XXXXXXXXXXXXXXXXXXXX ANSI 636014080102', "not an AAMVA driver's licence barcode"],
    ['@\n\u001e\rANSI ', 'no issuer identification number'],
    ['@\n\u001e\rANSI 63601', 'no issuer identification number'],
  ])('refuses %j', (text, problem) => {
    const reading = readHeader(text);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toContain(problem);
  });
});

describe('locateCardSubfile', () => {
  const body = 'DAQ123\nDCSPUBLIC\nDACJOHN\r';
  const standard = `@\n\u001e\rANSI 636014080101DL0031${String(2 + body.length).padStart(4, '0')}DL${body}`;

  it('uses the designator when it points at the subfile', () => {
    const subfile = locateCardSubfile(standard, header(standard));
    expect(subfile).toMatchObject({ type: 'DL', bodyStart: 33, bodyEnd: standard.length, warnings: [] });
  });
  it('searches when the offset is wrong', () => {
    const text = standard.replace('DL0031', 'DL0077');
    const subfile = locateCardSubfile(text, header(text));
    expect(subfile).toMatchObject({ type: 'DL', bodyStart: 33, warnings: ['offsets do not match the data'] });
  });
  it('reads on past a length that stops mid-element', () => {
    const text = standard.replace(/DL0031\d{4}/, 'DL00310010');
    const subfile = locateCardSubfile(text, header(text));
    expect(subfile).toMatchObject({ bodyEnd: text.length, warnings: ['offsets do not match the data'] });
  });
  it('finds an ID subfile with no designator at all', () => {
    const text = `@\n\u001e\rANSI 636014080100ID\n${body}`;
    expect(locateCardSubfile(text, header(text))).toMatchObject({ type: 'ID', bodyStart: 23 });
  });
  it('returns nothing when there is no card subfile', () => {
    const text = '@\n\u001e\rANSI 636014080101ZC00310010ZCZCAX\r';
    expect(locateCardSubfile(text, header(text))).toBeUndefined();
  });
});

describe('readElements', () => {
  const read = (text: string): Record<string, string> => Object.fromEntries(readElements(text, 0, text.length));

  it('splits on LF, CR and CRLF, trims values and keeps their case', () => {
    expect(read('DAQ123 \rDCSPublic\r\nDACjohn\n')).toEqual({ DAQ: '123', DCS: 'Public', DAC: 'john' });
  });
  it('matches ids case-insensitively and keeps the first occurrence', () => {
    expect(read('daq123\nDAQ456\ndcsPUBLIC')).toEqual({ DAQ: '123', DCS: 'PUBLIC' });
  });
  it('skips jurisdiction elements and noise', () => {
    expect(read('DAQ1\nZCZCAX\nZCB\n\n  \nDCSPUBLIC\n12\n')).toEqual({ DAQ: '1', DCS: 'PUBLIC' });
  });
  it('stops at the start of another card subfile', () => {
    expect(read('DAQ1\rIDDAQ2\nDCSOTHER')).toEqual({ DAQ: '1' });
  });
});
