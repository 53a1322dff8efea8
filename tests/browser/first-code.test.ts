// src/ui/first-code.ts in real Chromium: what waits for the first code (the worker's registration,
// the page's icon) starts only once the frame with the code is drawn, a frame after its mark, and
// where no code shows, after the given time.
import { describe, expect, it } from 'vitest';
import { afterFirstCode, markFirstCode } from '../../src/ui/first-code.ts';

/** Counts animation frames from now on; read with frames(). */
function frameCounter(): () => number {
  let n = 0;
  const tick = () => (n++, requestAnimationFrame(tick));
  requestAnimationFrame(tick);
  return () => n;
}

describe('afterFirstCode', () => {
  it('resolves where no code shows after the time given, and not before', async () => {
    const start = performance.now();
    await afterFirstCode(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(195);
    expect(performance.getEntriesByName('first-code')).toHaveLength(0);
  });

  it("waits for the first code's mark, then one frame more", async () => {
    let done = false;
    const waiting = afterFirstCode(60_000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false); // no code yet
    const frames = frameCounter();
    markFirstCode();
    await new Promise<void>((r) => new PerformanceObserver((_, o) => (o.disconnect(), r())).observe({ type: 'mark' }));
    const atMark = frames();
    expect(done).toBe(false);
    await waiting;
    expect(frames()).toBeGreaterThan(atMark); // a frame after the one with the code
    // Asked after the mark: still a frame later.
    const before = frames();
    await afterFirstCode();
    expect(frames()).toBeGreaterThan(before);
  });

  it('leaves no timer behind once the frame came (a hidden page\'s fallback is cleared)', async () => {
    markFirstCode();
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    const set = window.setTimeout;
    const clear = window.clearTimeout;
    const fallbacks: number[] = [];
    const cleared = new Set<number>();
    window.setTimeout = ((f: TimerHandler, ms?: number, ...rest: unknown[]) => {
      const id = set(f, ms, ...rest);
      if (ms === 100) fallbacks.push(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => (id !== undefined && cleared.add(id), clear(id))) as typeof window.clearTimeout;
    try {
      await afterFirstCode();
    } finally {
      window.setTimeout = set;
      window.clearTimeout = clear;
    }
    expect(fallbacks).toHaveLength(1);
    expect(cleared.has(fallbacks[0]!)).toBe(true);
  });
});
