// The HTTP service against the embedded database (PGlite in a temp folder) and, when
// DATABASE_URL is set, against PostgreSQL: the same tests, the same SQL and migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

// scrypt (PIN, passwords) on a shared 2-core machine: allow slow runs.
vi.setConfig({ testTimeout: 60_000 });
import { parseOtpauthUri } from '../../../src/core/otpauth-uri.ts';
import { Issuer } from '../../../src/issuer/issuer.ts';
import { importMasterKey } from '../../../src/issuer/seal.ts';
import { failingPutUser } from '../issuer/failing-store.ts';
import {
  base64UrlDecode, base64UrlEncode, exportRawPublicKey, generateEcdhKeyPair, openFromServer,
} from '../../../src/provision/protocol.ts';
import { CSP, createApp, isPwaPath } from '../../../server/app.ts';
import { PWA_CSP_HEADER } from '../../../src/pwa/csp.ts';
import { migrate, type Db } from '../../../server/db.ts';
import { backends, describeOnEach } from './backends.ts';
import { expectWordsFor } from './error-words.ts';
import { nodeOpenSeed } from '../../../server/node-seal.ts';
import { nodeSign } from '../../../server/node-sign.ts';
import { hashSecret, scryptPinHasher } from '../../../server/passwords.ts';
import { AccountStore } from '../../../server/account-store.ts';
import { SqlStore } from '../../../server/sql-store.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS, T0 } from '../issuer/time-steps.ts';
import { API_KEY, PIN, USER_PW } from './service-fixture.ts';
import { cardAnswer, testCards } from './test-cards.ts';

const databases = backends('server');

