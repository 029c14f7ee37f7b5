// Pixel work that gives the barcode reader a second chance at a photo it could not read as taken: grey levels
// stretched to full contrast (low light), a white quiet zone around the picture (a crop tight at the bars), and the
// picture turned to undo a tilt. Plain arrays, no DOM, so each step can run on any frame.

/** One grey level (0 black, 255 white) per pixel, row after row. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** What ImageData and zxing-wasm's reader both take: RGBA bytes. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function toGrey(image: Rgba): Grey {
  const { width, height, data } = image;
  const grey = new Uint8ClampedArray(width * height);
  // Rec. 601 luma in integers: bars are dark in every channel, so the weights matter little.
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) grey[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
  return { width, height, data: grey };
}

export function toRgba(grey: Grey): Rgba {
  const data = new Uint8ClampedArray(grey.data.length * 4);
  for (let i = 0, j = 0; i < grey.data.length; i++, j += 4) {
    data[j] = data[j + 1] = data[j + 2] = grey.data[i]!;
    data[j + 3] = 255;
  }
  return { width: grey.width, height: grey.height, data };
}

/** Maps the darkest and the lightest 1 % of the pixels to black and white: a dim, flat photo gets its contrast back. */
export function stretchContrast(grey: Grey): Grey {
  const histogram = new Uint32Array(256);
  for (const value of grey.data) histogram[value]!++;
  const tail = Math.floor(grey.data.length * 0.01);
  let low = 0;
  for (let seen = 0; low < 255 && seen + histogram[low]! <= tail; low++) seen += histogram[low]!;
  let high = 255;
  for (let seen = 0; high > 0 && seen + histogram[high]! <= tail; high--) seen += histogram[high]!;
  if (high - low < 16) return grey;
  const scale = 255 / (high - low);
  const data = new Uint8ClampedArray(grey.data.length);
  for (let i = 0; i < data.length; i++) data[i] = (grey.data[i]! - low) * scale;
  return { width: grey.width, height: grey.height, data };
}

/** A white border all round: PDF417's start and stop patterns are found by the light space before them. */
export function withQuietZone(grey: Grey, margin: number): Grey {
  const width = grey.width + 2 * margin;
  const height = grey.height + 2 * margin;
  const data = new Uint8ClampedArray(width * height).fill(255);
  for (let y = 0; y < grey.height; y++) data.set(grey.data.subarray(y * grey.width, (y + 1) * grey.width), (y + margin) * width + margin);
  return { width, height, data };
}

/** The picture turned by `degrees` (clockwise on screen), on a canvas grown to hold it, the corners white. */
export function rotated(grey: Grey, degrees: number): Grey {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const width = Math.ceil(Math.abs(grey.width * cos) + Math.abs(grey.height * sin));
  const height = Math.ceil(Math.abs(grey.width * sin) + Math.abs(grey.height * cos));
  const data = new Uint8ClampedArray(width * height);
  const cx = width / 2;
  const cy = height / 2;
  const sx0 = grey.width / 2;
  const sy0 = grey.height / 2;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= grey.width || y >= grey.height ? 255 : grey.data[y * grey.width + x]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Each output pixel samples the source where the inverse turn lands, blending its four neighbours.
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const sx = cos * dx + sin * dy + sx0 - 0.5;
      const sy = -sin * dx + cos * dy + sy0 - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width, height, data };
}

/**
 * The tilt of the picture's strongest straight edges, in degrees within (-45, 45]: a PDF417's bars are many long
 * parallel edges, so on a photo of one this is how far it is turned off square (a quarter turn more or less is left to
 * the reader, which tries those itself). From the gradients' structure tensor: the average direction of steepest change.
 */
export function dominantTilt(grey: Grey): number {
  const { width, height, data } = grey;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = data[i + 1]! - data[i - 1]!;
      const gy = data[i + width]! - data[i - width]!;
      xx += gx * gx;
      yy += gy * gy;
      xy += gx * gy;
    }
  }
  // Doubling the angle makes a direction and its opposite agree; halving it back gives the edges' normal.
  let degrees = (Math.atan2(2 * xy, xx - yy) * 90) / Math.PI;
  if (degrees > 45) degrees -= 90;
  if (degrees <= -45) degrees += 90;
  return degrees;
}
