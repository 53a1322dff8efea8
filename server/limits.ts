/**
 * Throttles in the database, so every instance counts the same: each check is one statement that
 * also counts, run before any slow hashing (so 30 parallel guesses cannot all pass the check and be
 * counted after their scrypt).
 * - `rateWindow`: at most `limit` requests per `windowMs` per key (client address, provisioning).
 * - `failureDelay`: after `free` failures in a row a key waits, twice as long after each further
 *   failure (up to `maxDelayMs`); a success clears it. Keyed on account *and* address, so someone
 *   guessing from elsewhere slows only themselves, never the owner.
 * Reusable by any route: `attempt` before the check, `succeeded` or `failed` after it.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Counts this request; the seconds to wait when it is over the limit, else 0. */
export async function rateWindow(db: Queryable, key: string, w: RateWindow, now: number): Promise<number> {
  const rows = await db.query<{ count: number; window_start: number }>(
    `INSERT INTO limits AS l (key, count, window_start, blocked_until, admit, updated_at) VALUES ($1, 1, $2, 0, '', $2)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN l.window_start <= $2 - $3 THEN 1 ELSE l.count + 1 END,
       window_start = CASE WHEN l.window_start <= $2 - $3 THEN $2 ELSE l.window_start END,
       updated_at = $2
     RETURNING count, window_start`,
    [`rate:${key}`, now, w.windowMs],
  );
  const r = rows[0]!;
  return Number(r.count) > w.limit ? Math.max(1, Math.ceil((Number(r.window_start) + w.windowMs - now) / 1000)) : 0;
}

export interface FailureDelay {
  /** Failures in a row before the first wait. */
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const LOGIN_DELAY: FailureDelay = { free: 4, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 };

/** How long a request over the free attempts waits for the attempts in flight to be decided. */
const SETTLE_MS = 5_000;
/** An attempt still pending after this long is taken for one whose process died. */
const PENDING_STALE_MS = 30_000;

/**
 * Admits one attempt for `key` unless it must wait. An admitted attempt is counted as a failure at
 * once (and sets the next wait) and as pending, so a success must call `succeeded` and a failure
 * `failed`. A request refused only because of attempts still pending waits for them (up to
 * SETTLE_MS): if they were right, the key starts afresh and it is admitted, so parallel right
 * sign-ins never trip the wait; if they were wrong, it is refused. The seconds to wait, or 0.
 */
export async function attempt(db: Queryable, key: string, d: FailureDelay, now: number): Promise<number> {
  const admit = randomBytes(9).toString('base64url');
  const giveUp = Date.now() + SETTLE_MS; // the process's clock: a test's `now` may stand still
  for (;;) {
    const rows = await db.query<{ blocked_until: number; admit: string; pending: number; updated_at: number }>(
      `INSERT INTO limits AS l (key, count, window_start, blocked_until, admit, updated_at, pending)
         VALUES ($1, 1, $2::bigint, CASE WHEN 1 > $4::int THEN $2::bigint + $5::bigint ELSE 0 END, $3::text, $2::bigint, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN l.blocked_until > $2::bigint THEN l.count ELSE l.count + 1 END,
         pending = CASE WHEN l.blocked_until > $2::bigint THEN l.pending ELSE l.pending + 1 END,
         blocked_until = CASE WHEN l.blocked_until > $2::bigint THEN l.blocked_until
           WHEN l.count + 1 > $4::int THEN $2::bigint + LEAST($6::bigint, $5::bigint * power(2, LEAST(l.count + 1 - $4::int - 1, 30))::bigint)
           ELSE 0 END,
         admit = CASE WHEN l.blocked_until > $2::bigint THEN l.admit ELSE $3::text END,
         updated_at = CASE WHEN l.blocked_until > $2::bigint THEN l.updated_at ELSE $2::bigint END
       RETURNING blocked_until, admit, pending, updated_at`,
      [`delay:${key}`, now, admit, d.free, d.firstDelayMs, d.maxDelayMs],
    );
    const r = rows[0]!;
    if (r.admit === admit) return 0;
    const undecided = Number(r.pending) > 0 && Number(r.updated_at) > now - PENDING_STALE_MS;
    if (!undecided || Date.now() >= giveUp) return Math.max(1, Math.ceil((Number(r.blocked_until) - now) / 1000));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The attempt failed: it stays counted, and is no longer pending. */
export async function failed(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE limits SET pending = GREATEST(pending - 1, 0) WHERE key = $1', [`delay:${key}`]);
}

/**
 * The seconds `key` must still wait, without counting anything (0: it may try). A wait that only
 * attempts still in flight have set is not one yet: `attempt` decides once they are done.
 */
export async function waitFor(db: Queryable, key: string, now: number): Promise<number> {
  const rows = await db.query<{ blocked_until: number; pending: number; updated_at: number }>('SELECT blocked_until, pending, updated_at FROM limits WHERE key = $1', [`delay:${key}`]);
  const r = rows[0];
  if (!r || Number(r.blocked_until) <= now) return 0;
  if (Number(r.pending) > 0 && Number(r.updated_at) > now - PENDING_STALE_MS) return 0;
  return Math.max(1, Math.ceil((Number(r.blocked_until) - now) / 1000));
}

/** The attempt succeeded: the key starts afresh. */
export async function succeeded(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM limits WHERE key = $1', [`delay:${key}`]);
}

/** Old rows go (the periodic sweep). */
export async function sweepLimits(db: Queryable, olderThan: number): Promise<number> {
  const rows = await db.query(`DELETE FROM limits WHERE updated_at < $1 AND blocked_until < $1 RETURNING 1`, [olderThan]);
  return rows.length;
}
