// performance.mark('first-code') once the first correct code is painted (the bench reads it).
let marked = false;

export function markFirstCode(): void {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() => performance.mark('first-code'));
}

/**
 * Resolves once the first code is painted (the mark above), or after `ms` where none shows (a lock,
 * no tokens): what can wait (the worker's registration, the page's icon) never competes with it.
 */
export function afterFirstCode(ms = 1000): Promise<void> {
  const painted = () => performance.getEntriesByName('first-code').length > 0;
  if (painted() || typeof PerformanceObserver !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const observer = new PerformanceObserver(() => painted() && done());
    observer.observe({ type: 'mark' });
  });
}
