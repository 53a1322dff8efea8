/** Signed-in sessions of administrators and operators, in memory (a restart signs everyone out). */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../src/issuer/api-types.ts';

export interface Session {
  id: string;
  role: Role;
  user: string;
  companyId: string | null;
  csrf: string;
  lastSeen: number;
}

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

export interface SessionStore {
  create(a: { role: Role; user: string; companyId: string | null }, now: number): Promise<Session>;
  /** The session if it is still open at `now` (and marks it seen); else null. */
  get(id: string | undefined, now: number): Promise<Session | null>;
  delete(id: string): Promise<void>;
}

export class Sessions implements SessionStore {
  #byId = new Map<string, Session>();

  async create(a: { role: Role; user: string; companyId: string | null }, now: number): Promise<Session> {
    if (this.#byId.size > 10_000) this.#sweep(now);
    const session: Session = {
      ...a, id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), lastSeen: now,
    };
    this.#byId.set(session.id, session);
    return session;
  }

  async get(id: string | undefined, now: number): Promise<Session | null> {
    if (!id) return null;
    const s = this.#byId.get(id);
    if (!s) return null;
    if (now - s.lastSeen > SESSION_IDLE_MS) {
      this.#byId.delete(id);
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  async delete(id: string): Promise<void> {
    this.#byId.delete(id);
  }

  #sweep(now: number): void {
    for (const [id, s] of this.#byId) if (now - s.lastSeen > SESSION_IDLE_MS) this.#byId.delete(id);
  }
}

export function csrfMatches(session: Session, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
