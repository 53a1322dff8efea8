/** The HTTP service: JSON API (docs/api.md), the built apps, security headers on every response. */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { formatOtpauthUri } from '../src/core/otpauth-uri.ts';
import { IssuerError } from '../src/issuer/errors.ts';
import { PATTERNS, normalizeSerial } from '../src/core/limits.ts';
import type { Issuer } from '../src/issuer/issuer.ts';
import type { AuditEntry } from '../src/issuer/types.ts';
import { base64UrlDecode, base64UrlEncode, importPeerPublicKey, sealForClient } from '../src/provision/protocol.ts';
import { bodyLimit } from './body-limit.ts';
import { ApiError, errorBody, errorStatus, type ApiErrorCode } from './errors.ts';
import { dummySecretHash, verifySecret } from './passwords.ts';
import { RateLimiter } from './rate-limit.ts';
import { csrfMatches, Sessions, type Session } from './sessions.ts';
import type { AccountStore } from './sql-store.ts';
import { staticHandler } from './static-files.ts';
import { PWA_CSP_HEADER } from '../src/pwa/csp.ts';

// The bank's own screens and the API. The PWA's pages get the PWA's policy (src/pwa/csp.ts), which
// its index.html also carries: one source, so the QR decoder's wasm and Trusted Types work here too.
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');

/** Paths of the PWA (everything not the API or a bank screen). */
export function isPwaPath(path: string): boolean {
  return !/^\/(api|admin|bank|signin)(\/|$)/.test(path);
}

export const MAX_BODY_BYTES = 16 * 1024;
export const SESSION_COOKIE = 'st_session';

export interface AppOptions {
  issuer: Issuer;
  accounts: AccountStore;
  distDir?: string;
  distAdminDir?: string;
  provisionLimitPerMinute?: number;
  /** Take the client address from X-Forwarded-For (only behind one's own proxy). */
  trustProxy?: boolean;
  /** The server's clock; tests pass their own. */
  now?: () => number;
}

