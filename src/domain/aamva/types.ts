// The result types of the licence barcode parser, shared by its modules and re-exported by index.ts.

export type GovIdType = 'CADL' | 'CAID' | 'USDL' | 'USID';

export interface LicenceFields {
  first_name: string;
  middle_name: string;
  last_name: string;
  /** YYYY-MM-DD */
  dob: string;
  address_1: string;
  address_2?: string;
  city: string;
  province: string;
  postal_code: string;
  govid_type: GovIdType;
  /** 2-letter province/state code */
  govid_issuedby: string;
  govid_number: string;
  /** YYYY-MM-DD, '' when absent */
  govid_expiry: string;
  sex?: 'M' | 'F' | 'X';
  /** only when `today` was given and expiry < today */
  expired?: boolean;
  /** from DDE/DDF/DDG = 'T' */
  truncated?: { first_name?: boolean; middle_name?: boolean; last_name?: boolean };
  aamva_version: number;
  /** leniencies applied while reading the barcode, in plain English */
  warnings: string[];
}

/** `problem` is one plain English sentence saying what is wrong with the barcode. */
export type ParseResult = { ok: true; fields: LicenceFields } | { ok: false; problem: string };

export interface ParseOptions {
  /** YYYY-MM-DD; when given, an expiry before it sets `expired`. */
  today?: string;
}
