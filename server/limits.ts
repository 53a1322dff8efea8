/**
 * Throttles in the database, so every instance counts the same: each check is one statement that
 * also counts, run before any slow hashing (so 30 parallel guesses cannot all pass the check and be
 * counted after their scrypt).
 * - `rateWindow`: at most `limit` requests per `windowMs` per key (client address, provisioning).
 * - `failureDelay`: after `free` failures in a row a key waits, twice as long after each further
 *   failure (up to `maxDelayMs`); a success clears it. Keyed on account *and* address, so someone
 *   guessing from elsewhere slows only themselves, never the owner.
 * Reusable by any route: `attempt` before the check, `succeeded`/`failed` after it.
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

/**
 * Admits one attempt for `key` unless it must wait; an admitted attempt is counted as a failure at
 * once (and sets the next wait), so a success must call `succeeded`. The seconds to wait, or 0.
 */
export async function attempt(db: Queryable, key: string, d: FailureDelay, now: number): Promise<number> {
  const admit = randomBytes(9).toString('base64url');
  const rows = await db.query<{ blocked_until: number; admit: string }>(
    `INSERT INTO limits AS l (key, count, window_start, blocked_until, admit, updated_at)
       VALUES ($1, 1, $2::bigint, CASE WHEN 1 > $4::int THEN $2::bigint + $5::bigint ELSE 0 END, $3::text, $2::bigint)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN l.blocked_until > $2::bigint THEN l.count ELSE l.count + 1 END,
       blocked_until = CASE WHEN l.blocked_until > $2::bigint THEN l.blocked_until
         WHEN l.count + 1 > $4::int THEN $2::bigint + LEAST($6::bigint, $5::bigint * power(2, LEAST(l.count + 1 - $4::int - 1, 30))::bigint)
         ELSE 0 END,
       admit = CASE WHEN l.blocked_until > $2::bigint THEN l.admit ELSE $3::text END,
       updated_at = $2::bigint
     RETURNING blocked_until, admit`,
    [`delay:${key}`, now, admit, d.free, d.firstDelayMs, d.maxDelayMs],
  );
  const r = rows[0]!;
  return r.admit === admit ? 0 : Math.max(1, Math.ceil((Number(r.blocked_until) - now) / 1000));
}

/** The seconds `key` must still wait, without counting anything (0: it may try). */
export async function waitFor(db: Queryable, key: string, now: number): Promise<number> {
  const rows = await db.query<{ blocked_until: number }>('SELECT blocked_until FROM limits WHERE key = $1', [`delay:${key}`]);
  const until = Number(rows[0]?.blocked_until ?? 0);
  return until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
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
