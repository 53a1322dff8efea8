/**
 * Sign-in to the administrator's and the operator's screens: POST/GET/DELETE /api/session.
 * Throttled before the password is hashed: per address (all accounts), and per account *and*
 * address with a growing delay (server/password-attempt.ts), so nobody elsewhere can lock the real owner out.
 */
import { Hono } from 'hono';
import type { CardChallengeView, SessionView } from '../../src/issuer/api-types.ts';
import { adminCertificate } from '../admin-certificate.ts';
import { ApiError, errorBody } from '../errors.ts';
import { clearSessionCookie, currentSession, jsonBody, perAddress, setSessionCookie, type Deps, type Env } from '../http.ts';
import { passwordAttempt, passwordMatches, refuseWhileWaiting } from '../password-attempt.ts';
import { SessionBody } from '../schemas.ts';
import { csrfMatches, type Session } from '../sessions.ts';


const view = (s: Session): SessionView => ({ role: s.role as SessionView['role'], user: s.user, csrf: s.csrf, ...(s.companyId ? { companyId: s.companyId } : {}) });

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
    const throttled = `login:${key}`;
    if (b.role === 'admin' && b.challengeId === undefined) {
      // The card's cells whatever the password: only the second request's answer says anything, and never which part was wrong.
      await refuseWhileWaiting(d, throttled, address, t);
      const challenge = await d.cards.challenge(key, t);
      return c.json({ ...errorBody('card-required'), challenge } satisfies ReturnType<typeof errorBody> & { challenge: CardChallengeView }, 401);
    }
    const account = await accounts.get(b.role, b.user);
    const check = async () => {
      const passwordOk = await passwordMatches(b.password, account?.passwordHash ?? null);
      if (b.role !== 'admin') return passwordOk;
      // Always checked (and the challenge used up), so a wrong password and a wrong card take the same path.
      const cardOk = await d.cards.check({ challengeId: b.challengeId ?? '', account: key, companyId: account?.companyId ?? null, answer: b.card ?? '' }, t);
      return passwordOk && cardOk && (!certificate || certificate.companyId === account?.companyId);
    };
    const rateLimited = () => issuer.record({ at: t, actor, action: 'session', companyId: null, address, outcome: 'rate-limited' });
    if (!(await passwordAttempt(d, throttled, address, t, check, rateLimited)) || !account) {
      await issuer.record({ at: t, actor, action: 'session', companyId: null, address, outcome: 'refused' });
      throw new ApiError('unauthenticated');
    }
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
