/**
 * Whether this browser can decode a QR at all: a platform BarcodeDetector that reads QR codes, or
 * WebAssembly allowed by the app's CSP for the fallback decoder. Safari before 16 has no
 * 'wasm-unsafe-eval', so the CSP blocks WebAssembly there; the enrollment screen then offers the
 * URI and typed entry instead of the camera and picture paths.
 */
import { nativeDetector } from './qr-decoder.ts';

/** The smallest valid module: magic number and version. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** Compiling is what the CSP guards (validate() is not), so compile the empty module. */
export function wasmAllowed(): boolean {
  try {
    return typeof WebAssembly === 'object' && new WebAssembly.Module(EMPTY_MODULE) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}

export async function qrDecodingAvailable(): Promise<boolean> {
  return wasmAllowed() || (await nativeDetector()) !== null;
}
