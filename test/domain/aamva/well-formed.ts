// Checks the shape promised by parseLicence, for property tests that feed it arbitrary input.

import type { ParseResult } from '../../../src/domain/aamva/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const GOVID_TYPES = new Set(['CADL', 'CAID', 'USDL', 'USID']);
const SEXES = new Set(['M', 'F', 'X']);
const STRING_FIELDS = ['first_name', 'middle_name', 'last_name', 'address_1', 'city', 'province', 'postal_code', 'govid_issuedby', 'govid_number'] as const;

/** Returns what is wrong with a result, or undefined when it has the promised shape. */
export function shapeProblem(result: ParseResult): string | undefined {
  if (typeof result !== 'object' || result === null) return 'not an object';
  if (!result.ok) {
    const { problem } = result;
    if (typeof problem !== 'string' || problem.length === 0) return 'problem is not a non-empty string';
    if (problem.length > 200) return 'problem is longer than one short sentence';
    if (/[\r\n]/.test(problem)) return 'problem spans lines';
    return undefined;
  }
  const f = result.fields;
  for (const key of STRING_FIELDS) if (typeof f[key] !== 'string') return `${key} is not a string`;
  if (f.first_name === '' && f.last_name === '') return 'no name';
  if (f.govid_number === '') return 'no licence number';
  if (!ISO_DATE.test(f.dob)) return 'dob is not YYYY-MM-DD';
  if (f.govid_expiry !== '' && !ISO_DATE.test(f.govid_expiry)) return 'expiry is not YYYY-MM-DD';
  if (!GOVID_TYPES.has(f.govid_type)) return 'bad govid_type';
  if (f.address_2 !== undefined && (typeof f.address_2 !== 'string' || f.address_2 === '')) return 'address_2 set but empty';
  if (f.sex !== undefined && !SEXES.has(f.sex)) return 'bad sex';
  if (f.expired !== undefined && f.expired !== true) return 'expired set but not true';
  if (!Number.isInteger(f.aamva_version)) return 'aamva_version is not an integer';
  if (!Array.isArray(f.warnings) || f.warnings.some((w) => typeof w !== 'string')) return 'warnings are not strings';
  return undefined;
}
