/** What the route modules share: the service's dependencies, JSON bodies, sessions, the caller's address. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { Role } from '../src/issuer/api-types.ts';
import type { CustomerCards } from '../src/issuer/card-sign-in.ts';
import type { Issuer } from '../src/issuer/issuer.ts';
import type { ProvisioningSigner } from '../src/provision/signature.ts';
import type { Transactions } from '../src/issuer/transactions.ts';
import type { BankingSessions } from './routes/transfers.ts';
import { PATTERNS } from '../src/core/limits.ts';
import { clientAddressResolver, type TrustProxy } from './client-address.ts';
import type { ClientCertificatePolicy } from './client-certificate.ts';
import { ApiError } from './errors.ts';
import { RateLimiter } from './rate-limit.ts';
import { csrfMatches, type Session, type SessionStore } from './sessions.ts';
import type { AccountStore } from './sql-store.ts';

export const SESSION_COOKIE = 'st_session';
export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Everything a route needs, made once by createApp. */
export interface Deps {
  issuer: Issuer;
  accounts: AccountStore;
  sessions: SessionStore;
  now: () => number;
  clientAddress: (c: Context) => string;
  provisionLimit: RateLimiter;
  provisioningKey: Promise<ProvisioningSigner>;
  loginByAddress: RateLimiter;
  loginFailuresByUser: RateLimiter;
  /** Transaction signing (routes/transfers.ts); absent, tokens get no signing key. */
  transactions?: Transactions | undefined;
  /** Users signed in to the demo internet banking (for its transfers). */
  banking: BankingSessions;
  verifyApiKey?: string | undefined;
  /** Customer cards (お客様カード): the administrator's sign-in asks two cells. */
  cards: CustomerCards;
  /** ADMIN_CLIENT_CA: the administrator's screens and API want a client certificate; unset, nothing changes. */
  clientCertificates?: ClientCertificatePolicy | undefined;
}

/** `incoming`: node's request (its TLS socket has the client certificate); absent under app.request(). */
export type Env = { Variables: { session: Session }; Bindings: { incoming?: IncomingMessage } };

export function addressOf(trust: TrustProxy): (c: Context) => string {
  const resolve = clientAddressResolver(trust);
  return (c) => {
    let socket = 'unknown';
    try {
      socket = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // app.request() in tests has no socket
    }
    return resolve(socket, c.req.header('x-forwarded-for'));
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
  if (!result.success) throw new ApiError('invalid-body');
  return result.output;
}

/** Like jsonBody, but no body at all (no content type, or nothing sent) is `empty`. */
export async function optionalJsonBody<T>(c: Context, schema: v.GenericSchema<unknown, T>, empty: T): Promise<T> {
  if (c.req.header('content-type') === undefined || (await c.req.text()).trim() === '') return empty;
  return jsonBody(c, schema);
}

/** The session of the cookie, or null. */
export function currentSession(d: Deps, c: Context): Promise<Session | null> {
  return d.sessions.get(getCookie(c, SESSION_COOKIE), d.now());
}

/** Only for a signed-in `role`; an unsafe method also needs the session's CSRF token. */
export function requireRole(d: Deps, role: Role): MiddlewareHandler<Env> {
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
