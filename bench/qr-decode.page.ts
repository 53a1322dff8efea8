// Runs inside Chromium for bench/qr-decode.ts: draws the corpus, then times the app's fallback
// decoder (zxing-wasm in its worker, exactly as the scanner uses it) frame by frame.
import { openQrDecoder } from '../src/scan/qr-decoder.ts';
import { decoderCorpus } from '../tests/fixtures/qr/corpus.ts';
import { grayToRgba, renderQr } from '../tests/fixtures/qr/raster.ts';

export interface PageResult {
  engine: string;
  frames: number;
  rounds: number;
  decoded: number;
  failed: string[];
  timesMs: number[];
}

async function run(rounds: number): Promise<PageResult> {
  const corpus = decoderCorpus(640, 480).map((c) => {
    const g = renderQr(c);
    return { name: c.name, text: c.text, rgba: grayToRgba(g), width: g.width, height: g.height };
  });
  const decoder = await openQrDecoder({ native: false });
  // The first call compiles the wasm; a scanner pays that once, not per frame.
  const warm = corpus[0]!;
  await decoder.decode(new ImageData(warm.rgba.slice(), warm.width, warm.height));

  const timesMs: number[] = [];
  const failed = new Set<string>();
  let decoded = 0;
  for (let r = 0; r < rounds; r++) {
    for (const f of corpus) {
      // A fresh copy each time: the decoder takes (transfers) the frame's pixels.
      const frame = new ImageData(f.rgba.slice(), f.width, f.height);
      const t0 = performance.now();
      const text = await decoder.decode(frame);
      timesMs.push(performance.now() - t0);
      if (text === f.text) decoded++;
      else failed.add(f.name);
    }
  }
  decoder.close();
  return { engine: decoder.engine, frames: corpus.length, rounds, decoded, failed: [...failed], timesMs };
}

(window as unknown as { runBench: typeof run }).runBench = run;
document.title = 'ready';
