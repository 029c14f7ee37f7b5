// Normalizes the DAK postal code: Canadian 'A1A 1A1', US ZIP '12345' or '12345-6789'.

export type PostalReading = { kind: 'CA' | 'US'; value: string } | { kind: 'unrecognised'; value: string };

const SPACES_AND_HYPHENS = /[\s-]/g;
// The DAK field is fixed-width (11 characters); jurisdictions pad it with spaces or zeros.
const CANADIAN = /^([A-Z]\d[A-Z])(\d[A-Z]\d)0*$/;
const US_ZIP = /^(\d{5})(\d{4})?0*$/;

export function normalizePostalCode(raw: string): PostalReading {
  const compact = raw.toUpperCase().replace(SPACES_AND_HYPHENS, '');
  const canadian = CANADIAN.exec(compact);
  if (canadian !== null) return { kind: 'CA', value: `${canadian[1]} ${canadian[2]}` };

  const zip = US_ZIP.exec(compact);
  if (zip !== null) {
    const [, zip5 = '', plus4] = zip;
    // A +4 of 0000 is padding, not a delivery route.
    return { kind: 'US', value: plus4 === undefined || plus4 === '0000' ? zip5 : `${zip5}-${plus4}` };
  }
  return { kind: 'unrecognised', value: raw.trim() };
}
