/** The bank operator's API (/api/bank/…). */
import { Hono } from 'hono';
import { OPERATOR_ACTIONS, type OperatorAction, type OperatorActionResponse } from '../../src/issuer/api-types.ts';
import { auditView } from '../audit-view.ts';
import { ApiError } from '../errors.ts';
import { idParam, requireRole, type Deps, type Env } from '../http.ts';

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
    if (!/^text\/csv\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new ApiError('unsupported-media-type');
    const text = await c.req.text();
    if (text.trim() === '') throw new ApiError('bad-csv');
    return c.json(await issuer.importHardware(text, d.now(), `operator:${c.get('session').user}`));
  });

  app.get('/audit', async (c) => c.json((await issuer.listAudit(undefined)).map((e) => auditView(e, true))));

  return app;
}
