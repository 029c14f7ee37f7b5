// Runs every AAMVA fixture through parseLicence, and checks it never throws on arbitrary or mangled input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_LENGTH, parseLicence, type ParseResult } from '../../../src/domain/aamva/index.js';
import { buildPayload, cardElements, type Holder } from '../../fixtures/aamva/build.js';
import { loadAamvaFixtures } from '../../../testkit/aamva-fixtures.js';
import { shapeProblem } from './well-formed.js';

const fixtures = loadAamvaFixtures();
const decodable = fixtures.filter((f) => f.expected !== undefined);
const refused = fixtures.filter((f) => f.problem !== undefined);

function run(fixture: { code: string; today?: string }): ParseResult {
  return parseLicence(fixture.code, fixture.today === undefined ? undefined : { today: fixture.today });
}

describe('parseLicence on the fixtures', () => {
  for (const fixture of decodable) {
    it(fixture.description, () => {
      const result = run(fixture);
      if (!result.ok) expect.fail(`refused: ${result.problem}`);
      expect(result.fields).toMatchObject(fixture.expected ?? {});
      for (const warning of fixture.expectWarnings ?? []) {
        expect(
          result.fields.warnings.some((w) => w.includes(warning)),
          `a warning containing "${warning}"`,
        ).toBe(true);
      }
      for (const key of fixture.absent ?? []) expect(result.fields[key], key).toBeUndefined();
    });
  }
  for (const fixture of refused) {
    it(`refuses ${fixture.description}`, () => {
      const result = run(fixture);
      if (result.ok) expect.fail('decoded a payload that should be refused');
      expect(result.problem).toContain(fixture.problem);
      expect(shapeProblem(result)).toBeUndefined();
    });
  }
});

describe('the fixture set', () => {
  const decoded = decodable.map((f) => run(f)).flatMap((r) => (r.ok ? [r.fields] : []));

  it('is at least 45 files with at least 8 refusals', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    expect(refused.length).toBeGreaterThanOrEqual(8);
  });
  it('covers every Canadian province and territory', () => {
    const provinces = new Set(decoded.filter((f) => f.govid_type.startsWith('CA')).map((f) => f.govid_issuedby));
    expect([...provinces].sort()).toEqual(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
  });
  it('covers at least 15 US states', () => {
    const states = new Set(decoded.filter((f) => f.govid_type.startsWith('US')).map((f) => f.govid_issuedby));
    expect(states.size).toBeGreaterThanOrEqual(15);
  });
  it('covers AAMVA versions 1 to 10 and ID cards from both countries', () => {
    expect([...new Set(decoded.map((f) => f.aamva_version))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(decoded.map((f) => f.govid_type))).toEqual(new Set(['CADL', 'CAID', 'USDL', 'USID']));
  });
});

describe('parseLicence input guards', () => {
  it('refuses oversize input without scanning it', () => {
    const result = parseLicence(`@\n\u001e\rANSI 636012090001DL00310200DLDAQ${'X'.repeat(1_000_000)}`);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('too long') });
  });
  it('refuses a value that is not a string, for JavaScript callers', () => {
    expect(parseLicence(undefined as unknown as string)).toEqual({ ok: false, problem: 'the barcode must be given as text' });
    expect(parseLicence({} as unknown as string).ok).toBe(false);
  });
  it('does not echo the payload in a problem', () => {
    const code = decodable[0]?.code.replace(/DBB\d{8}/, `DBB${'9'.repeat(400)}`) ?? '';
    const result = parseLicence(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.length).toBeLessThan(120);
  });
  it('warns and ignores a today option that is not a date', () => {
    const result = run({ code: decodable[0]?.code ?? '', today: 'yesterday' });
    expect(result.ok && result.fields.warnings.some((w) => w.includes('today option'))).toBe(true);
  });
});

// Characters that matter to the parser, so random strings often get past the first checks.
const AAMVA_ALPHABET = fc.constantFrom(
  '@',
  '\n',
  '\r',
  '\u001e',
  ' ',
  'ANSI ',
  'AAMVA',
  '636012',
  '604428',
  '08',
  '01',
  'DL',
  'ID',
  'ZO',
  '0041',
  '0278',
  'DAQ',
  'DCS',
  'DAC',
  'DAD',
  'DAA',
  'DBB',
  'DBA',
  'DAJ',
  'DAK',
  'DCG',
  'DBC',
  ',',
  '$',
  '19740515',
  '02301974',
  'X',
  '\u0000',
  'é',
  '😀',
);

