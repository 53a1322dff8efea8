// Wrong unlocks slow down (delay-schedule.ts). The count is
// stored, so a reload does not reset it, and an unlock that passes the 8-bit check only forgives
// one failure (a wrong PIN passes 1 time in 256, so guessing can only raise the count). The wait
// is served by performance.now() while the app is open, so moving the device clock ends nothing;
// one tab at a time serves it (Web Locks), so more tabs do not make it shorter. SECURITY.md.
import { get, update, type UseStore } from 'idb-keyval';
import { LockThrottledError, storageError } from '../errors.ts';
import { THROTTLE_KEY, type LockThrottle } from '../records.ts';
import { delayAfter } from './delay-schedule.ts';

/** How often the serving tab writes the time served (a reload loses at most this much). */
const TICK_MS = 5_000;
const SERVE_LOCK = 'soft-token-unlock-delay';

const EMPTY: LockThrottle = { failures: 0, waitMs: 0 };

export class UnlockDelay {
  #store: UseStore;
  /** performance.now() when this tab last took served time off the stored wait; set while it serves. */
  #mark: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #release: (() => void) | undefined;
  #closed = false;

  constructor(store: UseStore) {
    this.#store = store;
  }

  async read(): Promise<LockThrottle> {
    return (await get<LockThrottle>(THROTTLE_KEY, this.#store).catch((e) => Promise.reject(storageError(e)))) ?? EMPTY;
  }

  /** Refuses with LockThrottledError while some of the wait is still to be served. */
  async check(): Promise<void> {
    const left = await this.#take();
    if (left > 0) {
      this.serve();
      throw new LockThrottledError(Date.now() + left);
    }
  }

  /** Counts a wrong PIN; returns when (Date.now(), for display) the next try is allowed. */
  async failed(): Promise<number> {
    let wait = 0;
    // One transaction: two tabs failing at once both count.
    await this.#edit((old) => {
      const failures = old.failures + 1;
      wait = delayAfter(failures);
      return { failures, waitMs: wait };
    });
    if (wait > 0) this.serve();
    return Date.now() + wait;
  }

  /** An unlock passed the check: one failure is forgiven, never all of them. */
  async passed(): Promise<void> {
    await this.#edit((old) => (old.failures ? { ...old, failures: old.failures - 1 } : old));
  }

  /** Starts serving the stored wait in this tab, or queues behind the tab that serves it now. */
  serve(): void {
    if (this.#closed || this.#release) return;
    const run = () =>
      new Promise<void>((resolve) => {
        this.#release = () => {
          clearTimeout(this.#timer);
          this.#mark = undefined;
          this.#release = undefined;
          resolve();
        };
        if (this.#closed) return this.#release();
        this.#mark = performance.now();
        const tick = () => {
          this.#timer = setTimeout(async () => {
            const left = await this.#take().catch(() => 0);
            if (left > 0 && !this.#closed) tick();
            else this.#release?.();
          }, TICK_MS);
        };
        tick();
      });
    const locks = globalThis.navigator?.locks;
    if (locks) void locks.request(SERVE_LOCK, run).catch(() => {});
    else void run();
  }

  close(): void {
    this.#closed = true;
    this.#release?.();
  }

  /** Takes the time served since the last take off the stored wait (when this tab serves); returns what is left. */
  async #take(): Promise<number> {
    if (this.#mark === undefined) return (await this.read()).waitMs;
    const now = performance.now();
    const served = now - this.#mark;
    this.#mark = now;
    let left = 0;
    await this.#edit((old) => {
      left = Math.max(0, old.waitMs - served);
      return { ...old, waitMs: left };
    });
    return left;
  }

  async #edit(change: (old: LockThrottle) => LockThrottle): Promise<void> {
    await update<LockThrottle>(THROTTLE_KEY, (old) => change(old ?? EMPTY), this.#store).catch((e) => Promise.reject(storageError(e)));
  }
}
