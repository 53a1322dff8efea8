// When a code was last shown, remembered across restarts, so a clock set back since is noticed
// (plain: the first paint notes its codes too, before the app's clock check loads).
const LAST_SHOWN = 'soft-token.last-code-at';
/** The clock ticks once a second: smaller steps back are jitter, not a changed clock. */
const BACKWARDS_SLACK_MS = 2000;
// Storing the last time shown survives a restart; every tick would be a write a second for nothing.
const STORE_EVERY_MS = 10_000;

let lastShown: number | undefined;
let lastStored = 0;

/** Called every second while codes show: the whole seconds the clock went back, if it did. */
export function noteCodeShown(now: number): number | undefined {
  const last = (lastShown ??= Number(localStorage.getItem(LAST_SHOWN) ?? 0));
  if (now < last - BACKWARDS_SLACK_MS) return Math.round((last - now) / 1000); // keep the later time: codes before it may have been used
  lastShown = now;
  if (now - lastStored >= STORE_EVERY_MS) {
    lastStored = now;
    localStorage.setItem(LAST_SHOWN, String(now));
  }
  return undefined;
}

/** The origin vouches for the clock now: an earlier, wrong "last shown" time is void. */
export function clockVouchedAt(now: number): void {
  lastShown = now;
  localStorage.setItem(LAST_SHOWN, String(now));
}
