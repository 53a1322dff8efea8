// The ring's two half-ring covers: how each sweeps, and where they rest (reduced motion) for the
// seconds left; one rule for the first paint and the app's ring.
export interface StillCovers {
  right: string;
  left: string;
}

export function stillCovers(left: number, period: number): StillCovers {
  const elapsed = 360 * (1 - left / period);
  return { right: `rotate(${45 - 180 + Math.min(elapsed, 180)}deg)`, left: `rotate(${45 + Math.max(elapsed - 180, 0)}deg)` };
}

/** One cover's CSS animation timing. */
export interface CoverTiming {
  duration: string;
  delay: string;
  easing: string;
}

/**
 * The covers' animations for a period `elapsedMs` in. Each cover turns over its half of the
 * period only (the right one first, the left one after a delay), so the other one is waiting or
 * done and the browser leaves it alone: a running animation's element is restyled in every frame
 * the page draws. Each steps once a second, in time with the number, so the compositor draws one
 * frame a second instead of one per display refresh; an odd period's half is not whole seconds,
 * so it steps every half second.
 */
export function coverTimings(period: number, elapsedMs: number): { right: CoverTiming; left: CoverTiming } {
  const half = (period * 1000) / 2;
  const easing = `steps(${period % 2 === 0 ? period / 2 : period}, end)`;
  const duration = `${half}ms`;
  return { right: { duration, delay: `${-elapsedMs}ms`, easing }, left: { duration, delay: `${half - elapsedMs}ms`, easing } };
}
