/**
 * The audit log's writer. Administrative actions are written at once; verification results are
 * queued and written in one INSERT per batch (the verifier's hot path has one write of its own).
 */
import type { AuditEntry, IssuerStore } from './types.ts';

export class AuditQueue {
  #store: IssuerStore;
  #queue: AuditEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #batch: number;
  #delayMs: number;

  constructor(store: IssuerStore, o: { batch?: number; delayMs?: number } = {}) {
    this.#store = store;
    this.#batch = o.batch ?? 200;
    this.#delayMs = o.delayMs ?? 50;
  }

  /** Written now, after everything queued before it. */
  async write(entry: AuditEntry): Promise<void> {
    await this.flush();
    await this.#store.appendAudit([entry]);
  }

  /** Written with the next batch. */
  queue(entry: AuditEntry): void {
    this.#queue.push(entry);
    if (this.#queue.length >= this.#batch) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Write every queued entry (before reading the log, and at shutdown). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#queue;
    this.#queue = [];
    // Chained so entries reach the store in order even when flushes overlap.
    this.#flushing = this.#flushing.then(() => (batch.length ? this.#store.appendAudit(batch) : undefined));
    return this.#flushing;
  }
}
