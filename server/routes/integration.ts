/**
 * The integration API for the bank's internet-banking system: POST /api/v1/verify with an API
 * client's bearer key. Without a valid key: 401, and nothing is looked up or counted. It reads no
 * cookie and sends no CORS headers (a browser page elsewhere cannot call it with anyone's session).
 */
import { Hono, type Context } from 'hono';
import type { VerifyResponse } from '../../src/issuer/api-types.ts';
import { ApiError } from '../errors.ts';
import { jsonBody, type Deps, type Env } from '../http.ts';
import { IntegrationVerifyBody } from '../schemas.ts';

/** A valid key is remembered this long, so a verification costs no extra query; revocation holds within it. */
const KEY_CACHE_MS = 1000;

/** The API client a request's bearer key belongs to, or `unauthenticated` (every /api/v1 route uses it). */
export function apiClientCheck(d: Deps): (c: Context) => Promise<string> {
  const known = new Map<string, { name: string; until: number }>();
  return async function client(c: Context): Promise<string> {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]{16,256})$/.exec(c.req.header('authorization') ?? '');
    if (!m) throw new ApiError('unauthenticated');
    const key = m[1]!;
    const now = Date.now(); // the cache's own clock, not the service's (tests move that one)
    const hit = known.get(key);
    if (hit && hit.until > now) return hit.name;
    const name = await d.accounts.apiClientByKey(key);
    if (!name) {
      known.delete(key);
      d.metrics.authFailures.inc({ what: 'api-key' });
      throw new ApiError('unauthenticated');
    }
    if (known.size > 1000) known.clear();
    known.set(key, { name, until: now + KEY_CACHE_MS });
    return name;
  };
}

export function integrationRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const client = apiClientCheck(d);

  app.post('/verify', async (c) => {
    const name = await client(c);
    const b = await jsonBody(c, IntegrationVerifyBody);
    const t0 = performance.now();
    const outcome = await d.issuer.verify({ companyId: b.companyId, userId: b.userId, code: b.code, actor: `api:${name}` }, d.now());
    d.metrics.verifications.inc({ outcome, via: 'api' });
    d.metrics.verifySeconds.observe({ via: 'api' }, (performance.now() - t0) / 1000);
    return c.json({ outcome } satisfies VerifyResponse);
  });

  return app;
}
