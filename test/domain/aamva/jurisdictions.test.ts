// Sanity checks on the IIN table: well-formed, unique, and complete for Canada and the United States.

import { describe, expect, it } from 'vitest';
import { JURISDICTIONS, countryFromDcg, jurisdictionByCode, jurisdictionByIin, normalizeJurisdictionCode } from '../../../src/domain/aamva/jurisdictions.js';

const CANADA = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];
const STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
];
const US_DISTRICT_AND_TERRITORIES = ['DC', 'AS', 'GU', 'MP', 'PR', 'VI'];

describe('the IIN table', () => {
  it('has six-digit IINs, all unique', () => {
    for (const j of JURISDICTIONS) expect(j.iin, j.name).toMatch(/^\d{6}$/);
    expect(new Set(JURISDICTIONS.map((j) => j.iin)).size).toBe(JURISDICTIONS.length);
  });
  it('has unique codes and names', () => {
    expect(new Set(JURISDICTIONS.map((j) => j.code)).size).toBe(JURISDICTIONS.length);
    expect(new Set(JURISDICTIONS.map((j) => j.name)).size).toBe(JURISDICTIONS.length);
  });
  it('has every Canadian province and territory, as Canadian', () => {
    const canadian = JURISDICTIONS.filter((j) => j.country === 'CA').map((j) => j.code);
    expect(canadian.sort()).toEqual([...CANADA].sort());
  });
  it('has every US state, DC and the inhabited territories, as American', () => {
    const american = JURISDICTIONS.filter((j) => j.country === 'US').map((j) => j.code);
    expect(american.sort()).toEqual([...STATES, ...US_DISTRICT_AND_TERRITORIES].sort());
  });
  it.each([
    ['636012', 'ON'],
    ['604428', 'QC'],
    ['636028', 'BC'],
    ['604432', 'AB'],
    ['636048', 'MB'],
    ['636044', 'SK'],
    ['636013', 'NS'],
    ['636017', 'NB'],
    ['604426', 'PE'],
    ['636016', 'NL'],
    ['604429', 'YT'],
    ['604434', 'NT'],
    ['604433', 'NU'],
    ['636014', 'CA'],
    ['636015', 'TX'],
    ['636001', 'NY'],
    ['636010', 'FL'],
    ['636000', 'VA'],
    ['636043', 'DC'],
    ['604430', 'MP'],
    ['604431', 'PR'],
  ])('maps IIN %s to %s', (iin, code) => {
    expect(jurisdictionByIin(iin)?.code).toBe(code);
  });
  it('knows nothing of unassigned IINs', () => {
    expect(jurisdictionByIin('123456')).toBeUndefined();
    expect(jurisdictionByIin('')).toBeUndefined();
  });
});

describe('jurisdiction codes', () => {
  it('looks up Canadian and US codes but not Mexican ones', () => {
    expect(jurisdictionByCode('ON')?.country).toBe('CA');
    expect(jurisdictionByCode('CA')?.country).toBe('US');
    expect(jurisdictionByCode('COA')).toBeUndefined();
  });
  it.each([
    [' on ', 'ON'],
    ['qc', 'QC'],
    ['PQ', 'QC'],
    ['NF', 'NL'],
    ['', ''],
  ])('normalizes %j to %j', (raw, code) => {
    expect(normalizeJurisdictionCode(raw)).toBe(code);
  });
  it.each([
    ['CAN', 'CA'],
    ['can', 'CA'],
    ['USA', 'US'],
    ['US', 'US'],
    ['MEX', 'MX'],
    ['FRA', undefined],
  ])('reads DCG %j as %j', (raw, country) => {
    expect(countryFromDcg(raw)).toBe(country);
  });
});
