/** Signed-in sessions of administrators and operators, in memory (a restart signs everyone out). */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface Session {
  id: string;
  role: 'admin' | 'operator';
  user: string;
  companyId: string | null;
  csrf: string;
  lastSeen: number;
}

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

export class Sessions {
  #byId = new Map<string, Session>();

  create(a: { role: Session['role']; user: string; companyId: string | null }, now: number): Session {
    if (this.#byId.size > 10_000) this.#sweep(now);
    const session: Session = {
      ...a, id: randomBytes(32).toString('base64url'), csrf: randomBytes(32).toString('base64url'), lastSeen: now,
    };
    this.#byId.set(session.id, session);
    return session;
  }

  get(id: string | undefined, now: number): Session | null {
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

  delete(id: string): void {
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
