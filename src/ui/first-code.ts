// performance.mark('first-code') once the first correct code is painted (the bench reads it).
let marked = false;

export function markFirstCode(): void {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() => performance.mark('first-code'));
}

/**
 * Resolves once the first code is painted (the mark above) and that frame is drawn (a frame later),
 * or after `ms` where none shows (a lock, no tokens): what can wait (the worker's registration, the
 * page's icon) never competes with it. Run right after the mark, that work fell in the time the
 * frame with the code was rastered and drawn.
 */
export function afterFirstCode(ms = 1000): Promise<void> {
  const painted = () => performance.getEntriesByName('first-code').length > 0;
  if (typeof PerformanceObserver !== 'function') return Promise.resolve();
  if (painted()) return afterFrame();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      observer.disconnect();
      void afterFrame().then(resolve);
    };
    const timer = setTimeout(done, ms);
    const observer = new PerformanceObserver(() => painted() && done());
    observer.observe({ type: 'mark' });
  });
}

/** A task behind the next frame's animation-frame callbacks (or, in a hidden page, which draws none, 100 ms). */
function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    // The fallback goes once the frame came: left set, it woke the page once more for nothing.
    const hidden = setTimeout(resolve, 100);
    requestAnimationFrame(() => (clearTimeout(hidden), setTimeout(resolve)));
  });
}
