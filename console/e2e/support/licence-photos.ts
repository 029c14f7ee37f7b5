// Photos of the sample licence's barcode as a till's camera or a phone takes them: cropped tight at the bars, turned
// a quarter, half or a few degrees, in low light. Made in the page's own canvas from the bwip-js drawing, so the tests
// need no image files and no image library.
import type { Page } from 'playwright-core';
import { bareLicenceBarcodePng } from './licence-barcode.ts';

export interface PhotoSpec {
  /** How the photo was taken, for the test's name. */
  name: string;
  /** Degrees, clockwise. */
  angle: number;
  /** 'tight': cropped at the barcode's own edges (turned, its bounding box); 'card': with the card around it. */
  crop: 'tight' | 'card';
  /** The drawing's size in the photo, 1 = as bwip-js drew it (3 px a module). */
  scale?: number;
  /** CSS filter values: 1 is as lit, lower is darker and flatter. */
  brightness?: number;
  contrast?: number;
  /** Pixels of blur, as a slightly out-of-focus lens. */
  blur?: number;
  /** Sensor noise: the largest change, up or down, of a pixel's grey level. */
  noise?: number;
}

export const PHOTOS: PhotoSpec[] = [
  { name: 'cropped tight at the bars', angle: 0, crop: 'tight', scale: 1.3, blur: 0.6 },
  { name: 'cropped tight, turned a quarter (90°)', angle: 90, crop: 'tight', scale: 1.3, blur: 0.6 },
  { name: 'cropped tight, upside down (180°)', angle: 180, crop: 'tight', scale: 1.3, blur: 0.6 },
  { name: 'turned 7° on the card', angle: 7, crop: 'card', scale: 1.2 },
  { name: 'turned -12° on the card', angle: -12, crop: 'card', scale: 1.2 },
  { name: 'turned 30° on the card', angle: 30, crop: 'card' },
  { name: 'in low light (dark, flat and grainy)', angle: 0, crop: 'card', brightness: 0.3, contrast: 0.45, blur: 0.8, noise: 14 },
  { name: 'cropped tight, turned 4°, in low light', angle: 4, crop: 'tight', scale: 1.2, brightness: 0.45, contrast: 0.55, blur: 0.6, noise: 10 },
];

// Plain JavaScript text on purpose, as in fake-camera.ts: tsx-compiled functions carry helpers the page lacks.
const MAKE_PHOTO = `async ({ source, photo }) => {
  const image = new Image();
  image.src = source;
  await image.decode();
  const scale = photo.scale ?? 1;
  const w = Math.round(image.width * scale);
  const h = Math.round(image.height * scale);
  const paper = '#f2eee4';
  // The card: the barcode on a light, warm background.
  const margin = 48;
  const card = document.createElement('canvas');
  card.width = w + 2 * margin;
  card.height = h + 2 * margin;
  const c = card.getContext('2d');
  c.fillStyle = paper;
  c.fillRect(0, 0, card.width, card.height);
  c.imageSmoothingEnabled = true;
  c.imageSmoothingQuality = 'high';
  c.drawImage(image, margin, margin, w, h);
  // The shot: the card turned, then cropped to the barcode's box or the card's.
  const rad = (photo.angle * Math.PI) / 180;
  const cos = Math.abs(Math.cos(rad));
  const sin = Math.abs(Math.sin(rad));
  const boxW = photo.crop === 'tight' ? w : card.width;
  const boxH = photo.crop === 'tight' ? h : card.height;
  const out = document.createElement('canvas');
  out.width = Math.round(boxW * cos + boxH * sin);
  out.height = Math.round(boxW * sin + boxH * cos);
  const o = out.getContext('2d');
  o.fillStyle = paper;
  o.fillRect(0, 0, out.width, out.height);
  o.translate(out.width / 2, out.height / 2);
  o.rotate(rad);
  o.drawImage(card, -card.width / 2, -card.height / 2);
  // The light and the lens.
  const shot = document.createElement('canvas');
  shot.width = out.width;
  shot.height = out.height;
  const s = shot.getContext('2d');
  s.filter = 'brightness(' + (photo.brightness ?? 1) + ') contrast(' + (photo.contrast ?? 1) + ') blur(' + (photo.blur ?? 0) + 'px)';
  s.drawImage(out, 0, 0);
  s.filter = 'none';
  if (photo.noise) {
    // The same grain on every run: a small seeded generator (mulberry32).
    let seed = 20240523;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pixels = s.getImageData(0, 0, shot.width, shot.height);
    const d = pixels.data;
    for (let i = 0; i < d.length; i += 4) {
      const delta = (random() * 2 - 1) * photo.noise;
      d[i] += delta;
      d[i + 1] += delta;
      d[i + 2] += delta;
    }
    s.putImageData(pixels, 0, 0);
  }
  return shot.toDataURL('image/png');
}`;

/** The photo as a PNG file's bytes, made in the page from the sample licence's barcode. */
export async function licencePhoto(page: Page, photo: PhotoSpec): Promise<Buffer> {
  const source = `data:image/png;base64,${(await bareLicenceBarcodePng()).toString('base64')}`;
  const dataUrl = (await page.evaluate(`(${MAKE_PHOTO})(${JSON.stringify({ source, photo })})`)) as string;
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
