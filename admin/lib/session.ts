/** Sign-in for the administrator and operator screens (cookie session + CSRF token). */
import type { Role, SessionView as Session } from '../../src/issuer/api-types.ts';
import { api, ApiError, setCsrf } from './api.ts';

export type { Role, Session };

/** The current session for this role, or null when signed out (or signed in as the other role). */
export async function currentSession(role: Role): Promise<Session | null> {
  try {
    const s = await api<Session>('GET', '/api/session');
    if (s.role !== role) return null;
    setCsrf(s.csrf);
    return s;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
    throw e;
  }
}

export async function signIn(role: Role, user: string, password: string): Promise<Session> {
  const s = await api<Session>('POST', '/api/session', { json: { role, user, password } });
  setCsrf(s.csrf);
  return s;
}

export async function signOut(): Promise<void> {
  try {
    await api('DELETE', '/api/session');
  } finally {
    setCsrf(null);
  }
}
