/**
 * The HTTP service: one sub-app per role (routes/), the built apps, security headers on every
 * response, one error mapping. The JSON API is described in docs/api.md.
 */
import { Hono } from 'hono';
import { isServicePath } from '../admin/screens.ts';
import { IssuerError } from '../src/issuer/errors.ts';
import type { CustomerCards } from '../src/issuer/card-sign-in.ts';
import type { Issuer } from '../src/issuer/issuer.ts';
import { PWA_CSP_HEADER } from '../src/pwa/csp.ts';
import { importSigner, newSigningKey, type ProvisioningSigner } from '../src/provision/signature.ts';
import type { AccountStore } from './account-store.ts';
import { requireCertificateForPage } from './admin-certificate.ts';
import { bodyLimit } from './body-limit.ts';
import { MAX_PSKC_BYTES } from '../src/issuer/pskc/index.ts';
import type { TrustProxy } from './client-address.ts';
import type { ClientCertificatePolicy } from './client-certificate.ts';
import type { UserImports } from './user-imports.ts';
import type { Queryable } from './db.ts';
import { ApiError, errorBody, errorStatus, type ApiErrorCode } from './errors.ts';
import { addressOf, UNSAFE, type Deps, type Env } from './http.ts';
import { makeLogger, requestId, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { adminRoutes } from './routes/admin.ts';
import { bankRoutes } from './routes/bank.ts';
import { integrationRoutes } from './routes/integration.ts';
import { opsRoutes, type OpsOptions } from './routes/ops.ts';
import { publicRoutes } from './routes/public.ts';
import { sessionRoutes } from './routes/session.ts';
import { signinRoutes } from './routes/signin.ts';
import { transferRoutes } from './routes/transfers.ts';
import type { Transactions } from '../src/issuer/transactions.ts';
import { SqlSessions, type SessionStore } from './sessions.ts';
import { staticHandler } from './static-files.ts';

export { SECURE_SESSION_COOKIE, SESSION_COOKIE } from './http.ts';

// The bank's own screens and the API. Trusted Types: Svelte 5 makes its templates through its own
// policy `svelte-trusted-html`; the screens have no other sink. Forms post nowhere (all is fetch).
// The PWA's pages get the PWA's policy (src/pwa/csp.ts), which its index.html also carries.
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "worker-src 'self'",
  "manifest-src 'self'", "form-action 'self'", "require-trusted-types-for 'script'", 'trusted-types svelte-trusted-html',
].join('; ');

export const HSTS = 'max-age=31536000; includeSubDomains';
/** Beside the CSP, the request id and (over HTTPS) HSTS: on every response. */
const EVERY_RESPONSE: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'], ['Referrer-Policy', 'no-referrer'], ['X-Frame-Options', 'DENY'], ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** Paths of the PWA (everything not the API or a bank screen). */
export function isPwaPath(path: string): boolean {
  return !isServicePath(path);
}

export const MAX_BODY_BYTES = 16 * 1024;
/** Files, not requests: a vendor's PSKC of 10,000 tokens (~15 MB), an administrator's user list. */
export const FILE_BODY_BYTES: Readonly<Record<string, number>> = {
  '/api/bank/hardware-tokens': MAX_PSKC_BYTES,
  '/api/admin/users/import': 1_000_000,
};

export interface AppOptions {
  issuer: Issuer;
  accounts: AccountStore;
  /** Where sessions and throttles live (the issuer's database). */
  db: Queryable;
  sessions?: SessionStore;
  distDir?: string;
  distAdminDir?: string;
  provisionLimitPerMinute?: number;
  loginLimitPerMinute?: number;
  /** Signs provisioning answers (server/provisioning-key.ts); without it, a key of this instance that no app trusts. */
  provisioningKey?: ProvisioningSigner;
  /** TRUST_PROXY (server/config.ts): the number of our proxies or their CIDRs; 0 by default. */
  trustProxy?: TrustProxy;
  /** PUBLIC_ORIGIN: the origins this service answers for; other Host headers get 421. */
  publicOrigins?: string[];
  demoCompanyId?: string;
  metrics?: Metrics;
  log?: Logger;
  ops?: Partial<OpsOptions>;
  /** The server's clock; tests pass their own. */
  now?: () => number;
  /** Transaction signing: signing keys at provisioning, transfers, /api/v1/verify-transaction. */
  transactions?: Transactions;
  /** VERIFY_API_KEY: the bank systems' bearer key. */
  verifyApiKey?: string | undefined;
  /** Customer cards for the administrator's sign-in (server/card-store.ts keeps them in the database). */
  cards: CustomerCards;
  /** ADMIN_CLIENT_CA (server/config.ts): certificates the administrator's page and API want. */
  clientCertificates?: ClientCertificatePolicy | undefined;
  /** The bulk user import's stored jobs (server/user-imports.ts); without it the import answers 404. */
  userImports?: UserImports;
}

