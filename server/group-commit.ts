/**
 * Group commit of one SQL function's calls: the calls that arrive while one statement runs go out
 * together in the next, at most one per key (so the database decides between rivals, in order) and
 * at most `max` per statement. `commit` sends one batch and returns the keys it accepted.
 */
const MAX_BATCH = 500;
/** Turns of the event loop a batch waits at most for more calls. */
const GATHER_TURNS = 8;

interface Pending<T> {
  item: T;
  resolve: (accepted: boolean) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<T> {
  /** What makes two calls rivals: one of each key per statement. */
  key: (item: T) => string;
  /** One statement for the whole batch; resolves to the keys it accepted. */
  commit: (batch: T[]) => Promise<Set<string>>;
  max?: number;
}

export class GroupCommit<T> {
  #pending: Pending<T>[] = [];
  #flushing = false;
  #o: GroupCommitOptions<T>;

  constructor(o: GroupCommitOptions<T>) {
    this.#o = o;
  }

  /** Resolves to whether this call's key was among those its statement accepted. */
  submit(item: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  /** Send what is pending as one statement; what arrives meanwhile waits for the next. */
  async #flush(): Promise<void> {
    this.#flushing = true;
    const max = this.#o.max ?? MAX_BATCH;
    while (this.#pending.length) {
      // PGlite runs a query synchronously on this thread, so nothing queues up while it runs: the
      // requests in flight arrive over the next turns of the event loop. Wait a turn at a time while
      // they keep coming (a few at most), so one statement carries them instead of a first one alone.
      for (let seen = -1, turns = 0; turns < GATHER_TURNS && this.#pending.length !== seen && this.#pending.length < max; turns++) {
        seen = this.#pending.length;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const batch: Pending<T>[] = [];
      const batchKeys: string[] = [];
      const rest: Pending<T>[] = [];
      const keys = new Set<string>();
      for (const p of this.#pending) {
        const k = this.#o.key(p.item);
        if (batch.length < max && !keys.has(k)) {
          keys.add(k);
          batch.push(p);
          batchKeys.push(k);
        } else rest.push(p);
      }
      this.#pending = rest;
      try {
        const accepted = await this.#o.commit(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(accepted.has(batchKeys[i]!)));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.#flushing = false;
  }
}
