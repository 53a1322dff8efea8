// The bench's one summary rule: nearest-rank percentiles (the smallest sample with at least q of
// the samples at or below it), whatever order the samples come in.
import { describe, expect, it } from 'vitest';
import { quantile, spread } from '../../../bench/stats.ts';

describe('bench statistics', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it.each([
    [0.5, 50], [0.95, 95], [0.99, 99], [1, 100], [0, 1], [0.01, 1],
  ])('quantile %f of 1…100 is %i', (q, expected) => {
    expect(quantile(hundred, q)).toBe(expected);
  });

  it('an even count takes the lower middle as median; an empty list has none', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('spread is the median with the smallest and largest run', () => {
    expect(spread([12, 10, 30])).toEqual({ median: 12, min: 10, max: 30, runs: 3 });
  });

  it('leaves the samples as they were', () => {
    const runs = [3, 1, 2];
    quantile(runs, 0.5);
    expect(runs).toEqual([3, 1, 2]);
  });
});