const Id = v.pipe(v.string(), v.regex(PATTERNS.id));
const SessionBody = v.object({ role: v.picklist(['admin', 'operator']), user: v.pipe(v.string(), v.maxLength(64)), password: v.pipe(v.string(), v.maxLength(256)) });
const UsageModeBody = v.object({ mode: v.picklist(['per-user', 'shared']) });
const UserBody = v.object({ userId: Id });
const RegisterBody = v.object({
  serial: v.pipe(v.string(), v.maxLength(64), v.transform(normalizeSerial), v.regex(PATTERNS.heldSerial)),
  code: v.pipe(v.string(), v.regex(PATTERNS.code)),
  pin: v.pipe(v.string(), v.regex(PATTERNS.confirmationPin)),
});
const ProvisionBody = v.object({ publicKey: v.pipe(v.string(), v.maxLength(128)) });
const SigninBody = v.object({ userId: Id, code: v.pipe(v.string(), v.maxLength(16)), companyId: v.optional(Id) });

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApp(o: AppOptions): { app: Hono; sessions: Sessions } {
  const { issuer, accounts } = o;
  const now = o.now ?? (() => Date.now());
  const sessions = new Sessions();
  const provisionLimit = new RateLimiter(o.provisionLimitPerMinute ?? 20, 60_000);
  const loginByAddress = new RateLimiter(30, 60_000);
  const loginFailuresByUser = new RateLimiter(5, 15 * 60_000);
  const serveStatic = staticHandler(o.distDir ?? 'dist', o.distAdminDir ?? 'dist-admin');
  const app = new Hono();

  const clientAddress = (c: Context): string => {
    if (o.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // app.request() in tests has no socket
    }
  };

  async function body<T extends v.GenericSchema>(c: Context, schema: T): Promise<v.InferOutput<T>> {
    const type = c.req.header('content-type') ?? '';
    // Only JSON: an HTML form cannot send it cross-site without a CORS preflight.
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported-media-type');
    let parsed: unknown;
    try {
      parsed = JSON.parse(await c.req.text());
    } catch {
      throw new ApiError('malformed-json');
    }
    const result = v.safeParse(schema, parsed);
    if (!result.success) throw new ApiError('invalid-body');
    return result.output;
  }

  function session(c: Context, role: Session['role']): Session {
    const s = sessions.get(getCookie(c, SESSION_COOKIE), now());
    if (!s) throw new ApiError('unauthenticated');
    if (s.role !== role) throw new ApiError('forbidden');
    if (UNSAFE.has(c.req.method) && !csrfMatches(s, c.req.header('x-csrf-token'))) throw new ApiError('csrf');
    return s;
  }

  const adminOf = (c: Context) => {
    const s = session(c, 'admin');
    return { s, companyId: s.companyId!, actor: `admin:${s.user}` };
  };
  const userParam = (c: Context, name = 'userId'): string => {
    const id = c.req.param(name) ?? '';
    if (!PATTERNS.id.test(id)) throw new ApiError(name === 'companyId' ? 'unknown-company' : 'unknown-user');
    return id;
  };
  const auditView = (e: AuditEntry, withCompany: boolean) => ({
    at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, target: e.target, outcome: e.outcome,
    ...(withCompany ? { companyId: e.companyId } : {}),
  });

  // Every response, API or file, success or error.
  app.use('*', async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', isPwaPath(c.req.path) ? PWA_CSP_HEADER : CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (c.req.path.startsWith('/api/')) h.set('Cache-Control', 'no-store');
  });

  app.use('/api/*', bodyLimit(MAX_BODY_BYTES, () => { throw new ApiError('too-large'); }));

  // Cross-site requests: a browser sends Origin (and Sec-Fetch-Site) with every unsafe request.
  app.use('/api/*', async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      let sameOrigin = true;
      if (origin !== undefined) {
        try {
          sameOrigin = new URL(origin).host === host;
        } catch {
          sameOrigin = false;
        }
      }
      if (!sameOrigin || c.req.header('sec-fetch-site') === 'cross-site') throw new ApiError('bad-origin');
    }
    await next();
  });

  // ---------------------------------------------------------------- sessions
  app.post('/api/session', async (c) => {
    const b = await body(c, SessionBody);
    const t = now();
    const address = clientAddress(c);
    const wait = loginByAddress.hit(address, t) || loginFailuresByUser.check(`${b.role}:${b.user}`, t);
    if (wait) {
      await issuer.record({ at: t, actor: `${b.role}:${b.user.slice(0, 64)}`, action: 'session', companyId: null, target: address, outcome: 'rate-limited' });
      throw new ApiError('rate-limited', wait);
    }
    const account = await accounts.get(b.role, b.user);
    // Unknown users cost the same scrypt as known ones.
    const ok = await verifySecret(b.password, account?.passwordHash ?? (await dummySecretHash()));
    if (!account || !ok) {
      loginFailuresByUser.hit(`${b.role}:${b.user}`, t);
      await issuer.record({ at: t, actor: `${b.role}:${b.user.slice(0, 64)}`, action: 'session', companyId: null, target: address, outcome: 'refused' });
      throw new ApiError('unauthenticated');
    }
    loginFailuresByUser.reset(`${b.role}:${b.user}`);
    const s = sessions.create({ role: b.role, user: b.user, companyId: account.companyId }, t);
    setCookie(c, SESSION_COOKIE, s.id, {
      httpOnly: true, sameSite: 'Strict', path: '/api', secure: new URL(c.req.url).protocol === 'https:',
    });
    await issuer.record({ at: t, actor: `${b.role}:${b.user}`, action: 'session', companyId: account.companyId, target: address, outcome: 'ok' });
    return c.json(sessionView(s));
  });

  const sessionView = (s: Session) => ({ role: s.role, user: s.user, csrf: s.csrf, ...(s.companyId ? { companyId: s.companyId } : {}) });

  app.get('/api/session', (c) => {
    const s = sessions.get(getCookie(c, SESSION_COOKIE), now());
    if (!s) throw new ApiError('unauthenticated');
    return c.json(sessionView(s));
  });

  app.delete('/api/session', (c) => {
    const s = sessions.get(getCookie(c, SESSION_COOKIE), now());
    if (!s) throw new ApiError('unauthenticated');
    if (!csrfMatches(s, c.req.header('x-csrf-token'))) throw new ApiError('csrf');
    sessions.delete(s.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/api' });
    return c.body(null, 204);
  });

  // ---------------------------------------------------------------- company administrator
  app.get('/api/admin/company', async (c) => {
    const { companyId } = adminOf(c);
    return c.json(await issuer.companyView(companyId, now()));
  });

  app.put('/api/admin/usage-mode', async (c) => {
    const { companyId, actor } = adminOf(c);
    const b = await body(c, UsageModeBody);
    return c.json({ usageMode: await issuer.setUsageMode(companyId, b.mode, now(), actor) });
  });

  app.post('/api/admin/users', async (c) => {
    const { companyId, actor } = adminOf(c);
    const b = await body(c, UserBody);
    return c.json(await issuer.createUser(companyId, b.userId, now(), actor), 201);
  });

  app.post('/api/admin/users/:userId/register', async (c) => {
    const { companyId, actor } = adminOf(c);
    const userId = userParam(c);
    const b = await body(c, RegisterBody);
    const r = await issuer.register({ companyId, userId, serial: b.serial, code: b.code, pin: b.pin }, now(), actor);
    return c.json({ userId, serial: r.serial, status: 'active', replaced: r.replaced });
  });

  app.post('/api/admin/users/:userId/stop', async (c) => {
    const { companyId, actor } = adminOf(c);
    const userId = userParam(c);
    await issuer.stop(companyId, userId, now(), actor);
    return c.json({ userId, serial: null, status: 'stopped' });
  });

  app.post('/api/admin/users/:userId/issue-qr', async (c) => {
    const { companyId, actor } = adminOf(c);
    const userId = userParam(c);
    const t = await issuer.issueForUser(companyId, userId, now(), actor);
    const uri = formatOtpauthUri({
      type: 'totp', issuer: t.issuer, label: userId, secret: t.secret, algorithm: t.algorithm, digits: t.digits,
      period: t.period, counter: 0, serial: t.serial,
    });
    t.secret.fill(0);
    return c.json({ uri, serial: t.serial });
  });

  app.get('/api/admin/audit', async (c) => {
    const { companyId } = adminOf(c);
    return c.json((await issuer.listAudit(companyId)).map((e) => auditView(e, false)));
  });

  // ---------------------------------------------------------------- bank operator
  app.get('/api/bank/users', async (c) => {
    session(c, 'operator');
    return c.json(await issuer.searchUsers((c.req.query('q') ?? '').slice(0, 64)));
  });

  app.post('/api/bank/users/:companyId/:userId/:action{unlock|suspend|resume}', async (c) => {
    const s = session(c, 'operator');
    const companyId = userParam(c, 'companyId');
    const userId = userParam(c);
    const action = c.req.param('action') as 'unlock' | 'suspend' | 'resume';
    const view = await issuer[action](companyId, userId, now(), `operator:${s.user}`);
    return c.json({ companyId, ...view });
  });

  app.post('/api/bank/hardware-tokens', async (c) => {
    const s = session(c, 'operator');
    if (!/^text\/csv\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new ApiError('unsupported-media-type');
    const text = await c.req.text();
    if (text.trim() === '') throw new ApiError('bad-csv');
    return c.json(await issuer.importHardware(text, now(), `operator:${s.user}`));
  });

  app.get('/api/bank/audit', async (c) => {
    session(c, 'operator');
    return c.json((await issuer.listAudit(undefined)).map((e) => auditView(e, true)));
  });

  // ---------------------------------------------------------------- public
  app.post('/api/provision', async (c) => {
    const b = await body(c, ProvisionBody);
    let publicKey: Uint8Array;
    try {
      publicKey = base64UrlDecode(b.publicKey);
    } catch {
      throw new ApiError('invalid-body');
    }
    const t0 = now();
    const address = clientAddress(c);
    const wait = provisionLimit.check(address, t0);
    if (wait) throw new ApiError('rate-limited', wait);
    // Check the key before making a token, so a bad request leaves nothing behind.
    try {
      await importPeerPublicKey(publicKey);
    } catch {
      throw new ApiError('invalid-body');
    }
    provisionLimit.hit(address, t0);
    const t = await issuer.provision(t0, `public:${address}`);
    const sealed = await sealForClient(publicKey, t.secret, t.serial);
    t.secret.fill(0);
    return c.json({
      serial: t.serial, issuer: t.issuer, algorithm: t.algorithm, digits: t.digits, period: t.period,
      serverPublicKey: base64UrlEncode(sealed.serverPublicKey), salt: base64UrlEncode(sealed.salt),
      iv: base64UrlEncode(sealed.iv), ciphertext: base64UrlEncode(sealed.ciphertext),
      expiresAt: new Date(t.expiresAt).toISOString(),
    }, 201);
  });

  app.post('/api/signin', async (c) => {
    const b = await body(c, SigninBody);
    const outcome = await issuer.verify({ companyId: b.companyId ?? 'demo', userId: b.userId, code: b.code }, now());
    return c.json({ outcome });
  });

  app.all('/api/*', () => {
    throw new ApiError('not-found');
  });

  // ---------------------------------------------------------------- the apps
  app.get('*', (c) => serveStatic(c.req.path, c.req.header('accept-encoding')));

  app.onError((err, c) => {
    let code: ApiErrorCode;
    if (err instanceof ApiError) {
      code = err.code;
      if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
    } else if (err instanceof IssuerError) code = err.code;
    else if (err instanceof RangeError) code = 'invalid-body';
    else {
      console.error(err);
      code = 'server-error';
    }
    return c.json(errorBody(code), errorStatus(code) as 400);
  });

  app.notFound((c) => c.json(errorBody('not-found'), 404));

  return { app, sessions };
}
