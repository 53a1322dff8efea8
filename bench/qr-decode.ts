/**
 * Bench: the fallback QR decoder in Chromium on the generated corpus (640×480 frames).
 * Prints decode rate and median / p95 ms per frame; targets ≥ 99 % and ≤ 30 ms median.
 * Alone: `npx tsx bench/qr-decode.ts`; the bench runner calls `benchQrDecode()`.
 */
import { withBenchPage } from './browser-page.ts';
import type { PageResult } from './qr-decode.page.ts';
import { isMain } from './cli.ts';
import { quantile } from './stats.ts';

export interface QrDecodeFigures {
  engine: string;
  frames: number;
  decodeRate: number;
  medianMs: number;
  p95Ms: number;
  failed: string[];
  meetsTargets: boolean;
}

export async function benchQrDecode({ rounds = 3, print = true } = {}): Promise<QrDecodeFigures> {
  return withBenchPage('qr-decode', async (page) => {
    const r = await page.evaluate(
      (n) => (window as unknown as { runBench: (n: number) => Promise<PageResult> }).runBench(n),
      rounds,
    );
    const figures: QrDecodeFigures = {
      engine: r.engine,
      frames: r.frames,
      decodeRate: r.decoded / (r.frames * r.rounds),
      medianMs: quantile(r.timesMs, 0.5),
      p95Ms: quantile(r.timesMs, 0.95),
      failed: r.failed,
      meetsTargets: false,
    };
    figures.meetsTargets = figures.decodeRate >= 0.99 && figures.medianMs <= 30;
    if (print) {
      console.log(`QR decode (${figures.engine}, Chromium, ${r.frames} frames 640×480 × ${r.rounds} rounds)`);
      console.log(`  decoded   ${(figures.decodeRate * 100).toFixed(1)} %   (target ≥ 99 %)`);
      console.log(`  median    ${figures.medianMs.toFixed(1)} ms/frame   (target ≤ 30 ms)`);
      console.log(`  p95       ${figures.p95Ms.toFixed(1)} ms/frame`);
      if (figures.failed.length) console.log(`  missed    ${figures.failed.join(', ')}`);
    }
    return figures;
  });
}

if (isMain(import.meta.url)) {
  const figures = await benchQrDecode();
  process.exitCode = figures.meetsTargets ? 0 : 1;
}
