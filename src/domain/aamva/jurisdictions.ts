// The AAMVA issuer identification numbers (IIN) and the province, state and territory codes they stand for.

export type IssuerCountry = 'CA' | 'US' | 'MX';

export interface Jurisdiction {
  /** Six-digit issuer identification number assigned by AAMVA. */
  readonly iin: string;
  /** Postal abbreviation, the value the standard puts in DAJ (ISO 3166-2 subdivision code for Mexico). */
  readonly code: string;
  readonly name: string;
  readonly country: IssuerCountry;
}

// One row per jurisdiction, from the IIN annex of the AAMVA DL/ID Card Design Standard.
// Kept as data rather than code so the table test can check it independently.
export const JURISDICTIONS: readonly Jurisdiction[] = [
  // Canada: ten provinces and three territories.
  { iin: '604432', code: 'AB', name: 'Alberta', country: 'CA' },
  { iin: '636028', code: 'BC', name: 'British Columbia', country: 'CA' },
  { iin: '636048', code: 'MB', name: 'Manitoba', country: 'CA' },
  { iin: '636017', code: 'NB', name: 'New Brunswick', country: 'CA' },
  { iin: '636016', code: 'NL', name: 'Newfoundland and Labrador', country: 'CA' },
  { iin: '636013', code: 'NS', name: 'Nova Scotia', country: 'CA' },
  { iin: '604434', code: 'NT', name: 'Northwest Territories', country: 'CA' },
  { iin: '604433', code: 'NU', name: 'Nunavut', country: 'CA' },
  { iin: '636012', code: 'ON', name: 'Ontario', country: 'CA' },
  { iin: '604426', code: 'PE', name: 'Prince Edward Island', country: 'CA' },
  { iin: '604428', code: 'QC', name: 'Quebec', country: 'CA' },
  { iin: '636044', code: 'SK', name: 'Saskatchewan', country: 'CA' },
  { iin: '604429', code: 'YT', name: 'Yukon', country: 'CA' },
  // United States: fifty states and the District of Columbia.
  { iin: '636033', code: 'AL', name: 'Alabama', country: 'US' },
  { iin: '636059', code: 'AK', name: 'Alaska', country: 'US' },
  { iin: '636026', code: 'AZ', name: 'Arizona', country: 'US' },
  { iin: '636021', code: 'AR', name: 'Arkansas', country: 'US' },
  { iin: '636014', code: 'CA', name: 'California', country: 'US' },
  { iin: '636020', code: 'CO', name: 'Colorado', country: 'US' },
  { iin: '636006', code: 'CT', name: 'Connecticut', country: 'US' },
  { iin: '636011', code: 'DE', name: 'Delaware', country: 'US' },
  { iin: '636043', code: 'DC', name: 'District of Columbia', country: 'US' },
  { iin: '636010', code: 'FL', name: 'Florida', country: 'US' },
  { iin: '636055', code: 'GA', name: 'Georgia', country: 'US' },
  { iin: '636047', code: 'HI', name: 'Hawaii', country: 'US' },
  { iin: '636050', code: 'ID', name: 'Idaho', country: 'US' },
  { iin: '636035', code: 'IL', name: 'Illinois', country: 'US' },
  { iin: '636037', code: 'IN', name: 'Indiana', country: 'US' },
  { iin: '636018', code: 'IA', name: 'Iowa', country: 'US' },
  { iin: '636022', code: 'KS', name: 'Kansas', country: 'US' },
  { iin: '636046', code: 'KY', name: 'Kentucky', country: 'US' },
  { iin: '636007', code: 'LA', name: 'Louisiana', country: 'US' },
  { iin: '636041', code: 'ME', name: 'Maine', country: 'US' },
  { iin: '636003', code: 'MD', name: 'Maryland', country: 'US' },
  { iin: '636002', code: 'MA', name: 'Massachusetts', country: 'US' },
  { iin: '636032', code: 'MI', name: 'Michigan', country: 'US' },
  { iin: '636038', code: 'MN', name: 'Minnesota', country: 'US' },
  { iin: '636051', code: 'MS', name: 'Mississippi', country: 'US' },
  { iin: '636030', code: 'MO', name: 'Missouri', country: 'US' },
  { iin: '636008', code: 'MT', name: 'Montana', country: 'US' },
  { iin: '636054', code: 'NE', name: 'Nebraska', country: 'US' },
  { iin: '636049', code: 'NV', name: 'Nevada', country: 'US' },
  { iin: '636039', code: 'NH', name: 'New Hampshire', country: 'US' },
  { iin: '636036', code: 'NJ', name: 'New Jersey', country: 'US' },
  { iin: '636009', code: 'NM', name: 'New Mexico', country: 'US' },
  { iin: '636001', code: 'NY', name: 'New York', country: 'US' },
  { iin: '636004', code: 'NC', name: 'North Carolina', country: 'US' },
  { iin: '636034', code: 'ND', name: 'North Dakota', country: 'US' },
  { iin: '636023', code: 'OH', name: 'Ohio', country: 'US' },
  { iin: '636058', code: 'OK', name: 'Oklahoma', country: 'US' },
  { iin: '636029', code: 'OR', name: 'Oregon', country: 'US' },
  { iin: '636025', code: 'PA', name: 'Pennsylvania', country: 'US' },
  { iin: '636052', code: 'RI', name: 'Rhode Island', country: 'US' },
  { iin: '636005', code: 'SC', name: 'South Carolina', country: 'US' },
  { iin: '636042', code: 'SD', name: 'South Dakota', country: 'US' },
  { iin: '636053', code: 'TN', name: 'Tennessee', country: 'US' },
  { iin: '636015', code: 'TX', name: 'Texas', country: 'US' },
  { iin: '636040', code: 'UT', name: 'Utah', country: 'US' },
  { iin: '636024', code: 'VT', name: 'Vermont', country: 'US' },
  { iin: '636000', code: 'VA', name: 'Virginia', country: 'US' },
  { iin: '636045', code: 'WA', name: 'Washington', country: 'US' },
  { iin: '636061', code: 'WV', name: 'West Virginia', country: 'US' },
  { iin: '636031', code: 'WI', name: 'Wisconsin', country: 'US' },
  { iin: '636060', code: 'WY', name: 'Wyoming', country: 'US' },
  // United States territories.
  { iin: '604427', code: 'AS', name: 'American Samoa', country: 'US' },
  { iin: '636019', code: 'GU', name: 'Guam', country: 'US' },
  { iin: '604430', code: 'MP', name: 'Northern Mariana Islands', country: 'US' },
  { iin: '604431', code: 'PR', name: 'Puerto Rico', country: 'US' },
  { iin: '636062', code: 'VI', name: 'US Virgin Islands', country: 'US' },
  // Mexican states that are AAMVA members: known so they can be refused by name rather than as unknown.
  { iin: '636056', code: 'COA', name: 'Coahuila', country: 'MX' },
  { iin: '636057', code: 'HID', name: 'Hidalgo', country: 'MX' },
];

