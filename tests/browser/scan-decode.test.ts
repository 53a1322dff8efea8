// The fallback decoder (zxing-wasm in its worker, as the app runs it) reads every corpus picture:
// generated at test time from known URIs, in each condition the scanner promises to handle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQrDecoder, type QrDecoder } from '../../src/scan/qr-decoder.ts';
import { decoderCorpus } from '../fixtures/qr/corpus.ts';
import { grayToRgba, renderQr } from '../fixtures/qr/raster.ts';

let decoder: QrDecoder;
beforeAll(async () => {
  decoder = await openQrDecoder({ native: false });
});
afterAll(() => decoder.close());

describe('fallback decoder on 640×480 frames', () => {
  it('is the wasm decoder', () => {
    expect(decoder.engine).toBe('zxing-wasm');
  });

  it.each(decoderCorpus().map((c) => [c.name, c] as const))('reads %s', async (_name, picture) => {
    const gray = renderQr(picture);
    const text = await decoder.decode(new ImageData(grayToRgba(gray), gray.width, gray.height));
    expect(text).toBe(picture.text);
  });

  it('finds nothing in a picture without a code', async () => {
    const blank = new ImageData(640, 480);
    blank.data.fill(200);
    expect(await decoder.decode(blank)).toBeNull();
  });

  it('answers frames sent back to back, each with its own text', async () => {
    const cases = decoderCorpus().filter((c) => c.name.endsWith(' plain'));
    const images = cases.map((c) => {
      const g = renderQr(c);
      return new ImageData(grayToRgba(g), g.width, g.height);
    });
    const texts = await Promise.all(images.map((img) => decoder.decode(img)));
    expect(texts).toEqual(cases.map((c) => c.text));
  });
});
