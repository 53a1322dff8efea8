/** The company administrator's API (/api/admin/…), own company only. */
import { Hono, type Context } from 'hono';
import { formatOtpauthUri } from '../../src/core/otpauth-uri.ts';
import type { IssueQrResponse, RegisterResponse, StopResponse } from '../../src/issuer/api-types.ts';
import { auditPage } from '../audit-view.ts';
import { transferPage } from '../transfer-view.ts';
import { requireCertificateForApi } from '../admin-certificate.ts';
import { idParam, jsonBody, requireRole, type Deps, type Env } from '../http.ts';
import { ApiError } from '../errors.ts';
import { hashSecret } from '../passwords.ts';
import { rateWindow } from '../limits.ts';
import { userPageQuery } from '../user-page-query.ts';
import { parseUserCsv } from '../../src/issuer/bulk-users.ts';
import { IMPORT_ID, USER_IMPORT_WINDOW, type UserImportStatus } from '../user-imports.ts';
import { AccidentBody, CreateUserBody, PasswordBody, RegisterBody, UsageModeBody } from '../schemas.ts';

export function adminRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer } = d;
  app.use('*', requireRole(d, 'admin'));
  app.use('*', requireCertificateForApi(d));
  const who = (c: Context<Env>) => {
    const s = c.get('session');
    return { companyId: s.companyId!, actor: `admin:${s.user}` };
  };

  app.get('/company', async (c) => c.json(await issuer.companyView(who(c).companyId, d.now(), userPageQuery(c))));

  app.put('/usage-mode', async (c) => {
    const { companyId, actor } = who(c);
    const b = await jsonBody(c, UsageModeBody);
    return c.json({ usageMode: await issuer.setUsageMode(companyId, b.mode, d.now(), actor) });
  });

  app.post('/users', async (c) => {
    const { companyId, actor } = who(c);
    const b = await jsonBody(c, CreateUserBody);
    const passwordHash = await hashSecret(b.password); // before anything is written, outside any transaction
    const view = await issuer.createUser(companyId, b.userId, d.now(), actor);
    await d.accounts.setUserPassword(companyId, b.userId, passwordHash);
    return c.json(view, 201);
  });

  /** The administrator resets a user's internet-banking password. */
  app.put('/users/:userId/password', async (c) => {
    const { companyId, actor } = who(c);
    const userId = idParam(c, 'userId');
    const b = await jsonBody(c, PasswordBody);
    const passwordHash = await hashSecret(b.password);
    if (!(await d.accounts.setUserPassword(companyId, userId, passwordHash))) throw new ApiError('unknown-user');
    await issuer.record({ at: d.now(), actor, action: 'password-reset', companyId, userId, outcome: 'ok' });
    return c.body(null, 204);
  });

  /**
   * The administrator's user list (CSV: userId,displayName,initialPassword), imported as a stored
   * job (user-imports.ts): 200 with its report when it ends within a few seconds, else 202 with it
   * as it stands and its Location to poll.
   */
  app.post('/users/import', async (c) => {
    const { companyId, actor } = who(c);
    const imports = userImports();
    if (!/^text\/csv\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new ApiError('unsupported-media-type');
    const text = await c.req.text();
    if (text.trim() === '') throw new ApiError('bad-csv');
    const { users, rejected } = parseUserCsv(text);
    const wait = await rateWindow(d.db, `user-import:${companyId}`, USER_IMPORT_WINDOW, d.now());
    if (wait) throw new ApiError('rate-limited', wait);
    const started = await imports.start(companyId, actor, users, rejected);
    return importAnswer(c, (await imports.waitFor(companyId, started.id)) ?? started);
  });

  /** The company's latest imports, newest first (a screen opened again finds one still running). */
  app.get('/users/imports', async (c) => c.json({ imports: await userImports().list(who(c).companyId) }));

  app.get('/users/imports/:importId', async (c) => {
    const id = c.req.param('importId');
    const s = IMPORT_ID.test(id) ? await userImports().status(who(c).companyId, id) : null;
    if (!s) throw new ApiError('unknown-import');
    return importAnswer(c, s);
  });

  const userImports = () => {
    if (!d.userImports) throw new ApiError('not-found');
    return d.userImports;
  };
  const importAnswer = (c: Context<Env>, s: UserImportStatus) => {
    if (!s.done) c.header('Location', `/api/admin/users/imports/${s.id}`);
    return c.json(s, s.done ? 200 : 202);
  };

  app.post('/users/:userId/register', async (c) => {
    const { companyId, actor } = who(c);
    const userId = idParam(c, 'userId');
    const b = await jsonBody(c, RegisterBody);
    const r = await issuer.register({ companyId, userId, serial: b.serial, code: b.code, pin: b.pin }, d.now(), actor);
    return c.json({ userId, serial: r.serial, status: 'active', replaced: r.replaced } satisfies RegisterResponse);
  });

  app.post('/users/:userId/stop', async (c) => {
    const { companyId, actor } = who(c);
    const userId = idParam(c, 'userId');
    await issuer.stop(companyId, userId, d.now(), actor);
    return c.json({ userId, serial: null, status: 'stopped' } satisfies StopResponse);
  });

  // 事故設定 and its lifting (accident-setting.ts); in shared mode they act on the company's token.
  app.post('/users/:userId/accident', async (c) => {
    const { companyId, actor } = who(c);
    const userId = idParam(c, 'userId');
    const b = await jsonBody(c, AccidentBody);
    return c.json(await issuer.setAccident({ companyId, userId, reason: b.reason }, d.now(), actor));
  });

  app.post('/users/:userId/accident-clear', async (c) => {
    const { companyId, actor } = who(c);
    const userId = idParam(c, 'userId');
    return c.json(await issuer.clearAccident({ companyId, userId }, d.now(), actor));
  });

  app.post('/users/:userId/issue-qr', async (c) => {
    const { companyId, actor } = who(c);
    const userId = idParam(c, 'userId');
    const t = await issuer.issueForUser(companyId, userId, d.now(), actor);
    const uri = formatOtpauthUri({
      type: 'totp', issuer: t.issuer, label: userId, secret: t.secret, algorithm: t.algorithm, digits: t.digits,
      period: t.period, counter: 0, serial: t.serial,
    });
    t.secret.fill(0);
    return c.json({ uri, serial: t.serial } satisfies IssueQrResponse);
  });

  app.get('/audit', async (c) => c.json(await auditPage(issuer, c, who(c).companyId)));
  // The approvals: the company's transfer challenges and their outcome.
  app.get('/transfers', async (c) => c.json(await transferPage(d.transactions, c, who(c).companyId, d.now())));

  return app;
}
