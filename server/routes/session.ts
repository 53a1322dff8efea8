/**
 * Sign-in to the administrator's and the operator's screens: POST/GET/DELETE /api/session.
 * Throttled before the password is hashed: per address (all accounts), and per account *and*
 * address with a growing delay, so nobody elsewhere can lock the real owner out.
 */
import { Hono } from 'hono';
import type { CardChallengeView, SessionView } from '../../src/issuer/api-types.ts';
import { adminCertificate } from '../admin-certificate.ts';
import { rateKey } from '../client-address.ts';
import { ApiError, errorBody } from '../errors.ts';
import { clearSessionCookie, currentSession, jsonBody, perAddress, setSessionCookie, type Deps, type Env } from '../http.ts';
import { attempt, failed, LOGIN_DELAY, succeeded, waitFor } from '../limits.ts';
import { dummySecretHash, verifySecret } from '../passwords.ts';
import { SessionBody } from '../schemas.ts';
import { csrfMatches, type Session } from '../sessions.ts';


const view = (s: Session): SessionView => ({ role: s.role as SessionView['role'], user: s.user, csrf: s.csrf, ...(s.companyId ? { companyId: s.companyId } : {}) });

/** Check `password` against `hash` (or a dummy, so unknown accounts cost the same) behind the throttles. */
export async function throttledPassword(d: Deps, key: string, address: string, password: string, hash: string | null): Promise<boolean> {
  const throttleKey = `${key}@${rateKey(address)}`;
  const wait = await attempt(d.db, throttleKey, LOGIN_DELAY, d.now());
  if (wait) {
    d.metrics.throttled.inc({ what: 'password' });
    throw new ApiError('rate-limited', wait);
  }
  const ok = await verifySecret(password, hash ?? (await dummySecretHash()));
  if (ok && hash) await succeeded(d.db, throttleKey);
  else {
    await failed(d.db, throttleKey);
    d.metrics.authFailures.inc({ what: 'password' });
  }
  return ok && hash !== null;
}

export function sessionRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer, accounts } = d;

  app.post('/', async (c) => {
    const b = await jsonBody(c, SessionBody);
    const t = d.now();
    const key = `${b.role}:${b.user}`;
    // One sign-in counts once per address: the administrator's answer to an open card challenge
    // was counted with the request that got the challenge.
    const answersOpenChallenge = b.role === 'admin' && b.challengeId !== undefined && (await d.cards.isOpen(b.challengeId, key, t));
    const address = answersOpenChallenge ? d.clientAddress(c) : await perAddress(d, c, 'login', d.loginLimit);
    const actor = `${b.role}:${b.user.slice(0, 64)}`;
    // The administrator: the electronic certificate first (when asked), then password and card together.
    const certificate = b.role === 'admin' ? await adminCertificate(d, c) : null;
    if (certificate && !certificate.ok) {
      await issuer.record({ at: t, actor, action: 'session', companyId: null, address, outcome: `certificate-${certificate.reason}` });
      throw new ApiError('certificate-required');
    }
    const throttleKey = `login:${key}@${rateKey(address)}`;
    const waiting = await waitFor(d.db, throttleKey, t);
    if (waiting) {
      d.metrics.throttled.inc({ what: 'password' });
      throw new ApiError('rate-limited', waiting);
    }
    if (b.role === 'admin' && b.challengeId === undefined) {
      // The card's cells whatever the password: only the second request's answer says anything, and never which part was wrong.
      const challenge = await d.cards.challenge(key, t);
      return c.json({ ...errorBody('card-required'), challenge } satisfies ReturnType<typeof errorBody> & { challenge: CardChallengeView }, 401);
    }
    // Counted before the slow hash, keyed on the account and the address.
    const wait = await attempt(d.db, throttleKey, LOGIN_DELAY, t);
    if (wait) {
      d.metrics.throttled.inc({ what: 'password' });
      await issuer.record({ at: t, actor, action: 'session', companyId: null, address, outcome: 'rate-limited' });
      throw new ApiError('rate-limited', wait);
    }
    const account = await accounts.get(b.role, b.user);
    // Unknown users cost the same scrypt as known ones.
    let ok = await verifySecret(b.password, account?.passwordHash ?? (await dummySecretHash()));
    if (b.role === 'admin') {
      // Always checked (and the challenge used up), so a wrong password and a wrong card take the same path.
      const cardOk = await d.cards.check({ challengeId: b.challengeId ?? '', account: key, companyId: account?.companyId ?? null, answer: b.card ?? '' }, t);
      ok = ok && cardOk && (!certificate || certificate.companyId === account?.companyId);
    }
    if (!account || !ok) {
      await failed(d.db, throttleKey);
      d.metrics.authFailures.inc({ what: 'password' });
      await issuer.record({ at: t, actor, action: 'session', companyId: null, address, outcome: 'refused' });
      throw new ApiError('unauthenticated');
    }
    await succeeded(d.db, throttleKey);
    const s = await d.sessions.create({ role: b.role, user: b.user, companyId: account.companyId }, t);
    setSessionCookie(d, c, s.id);
    await issuer.record({ at: t, actor: key, action: 'session', companyId: account.companyId, address, outcome: 'ok' });
    return c.json(view(s));
  });

  app.get('/', async (c) => {
    const s = await currentSession(d, c);
    if (!s || s.role === 'customer') throw new ApiError('unauthenticated');
    return c.json(view(s));
  });

  app.delete('/', async (c) => {
    const s = await currentSession(d, c);
    if (!s) throw new ApiError('unauthenticated');
    if (!csrfMatches(s, c.req.header('x-csrf-token'))) throw new ApiError('csrf');
    await d.sessions.delete(s.id);
    clearSessionCookie(d, c);
    return c.body(null, 204);
  });

  return app;
}
