/**
 * The observer the bench puts in every page it times (an init script, before the page's own): the
 * frame that first shows a 6–8 digit code, begun and presented, and the code's text. The same for
 * this app, the peer builds and the bench's own pages, whatever marks they set themselves.
 */

import type { Page } from 'playwright';

/** What the observer saw, as `window.__firstDigits` (ms from navigation start; -1 until then). */
export interface CodeSeen {
  at: number;
  painted: number;
  text: string;
  /** The page's own `first-code` mark, if it set one by then. */
  mark: number | null;
}

/** The console message the observer sends once the code is on screen. */
const SEEN = 'bench:first-code-seen ';

/**
 * Runs `load` (a navigation) and resolves with what the observer saw once the code is on screen.
 * Told by a console message, not polled: polling (waitForFunction) compiled Playwright's injected
 * script in the page in the middle of its load (traced at 4×: a 20 ms parse on the main thread,
 * before this app's browser-check.js ran), so the bench's own work was timed with the app's.
 */
export async function codeSeen(page: Page, load: () => Promise<unknown>, timeout = 30_000): Promise<CodeSeen> {
  const message = page.waitForEvent('console', { predicate: (m) => m.text().startsWith(SEEN), timeout });
  await load();
  return JSON.parse((await message).text().slice(SEEN.length)) as CodeSeen;
}

// Records the frame that first shows a 6–8 digit code (grouping spaces allowed), and its text:
// 'at' when that frame begins (its animation-frame callbacks, before its style, layout and paint)
// and 'painted' when it was presented, the code on screen (Element Timing's renderTime for the
// element, marked as it is added): the figure the budget is on.
export const CODE_OBSERVER = `(() => {
  const seen = { at: -1, painted: -1, text: '', mark: null };
  Object.defineProperty(window, '__firstDigits', { value: seen });
  new PerformanceObserver((list, observer) => {
    for (const e of list.getEntries()) if (e.identifier === 'first-code' && seen.painted < 0) seen.painted = e.renderTime || e.loadTime;
    if (seen.painted < 0) return;
    // Done: nothing of the observer stays in the page's later work (the idle figures are taken on it).
    mutations.disconnect();
    observer.disconnect();
    const mark = performance.getEntriesByName('first-code')[0];
    seen.mark = mark ? mark.startTime : null;
    console.debug('${SEEN}' + JSON.stringify(seen));
  }).observe({ type: 'element', buffered: true });
  const digits = (el) => (el.textContent || '').replace(/\\s/g, '');
  const test = (el) => el.nodeType === 1 && el.childElementCount === 0 && /^\\d{6,8}$/.test(digits(el)) && !el.closest('template');
  // A code element replaced before it was painted (a new period at that moment) is never
  // presented: the next one is marked instead.
  let marked = null;
  const mutations = new MutationObserver((records) => {
    if (marked && marked.isConnected) return; // (disconnected once the code is on screen)
    for (const r of records) {
      const nodes = r.type === 'characterData' ? [r.target.parentElement] : [...r.addedNodes].map((n) => (n.nodeType === 3 ? n.parentElement : n));
      for (const n of nodes) {
        if (!n || n.nodeType !== 1) continue;
        const hit = test(n) ? n : [...n.querySelectorAll('*')].find(test);
        if (hit) {
          seen.text = digits(hit);
          hit.setAttribute('elementtiming', 'first-code');
          if (!marked) requestAnimationFrame(() => (seen.at = performance.now()));
          marked = hit;
          return;
        }
      }
    }
  });
  mutations.observe(document, { subtree: true, childList: true, characterData: true });
})();`;
