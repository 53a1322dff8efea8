/** Sign-in to the administrator's and the operator's screens: POST/GET/DELETE /api/session. */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { CardChallengeView, SessionView } from '../../src/issuer/api-types.ts';
import { adminCertificate } from '../admin-certificate.ts';
import { ApiError, errorBody } from '../errors.ts';
import { currentSession, jsonBody, SESSION_COOKIE, type Deps, type Env } from '../http.ts';
import { dummySecretHash, verifySecret } from '../passwords.ts';
import { SessionBody } from '../schemas.ts';
import { csrfMatches, type Session } from '../sessions.ts';

const view = (s: Session): SessionView => ({ role: s.role, user: s.user, csrf: s.csrf, ...(s.companyId ? { companyId: s.companyId } : {}) });

export function sessionRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer, accounts } = d;

  app.post('/', async (c) => {
    const b = await jsonBody(c, SessionBody);
    const t = d.now();
    const address = d.clientAddress(c);
    const key = `${b.role}:${b.user}`;
    const actor = `${b.role}:${b.user.slice(0, 64)}`;
    const wait = d.loginByAddress.hit(address, t) || d.loginFailuresByUser.check(key, t);
    if (wait) {
      await issuer.record({ at: t, actor, action: 'session', companyId: null, target: address, outcome: 'rate-limited' });
      throw new ApiError('rate-limited', wait);
    }
    // The administrator: the electronic certificate first (when asked), then password and card together.
    const certificate = b.role === 'admin' ? await adminCertificate(d, c) : null;
    if (certificate && !certificate.ok) {
      await issuer.record({ at: t, actor, action: 'session', companyId: null, target: address, outcome: `certificate-${certificate.reason}` });
      throw new ApiError('certificate-required');
    }
    if (b.role === 'admin' && b.challengeId === undefined) {
      // The card's cells whatever the password: only the second request's answer says anything, and never which part was wrong.
      const challenge = await d.cards.challenge(key, t);
      return c.json({ ...errorBody('card-required'), challenge } satisfies ReturnType<typeof errorBody> & { challenge: CardChallengeView }, 401);
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
      d.loginFailuresByUser.hit(key, t);
      await issuer.record({ at: t, actor, action: 'session', companyId: null, target: address, outcome: 'refused' });
      throw new ApiError('unauthenticated');
    }
    d.loginFailuresByUser.reset(key);
    const s = await d.sessions.create({ role: b.role, user: b.user, companyId: account.companyId }, t);
    setCookie(c, SESSION_COOKIE, s.id, {
      httpOnly: true, sameSite: 'Strict', path: '/api', secure: new URL(c.req.url).protocol === 'https:',
    });
    await issuer.record({ at: t, actor: key, action: 'session', companyId: account.companyId, target: address, outcome: 'ok' });
    return c.json(view(s));
  });

  app.get('/', async (c) => {
    const s = await currentSession(d, c);
    if (!s) throw new ApiError('unauthenticated');
    return c.json(view(s));
  });

  app.delete('/', async (c) => {
    const s = await currentSession(d, c);
    if (!s) throw new ApiError('unauthenticated');
    if (!csrfMatches(s, c.req.header('x-csrf-token'))) throw new ApiError('csrf');
    await d.sessions.delete(s.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/api' });
    return c.body(null, 204);
  });

  return app;
}
