// A stand-in camera for the scan test: getUserMedia answers a canvas stream that shows a picture (the barcode).
import type { Page } from 'playwright-core';

// Plain JavaScript text on purpose: a function passed from tsx-compiled code would carry esbuild's
// __name() helper into the page, where it does not exist.
const INSTALL_FAKE_CAMERA = `(source) => {
  navigator.mediaDevices.getUserMedia = async () => {
    const image = new Image();
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width + 200;
    canvas.height = image.height + 200;
    const context = canvas.getContext('2d');
    const paint = () => {
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 100, 100);
    };
    paint();
    // A canvas stream only sends frames when the canvas is painted.
    setInterval(paint, 100);
    return canvas.captureStream(10);
  };
}`;

export async function fakeCameraShowing(page: Page, png: Buffer): Promise<void> {
  const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
  await page.evaluate(`(${INSTALL_FAKE_CAMERA})(${JSON.stringify(dataUrl)})`);
}
