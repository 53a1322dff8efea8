// The administrator as the bank's guide has it, through the HTTP API on the embedded database:
// the customer-card sign-in, 事故設定, the bank's customer card and 解約, and the electronic
// certificate checked on real HTTPS connections (CA and certificates made by openssl).
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { SqlCardStore } from '../../../server/card-store.ts';
import { parseCaBundle } from '../../../server/client-certificate.ts';
import { migrate, openPglite, type Db } from '../../../server/db.ts';
import { nodeOpenSeed } from '../../../server/node-seal.ts';
import { nodeSign } from '../../../server/node-sign.ts';
import { hashSecret, scryptPinHasher } from '../../../server/passwords.ts';
import { AccountStore } from '../../../server/account-store.ts';
import { SqlStore } from '../../../server/sql-store.ts';
import { CustomerCards } from '../../../src/issuer/card-sign-in.ts';
import { CARD_LABELS, deriveCardKey } from '../../../src/issuer/customer-card.ts';
import { Issuer } from '../../../src/issuer/issuer.ts';
import { importMasterKey } from '../../../src/issuer/seal.ts';
import { makeTestCertificates, type TestCertificates } from '../../test-certificates.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS } from '../issuer/time-steps.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const PIN = 'pin24680';
const CARD = '50718293465019283746';
const answer = (cells: string[], card = CARD) => cells.map((l) => card[CARD_LABELS.indexOf(l as never)]).join('');
const wrong = (a: string) => String((Number(a) + 37) % 100).padStart(2, '0');

// Real time (the certificates are valid from now on), at a step's start.
let clock = Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS;
let db: Db;
let dir: string;
let issuer: Issuer;
let cards: CustomerCards;
let app: ReturnType<typeof createApp>['app'];
let accounts: AccountStore;
let certs: TestCertificates;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-administrator-'));
  db = await openPglite(dir);
  await migrate(db, clock);
  const masterRaw = crypto.getRandomValues(new Uint8Array(32));
  issuer = new Issuer({
    store: new SqlStore(db), masterKey: await importMasterKey(masterRaw), pinHasher: scryptPinHasher, makeSign: nodeSign,
    openSeed: nodeOpenSeed, auditDelayMs: 1,
  });
  await issuer.ensureCompany({ companyId: 'demo', name: 'デモ株式会社', pin: PIN });
  await issuer.ensureCompany({ companyId: 'acme', name: 'ACME', pin: PIN });
  accounts = new AccountStore(db);
  const hash = await hashSecret('admin-pw');
  for (const user of ['admin', 'admin2', 'admin3']) await accounts.put({ role: 'admin', username: user, companyId: 'demo', passwordHash: hash });
  await accounts.put({ role: 'operator', username: 'operator', companyId: null, passwordHash: await hashSecret('operator-pw') });
  cards = new CustomerCards(new SqlCardStore(db), await deriveCardKey(masterRaw));
  await cards.issue('demo', clock, CARD);
  ({ app } = createApp({ issuer, accounts, db, cards, now: () => clock, distDir: dir, distAdminDir: dir }));
  certs = makeTestCertificates();
}, 180_000);

afterAll(async () => {
  await issuer?.flushAudit();
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
});

