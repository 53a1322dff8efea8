/**
 * One way to read QR text from pixels: the browser's BarcodeDetector where it reads QR codes,
 * otherwise the wasm decoder in a worker (loaded only now, when the scanner opens).
 */
import type { DecodeReply, DecodeRequest } from './decode-messages.ts';

export interface QrDecoder {
  /** Which engine runs: shown nowhere, but tests and the bench report it. */
  readonly engine: 'barcode-detector' | 'zxing-wasm';
  /** The text of a QR code in the image, or null when none is found. The image may be transferred. */
  decode(image: ImageData): Promise<string | null>;
  close(): void;
}

export interface NativeDetector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

export async function nativeDetector(): Promise<NativeDetector | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = await Detector.getSupportedFormats();
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

function inverted(image: ImageData): ImageData {
  const out = new ImageData(image.width, image.height);
  for (let i = 0; i < image.data.length; i += 4) {
    out.data[i] = 255 - image.data[i]!;
    out.data[i + 1] = 255 - image.data[i + 1]!;
    out.data[i + 2] = 255 - image.data[i + 2]!;
    out.data[i + 3] = 255;
  }
  return out;
}

/** Wraps a platform BarcodeDetector (exported for tests: Chromium on Linux has none). */
export function fromDetector(detector: NativeDetector): QrDecoder {
  return {
    engine: 'barcode-detector',
    async decode(image) {
      const found = await detector.detect(image);
      if (found[0]) return found[0].rawValue;
      // Platform detectors often miss light-on-dark codes; one inverted try covers them.
      const again = await detector.detect(inverted(image));
      return again[0]?.rawValue ?? null;
    },
    close() {},
  };
}

function fromWorker(): QrDecoder {
  const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (t: string | null) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<DecodeReply>) => {
    const reply = event.data;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.text);
  };
  worker.onerror = (event) => failAll(event.message || 'decoder worker failed');
  return {
    engine: 'zxing-wasm',
    decode(image) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: DecodeRequest = { id, image };
        worker.postMessage(request, [image.data.buffer]);
      });
    },
    close() {
      failAll('decoder closed');
      worker.terminate();
    },
  };
}

/** Opens the best decoder this browser has. `native: false` forces the wasm fallback. */
export async function openQrDecoder({ native = true }: { native?: boolean } = {}): Promise<QrDecoder> {
  const detector = native ? await nativeDetector() : null;
  return detector ? fromDetector(detector) : fromWorker();
}
