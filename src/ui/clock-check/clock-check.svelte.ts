// The clock check: compares the device clock with the origin's (when online) and notices when it
// went backwards since a code was last shown. Offline, nothing new is said.
import { measureOffset, TOLERANCE_SECONDS } from './clock-offset.ts';
import { clockVouchedAt, noteCodeShown } from './last-shown.ts';

/** Re-check at most this often when the app comes back to the foreground. */
const RECHECK_MS = 5 * 60_000;

class ClockCheck {
  /** Device minus origin, in whole seconds, while that is beyond the tolerance. */
  #offset = $state<number | undefined>(undefined);
  /** Whole seconds the clock went back since a code was last shown, if it did. */
  #backwards = $state<number | undefined>(undefined);
  #checkedAt = 0;
  #started = false;

  get offsetSeconds(): number | undefined {
    return this.#offset;
  }
  get backwardsSeconds(): number | undefined {
    return this.#backwards;
  }

  start() {
    if (this.#started) return;
    this.#started = true;
    addEventListener('online', () => void this.check());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && Date.now() - this.#checkedAt > RECHECK_MS) void this.check();
    });
    void this.check();
  }

  async check() {
    if (!navigator.onLine) return;
    this.#checkedAt = Date.now();
    let offset: number | undefined;
    try {
      offset = await measureOffset();
    } catch {
      return; // no answer: nothing new to say
    }
    if (offset === undefined) return;
    const seconds = Math.round(offset / 1000);
    this.#offset = Math.abs(seconds) > TOLERANCE_SECONDS ? seconds : undefined;
    if (this.#offset === undefined) {
      // The origin vouches for the clock now: an earlier, wrong "last shown" time is void.
      this.#backwards = undefined;
      clockVouchedAt(Date.now());
    }
  }

  /** Called every second while codes show: compares in memory, stores at most every 10 s. */
  codeShown(now: number) {
    this.#backwards = noteCodeShown(now);
  }
}

export const clockCheck = new ClockCheck();
