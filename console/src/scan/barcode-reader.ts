// Reads the PDF417 barcode of a licence from an image or a video frame with zxing-wasm, its WASM served from /console/.
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
// Vite copies the WASM into dist/assets and gives its URL: nothing is fetched from a CDN.
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;

function prepareReader(): void {
  if (prepared) return;
  prepared = true;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? readerWasmUrl : prefix + path),
    },
    fireImmediately: false,
  });
}

const OPTIONS: ReaderOptions = {
  formats: ['PDF417'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  maxNumberOfSymbols: 1,
  // Plain keeps the AAMVA control characters (LF, RS, CR) as they are in the symbol.
  textMode: 'Plain',
};

/** The barcode's text, or undefined when the picture holds no readable PDF417. */
export async function readLicenceBarcode(image: Blob | ImageData): Promise<string | undefined> {
  prepareReader();
  const results = await readBarcodes(image, OPTIONS);
  const found = results.find((r) => r.isValid && r.text);
  return found?.text;
}

/** Starts fetching and compiling the WASM early, so the first scan is quick. */
export function warmUpReader(): void {
  prepareReader();
  void readBarcodes(new ImageData(1, 1), OPTIONS).catch(() => undefined);
}
