// Reads the PDF417 barcode of a licence from an image or a video frame with zxing-wasm, its WASM served from /console/.
// A photo the reader cannot read as taken gets a second and a third try (see image-variants.ts): contrast stretched
// and a quiet zone added, then the tilt undone.
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
// Vite copies the WASM into dist/assets and gives its URL: nothing is fetched from a CDN.
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { dominantTilt, rotated, stretchContrast, toGrey, toRgba, withQuietZone, type Grey, type Rgba } from './image-variants.ts';

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
  // Quarter and half turns are the reader's own; other angles are undone below.
  tryRotate: true,
  tryInvert: false,
  maxNumberOfSymbols: 1,
  // Plain keeps the AAMVA control characters (LF, RS, CR) as they are in the symbol.
  textMode: 'Plain',
};

/** The longest side the second tries work on: a phone photo's 4000 px would make each pixel pass slow for nothing. */
const MAX_SIDE = 2000;
/** Below this the tilt is the reader's to cope with, and turning the picture would only blur it. */
const MIN_TILT_DEGREES = 1;

async function readOnce(image: Blob | Rgba): Promise<string | undefined> {
  const results = await readBarcodes(image as Blob | ImageData, OPTIONS);
  return results.find((r) => r.isValid && r.text)?.text;
}

async function pixelsOf(image: Blob): Promise<Rgba> {
  // createImageBitmap also applies the photo's EXIF orientation, as the browser shows it.
  const bitmap = await createImageBitmap(image);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas to read the photo');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}

/** A white margin of a tenth of the picture's short side: room for the quiet zone PDF417 needs, whatever the scale. */
function quietZoned(grey: Grey): Rgba {
  return toRgba(withQuietZone(grey, Math.max(16, Math.round(Math.min(grey.width, grey.height) / 10))));
}

/** The picture turned square: the tilt measured, undone, and what is left of it measured and undone in the same turn. */
function squared(grey: Grey): Grey | undefined {
  const tilt = dominantTilt(grey);
  if (Math.abs(tilt) < MIN_TILT_DEGREES) return undefined;
  // The first measure is skewed by the picture's own frame; measured again once nearly square, the rest is small.
  const rest = dominantTilt(rotated(grey, -tilt));
  return rotated(grey, -(tilt + rest));
}

/** The barcode's text, or undefined when the picture holds no readable PDF417. */
export async function readLicenceBarcode(image: Blob | ImageData): Promise<string | undefined> {
  prepareReader();
  const asTaken = await readOnce(image);
  if (asTaken) return asTaken;
  const grey = stretchContrast(toGrey(image instanceof Blob ? await pixelsOf(image) : image));
  const framed = await readOnce(quietZoned(grey));
  if (framed) return framed;
  const square = squared(grey);
  return square ? readOnce(quietZoned(square)) : undefined;
}

/** Starts fetching and compiling the WASM early, so the first scan is quick. */
export function warmUpReader(): void {
  prepareReader();
  void readBarcodes(new ImageData(1, 1), OPTIONS).catch(() => undefined);
}
