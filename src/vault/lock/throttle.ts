// Wrong unlocks slow down: none for the first 3, then 15 s doubling up to an hour. Kept in the
// store, so a reload does not reset it (a copied profile is not slowed by this: SECURITY.md).
import { get, set, update, type UseStore } from 'idb-keyval';
import { THROTTLE_KEY, type LockThrottle } from '../records.ts';

const FREE = 3;
const FIRST_MS = 15_000;
const MAX_MS = 3_600_000;

export function delayAfter(failures: number): number {
  if (failures < FREE) return 0;
  return Math.min(MAX_MS, FIRST_MS * 2 ** (failures - FREE));
}

export async function readThrottle(store: UseStore): Promise<LockThrottle> {
  return (await get<LockThrottle>(THROTTLE_KEY, store)) ?? { failures: 0, until: 0 };
}

/** Records one more failure; returns when the next try is allowed. */
export async function recordFailure(store: UseStore): Promise<number> {
  const now = Date.now();
  let until = now;
  // One transaction: two tabs failing at once both count.
  await update<LockThrottle>(THROTTLE_KEY, (old) => {
    const failures = (old?.failures ?? 0) + 1;
    until = now + delayAfter(failures);
    return { failures, until };
  }, store);
  return until;
}

export async function clearThrottle(store: UseStore): Promise<void> {
  await set(THROTTLE_KEY, { failures: 0, until: 0 }, store);
}
