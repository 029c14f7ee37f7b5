// Scans a licence barcode from the device camera: frames from getUserMedia go to the reader until one decodes.
import { readLicenceBarcode } from './barcode-reader.ts';

export type CameraProblem = 'unavailable' | 'denied';

export class CameraUnavailable extends Error {
  constructor(readonly problem: CameraProblem) {
    super(problem);
  }
}

const FRAME_INTERVAL_MS = 250;

export interface CameraScan {
  /** Resolves with the barcode text, or undefined when stopped first. */
  result: Promise<string | undefined>;
  stop: () => void;
}

export async function startCameraScan(video: HTMLVideoElement): Promise<CameraScan> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraUnavailable('unavailable');
  let stream: MediaStream;
  try {
    // The back camera on tablets; PDF417 needs resolution more than frame rate.
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false });
  } catch (error) {
    const name = (error as DOMException).name;
    throw new CameraUnavailable(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play().catch(() => undefined);

  let stopped = false;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const stop = () => {
    stopped = true;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };

  const result = (async () => {
    while (!stopped) {
      if (context && video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const text = await readLicenceBarcode(context.getImageData(0, 0, canvas.width, canvas.height)).catch(() => undefined);
        if (text && !stopped) {
          stop();
          return text;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS));
    }
    return undefined;
  })();
  return { result, stop };
}
