/**
 * The demo internet banking (/signin/): user ID, password, then the code. The password is checked
 * first, behind the same throttles as the screens' sign-in; only a request past it reaches the
 * verifier, so nobody without the password can count a wrong code against a token. Every refusal
 * before the code says only `refused`, so a caller learns nothing about which users exist.
 */
import { Hono } from 'hono';
import type { VerifyResponse } from '../../src/issuer/api-types.ts';
import { currentSession, jsonBody, perAddress, setSessionCookie, type Deps, type Env } from '../http.ts';
import { SigninBody } from '../schemas.ts';
import { passwordAttempt, passwordMatches } from '../password-attempt.ts';

export function signinRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer, accounts } = d;

  app.post('/', async (c) => {
    const b = await jsonBody(c, SigninBody);
    const address = await perAddress(d, c, 'login', d.loginLimit);
    const companyId = b.companyId ?? d.demoCompanyId;
    const t0 = performance.now();
    const hash = await accounts.userPasswordHash(companyId, b.userId);
    if (!(await passwordAttempt(d, `signin:${companyId}/${b.userId}`, address, d.now(), () => passwordMatches(b.password, hash)))) {
      // Logged under the company only for a user that exists (anyone can name any company or user).
      await issuer.record({ at: d.now(), actor: `user:${b.userId}`, action: 'signin', companyId: hash ? companyId : null, userId: hash ? b.userId : null, address, outcome: 'bad-password' });
      return c.json({ outcome: 'refused' } satisfies VerifyResponse);
    }
    const outcome = await issuer.verify({ companyId, userId: b.userId, code: b.code, actor: `user:${b.userId}`, address }, d.now());
    d.metrics.verifications.inc({ outcome, via: 'signin' });
    d.metrics.verifySeconds.observe({ via: 'signin' }, (performance.now() - t0) / 1000);
    if (outcome === 'locked') d.metrics.locked.inc({ what: 'token' });
    if (outcome === 'ok') {
      const s = await d.sessions.create({ role: 'customer', user: b.userId, companyId }, d.now());
      setSessionCookie(d, c, s.id);
      return c.json({ outcome, csrf: s.csrf });
    }
    return c.json({ outcome } satisfies VerifyResponse);
  });

  /** The signed-in customer, for the pages after sign-in. */
  app.get('/session', async (c) => {
    const s = await currentSession(d, c);
    if (!s || s.role !== 'customer') return c.json({ signedIn: false });
    return c.json({ signedIn: true, userId: s.user, companyId: s.companyId, csrf: s.csrf });
  });

  return app;
}