describeOnEach(databases, 'bank service', (open) => {
  let clock = T0;
  let db: Db;
  let cleanup: () => Promise<void>;
  let issuer: Issuer;
  let app: ReturnType<typeof createApp>['app'];
  let failPutUser = false;
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-dist-'));
  const adminDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-dist-admin-'));

  beforeAll(async () => {
    ({ db, cleanup } = await open());
    await migrate(db, clock);
    expect(await migrate(db, clock)).toEqual([]); // idempotent
    const sql = new SqlStore(db);
    // The real store, with one write that can be made to fail (for the exchange's atomicity).
    const store = failingPutUser(sql, () => failPutUser);
    const masterKey = await importMasterKey(crypto.getRandomValues(new Uint8Array(32)));
    issuer = new Issuer({ store, masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed, auditDelayMs: 1 });
    await issuer.ensureCompany({ companyId: 'demo', name: 'デモ株式会社', pin: PIN });
    const accounts = new AccountStore(db);
    await accounts.put({ role: 'admin', username: 'admin', companyId: 'demo', passwordHash: await hashSecret('admin-pw') });
    await accounts.put({ role: 'operator', username: 'operator', companyId: null, passwordHash: await hashSecret('operator-pw') });
    await accounts.putApiClient('test-ib', API_KEY, clock, 'test');
    fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>pwa</title>');
    fs.writeFileSync(path.join(distDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    fs.mkdirSync(path.join(adminDir, 'admin'));
    fs.writeFileSync(path.join(adminDir, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
    const cards = await testCards(db, clock);
    ({ app } = createApp({ issuer, accounts, db, distDir, distAdminDir: adminDir, provisionLimitPerMinute: 6, now: () => clock, cards }));
  }, 180_000);

  afterAll(async () => {
    await issuer?.flushAudit();
    await cleanup?.();
    fs.rmSync(distDir, { recursive: true, force: true });
    fs.rmSync(adminDir, { recursive: true, force: true });
  });

  const json = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(url, {
      method, headers: { 'content-type': 'application/json', host: 'bank.test', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  async function signIn(role: 'admin' | 'operator', user: string, password: string) {
    clock += 61_000; // a fresh per-address sign-in window (all requests here come from one address)
    let res = await json('POST', '/api/session', { role, user, password });
    if (role === 'admin') {
      // The customer card's two cells (お客様カード), then the same body with the answer.
      expect(res.status).toBe(401);
      const { challenge } = (await res.json()) as { challenge: { id: string; cells: string[] } };
      res = await json('POST', '/api/session', { role, user, password, challengeId: challenge.id, card: cardAnswer(challenge.cells) });
    }
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    const { csrf } = (await res.json()) as { csrf: string };
    return { cookie: cookie.split(';')[0]!, csrf, setCookie: cookie };
  }

  const as = (s: { cookie: string; csrf: string }) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

  /** A phone: provisions like src/provision/client.ts does, and computes its codes independently. */
  async function phone() {
    const pair = await generateEcdhKeyPair();
    const res = await json('POST', '/api/provision', { publicKey: base64UrlEncode(await exportRawPublicKey(pair.publicKey)) });
    expect(res.status).toBe(201);
    const b = (await res.json()) as Record<string, string>;
    const secret = await openFromServer(pair.privateKey, {
      serverPublicKey: base64UrlDecode(b.serverPublicKey!), salt: base64UrlDecode(b.salt!),
      iv: base64UrlDecode(b.iv!), ciphertext: base64UrlDecode(b.ciphertext!),
    }, b.serial!);
    return { serial: b.serial!, secret, body: b, code: (at = clock, offset = 0) => referenceHotp(secret, Math.floor(at / PERIOD_MS) + offset) };
  }

  const signinCode = async (userId: string, code: string) =>
    ((await (await json('POST', '/api/signin', { userId, password: USER_PW, code })).json()) as { outcome: string }).outcome;

  it('sends the security headers on API, file and error responses', async () => {
    for (const url of ['/api/session', '/', '/sw.js', '/some/page', '/admin/', '/api/nothing', '/missing.png']) {
      const res = await app.request(url);
      expect(res.headers.get('content-security-policy'), url).toBe(isPwaPath(url) ? PWA_CSP_HEADER : CSP);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
    }
    expect(['/', '/sw.js', '/some/page', '/missing.png'].every(isPwaPath)).toBe(true);
    expect(['/api/session', '/admin/', '/bank/x', '/signin/'].some(isPwaPath)).toBe(false);
    expect(PWA_CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(await (await app.request('/some/page')).text()).toContain('pwa'); // SPA fallback
    expect(await (await app.request('/sw.js')).text()).toContain('addEventListener');
    expect(await (await app.request('/admin/users')).text()).toContain('admin');
    expect((await app.request('/missing.png')).status).toBe(404);
    expect((await app.request('/admin')).status).toBe(308);
    expect((await app.request('/../package.json')).status).not.toBe(200);
  });

  it('sessions: wrong password 401, cookie attributes, CSRF and role checks', async () => {
    expect((await json('POST', '/api/session', { role: 'admin', user: 'admin', password: 'nope' })).status).toBe(401);
    expect((await json('POST', '/api/session', { role: 'admin', user: 'ghost', password: 'nope' })).status).toBe(401);
    const s = await signIn('admin', 'admin', 'admin-pw');
    expect(s.setCookie).toMatch(/^st_session=[^;]+;/);
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Strict/);
    expect(s.setCookie).toMatch(/Path=\/api/);
    expect(await (await json('GET', '/api/session', undefined, { cookie: s.cookie })).json()).toMatchObject({ role: 'admin', user: 'admin', companyId: 'demo', csrf: s.csrf });
    expect((await json('GET', '/api/admin/company')).status).toBe(401);

    const noCsrf = await json('POST', '/api/admin/users', { userId: 'csrf-user', password: USER_PW }, { cookie: s.cookie });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toEqual({ error: 'csrf' });
    await expectWordsFor('csrf');
    const crossSite = await json('POST', '/api/admin/users', { userId: 'csrf-user', password: USER_PW }, { ...as(s), origin: 'https://evil.test' });
    expect(((await crossSite.json()) as { error: string }).error).toBe('bad-origin');
    expect((await json('POST', '/api/admin/users', { userId: 'csrf-user', password: USER_PW }, { ...as(s), origin: 'http://bank.test' })).status).toBe(201);

    const op = await signIn('operator', 'operator', 'operator-pw');
    expect((await json('GET', '/api/admin/company', undefined, { cookie: op.cookie })).status).toBe(403);
    expect((await json('GET', '/api/bank/users', undefined, { cookie: s.cookie })).status).toBe(403);

    expect((await json('DELETE', '/api/session', undefined, as(s))).status).toBe(204);
    expect((await json('GET', '/api/session', undefined, { cookie: s.cookie })).status).toBe(401);
  });

  it('rate-limits failed sign-ins per user', async () => {
    await json('POST', '/api/admin/users', {}); // noise
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await json('POST', '/api/session', { role: 'operator', user: 'victim', password: `x${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await json('POST', '/api/session', { role: 'operator', user: 'victim', password: 'x' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('the guide flow: provision, register (step ⑧), sign in, replay, lockout, unlock, exchange, suspend', async () => {
    const admin = await signIn('admin', 'admin', 'admin-pw');
    const operator = await signIn('operator', 'operator', 'operator-pw');
    expect((await json('POST', '/api/admin/users', { userId: 'taro', password: USER_PW }, as(admin))).status).toBe(201);

    const first = await phone();
    expect(first.serial).toMatch(/^SKTS\d{10}$/);
    expect(first.body).toMatchObject({ issuer: 'Demo Bank', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(first.secret).toHaveLength(20);
    const reg = await json('POST', '/api/admin/users/taro/register', { serial: first.serial, code: first.code(), pin: PIN }, as(admin));
    expect(await reg.json()).toEqual({ userId: 'taro', serial: first.serial, status: 'active', replaced: null });

    clock += PERIOD_MS;
    const code = first.code();
    expect(await signinCode('taro', code)).toBe('ok');
    expect(await signinCode('taro', code)).toBe('refused'); // replay
    const wrong = first.code(clock, 500);
    expect([await signinCode('taro', wrong), await signinCode('taro', wrong), await signinCode('taro', wrong), await signinCode('taro', wrong)]).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect(await signinCode('taro', wrong)).toBe('locked');
    clock += PERIOD_MS;
    expect(await signinCode('taro', first.code())).toBe('locked');
    const found = (await (await json('GET', '/api/bank/users?q=tar', undefined, { cookie: operator.cookie })).json()) as unknown[];
    expect(found).toContainEqual({ companyId: 'demo', companyName: 'デモ株式会社', userId: 'taro', serial: first.serial, status: 'locked' });
    expect(await (await json('POST', '/api/bank/users/demo/taro/unlock', undefined, as(operator))).json()).toEqual({ companyId: 'demo', userId: 'taro', serial: first.serial, status: 'active' });
    expect(await signinCode('taro', first.code())).toBe('ok');

    const second = await phone();
    clock += PERIOD_MS;
    const ex = await json('POST', '/api/admin/users/taro/register', { serial: second.serial, code: second.code(), pin: PIN }, as(admin));
    expect(await ex.json()).toEqual({ userId: 'taro', serial: second.serial, status: 'active', replaced: first.serial });
    clock += PERIOD_MS;
    expect(await signinCode('taro', first.code())).toBe('refused');
    expect(await signinCode('taro', second.code())).toBe('ok');

    expect((await json('POST', '/api/bank/users/demo/taro/suspend', undefined, as(operator))).status).toBe(200);
    clock += PERIOD_MS;
    expect(await signinCode('taro', second.code())).toBe('suspended');
    expect((await json('POST', '/api/bank/users/demo/taro/suspend', undefined, as(operator))).status).toBe(409);
    expect((await json('POST', '/api/bank/users/demo/taro/resume', undefined, as(operator))).status).toBe(200);
    expect(await signinCode('taro', second.code())).toBe('ok');

    const company = (await (await json('GET', '/api/admin/company', undefined, { cookie: admin.cookie })).json()) as { users: unknown[] };
    expect(company.users).toContainEqual({ userId: 'taro', serial: second.serial, status: 'active' });

    const audit = await (await json('GET', '/api/admin/audit', undefined, { cookie: admin.cookie })).text();
    expect(audit).toContain('"action":"exchange"');
    expect(audit).toContain('"outcome":"locked"');
    for (const secretish of [PIN, code, wrong, 'admin-pw']) expect(audit).not.toContain(secretish);
    const bankAudit = ((await (await json('GET', '/api/bank/audit', undefined, { cookie: operator.cookie })).json()) as { entries: Array<{ companyId: string | null; at: string }> }).entries;
    expect(bankAudit.some((e) => e.companyId === 'demo')).toBe(true);
    expect(bankAudit[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('two concurrent sign-ins with the same code: exactly one succeeds', async () => {
    const admin = await signIn('admin', 'admin', 'admin-pw');
    await json('POST', '/api/admin/users', { userId: 'race', password: USER_PW }, as(admin));
    const p = await phone();
    await json('POST', '/api/admin/users/race/register', { serial: p.serial, code: p.code(), pin: PIN }, as(admin));
    clock += PERIOD_MS;
    // Through the integration API (a person signs in once; a bank's system may ask in parallel).
    const viaApi = async () => ((await (await json('POST', '/api/v1/verify', { companyId: 'demo', userId: 'race', code: p.code() }, { authorization: `Bearer ${API_KEY}` })).json()) as { outcome: string }).outcome;
    const outcomes = await Promise.all(Array.from({ length: 6 }, viaApi));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(5);
  });

  it('a serial typed as people type it (lower case, hyphen, space, full width) registers as the stored serial', async () => {
    const admin = await signIn('admin', 'admin', 'admin-pw');
    await json('POST', '/api/admin/users', { userId: 'typist', password: USER_PW }, as(admin));
    const p = await phone();
    const wide = [...p.serial.slice(8)].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const typed = `${p.serial.slice(0, 4).toLowerCase()}-${p.serial.slice(4, 8)} ${wide}`;
    const res = await json('POST', '/api/admin/users/typist/register', { serial: typed, code: p.code(), pin: PIN }, as(admin));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { serial: string }).serial).toBe(p.serial);
  });

  it('bad input gets a 4xx with an error code and changes nothing', async () => {
    const admin = await signIn('admin', 'admin', 'admin-pw');
    await json('POST', '/api/admin/users', { userId: 'hanako', password: USER_PW }, as(admin));
    await json('POST', '/api/admin/users', { userId: 'other', password: USER_PW }, as(admin));
    const p = await phone();
    const taken = await phone();
    await json('POST', '/api/admin/users/other/register', { serial: taken.serial, code: taken.code(), pin: PIN }, as(admin));
    const before = await (await json('GET', '/api/admin/company', undefined, { cookie: admin.cookie })).text();
    const oversized = JSON.stringify({ serial: p.serial, code: p.code(), pin: PIN, pad: 'x'.repeat(17 * 1024) });
    const reg = (body: unknown, headers: Record<string, string> = {}) => json('POST', '/api/admin/users/hanako/register', body, { ...as(admin), ...headers });
    const cases: Array<[Response | Promise<Response>, number, string]> = [
      [reg('{"serial": '), 400, 'malformed-json'],
      [reg({ serial: 42, code: p.code(), pin: PIN }), 400, 'invalid-body'],
      [reg({ serial: p.serial, code: p.code() }), 400, 'invalid-body'],
      [reg({ serial: p.serial, code: p.code(), pin: 'abc' }), 400, 'invalid-body'],
      [reg(JSON.stringify({ serial: p.serial, code: p.code(), pin: PIN }), { 'content-type': 'text/plain' }), 415, 'unsupported-media-type'],
      [reg({ serial: p.serial, code: p.code(), pin: PIN, pad: 'x'.repeat(17 * 1024) }), 413, 'too-large'],
      // Declared by Content-Length (as over a socket): refused on the header, before reading.
      [reg(oversized, { 'content-length': String(Buffer.byteLength(oversized)) }), 413, 'too-large'],
      [reg({ serial: 'SKTS99999999', code: p.code(), pin: PIN }), 404, 'unknown-serial'],
      [reg({ serial: p.serial, code: p.code(), pin: 'wrong123' }), 403, 'bad-pin'],
      [reg({ serial: p.serial, code: p.code(clock, 3), pin: PIN }), 422, 'bad-code'],
      [reg({ serial: taken.serial, code: taken.code(clock, 1), pin: PIN }), 409, 'serial-in-use'],
      [json('POST', '/api/admin/users/nobody/register', { serial: p.serial, code: p.code(), pin: PIN }, as(admin)), 404, 'unknown-user'],
      [json('POST', '/api/admin/users', { userId: 'hanako', password: USER_PW }, as(admin)), 409, 'user-exists'],
      [json('POST', '/api/admin/users', { userId: '<script>', password: USER_PW }, as(admin)), 400, 'invalid-body'],
      [json('PUT', '/api/admin/usage-mode', { mode: 'everyone' }, as(admin)), 400, 'invalid-body'],
      [json('POST', '/api/provision', { publicKey: base64UrlEncode(new Uint8Array(65).fill(4)) }), 400, 'invalid-body'],
      [json('POST', '/api/provision', { publicKey: 12 }), 400, 'invalid-body'],
      [json('POST', '/api/signin', { userId: 'hanako' }), 400, 'invalid-body'],
      [json('POST', '/api/signin', '[]'), 400, 'invalid-body'],
    ];
    for (const [response, status, error] of cases) {
      const res = await response;
      const b = (await res.json()) as { error: string };
      expect([res.status, b.error]).toEqual([status, error]);
      await expectWordsFor(b.error); // the service sends the code; the screens say it in every language
    }
    expect(await (await json('GET', '/api/admin/company', undefined, { cookie: admin.cookie })).text()).toBe(before);
  });

  it('exchange is one transaction: a failure half-way keeps the old token and leaves the new one unassigned', async () => {
    const admin = await signIn('admin', 'admin', 'admin-pw');
    await json('POST', '/api/admin/users', { userId: 'atomic', password: USER_PW }, as(admin));
    const oldPhone = await phone();
    await json('POST', '/api/admin/users/atomic/register', { serial: oldPhone.serial, code: oldPhone.code(), pin: PIN }, as(admin));
    const newPhone = await phone();
    clock += PERIOD_MS;
    failPutUser = true;
    const res = await json('POST', '/api/admin/users/atomic/register', { serial: newPhone.serial, code: newPhone.code(), pin: PIN }, as(admin));
    failPutUser = false;
    expect(res.status).toBe(500);
    expect(await signinCode('atomic', oldPhone.code())).toBe('ok');
    const rows = await db.query<{ serial: string; status: string }>('SELECT serial, status FROM tokens WHERE serial = ANY($1::text[]) ORDER BY serial', [[oldPhone.serial, newPhone.serial]]);
    expect(Object.fromEntries(rows.map((r) => [r.serial, r.status]))).toEqual({ [oldPhone.serial]: 'active', [newPhone.serial]: 'unassigned' });
  });

  it('QR issuance, shared usage mode, stop use, hardware import', async () => {
    const admin = await signIn('admin', 'admin', 'admin-pw');
    const operator = await signIn('operator', 'operator', 'operator-pw');
    await json('POST', '/api/admin/users', { userId: 'qr-user', password: USER_PW }, as(admin));
    const qr = (await (await json('POST', '/api/admin/users/qr-user/issue-qr', undefined, as(admin))).json()) as { uri: string; serial: string };
    const spec = parseOtpauthUri(qr.uri);
    expect(spec).toMatchObject({ type: 'totp', issuer: 'Demo Bank', label: 'qr-user', serial: qr.serial, digits: 6, period: 30 });
    let company = (await (await json('GET', '/api/admin/company', undefined, { cookie: admin.cookie })).json()) as { users: unknown[]; usageMode: string; sharedSerial?: string };
    expect(company.users).toContainEqual({ userId: 'qr-user', serial: qr.serial, status: 'unassigned' });
    const code = referenceHotp(spec.secret, Math.floor(clock / PERIOD_MS));
    expect((await json('POST', '/api/admin/users/qr-user/register', { serial: qr.serial, code, pin: PIN }, as(admin))).status).toBe(200);

    const csv = 'serial,secret\nHWTK00000042,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nBAD,???\n';
    const imported = await app.request('/api/bank/hardware-tokens', { method: 'POST', body: csv, headers: { ...as(operator), 'content-type': 'text/csv', host: 'bank.test' } });
    expect(await imported.json()).toEqual({ imported: 1, rejected: [{ line: 3, serial: 'BAD', reason: 'bad-serial' }] });

    // Shared mode: one hardware token for everyone; the mode change unregistered the rest.
    expect(await (await json('PUT', '/api/admin/usage-mode', { mode: 'shared' }, as(admin))).json()).toEqual({ usageMode: 'shared' });
    company = (await (await json('GET', '/api/admin/company', undefined, { cookie: admin.cookie })).json()) as typeof company;
    expect(company.users.every((u) => (u as { status: string }).status === 'none')).toBe(true);
    const seed = new TextEncoder().encode('12345678901234567890');
    clock += PERIOD_MS;
    expect((await json('POST', '/api/admin/users/qr-user/register', { serial: 'hwtk00000042', code: referenceHotp(seed, Math.floor(clock / PERIOD_MS)), pin: PIN }, as(admin))).status).toBe(200);
    company = (await (await json('GET', '/api/admin/company', undefined, { cookie: admin.cookie })).json()) as typeof company;
    expect(company.sharedSerial).toBe('HWTK00000042');
    clock += PERIOD_MS;
    expect(await signinCode('taro', referenceHotp(seed, Math.floor(clock / PERIOD_MS)))).toBe('ok');
    clock += PERIOD_MS;
    expect(await signinCode('hanako', referenceHotp(seed, Math.floor(clock / PERIOD_MS)))).toBe('ok');

    expect(await (await json('POST', '/api/admin/users/hanako/stop', undefined, as(admin))).json()).toEqual({ userId: 'hanako', serial: null, status: 'stopped' });
    clock += PERIOD_MS;
    expect(await signinCode('hanako', referenceHotp(seed, Math.floor(clock / PERIOD_MS)))).toBe('stopped');
    expect(await signinCode('taro', referenceHotp(seed, Math.floor(clock / PERIOD_MS)))).toBe('ok');
    await json('PUT', '/api/admin/usage-mode', { mode: 'per-user' }, as(admin));
  });

  it('rate-limits provisioning per client address', async () => {
    const key = base64UrlEncode(await exportRawPublicKey((await generateEcdhKeyPair()).publicKey));
    clock += 60_000; // a fresh window
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await json('POST', '/api/provision', { publicKey: key })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
  });
});
