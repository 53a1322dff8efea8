/** The bank operator's API (/api/bank/…). */
import { Hono } from 'hono';
import {
  OPERATOR_ACTIONS, type ApiClientView, type CustomerCardResponse, type NewApiClientResponse, type OperatorAction, type OperatorActionResponse, type SuspensionRequest,
} from '../../src/issuer/api-types.ts';
import { auditPage } from '../audit-view.ts';
import { transferPage } from '../transfer-view.ts';
import { newApiKey } from '../account-store.ts';
import { ApiError } from '../errors.ts';
import { idParam, jsonBody, optionalJsonBody, requireRole, type Deps, type Env } from '../http.ts';
import { PskcError, type PskcCredentials } from '../../src/issuer/pskc/index.ts';
import { CustomerCardBody, NewApiClientBody, ResyncBody, SuspensionBody } from '../schemas.ts';
import { normalizeSerial, PATTERNS } from '../../src/core/limits.ts';
import { userPageQuery } from '../user-page-query.ts';

const CSV = /^text\/csv\s*(;|$)/i;
const PSKC = /^(application\/pskc\+xml|application\/xml|text\/xml)\s*(;|$)/i;
const TRANSPORT_KEY = /^(?:[0-9a-f]{32}|[0-9a-f]{48}|[0-9a-f]{64})$/i;

/**
 * X-PSKC-Key (hex) or X-PSKC-Password (UTF-8, percent-encoded: header values are Latin-1). Read
 * here and handed to the decryption only: neither is logged, audited or stored.
 */
function pskcCredentials(key: string | undefined, password: string | undefined): PskcCredentials {
  const credentials: PskcCredentials = {};
  if (key !== undefined && key.trim() !== '') {
    const hex = key.replace(/\s+/g, '');
    if (!TRANSPORT_KEY.test(hex)) throw new ApiError('bad-transport-key');
    credentials.key = new Uint8Array(Buffer.from(hex, 'hex'));
  }
  if (password !== undefined && password !== '') {
    try {
      credentials.password = decodeURIComponent(password);
    } catch {
      credentials.password = password; // not percent-encoded (e.g. "50%off" typed into curl)
    }
  }
  return credentials;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function bankRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer, accounts } = d;
  app.use('*', requireRole(d, 'operator'));
  const actorOf = (c: { get(k: 'session'): { user: string } }) => `operator:${c.get('session').user}`;

  // The list as it always was (an array, 100 at most unless `limit`), and the screen's page with its count.
  app.get('/users', async (c) => {
    const page = await issuer.bankUserPage(userPageQuery(c, 100), d.now());
    c.header('X-Total-Count', String(page.total));
    return c.json(page.users);
  });
  app.get('/user-page', async (c) => c.json(await issuer.bankUserPage(userPageQuery(c), d.now())));

  app.post(`/users/:companyId/:userId/:action{${OPERATOR_ACTIONS.join('|')}}`, async (c) => {
    const companyId = idParam(c, 'companyId');
    const userId = idParam(c, 'userId');
    const action = c.req.param('action') as OperatorAction;
    // A body is optional (the reason of a suspension); without one the action is the same.
    const b = await optionalJsonBody<SuspensionRequest>(c, SuspensionBody, {});
    const view = await issuer.operatorAction(action, companyId, userId, d.now(), `operator:${c.get('session').user}`, b.reason);
    return c.json({ companyId, ...view } satisfies OperatorActionResponse);
  });

  // The company's customer card, issued or replaced: its digits are in this answer only.
  app.post('/companies/:companyId/customer-card', async (c) => {
    const companyId = idParam(c, 'companyId');
    const b = await jsonBody(c, CustomerCardBody);
    const t = d.now();
    const company = await issuer.companyView(companyId, t); // unknown-company before any card is made
    const { digits } = await d.cards.issue(companyId, t, b.card);
    await issuer.record({ at: t, actor: `operator:${c.get('session').user}`, action: 'card-issue', companyId, target: companyId, outcome: b.card ? 'ok, given digits' : 'ok' });
    return c.json({ companyId, companyName: company.name, digits, issuedAt: new Date(t).toISOString() } satisfies CustomerCardResponse);
  });

  // 解約: every OTP setting of the company cleared (contract-cancel.ts).
  app.post('/companies/:companyId/cancel', async (c) => {
    const companyId = idParam(c, 'companyId');
    return c.json(await issuer.cancelContract(companyId, d.now(), `operator:${c.get('session').user}`));
  });

  app.get('/companies', async (c) => c.json(await issuer.companies()));

  /** Step ⑧'s confirmation PIN, locked after repeated wrong entries: unlocked at the branch's request. */
  app.post('/companies/:companyId/pin-unlock', async (c) => {
    const companyId = idParam(c, 'companyId');
    if (!(await issuer.companies()).some((x) => x.companyId === companyId)) throw new ApiError('unknown-company');
    await issuer.unlockPin(companyId, d.now(), actorOf(c));
    return c.json({ companyId, pinLocked: false });
  });

  app.get('/api-clients', async (c) => c.json((await accounts.listApiClients()).map((x): ApiClientView => ({
    name: x.name, createdAt: iso(x.createdAt), createdBy: x.createdBy, revokedAt: x.revokedAt === null ? null : iso(x.revokedAt),
  }))));

  /** A new client; its key is in this answer only (stored hashed). */
  app.post('/api-clients', async (c) => {
    const b = await jsonBody(c, NewApiClientBody);
    const key = newApiKey();
    if (!(await accounts.createApiClient(b.name, key, d.now(), actorOf(c)))) throw new ApiError('client-exists');
    await issuer.record({ at: d.now(), actor: actorOf(c), action: 'api-client-create', companyId: null, outcome: 'ok', detail: b.name });
    return c.json({ name: b.name, key } satisfies NewApiClientResponse, 201);
  });

  app.post('/api-clients/:name/revoke', async (c) => {
    const name = c.req.param('name');
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(name) || !(await accounts.revokeApiClient(name, d.now()))) throw new ApiError('unknown-client');
    await issuer.record({ at: d.now(), actor: actorOf(c), action: 'api-client-revoke', companyId: null, outcome: 'ok', detail: name });
    return c.json({ name, revoked: true });
  });

  app.post('/hardware-tokens', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const actor = `operator:${c.get('session').user}`;
    if (PSKC.test(type)) {
      const credentials = pskcCredentials(c.req.header('x-pskc-key'), c.req.header('x-pskc-password'));
      try {
        return c.json(await issuer.importPskc(await c.req.text(), credentials, d.now(), actor));
      } catch (error) {
        if (error instanceof PskcError) throw new ApiError(`pskc-${error.code}`);
        throw error;
      }
    }
    if (!CSV.test(type)) throw new ApiError('unsupported-media-type');
    const text = await c.req.text();
    if (text.trim() === '') throw new ApiError('bad-csv');
    return c.json(await issuer.importHardware(text, d.now(), actorOf(c)));
  });

  app.post('/tokens/:serial/resync', async (c) => {
    const serial = normalizeSerial(c.req.param('serial').slice(0, 64));
    if (!PATTERNS.heldSerial.test(serial)) throw new ApiError('unknown-serial');
    const b = await jsonBody(c, ResyncBody);
    return c.json(await issuer.resync(serial, b.codes, d.now(), actorOf(c)));
  });

  app.get('/audit', async (c) => c.json(await auditPage(issuer, c, undefined)));
  // The approvals of every company (or `?company=`).
  app.get('/transfers', async (c) => c.json(await transferPage(d.transactions, c, undefined, d.now())));

  return app;
}
