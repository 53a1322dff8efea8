/** The bank operator's API (/api/bank/…). */
import { Hono } from 'hono';
import { OPERATOR_ACTIONS, type OperatorAction, type OperatorActionResponse } from '../../src/issuer/api-types.ts';
import { auditView } from '../audit-view.ts';
import { ApiError } from '../errors.ts';
import { idParam, jsonBody, requireRole, type Deps, type Env } from '../http.ts';
import { PskcError, type PskcCredentials } from '../../src/issuer/pskc/index.ts';
import { ResyncBody } from '../schemas.ts';
import { normalizeSerial, PATTERNS } from '../../src/core/limits.ts';

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

export function bankRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer } = d;
  app.use('*', requireRole(d, 'operator'));

  app.get('/users', async (c) => c.json(await issuer.searchUsers((c.req.query('q') ?? '').slice(0, 64), d.now())));

  app.post(`/users/:companyId/:userId/:action{${OPERATOR_ACTIONS.join('|')}}`, async (c) => {
    const companyId = idParam(c, 'companyId');
    const userId = idParam(c, 'userId');
    const action = c.req.param('action') as OperatorAction;
    const view = await issuer.operatorAction(action, companyId, userId, d.now(), `operator:${c.get('session').user}`);
    return c.json({ companyId, ...view } satisfies OperatorActionResponse);
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
    return c.json(await issuer.importHardware(text, d.now(), actor));
  });

  app.post('/tokens/:serial/resync', async (c) => {
    const serial = normalizeSerial(c.req.param('serial').slice(0, 64));
    if (!PATTERNS.heldSerial.test(serial)) throw new ApiError('unknown-serial');
    const b = await jsonBody(c, ResyncBody);
    return c.json(await issuer.resync(serial, b.codes, d.now(), `operator:${c.get('session').user}`));
  });

  app.get('/audit', async (c) => c.json((await issuer.listAudit(undefined)).map((e) => auditView(e, true))));

  return app;
}
