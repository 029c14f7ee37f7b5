// Runs every AAMVA fixture through parseLicence, and checks it never throws on arbitrary or mangled input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLicence, type ParseResult } from '../../../src/domain/aamva/index.js';
import { loadAamvaFixtures } from './fixtures.js';
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
        expect(result.fields.warnings.some((w) => w.includes(warning)), `a warning containing "${warning}"`).toBe(true);
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
  '@', '\n', '\r', '\u001e', ' ', 'ANSI ', 'AAMVA', '636012', '604428', '08', '01', 'DL', 'ID', 'ZO', '0041', '0278',
  'DAQ', 'DCS', 'DAC', 'DAD', 'DAA', 'DBB', 'DBA', 'DAJ', 'DAK', 'DCG', 'DBC', ',', '$', '19740515', '02301974', 'X', '\u0000', 'é', '😀',
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
