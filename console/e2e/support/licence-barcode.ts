// The sample driver's licence for the scan tests: the lender's example AAMVA payload (the service's own fixture, which
// the demo seed's customer 600100 matches), drawn as a PDF417 PNG by bwip-js.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import { ROOT_DIR } from './paths.ts';

interface LicenceFixture {
  code: string;
  expected: { first_name: string; last_name: string; dob: string; postal_code: string };
}

const fixture = JSON.parse(readFileSync(join(ROOT_DIR, 'test/fixtures/aamva/lender-example.json'), 'utf8')) as LicenceFixture;

/** Decodes to NUMBER1 ENSTREAM, born 1974-05-15, postal code M5J 2H7 (the contract's own example). */
export const LICENCE_PAYLOAD = fixture.code;

export const LICENCE_HOLDER = {
  firstName: fixture.expected.first_name,
  lastName: fixture.expected.last_name,
  dob: fixture.expected.dob,
  postalCode: fixture.expected.postal_code,
};

/** The demo customer the licence belongs to (src/store/seed/demo-data.ts), as search and lookup show them. */
export const LICENCE_CUSTOMER = { name: 'Enstream Number1', accountNumber: 300000006 };

export function licenceBarcodePng(): Promise<Buffer> {
  // A quiet zone and a scale like a phone photo of a card's back; the reader gets no hint that it is synthetic.
  return bwipjs.toBuffer({ bcid: 'pdf417', text: LICENCE_PAYLOAD, scale: 3, paddingwidth: 24, paddingheight: 24, backgroundcolor: 'FFFFFF' });
}

/** The barcode alone, not a pixel of margin: what a photo cropped right at the bars starts from. */
export function bareLicenceBarcodePng(): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'pdf417', text: LICENCE_PAYLOAD, scale: 3, backgroundcolor: 'FFFFFF' });
}