const json = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}, on = app) =>
  on.request(url, {
    method, headers: { 'content-type': 'application/json', host: 'bank.test', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
type Challenge = { id: string; cells: string[] };

async function challenge(user = 'admin', password = 'admin-pw'): Promise<Challenge> {
  const r = await json('POST', '/api/session', { role: 'admin', user, password });
  expect(r.status).toBe(401);
  const b = (await r.json()) as { error: string; challenge: Challenge };
  expect(b.error).toBe('card-required');
  return b.challenge;
}

async function signIn(role: 'admin' | 'operator', user = role === 'admin' ? 'admin' : 'operator') {
  clock += 61_000; // a fresh per-address window
  const password = role === 'admin' ? 'admin-pw' : 'operator-pw';
  let r = await json('POST', '/api/session', { role, user, password });
  if (role === 'admin') {
    const { challenge: c } = (await r.json()) as { challenge: Challenge };
    r = await json('POST', '/api/session', { role, user, password, challengeId: c.id, card: answer(c.cells) });
  }
  expect(r.status).toBe(200);
  const { csrf } = (await r.json()) as { csrf: string };
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrf };
}

/** A user of `demo` with a registered token; its codes by step offset from the clock. */
async function userWithToken(userId: string) {
  const admin = await signIn('admin');
  expect((await json('POST', '/api/admin/users', { userId, password: 'user-password-1' }, admin)).status).toBe(201);
  const t = await issuer.provision(clock);
  const code = (offset = 0) => referenceHotp(t.secret, Math.floor(clock / PERIOD_MS) + offset);
  const r = await json('POST', `/api/admin/users/${userId}/register`, { serial: t.serial, code: code(), pin: PIN }, admin);
  expect(r.status).toBe(200);
  return { admin, serial: t.serial, code };
}

/** The next step's code, accepted or not (the clock moves a step first). */
async function verifyNext(userId: string, code: (o?: number) => string): Promise<string> {
  clock += PERIOD_MS;
  return ((await (await json('POST', '/api/signin', { userId, password: 'user-password-1', code: code() })).json()) as { outcome: string }).outcome;
}

describe('the administrator’s sign-in: password and customer card together', () => {
  it('asks two different cells, whatever the password or the user, and nothing else', async () => {
    clock += 61_000;
    for (const [user, password] of [['admin', 'admin-pw'], ['admin', 'wrong'], ['nobody', 'x']] as const) {
      const c = await challenge(user, password);
      expect(c.cells).toHaveLength(2);
      expect(c.cells[0]).not.toBe(c.cells[1]);
      for (const l of c.cells) expect(CARD_LABELS).toContain(l);
    }
  });

  it('opens a session only with both right; a wrong card and a wrong password get the same answer', async () => {
    clock += 61_000;
    const refusals = [];
    let c = await challenge();
    refusals.push(await json('POST', '/api/session', { role: 'admin', user: 'admin', password: 'admin-pw', challengeId: c.id, card: wrong(answer(c.cells)) }));
    c = await challenge();
    refusals.push(await json('POST', '/api/session', { role: 'admin', user: 'admin', password: 'wrong-pw', challengeId: c.id, card: answer(c.cells) }));
    c = await challenge();
    refusals.push(await json('POST', '/api/session', { role: 'admin', user: 'admin', password: 'admin-pw', challengeId: c.id, card: 'ab' }));
    const bodies = await Promise.all(refusals.map(async (r) => [r.status, await r.text()]));
    expect(bodies[0]![0]).toBe(401);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);

    c = await challenge();
    const ok = await json('POST', '/api/session', { role: 'admin', user: 'admin', password: 'admin-pw', challengeId: c.id, card: answer(c.cells) });
    expect(ok.status).toBe(200);
    // The same challenge again: used up.
    const again = await json('POST', '/api/session', { role: 'admin', user: 'admin', password: 'admin-pw', challengeId: c.id, card: answer(c.cells) });
    expect(again.status).toBe(401);
    // The operator's sign-in has no card.
    expect((await json('POST', '/api/session', { role: 'operator', user: 'operator', password: 'operator-pw' })).status).toBe(200);
  });

  it('counts wrong card answers on the password’s throttle: after five, even the right answer is refused', async () => {
    clock += 16 * 60_000;
    const held = await challenge('admin2');
    for (let i = 0; i < 5; i++) {
      const c = await challenge('admin2');
      const r = await json('POST', '/api/session', { role: 'admin', user: 'admin2', password: 'admin-pw', challengeId: c.id, card: wrong(answer(c.cells)) });
      expect(r.status).toBe(401);
    }
    const r = await json('POST', '/api/session', { role: 'admin', user: 'admin2', password: 'admin-pw', challengeId: held.id, card: answer(held.cells) });
    expect(r.status).toBe(429);
    expect((await json('POST', '/api/session', { role: 'admin', user: 'admin2', password: 'admin-pw' })).status).toBe(429);
    // Another administrator is not affected.
    expect((await challenge('admin3')).cells).toHaveLength(2);
    const audit = await issuer.listAudit(undefined);
    expect(audit.filter((e) => e.actor === 'admin:admin2' && e.outcome === 'refused')).toHaveLength(5);
  });
});

describe('事故設定', () => {
  it('suspends at once, lifts back to ok, and cannot lift the bank’s suspension', async () => {
    const { admin, code } = await userWithToken('taro');
    expect(await verifyNext('taro', code)).toBe('ok');
    // A reason is needed.
    expect((await json('POST', '/api/admin/users/taro/accident', {}, admin)).status).toBe(400);
    const set = await json('POST', '/api/admin/users/taro/accident', { reason: 'lost' }, admin);
    expect(await set.json()).toMatchObject({ userId: 'taro', status: 'suspended', suspendedBy: 'administrator' });
    expect(await verifyNext('taro', code)).toBe('suspended');
    expect((await json('POST', '/api/admin/users/taro/accident', { reason: 'lost' }, admin)).status).toBe(409);
    const cleared = await json('POST', '/api/admin/users/taro/accident-clear', {}, admin);
    expect(await cleared.json()).toMatchObject({ status: 'active' });
    expect(await verifyNext('taro', code)).toBe('ok');

    const operator = await signIn('operator');
    const s = await json('POST', '/api/bank/users/demo/taro/suspend', { reason: 'stolen' }, operator);
    expect(await s.json()).toMatchObject({ status: 'suspended', suspendedBy: 'bank' });
    const refused = await json('POST', '/api/admin/users/taro/accident-clear', {}, admin);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe('suspended-by-bank');
    expect(await verifyNext('taro', code)).toBe('suspended');
    // The bank may also take over an accident setting, and lifts either.
    expect((await json('POST', '/api/bank/users/demo/taro/resume', undefined, operator)).status).toBe(200);
    expect((await json('POST', '/api/admin/users/taro/accident', { reason: 'other' }, admin)).status).toBe(200);
    expect(await (await json('POST', '/api/bank/users/demo/taro/suspend', undefined, operator)).json()).toMatchObject({ suspendedBy: 'bank' });
    expect((await json('POST', '/api/admin/users/taro/accident-clear', {}, admin)).status).toBe(409);
    expect((await json('POST', '/api/bank/users/demo/taro/resume', {}, operator)).status).toBe(200);
    expect(await verifyNext('taro', code)).toBe('ok');

    // Who and why, in the log.
    const audit = await issuer.listAudit('demo');
    expect(audit.find((e) => e.action === 'accident' && e.outcome === 'ok' && (e.target ?? '').includes('reason:lost'))).toMatchObject({ actor: 'admin:admin' });
    expect(audit.find((e) => e.action === 'accident-clear' && e.outcome === 'ok')).toMatchObject({ actor: 'admin:admin' });
    expect(audit.find((e) => e.action === 'suspend' && e.outcome === 'ok' && (e.target ?? '').includes('reason:stolen'))).toMatchObject({ actor: 'operator:operator' });
    expect(audit.find((e) => e.action === 'accident-clear' && e.outcome === 'suspended-by-bank')).toBeDefined();
    // Filed under the user and the token like the bank's actions, so the log's user filter finds them.
    const taros = await issuer.listAudit('demo', { userId: 'taro' });
    const serial = audit.find((e) => e.action === 'suspend' && e.outcome === 'ok')!.serial;
    expect(serial).toBeTruthy();
    for (const action of ['accident', 'accident-clear', 'suspend', 'resume']) {
      expect(taros.find((e) => e.action === action && e.outcome === 'ok'), action).toMatchObject({ userId: 'taro', serial });
    }
  });

  it('is refused on a locked token (unlocking stays the bank’s) and without a token', async () => {
    const { admin, code } = await userWithToken('jiro');
    for (let i = 0; i < 5; i++) await json('POST', '/api/signin', { userId: 'jiro', password: 'user-password-1', code: wrong(code()) + code().slice(2) });
    expect(await verifyNext('jiro', code)).toBe('locked');
    const r = await json('POST', '/api/admin/users/jiro/accident', { reason: 'lost' }, admin);
    expect(r.status).toBe(409);
    expect(await verifyNext('jiro', code)).toBe('locked');
    expect((await json('POST', '/api/admin/users', { userId: 'saburo', password: 'user-password-1' }, admin)).status).toBe(201);
    expect(((await (await json('POST', '/api/admin/users/saburo/accident', { reason: 'lost' }, admin)).json()) as { error: string }).error).toBe('no-token');
  });
});

describe('the bank’s customer card and 解約', () => {
  it('issues a card for a company to the operator only, digits in that answer alone', async () => {
    const operator = await signIn('operator');
    const admin = await signIn('admin');
    expect((await json('POST', '/api/bank/companies/acme/customer-card', {}, admin)).status).toBe(403);
    expect((await json('POST', '/api/bank/companies/nowhere/customer-card', {}, operator)).status).toBe(404);
    expect((await json('POST', '/api/bank/companies/acme/customer-card', { card: '123' }, operator)).status).toBe(400);
    const r = await json('POST', '/api/bank/companies/acme/customer-card', {}, operator);
    const b = (await r.json()) as { companyName: string; digits: string };
    expect(b).toMatchObject({ companyId: 'acme', companyName: 'ACME' });
    expect(b.digits).toMatch(/^[0-9]{20}$/);
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM customer_cards WHERE company_id = 'acme'`);
    expect(JSON.stringify(rows)).not.toContain(b.digits);
    expect((await issuer.listAudit('acme')).some((e) => e.action === 'card-issue' && e.actor === 'operator:operator')).toBe(true);
  });

  it('解約 retires every token of the company and puts every user back to none, the usage mode kept', async () => {
    const a = await userWithToken('kaiyaku-a');
    const b = await userWithToken('kaiyaku-b');
    const admin = a.admin;
    expect((await json('POST', '/api/admin/users', { userId: 'kaiyaku-c', password: 'user-password-1' }, admin)).status).toBe(201);
    expect((await json('POST', '/api/admin/users/kaiyaku-c/issue-qr', undefined, admin)).status).toBe(200);
    const before = (await (await json('GET', '/api/admin/company', undefined, admin)).json()) as { usageMode: string };
    expect((await json('POST', '/api/bank/companies/demo/cancel', {}, admin)).status).toBe(403);
    const operator = await signIn('operator');
    const r = await json('POST', '/api/bank/companies/demo/cancel', {}, operator);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ companyId: 'demo', retired: expect.any(Number), users: expect.any(Number) });
    const after = (await (await json('GET', '/api/admin/company', undefined, admin)).json()) as { usageMode: string; users: Array<{ status: string }> };
    expect(after.usageMode).toBe(before.usageMode);
    expect(after.users.length).toBeGreaterThan(3);
    for (const u of after.users) expect(u.status).toBe('none');
    expect(await verifyNext('kaiyaku-a', a.code)).toBe('refused');
    expect(await verifyNext('kaiyaku-b', b.code)).toBe('refused');
    expect((await issuer.listAudit('demo')).find((e) => e.action === 'cancel')).toMatchObject({ actor: 'operator:operator', outcome: 'ok' });
  });
});

describe('the electronic certificate over HTTPS (ADMIN_CLIENT_CA)', () => {
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    const tlsApp = createApp({ issuer, accounts, db, cards, now: () => clock, distDir: dir, distAdminDir: dir, clientCertificates: { cas: parseCaBundle(certs.ca) } }).app;
    server = serve({
      fetch: tlsApp.fetch, port: 0, hostname: '127.0.0.1', createServer: https.createServer,
      serverOptions: { cert: certs.server.cert, key: certs.server.key, ca: certs.ca, requestCert: true, rejectUnauthorized: false },
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function request(p: string, client?: keyof TestCertificates['clients'], body?: unknown, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; text: string; cookie?: string }>((resolve, reject) => {
      const req = https.request({
        host: '127.0.0.1', port, path: p, method: body === undefined ? 'GET' : 'POST', ca: certs.ca, servername: 'localhost',
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(client ? { cert: certs.clients[client].cert, key: certs.clients[client].key } : {}),
      }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  async function signInOver(client: keyof TestCertificates['clients']) {
    clock += 61_000;
    const first = await request('/api/session', client, { role: 'admin', user: 'admin3', password: 'admin-pw' });
    if (first.status !== 401) return first;
    const { challenge: c } = JSON.parse(first.text) as { challenge: Challenge };
    return request('/api/session', client, { role: 'admin', user: 'admin3', password: 'admin-pw', challengeId: c.id, card: answer(c.cells) });
  }

  it('refuses the administrator’s page and sign-in without a certificate or with a stranger’s', async () => {
    for (const client of [undefined, 'stranger', 'serverOnly', 'noCn'] as const) {
      expect((await request('/admin/', client)).status, String(client)).toBe(403);
      const r = await request('/api/session', client, { role: 'admin', user: 'admin3', password: 'admin-pw' });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text)).toMatchObject({ error: 'certificate-required' });
    }
    // Nothing else asks for one.
    expect((await request('/api/session', undefined, { role: 'operator', user: 'operator', password: 'operator-pw' })).status).toBe(200);
    expect((await request('/healthz')).status).toBe(200);
  });

  it('with another company’s certificate, even the right password and card are refused', async () => {
    // acme has a card (issued above), so its certificate opens the page, not demo's administrator.
    expect((await request('/admin/', 'acme')).status).not.toBe(403);
    expect((await signInOver('acme')).status).toBe(401);
  });

  it('with the company’s certificate the sign-in works, and the API wants the certificate on every request', async () => {
    const r = await signInOver('demo');
    expect(r.status).toBe(200);
    const { csrf } = JSON.parse(r.text) as { csrf: string };
    const session = { cookie: r.cookie!, 'x-csrf-token': csrf };
    expect((await request('/api/admin/company', 'demo', undefined, session)).status).toBe(200);
    expect((await request('/api/admin/company', undefined, undefined, session)).status).toBe(403);
    expect((await request('/api/admin/company', 'acme', undefined, session)).status).toBe(403);
  });

  it('reads a trusted proxy’s header when so configured (and only then)', async () => {
    const proxied = createApp({ issuer, accounts, db, cards, now: () => clock, distDir: dir, distAdminDir: dir, clientCertificates: { cas: parseCaBundle(certs.ca), header: 'x-client-cert' } }).app;
    const demo = encodeURIComponent(certs.clients.demo.cert);
    clock += 61_000;
    expect((await json('POST', '/api/session', { role: 'admin', user: 'admin3', password: 'admin-pw' }, {}, proxied)).status).toBe(403);
    expect((await json('POST', '/api/session', { role: 'admin', user: 'admin3', password: 'admin-pw' }, { 'x-client-cert': encodeURIComponent(certs.clients.stranger.cert) }, proxied)).status).toBe(403);
    const first = await json('POST', '/api/session', { role: 'admin', user: 'admin3', password: 'admin-pw' }, { 'x-client-cert': demo }, proxied);
    expect(first.status).toBe(401);
    const { challenge: c } = (await first.json()) as { challenge: Challenge };
    const ok = await json('POST', '/api/session', { role: 'admin', user: 'admin3', password: 'admin-pw', challengeId: c.id, card: answer(c.cells) }, { 'x-client-cert': demo }, proxied);
    expect(ok.status).toBe(200);
    // The service without the setting ignores the header entirely.
    expect((await challenge('admin3')).cells).toHaveLength(2);
  });
});
