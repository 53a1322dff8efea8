// The ring's two covers at rest (reduced motion): their angles for the seconds left, one rule for
// the first paint and the app's ring.
export interface StillCovers {
  right: string;
  left: string;
}

export function stillCovers(left: number, period: number): StillCovers {
  const elapsed = 360 * (1 - left / period);
  return { right: `rotate(${45 - 180 + Math.min(elapsed, 180)}deg)`, left: `rotate(${45 + Math.max(elapsed - 180, 0)}deg)` };
}