const BY_IIN: ReadonlyMap<string, Jurisdiction> = new Map(JURISDICTIONS.map((j) => [j.iin, j]));
// Only Canadian and US codes: they are what DAJ holds, and Mexican codes could collide with them.
const BY_CODE: ReadonlyMap<string, Jurisdiction> = new Map(JURISDICTIONS.filter((j) => j.country !== 'MX').map((j) => [j.code, j]));

// Codes retired by Canada Post that older cards and scanners still emit.
const RETIRED_CODES: ReadonlyMap<string, string> = new Map([
  ['PQ', 'QC'],
  ['NF', 'NL'],
]);

export function jurisdictionByIin(iin: string): Jurisdiction | undefined {
  return BY_IIN.get(iin);
}

/** A Canadian province or territory, or a US state, district or territory, by its two-letter code. */
export function jurisdictionByCode(code: string): Jurisdiction | undefined {
  return BY_CODE.get(code);
}

/** Upper-cases and trims a DAJ value and maps retired codes to their current ones. */
export function normalizeJurisdictionCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  return RETIRED_CODES.get(code) ?? code;
}

/** Reads a DCG country value (ISO 3166 alpha-3, sometimes alpha-2 on sloppy cards). */
export function countryFromDcg(raw: string): IssuerCountry | undefined {
  switch (raw.trim().toUpperCase()) {
    case 'CAN':
    case 'CA':
      return 'CA';
    case 'USA':
    case 'US':
      return 'US';
    case 'MEX':
    case 'MX':
      return 'MX';
    default:
      return undefined;
  }
}
