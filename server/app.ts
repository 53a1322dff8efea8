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
import { requireCertificateForPage } from './admin-certificate.ts';
import { bodyLimit } from './body-limit.ts';
import { MAX_PSKC_BYTES } from '../src/issuer/pskc/index.ts';
import type { TrustProxy } from './client-address.ts';
import type { ClientCertificatePolicy } from './client-certificate.ts';
import { ApiError, errorBody, errorStatus, type ApiErrorCode } from './errors.ts';
import { addressOf, UNSAFE, type Deps, type Env } from './http.ts';
import { RateLimiter } from './rate-limit.ts';
import { adminRoutes } from './routes/admin.ts';
import { bankRoutes } from './routes/bank.ts';
import { opsRoutes } from './routes/ops.ts';
import { publicRoutes } from './routes/public.ts';
import { sessionRoutes } from './routes/session.ts';
import { signinRoutes } from './routes/signin.ts';
import { BankingSessions, transferRoutes } from './routes/transfers.ts';
import type { Transactions } from '../src/issuer/transactions.ts';
import { Sessions, type SessionStore } from './sessions.ts';
import type { AccountStore } from './sql-store.ts';
import { staticHandler } from './static-files.ts';

export { SESSION_COOKIE } from './http.ts';

// The bank's own screens and the API. The PWA's pages get the PWA's policy (src/pwa/csp.ts), which
// its index.html also carries: one source, so the QR decoder's wasm and Trusted Types work here too.
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "worker-src 'self'",
  "manifest-src 'self'",
].join('; ');

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
  sessions?: SessionStore;
  distDir?: string;
  distAdminDir?: string;
  provisionLimitPerMinute?: number;
  /** Signs provisioning answers (server/provisioning-key.ts); without it, a key of this instance that no app trusts. */
  provisioningKey?: ProvisioningSigner;
  /** TRUST_PROXY (server/config.ts): the number of our proxies or their CIDRs; 0 by default. */
  trustProxy?: TrustProxy;
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
}

export function createApp(o: AppOptions): { app: Hono<Env>; sessions: SessionStore } {
  const sessions = o.sessions ?? new Sessions();
  const d: Deps = {
    issuer: o.issuer,
    accounts: o.accounts,
    sessions,
    now: o.now ?? (() => Date.now()),
    clientAddress: addressOf(o.trustProxy ?? 0),
    provisionLimit: new RateLimiter(o.provisionLimitPerMinute ?? 20, 60_000),
    provisioningKey: o.provisioningKey ? Promise.resolve(o.provisioningKey) : newSigningKey().then(importSigner),
    loginByAddress: new RateLimiter(30, 60_000),
    loginFailuresByUser: new RateLimiter(5, 15 * 60_000),
    transactions: o.transactions,
    banking: new BankingSessions(),
    verifyApiKey: o.verifyApiKey,
    cards: o.cards,
    clientCertificates: o.clientCertificates,
  };
  const serveStatic = staticHandler(o.distDir ?? 'dist', o.distAdminDir ?? 'dist-admin');
  const app = new Hono<Env>();

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

  app.route('/', opsRoutes(d));
  app.route('/api/session', sessionRoutes(d));
  app.route('/api/admin', adminRoutes(d));
  app.route('/api/bank', bankRoutes(d));
  if (d.transactions) {
    const transfers = transferRoutes({ ...d, transactions: d.transactions });
    app.route('/api/signin/transfer', transfers.banking);
    app.route('/api/v1', transfers.system);
  }
  app.route('/api/signin', signinRoutes(d));
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
      console.error(err);
      code = 'server-error';
    }
    return c.json(errorBody(code), errorStatus(code) as 400);
  });

  app.notFound((c) => c.json(errorBody('not-found'), 404));

  return { app, sessions };
}
