/**
 * The observer the bench puts in every page it times (an init script, before the page's own): the
 * frame that first shows a 6–8 digit code, begun and presented, and the code's text. The same for
 * this app, the peer builds and the bench's own pages, whatever marks they set themselves.
 */

/** What the observer saw, as `window.__firstDigits` (ms from navigation start; -1 until then). */
export interface CodeSeen {
  at: number;
  painted: number;
  text: string;
}

// Records the frame that first shows a 6–8 digit code (grouping spaces allowed), and its text:
// 'at' when that frame begins (its animation-frame callbacks, before its style, layout and paint)
// and 'painted' when it was presented, the code on screen (Element Timing's renderTime for the
// element, marked as it is added): the figure the budget is on.
export const CODE_OBSERVER = `(() => {
  const seen = { at: -1, painted: -1, text: '' };
  Object.defineProperty(window, '__firstDigits', { value: seen });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === 'first-code' && seen.painted < 0) seen.painted = e.renderTime || e.loadTime;
    // Done: nothing of the observer stays in the page's later work (the idle figures are taken on it).
    if (seen.painted >= 0) mutations.disconnect();
  }).observe({ type: 'element', buffered: true });
  const digits = (el) => (el.textContent || '').replace(/\\s/g, '');
  const test = (el) => el.nodeType === 1 && el.childElementCount === 0 && /^\\d{6,8}$/.test(digits(el)) && !el.closest('template');
  // A code element replaced before it was painted (a new period at that moment) is never
  // presented: the next one is marked instead.
  let marked = null;
  const mutations = new MutationObserver((records) => {
    if (seen.painted >= 0 || (marked && marked.isConnected)) return;
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
