// Auto-lock: the vault locks after the chosen idle time, or on return when the app was hidden
// that long. The lock's state and operations are the vault state's (state/tokens.svelte.ts).
import { tokens } from '../state/tokens.svelte.ts';

const IDLE_KEY = 'soft-token.auto-lock-minutes';
export const IDLE_CHOICES = [1, 5, 15, 60] as const;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

class AutoLock {
  #idleMinutes = $state(Number(globalThis.localStorage?.getItem(IDLE_KEY)) || 5);
  #lastActive = Date.now();
  #hiddenAt: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  get idleMinutes(): number {
    return this.#idleMinutes;
  }

  /** Call from the app shell. Returns the cleanup. */
  start(): () => void {
    let wasUnlocked = false;
    const sync = () => {
      // An unlock counts as use: the idle time starts from it.
      const unlocked = tokens.lockState === 'unlocked';
      if (unlocked && !wasUnlocked) this.#lastActive = Date.now();
      wasUnlocked = unlocked;
      this.#schedule();
    };
    const off = tokens.onChange(sync);
    sync();
    const active = () => {
      this.#lastActive = Date.now();
      this.#schedule();
    };
    const visibility = () => {
      if (document.visibilityState === 'hidden') this.#hiddenAt = Date.now();
      else {
        // Timers do not run while a phone sleeps: measure the hidden time on return instead.
        if (this.#hiddenAt !== undefined && Date.now() - this.#hiddenAt >= this.#idleMs()) tokens.lockNow();
        this.#hiddenAt = undefined;
        active();
      }
    };
    for (const e of ACTIVITY) addEventListener(e, active, { passive: true, capture: true });
    document.addEventListener('visibilitychange', visibility);
    return () => {
      off();
      clearTimeout(this.#timer);
      for (const e of ACTIVITY) removeEventListener(e, active, { capture: true });
      document.removeEventListener('visibilitychange', visibility);
    };
  }

  #idleMs(): number {
    return this.#idleMinutes * 60_000;
  }

  #schedule() {
    clearTimeout(this.#timer);
    if (tokens.lockState !== 'unlocked') return;
    const left = this.#lastActive + this.#idleMs() - Date.now();
    this.#timer = setTimeout(() => {
      if (Date.now() - this.#lastActive >= this.#idleMs()) tokens.lockNow();
      else this.#schedule();
    }, Math.max(1000, left));
  }

  setIdleMinutes(minutes: number) {
    this.#idleMinutes = minutes;
    localStorage.setItem(IDLE_KEY, String(minutes));
    this.#schedule();
  }
}

export const autoLock = new AutoLock();
