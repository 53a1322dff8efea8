/** Fixed-window counters per key (client address, user name), in memory. Time is a parameter. */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  #windows = new Map<string, { start: number; count: number }>();

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Seconds to wait when over the limit (without counting this one), else 0 after counting it. */
  hit(key: string, now: number): number {
    const wait = this.check(key, now);
    if (wait) return wait;
    this.#windows.get(key)!.count++;
    return 0;
  }

  /** Like hit, without counting. */
  check(key: string, now: number): number {
    let w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.#windows.size > 10_000) this.#sweep(now); // bound memory under address spraying
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
    }
    return w.count >= this.limit ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(key);
  }
}
