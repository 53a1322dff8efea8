// The BarcodeDetector path. Chromium on Linux has no BarcodeDetector, so a detector with the
// same interface stands in: the real ZXing reader with inversion off, which, like several
// platform detectors, reads only dark-on-light codes. The wrapper must still read inverted ones.
import { describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { fromDetector, openQrDecoder, type NativeDetector } from '../../src/scan/qr-decoder.ts';
import { CORPUS_URIS } from '../fixtures/qr/corpus.ts';
import { grayToRgba, renderQr } from '../fixtures/qr/raster.ts';

prepareZXingModule({ overrides: { locateFile: (p: string, pre: string) => (p.endsWith('.wasm') ? wasmUrl : pre + p) } });

let calls = 0;
const darkOnLightOnly: NativeDetector = {
  async detect(source) {
    calls++;
    const found = await readBarcodes(source as ImageData, { formats: ['QRCode'], tryInvert: false });
    return found.filter((r) => r.isValid).map((r) => ({ rawValue: r.text }));
  },
};

function frame(text: string, invert: boolean): ImageData {
  const g = renderQr({ text, width: 480, height: 480, modulePx: 6, invert });
  return new ImageData(grayToRgba(g), g.width, g.height);
}

describe('BarcodeDetector wrapper', () => {
  const uri = CORPUS_URIS[0]!;

  it('reads a dark-on-light code in one detection', async () => {
    calls = 0;
    expect(await fromDetector(darkOnLightOnly).decode(frame(uri, false))).toBe(uri);
    expect(calls).toBe(1);
  });

  it('reads a light-on-dark code through its inverted retry', async () => {
    const img = frame(uri, true);
    expect((await darkOnLightOnly.detect(img)).length).toBe(0);
    calls = 0;
    expect(await fromDetector(darkOnLightOnly).decode(img)).toBe(uri);
    expect(calls).toBe(2);
  });

  it('returns null when neither pass finds a code', async () => {
    const blank = new ImageData(320, 240);
    blank.data.fill(255);
    expect(await fromDetector(darkOnLightOnly).decode(blank)).toBeNull();
  });

  it('uses BarcodeDetector only where it reads QR codes, else the wasm worker', async () => {
    const native = (globalThis as { BarcodeDetector?: { getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
    const readsQr = native ? (await native.getSupportedFormats()).includes('qr_code') : false;
    const decoder = await openQrDecoder();
    try {
      expect(decoder.engine).toBe(readsQr ? 'barcode-detector' : 'zxing-wasm');
    } finally {
      decoder.close();
    }
  });
});
