// The catalogue parser: accepted files, and each kind of error reported at the right line and column.
import { describe, expect, it } from 'vitest';
import { parseCatalogue, type CatalogueError } from '../../../src/domain/plans/index.js';

// Line numbers in the tests below refer to this text (line 1 is `plans:`).
const VALID = `plans:
  - id: 4
    name: { en: EMP - Regular Interest, fr: PVE - Intérêt régulier }
    category: equal_billing
    terms:
      - months: 3
        apr: "0.0999"
        min_amount: "10.00"
        max_amount: "25000.00"
        admin_fee: { default: "0.00" }
      - months: 6
        apr: "0.0999"
        min_amount: "10.00"
        max_amount: "25000.00"
        admin_fee:
          default: "50.00"
          by_province: { ON: "45.00", QC: "0.00" }
  - id: 3
    name: { en: Equal Payments No Interest, fr: Versements égaux sans intérêt }
    category: no_interest
    terms:
      - { months: 12, apr: "0", min_amount: "300", max_amount: "25000", admin_fee: { default: "39.99" } }
offers:
  - merchant_id: "12345"
    plan_id: 4
    account_types: [consumer, business]
  - merchant_id: "12345"
    plan_id: 3
    account_types: [consumer]
    provinces: [ON, QC]
    term_months: [12]
`;