export function createApp(o: AppOptions): { app: Hono<Env>; sessions: SessionStore; metrics: Metrics } {
  const sessions = o.sessions ?? new SqlSessions(o.db);
  const metrics = o.metrics ?? new Metrics();
  const { clientAddress, isHttps } = addressOf(o.trustProxy ?? 0);
  const d: Deps = {
    issuer: o.issuer, accounts: o.accounts, sessions, db: o.db, metrics,
    log: o.log ?? makeLogger({ level: 'silent' }),
    now: o.now ?? (() => Date.now()),
    clientAddress, isHttps,
    provisionLimit: { limit: o.provisionLimitPerMinute ?? 20, windowMs: 60_000 },
    loginLimit: { limit: o.loginLimitPerMinute ?? 30, windowMs: 60_000 },
    demoCompanyId: o.demoCompanyId ?? 'demo',
    provisioningKey: o.provisioningKey ? Promise.resolve(o.provisioningKey) : newSigningKey().then(importSigner),
    transactions: o.transactions,
    verifyApiKey: o.verifyApiKey,
    cards: o.cards,
    clientCertificates: o.clientCertificates,
    userImports: o.userImports,
  };
  const allowedHosts = o.publicOrigins?.length ? new Set(o.publicOrigins.map((x) => new URL(x).host.toLowerCase())) : null;
  const serveStatic = staticHandler(o.distDir ?? 'dist', o.distAdminDir ?? 'dist-admin');
  const app = new Hono<Env>();

  // Every response, API or file, success or error; one log line per request.
  app.use('*', async (c, next) => {
    const id = requestId(c.req.header('x-request-id'));
    c.set('requestId', id);
    const t0 = performance.now();
    await next();
    const path = c.req.path;
    // Served by node: onto the ServerResponse, which node-server's head then joins with the
    // response's own (no route sets these names). Cheaper than a web Headers per response, which
    // @hono/node-server would build and then copy out again. Under app.request() (no node): onto the Response.
    const outgoing = c.env?.outgoing;
    const set = outgoing && !outgoing.headersSent
      ? (name: string, value: string) => void outgoing.setHeader(name, value)
      : (name: string, value: string) => c.res.headers.set(name, value);
    set('X-Request-Id', id);
    set('Content-Security-Policy', isPwaPath(path) ? PWA_CSP_HEADER : CSP);
    for (const [name, value] of EVERY_RESPONSE) set(name, value);
    if (isHttps(c)) set('Strict-Transport-Security', HSTS);
    if (path.startsWith('/api/')) set('Cache-Control', 'no-store');
    if (d.log.isLevelEnabled('info')) d.log.info({ reqId: id, method: c.req.method, path, status: c.res.status, ms: Math.round((performance.now() - t0) * 10) / 10 }, 'request');
  });

  // DNS rebinding: a page on another name that resolves here must not reach the API or screens.
  if (allowedHosts) {
    app.use('*', async (c, next) => {
      if (!allowedHosts.has((c.req.header('host') ?? '').toLowerCase())) throw new ApiError('bad-host');
      await next();
    });
  }

  const requestLimit = bodyLimit(MAX_BODY_BYTES, () => { throw new ApiError('too-large'); });
  const fileLimits = new Map(Object.entries(FILE_BODY_BYTES).map(([p, max]) => [p, bodyLimit(max, () => { throw new ApiError('file-too-large'); })]));
  app.use('/api/*', (c, next) => (fileLimits.get(c.req.path) ?? requestLimit)(c, next));

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

  app.route('/', opsRoutes(d, { ready: async () => true, accepting: () => true, ...o.ops }));
  app.route('/api/session', sessionRoutes(d));
  app.route('/api/admin', adminRoutes(d));
  app.route('/api/bank', bankRoutes(d));
  if (d.transactions) {
    const transfers = transferRoutes({ ...d, transactions: d.transactions });
    app.route('/api/signin/transfer', transfers.banking);
    app.route('/api/v1', transfers.system);
  }
  app.route('/api/signin', signinRoutes(d));
  app.route('/api/v1', integrationRoutes(d));
  app.route('/api', publicRoutes(d));
  app.all('/api/*', () => {
    throw new ApiError('not-found');
  });

  // The apps; the administrator's only with the electronic certificate, when one is asked.
  app.use('/admin', requireCertificateForPage(d));
  app.use('/admin/*', requireCertificateForPage(d));
  app.get('*', (c) => serveStatic(c.req.path, c.req.header('accept-encoding')));

  app.onError((err, c) => {
    let code: ApiErrorCode;
    if (err instanceof ApiError) {
      code = err.code;
      if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
    } else if (err instanceof IssuerError) code = err.code;
    else {
      d.log.error({ reqId: c.get('requestId'), err: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } }, 'unhandled');
      code = 'server-error';
    }
    if (code === 'unauthenticated' && c.req.path.startsWith('/api/v1/')) c.header('WWW-Authenticate', 'Bearer');
    return c.json(errorBody(code), errorStatus(code) as 400);
  });

  app.notFound((c) => c.json(errorBody('not-found'), 404));

  return { app, sessions, metrics };
}
