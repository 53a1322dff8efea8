/** The demo internet banking's code check (POST /api/signin). */
import { Hono } from 'hono';
import type { VerifyResponse } from '../../src/issuer/api-types.ts';
import { jsonBody, type Deps, type Env } from '../http.ts';
import { SigninBody } from '../schemas.ts';

export function signinRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/', async (c) => {
    const b = await jsonBody(c, SigninBody);
    const companyId = b.companyId ?? 'demo';
    const now = d.now();
    const outcome = await d.issuer.verify({ companyId, userId: b.userId, code: b.code }, now);
    if (outcome === 'ok') d.banking.open(c, companyId, b.userId, now); // signed in: may make transfers
    return c.json({ outcome } satisfies VerifyResponse);
  });
  return app;
}