/** Replaces the whole of line `line` (1-based) of VALID. */
function withLine(line: number, replacement: string): string {
  const lines = VALID.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

function errorsOf(text: string, fileName = 'plans.yaml'): CatalogueError[] {
  const result = parseCatalogue(text, fileName);
  if (result.ok) throw new Error('expected the catalogue to be rejected');
  return result.errors;
}

describe('parseCatalogue accepts', () => {
  it('a valid YAML catalogue, keeping money and rates as exact strings', () => {
    const result = parseCatalogue(VALID, 'plans.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [plan4, plan3] = result.catalogue.plans;
    expect(plan4?.terms[1]).toEqual({
      months: 6,
      apr: '0.0999',
      min_amount: '10.00',
      max_amount: '25000.00',
      admin_fee: { default: '50.00', by_province: { ON: '45.00', QC: '0.00' } },
    });
    expect(plan3?.name.fr).toBe('Versements égaux sans intérêt');
    expect(result.catalogue.offers[1]).toEqual({
      merchant_id: '12345',
      plan_id: 3,
      account_types: ['consumer'],
      provinces: ['ON', 'QC'],
      term_months: [12],
    });
  });

  it('the same catalogue written as JSON', () => {
    const yamlResult = parseCatalogue(VALID, 'plans.yaml');
    if (!yamlResult.ok) throw new Error('unreachable');
    const jsonResult = parseCatalogue(JSON.stringify(yamlResult.catalogue, null, 2), 'plans.json');
    expect(jsonResult).toEqual(yamlResult);
  });

  it('an empty plan and offer list', () => {
    expect(parseCatalogue('plans: []\noffers: []\n', 'empty.yaml')).toEqual({ ok: true, catalogue: { plans: [], offers: [] } });
  });
});

describe('parseCatalogue reports, with line and column', () => {
  it('a YAML syntax error', () => {
    // The unclosed list on line 26 is detected where the next offer starts.
    expect(errorsOf(withLine(26, '    account_types: [consumer, business'))).toEqual([
      {
        line: 27,
        column: 3,
        path: '',
        message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('a duplicated key as a syntax error', () => {
    expect(errorsOf(withLine(4, '    category: equal_billing\n    category: deferred'))).toEqual([
      expect.objectContaining({ line: 5, column: 5, message: 'YAML syntax error: Map keys must be unique' }),
    ]);
  });

  it('a value of the wrong type', () => {
    expect(errorsOf(withLine(11, '      - months: six'))).toEqual([{ line: 11, column: 17, path: 'plans[0].terms[1].months', message: 'must be integer' }]);
  });

  it('an unquoted rate, explaining the expected form', () => {
    expect(errorsOf(withLine(12, '        apr: 0.0999'))).toEqual([
      {
        line: 12,
        column: 14,
        path: 'plans[0].terms[1].apr',
        message: 'must be a quoted annual rate as a fraction, 0 <= apr < 1, e.g. "0.0999"',
      },
    ]);
  });

  it('an amount with more than two decimals', () => {
    expect(errorsOf(withLine(14, '        max_amount: "25000.001"'))).toEqual([
      expect.objectContaining({ line: 14, column: 21, path: 'plans[0].terms[1].max_amount' }),
    ]);
  });

  it('an unknown category, listing the known ones', () => {
    expect(errorsOf(withLine(4, '    category: balloon'))).toEqual([
      { line: 4, column: 15, path: 'plans[0].category', message: 'must be one of: equal_billing, deferred, no_interest' },
    ]);
  });

  it('an unknown property, at its name', () => {
    expect(errorsOf(withLine(10, '        admin_fee: { default: "0.00" }\n        promo: yes'))).toEqual([
      { line: 11, column: 9, path: 'plans[0].terms[0].promo', message: 'unknown property "promo"' },
    ]);
  });

  it('an unknown province code', () => {
    expect(errorsOf(withLine(30, '    provinces: [ON, PQ]'))).toEqual([expect.objectContaining({ line: 30, column: 21, path: 'offers[1].provinces[1]' })]);
  });

  it('a missing property, at the object that lacks it', () => {
    expect(errorsOf(withLine(8, ''))).toEqual([{ line: 6, column: 9, path: 'plans[0].terms[0]', message: 'missing required property "min_amount"' }]);
  });

  it('an admin fee in Quebec', () => {
    expect(errorsOf(withLine(17, '          by_province: { ON: "45.00", QC: "5.00" }'))).toEqual([
      {
        line: 17,
        column: 43,
        path: 'plans[0].terms[1].admin_fee.by_province.QC',
        message: 'no admin fee may be charged in Quebec (QC): use "0.00" or leave QC out',
      },
    ]);
  });

  it('an offer naming an unknown plan', () => {
    expect(errorsOf(withLine(28, '    plan_id: 9'))).toEqual([{ line: 28, column: 14, path: 'offers[1].plan_id', message: 'unknown plan 9' }]);
  });

  it('an offer naming months the plan lacks', () => {
    expect(errorsOf(withLine(31, '    term_months: [12, 24]'))).toEqual([
      { line: 31, column: 23, path: 'offers[1].term_months[1]', message: 'plan 3 has no 24-month term' },
    ]);
  });

  it('a duplicate plan id, at the second plan', () => {
    expect(errorsOf(withLine(18, '  - id: 4'))).toEqual([
      { line: 18, column: 9, path: 'plans[1].id', message: 'duplicate plan id 4 (already used by plans[0])' },
      // Plan 3 is gone, so the offer row that named it is reported too.
      { line: 28, column: 14, path: 'offers[1].plan_id', message: 'unknown plan 3' },
    ]);
  });

  it('a duplicate term in a plan', () => {
    expect(errorsOf(withLine(11, '      - months: 3'))).toEqual([
      { line: 11, column: 17, path: 'plans[0].terms[1].months', message: 'duplicate 3-month term in plan 4' },
    ]);
  });

  it('a minimum amount above the maximum', () => {
    expect(errorsOf(withLine(8, '        min_amount: "30000.00"'))).toEqual([
      {
        line: 8,
        column: 21,
        path: 'plans[0].terms[0].min_amount',
        message: 'min_amount 30000.00 is greater than max_amount 25000.00',
      },
    ]);
  });

  it('a no_interest plan with a non-zero rate', () => {
    expect(errorsOf(withLine(22, '      - { months: 12, apr: "0.05", min_amount: "300", max_amount: "25000", admin_fee: { default: "39.99" } }'))).toEqual([
      expect.objectContaining({ line: 22, column: 28, path: 'plans[1].terms[0].apr', message: expect.stringMatching(/no_interest/) }),
    ]);
  });

  it('several errors at once, in file order', () => {
    const text = withLine(28, '    plan_id: 9').replace(
      '        apr: "0.0999"\n        min_amount: "10.00"',
      '        apr: "0.0999"\n        min_amount: "90000"',
    );
    expect(errorsOf(text).map((error) => [error.line, error.path])).toEqual([
      [8, 'plans[0].terms[0].min_amount'],
      [28, 'offers[1].plan_id'],
    ]);
  });

  it('an empty file as a missing top level', () => {
    expect(errorsOf('')).toEqual([expect.objectContaining({ line: 1, column: 1, path: '' })]);
  });

  it('YAML-only plain words in a .json file', () => {
    const errors = errorsOf('{ "plans": [], "offers": [ { "merchant_id": "1", "plan_id": 1, "account_types": [consumer] } ] }', 'plans.json');
    expect(errors[0]).toMatchObject({ line: 1, column: 82 });
    expect(errors[0]?.message).toMatch(/YAML syntax error: .*consumer/);
  });
});
