/**
 * Signed-in sessions in the database, so every instance knows every session. The cookie holds a
 * random id; the table holds its SHA-256 (a copy of the table opens no session). A session ends
 * after `idleMs` without a request or `absoluteMs` after sign-in, whichever comes first; the check
 * and the touch are one statement.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../src/issuer/api-types.ts';
import type { Queryable } from './db.ts';

/** `customer`: a user signed in to the demo internet banking (/signin/). */
export type SessionRole = Role | 'customer';

export interface Session {
  id: string;
  role: SessionRole;
  user: string;
  companyId: string | null;
  csrf: string;
  createdAt: number;
  lastSeen: number;
}

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;

export interface SessionStore {
  create(a: { role: SessionRole; user: string; companyId: string | null }, now: number): Promise<Session>;
  /** The session if it is still open at `now` (and marks it seen); else null. */
  get(id: string | undefined, now: number): Promise<Session | null>;
  delete(id: string): Promise<void>;
  /** Remove ended sessions. */
  sweep(now: number): Promise<number>;
}

const idHash = (id: string) => createHash('sha256').update(id).digest('hex');

export class SqlSessions implements SessionStore {
  readonly idleMs: number;
  readonly absoluteMs: number;
  #db: Queryable;

  constructor(db: Queryable, o: { idleMs?: number; absoluteMs?: number } = {}) {
    this.#db = db;
    this.idleMs = o.idleMs ?? SESSION_IDLE_MS;
    this.absoluteMs = o.absoluteMs ?? SESSION_ABSOLUTE_MS;
  }

  async create(a: { role: SessionRole; user: string; companyId: string | null }, now: number): Promise<Session> {
    const session: Session = {
      ...a, id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), createdAt: now, lastSeen: now,
    };
    await this.#db.query(
      'INSERT INTO sessions (id_hash, role, username, company_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $6, $6)',
      [idHash(session.id), a.role, a.user, a.companyId, session.csrf, now],
    );
    return session;
  }

  async get(id: string | undefined, now: number): Promise<Session | null> {
    if (!id || id.length > 128) return null;
    const rows = await this.#db.query<Record<string, unknown>>(
      `UPDATE sessions SET last_seen = $2::bigint WHERE id_hash = $1 AND last_seen > $2::bigint - $3::bigint AND created_at > $2::bigint - $4::bigint
       RETURNING role, username, company_id, csrf, created_at`,
      [idHash(id), now, this.idleMs, this.absoluteMs],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id, role: r.role as SessionRole, user: r.username as string, companyId: (r.company_id as string | null) ?? null,
      csrf: r.csrf as string, createdAt: Number(r.created_at), lastSeen: now,
    };
  }

  async delete(id: string): Promise<void> {
    await this.#db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash(id)]);
  }

  async sweep(now: number): Promise<number> {
    const rows = await this.#db.query('DELETE FROM sessions WHERE last_seen <= $1 OR created_at <= $2 RETURNING 1', [now - this.idleMs, now - this.absoluteMs]);
    return rows.length;
  }
}

export function csrfMatches(session: Session, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
