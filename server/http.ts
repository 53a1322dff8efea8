/** What the route modules share: the service's dependencies, JSON bodies, sessions and their cookie, the caller's address. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { CustomerCards } from '../src/issuer/card-sign-in.ts';
import type { Issuer } from '../src/issuer/issuer.ts';
import type { ProvisioningSigner } from '../src/provision/signature.ts';
import type { Transactions } from '../src/issuer/transactions.ts';
import { PATTERNS } from '../src/core/limits.ts';
import type { AccountStore } from './account-store.ts';
import { clientAddressResolver, rateKey, trustedPeer, type TrustProxy } from './client-address.ts';
import type { UserImports } from './user-imports.ts';
import type { ClientCertificatePolicy } from './client-certificate.ts';
import type { Queryable } from './db.ts';
import { ApiError, type ApiErrorCode } from './errors.ts';
import { rateWindow, type RateWindow } from './limits.ts';
import { FIELD_ERRORS } from './schemas.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import { csrfMatches, type Session, type SessionRole, type SessionStore } from './sessions.ts';

/** Over plain HTTP (the demo on one machine); over HTTPS the cookie is `__Host-` prefixed. */
export const SESSION_COOKIE = 'st_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Everything a route needs, made once by createApp. */
export interface Deps {
  issuer: Issuer;
  accounts: AccountStore;
  sessions: SessionStore;
  /** Where the throttles count (server/limits.ts). */
  db: Queryable;
  metrics: Metrics;
  log: Logger;
  now: () => number;
  clientAddress: (c: Context) => string;
  /** True when the request reached us over HTTPS (directly, or as a trusted proxy says). */
  isHttps: (c: Context) => boolean;
  provisionLimit: RateWindow;
  /** Sign-ins (screens and the demo internet banking) per client address. */
  loginLimit: RateWindow;
  /** The demo internet banking's company. */
  demoCompanyId: string;
  provisioningKey: Promise<ProvisioningSigner>;
  /** Transaction signing (routes/transfers.ts); absent, tokens get no signing key. */
  transactions?: Transactions | undefined;
  verifyApiKey?: string | undefined;
  /** Customer cards (お客様カード): the administrator's sign-in asks two cells. */
  cards: CustomerCards;
  /** ADMIN_CLIENT_CA: the administrator's screens and API want a client certificate; unset, nothing changes. */
  clientCertificates?: ClientCertificatePolicy | undefined;
  /** The bulk user import's stored jobs (user-imports.ts). */
  userImports?: UserImports | undefined;
}

/** `incoming`, `outgoing`: node's request (its TLS socket has the client certificate) and response; absent under app.request(). */
export type Env = { Variables: { session: Session; requestId: string }; Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse } };

export function addressOf(trust: TrustProxy): { clientAddress: (c: Context) => string; isHttps: (c: Context) => boolean } {
  const resolve = clientAddressResolver(trust);
  const trusted = trustedPeer(trust);
  const socketOf = (c: Context) => {
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // app.request() in tests has no socket
    }
  };
  return {
    clientAddress: (c) => resolve(socketOf(c), c.req.header('x-forwarded-for')),
    isHttps: (c) => {
      if (c.req.url.startsWith('https:')) return true; // a Request's URL is serialized: the scheme in lower case
      // Only a proxy we trust may tell us the client's scheme.
      return trusted(socketOf(c)) && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
    },
  };
}

/** The JSON body checked against `schema`; only JSON (an HTML form cannot send it cross-site without a preflight). */
export async function jsonBody<T>(c: Context, schema: v.GenericSchema<unknown, T>): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported-media-type');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError('malformed-json');
  }
  const result = v.safeParse(schema, parsed);
  if (!result.success) {
    // One field's own refusal (e.g. `invalid-code`) when that is all that is wrong.
    const first = result.issues[0].message as ApiErrorCode;
    throw new ApiError(FIELD_ERRORS.has(first) && result.issues.every((i) => i.message === first) ? first : 'invalid-body');
  }
  return result.output;
}

/** Like jsonBody, but no body at all (no content type, or nothing sent) is `empty`. */
export async function optionalJsonBody<T>(c: Context, schema: v.GenericSchema<unknown, T>, empty: T): Promise<T> {
  if (c.req.header('content-type') === undefined || (await c.req.text()).trim() === '') return empty;
  return jsonBody(c, schema);
}

/** The session of the cookie, or null. */
export function currentSession(d: Deps, c: Context): Promise<Session | null> {
  return d.sessions.get(getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE), d.now());
}

export function setSessionCookie(d: Deps, c: Context, id: string): void {
  if (d.isHttps(c)) setCookie(c, SECURE_SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: true });
  else setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/api' });
}

export function clearSessionCookie(d: Deps, c: Context): void {
  if (d.isHttps(c)) deleteCookie(c, SECURE_SESSION_COOKIE, { path: '/', secure: true });
  else deleteCookie(c, SESSION_COOKIE, { path: '/api' });
}

/** Only for a signed-in `role`; an unsafe method also needs the session's CSRF token. */
export function requireRole(d: Deps, role: SessionRole): MiddlewareHandler<Env> {
  return async (c, next) => {
    const s = await currentSession(d, c);
    if (!s) throw new ApiError('unauthenticated');
    if (s.role !== role) throw new ApiError('forbidden');
    if (UNSAFE.has(c.req.method) && !csrfMatches(s, c.req.header('x-csrf-token'))) throw new ApiError('csrf');
    c.set('session', s);
    await next();
  };
}

/** A path parameter that must be an ID; a bad one is as unknown as a missing one. */
export function idParam(c: Context, name: 'userId' | 'companyId'): string {
  const id = c.req.param(name) ?? '';
  if (!PATTERNS.id.test(id)) throw new ApiError(name === 'companyId' ? 'unknown-company' : 'unknown-user');
  return id;
}

/** Count one request of the caller's address (IPv6 per /64) against `w`; 429 when over. */
export async function perAddress(d: Deps, c: Context, what: string, w: RateWindow): Promise<string> {
  const address = d.clientAddress(c);
  const wait = await rateWindow(d.db, `${what}:${rateKey(address)}`, w, d.now());
  if (wait) {
    d.metrics.throttled.inc({ what });
    throw new ApiError('rate-limited', wait);
  }
  return address;
}
