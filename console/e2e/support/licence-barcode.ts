// A driver's licence barcode for the scan tests: the lender's example AAMVA payload drawn as a PDF417 PNG by bwip-js.
import bwipjs from 'bwip-js/node';

/** Decodes to NUMBER1 ENSTREAM, born 1974-05-15, postal code M5J 2H7 (the contract's own example). */
export const LICENCE_PAYLOAD =
  '@\n\u001e\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\nDAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r';

export const LICENCE_HOLDER = { firstName: 'ENSTREAM', lastName: 'NUMBER1', dob: '1974-05-15', postalCode: 'M5J 2H7' };

export function licenceBarcodePng(): Promise<Buffer> {
  // A quiet zone and a scale like a phone photo of a card's back; the reader gets no hint that it is synthetic.
  return bwipjs.toBuffer({ bcid: 'pdf417', text: LICENCE_PAYLOAD, scale: 3, paddingwidth: 24, paddingheight: 24, backgroundcolor: 'FFFFFF' });
}
