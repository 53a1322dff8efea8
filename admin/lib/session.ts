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

/** The two cells of the customer card the service asks for (お客様カード), with the challenge's id. */
export type CardChallenge = { id: string; cells: string[] };
export type CardAnswer = { challengeId: string; card: string };

/**
 * Signs in; for the administrator, a first call without `card` answers with the card challenge
 * instead, and a second call with the challenge's id and the two digits opens the session.
 */
export async function signIn(role: Role, user: string, password: string, card?: CardAnswer): Promise<{ session: Session } | { challenge: CardChallenge }> {
  try {
    const s = await api<Session>('POST', '/api/session', { json: { role, user, password, ...card } });
    setCsrf(s.csrf);
    return { session: s };
  } catch (e) {
    const challenge = e instanceof ApiError && e.code === 'card-required' ? asChallenge(e.body?.challenge) : null;
    if (challenge) return { challenge };
    throw e;
  }
}

function asChallenge(v: unknown): CardChallenge | null {
  const c = v as CardChallenge | undefined;
  if (!c || typeof c.id !== 'string' || !Array.isArray(c.cells) || !c.cells.every((x) => typeof x === 'string')) return null;
  return { id: c.id, cells: c.cells };
}

export async function signOut(): Promise<void> {
  try {
    await api('DELETE', '/api/session');
  } finally {
    setCsrf(null);
  }
}