describe('parseLicence never throws and always returns a well-formed result', () => {
  it('for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ unit: AAMVA_ALPHABET, maxLength: 120 }),
          fc.string({ unit: AAMVA_ALPHABET, maxLength: 80 }).map((s) => `@\n\u001e\rANSI 636012090001DL0031${s}`),
        ),
        (code) => shapeProblem(parseLicence(code)) === undefined,
      ),
      { numRuns: 1000 },
    );
  });

  it('for mutations of valid payloads', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: AAMVA_ALPHABET, maxLength: 2 })),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...decodable.map((f) => f.code)),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        fc.option(fc.constantFrom('2025-01-01', '1999-12-31', 'not a date'), { nil: undefined }),
        (code, edits, today) => {
          let mutated = code;
          for (const { at, remove, insert } of edits) {
            const position = at % (mutated.length + 1);
            mutated = mutated.slice(0, position) + insert + mutated.slice(position + remove);
          }
          return shapeProblem(parseLicence(mutated, today === undefined ? undefined : { today })) === undefined;
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('issuer, country and expiry rules', () => {
  const holder: Holder = {
    last: 'SAMPLE',
    first: 'ALEX',
    dob: '1980-01-02',
    expiry: '2030-01-02',
    issued: '2022-01-02',
    sex: '1',
    street: '1 MAIN ST',
    city: 'SOMEWHERE',
    jurisdiction: 'ON',
    postal: 'K1A0B1',
    number: 'A123',
    country: 'CAN',
  };
  const payload = (iin: string, patch: Record<string, string | null> = {}, version = 9): string => {
    const elements = cardElements(version, holder).filter(([id]) => !(id in patch));
    for (const [id, value] of Object.entries(patch)) if (value !== null) elements.push([id, value]);
    return buildPayload({ iin, version, jurisdictionVersion: 1, subfiles: [{ type: 'DL', elements }] });
  };
  const fieldsOf = (code: string, today?: string) => {
    const result = parseLicence(code, today === undefined ? undefined : { today });
    if (!result.ok) throw new Error(result.problem);
    return result.fields;
  };

  it('takes the country from DCG, before DAJ, when the IIN is unknown, and warns about the IIN', () => {
    const fields = fieldsOf(payload('999999', { DAJ: 'NY' }));
    expect(fields).toMatchObject({ govid_type: 'CADL', govid_issuedby: 'NY' });
    expect(fields.warnings.join()).toContain('IIN 999999 is not in the AAMVA table');
  });
  it('refuses an unknown IIN with no DAJ, since nothing says who issued the licence', () => {
    expect(parseLicence(payload('999999', { DAJ: null }))).toEqual({
      ok: false,
      problem: 'the barcode does not say which province or state issued the licence',
    });
  });
  it('takes the country from DAJ when neither the IIN nor DCG gives it', () => {
    expect(fieldsOf(payload('999999', { DCG: null }))).toMatchObject({ govid_type: 'CADL', govid_issuedby: 'ON' });
  });
  it('refuses when nothing gives the country', () => {
    const result = parseLicence(payload('999999', { DCG: null, DAJ: 'ZZ' }));
    expect(result).toEqual({ ok: false, problem: 'the barcode does not show whether the licence is Canadian or American' });
  });
  it('keeps the IIN country when DCG disagrees, with a warning', () => {
    const fields = fieldsOf(payload('636012', { DCG: 'USA' }));
    expect(fields.govid_type).toBe('CADL');
    expect(fields.warnings.join()).toContain('(DCG) does not match');
  });
  it("uses the IIN's jurisdiction when DAJ is not a known code", () => {
    const fields = fieldsOf(payload('636012', { DAJ: 'XX' }));
    expect(fields.govid_issuedby).toBe('ON');
    expect(fields.warnings.join()).toContain('XX');
  });
  it('reads an all-zero expiry as a card that does not expire', () => {
    const fields = fieldsOf(payload('636012', { DBA: '00000000' }), '2031-01-01');
    expect(fields.govid_expiry).toBe('');
    expect(fields.expired).toBeUndefined();
  });
  it('sets expired only when the expiry is before today', () => {
    expect(fieldsOf(payload('636012'), '2030-01-03').expired).toBe(true);
    expect(fieldsOf(payload('636012'), '2030-01-02').expired).toBeUndefined();
    expect(fieldsOf(payload('636012')).expired).toBeUndefined();
  });
  it('reads a version newer than 10 with a warning', () => {
    const fields = fieldsOf(payload('636012', {}, 11));
    expect(fields.aamva_version).toBe(11);
    expect(fields.warnings.join()).toContain('AAMVA version 11');
  });
  it('accepts a payload of exactly the size limit and refuses one character more', () => {
    const base = payload('636012');
    const padded = base + ' '.repeat(MAX_PAYLOAD_LENGTH - base.length);
    expect(parseLicence(padded).ok).toBe(true);
    expect(parseLicence(`${padded} `).ok).toBe(false);
  });
});
