// The load of the kill -9 tests: verifications in flight until the service process is gone.

/**
 * Verifies `items` over `connections` parallel callers until all are done or the process is gone
 * (a caller stops at its first failed request). `answered` fills with the items answered `ok`.
 */
export function loadUntilGone<T>(items: T[], verify: (item: T) => Promise<string>, connections = 16): { answered: T[]; done: Promise<unknown> } {
  const answered: T[] = [];
  let next = 0;
  const caller = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        if ((await verify(item)) === 'ok') answered.push(item);
      } catch {
        return; // the process is gone
      }
    }
  };
  return { answered, done: Promise.all(Array.from({ length: connections }, caller)) };
}

/** Waits until `answered` holds `count` items (or `ms` pass), so the kill falls mid-run. */
export async function whenAnswered(answered: unknown[], count: number, ms: number): Promise<void> {
  const started = Date.now();
  while (answered.length < count && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 5));
}
