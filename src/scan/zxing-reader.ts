/**
 * The fallback QR decoder: ZXing-C++ compiled to WebAssembly (zxing-wasm). Chosen by measurement
 * on the test corpus (bench/qr-decode.ts): it read every frame at ~4 ms, where jsQR missed small,
 * low-contrast and noisy codes. The wasm is served from our own origin (Vite `?url`), never from
 * the library's default CDN, so the service worker precaches it and scanning works offline.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
  },
});

const options: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  // Light-on-dark codes (dark-mode screenshots) need the inverted pass.
  tryInvert: true,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
};

/** The text of the first QR code found, or null. */
export async function readQrText(image: ImageData): Promise<string | null> {
  const [first] = await readBarcodes(image, options);
  return first?.isValid ? first.text : null;
}
