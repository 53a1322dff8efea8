// How long wrong unlocks wait: none for the first 3, then 15 s doubling up to an hour.
const FREE = 3;
const FIRST_MS = 15_000;
const MAX_MS = 3_600_000;

export function delayAfter(failures: number): number {
  if (failures < FREE) return 0;
  return Math.min(MAX_MS, FIRST_MS * 2 ** (failures - FREE));
}
