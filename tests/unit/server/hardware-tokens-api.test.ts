// POST /api/bank/hardware-tokens with PSKC files, POST /api/bank/tokens/:serial/resync and the
// administrator's POST /api/admin/users/import, on the embedded database and (with DATABASE_URL)
// PostgreSQL: headers, refusals that import nothing, one transaction for a large file, and the
// passwords neither stored in clear nor logged.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Issuer } from '../../../src/issuer/issuer.ts';
import { importMasterKey } from '../../../src/issuer/seal.ts';
import type { IssuerStore, IssuerTx } from '../../../src/issuer/types.ts';
import { createApp } from '../../../server/app.ts';
import { UserImports } from '../../../server/user-imports.ts';
import { migrate, type Db } from '../../../server/db.ts';
import { backends, describeOnEach } from './backends.ts';
import { nodeOpenSeed } from '../../../server/node-seal.ts';
import { nodeSign } from '../../../server/node-sign.ts';
import { hashSecret, scryptPinHasher } from '../../../server/passwords.ts';
import { AccountStore } from '../../../server/account-store.ts';
import { SqlStore } from '../../../server/sql-store.ts';
import { postSession, testCards } from './test-cards.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { T0 } from '../issuer/time-steps.ts';
import { writePskc } from '../issuer/pskc-writer.ts';

vi.setConfig({ testTimeout: 120_000 });
const FIGURE_6 = fs.readFileSync(new URL('../../fixtures/pskc/rfc6030-figure6.xml', import.meta.url), 'utf8');
const FIGURE_7 = fs.readFileSync(new URL('../../fixtures/pskc/rfc6030-figure7.xml', import.meta.url), 'utf8');
const RFC_KEY = '12345678901234567890123456789012';
const PASSWORD = 'Kuma-パスワード-7781';

const databases = backends('hw');

describeOnEach(databases, 'hardware tokens over HTTP', (open) => {
  const clock = T0;
  let db: Db;
  let cleanup: () => Promise<void>;
  let app: ReturnType<typeof createApp>['app'];
  let failAfterInsert = false;
  let operator: Record<string, string>;
  let admin: Record<string, string>;
  const logged: string[] = [];

  beforeAll(async () => {
    ({ db, cleanup } = await open());
    await migrate(db, clock);
    const sql = new SqlStore(db);
    // The real store, with a fault that can be injected after the bulk insert (atomicity).
    const store: IssuerStore = Object.assign(Object.create(sql) as SqlStore, {
      transaction: <T>(fn: (tx: IssuerTx) => Promise<T>) => sql.transaction((tx) => fn({
        ...tx,
        insertTokens: async (t) => {
          const inserted = await tx.insertTokens(t);
          if (failAfterInsert) throw new Error('disk full');
          return inserted;
        },
      })),
    });
    const masterKey = await importMasterKey(crypto.getRandomValues(new Uint8Array(32)));
    const issuer = new Issuer({ store, masterKey, pinHasher: scryptPinHasher, makeSign: nodeSign, openSeed: nodeOpenSeed, auditDelayMs: 1 });
    await issuer.ensureCompany({ companyId: 'demo', name: 'デモ株式会社', pin: 'pin24680' });
    const accounts = new AccountStore(db);
    await accounts.put({ role: 'operator', username: 'operator', companyId: null, passwordHash: await hashSecret('operator-pw') });
    await accounts.put({ role: 'admin', username: 'admin', companyId: 'demo', passwordHash: await hashSecret('admin-pw') });
    const userImports = new UserImports({ db, issuer, masterKey, now: () => clock });
    ({ app } = createApp({ issuer, accounts, db, now: () => clock, cards: await testCards(db, clock), userImports }));
    const signIn = async (role: string, user: string, password: string) => {
      const res = await postSession(app, { role, user, password });
      expect(res.status).toBe(200);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await res.json()) as { csrf: string }).csrf, host: 'bank.test' };
    };
    operator = await signIn('operator', 'operator', 'operator-pw');
    admin = await signIn('admin', 'admin', 'admin-pw');
    // Everything the service prints while these tests run, to look for the password in.
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      const original = console[level].bind(console);
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        original(...args);
      });
    }
  }, 180_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await cleanup?.();
  });

  const upload = (body: string, headers: Record<string, string>, who = operator) =>
    app.request('/api/bank/hardware-tokens', { method: 'POST', body, headers: { 'content-type': 'application/pskc+xml', ...who, ...headers } });
  const count = async (like: string) => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE serial LIKE $1', [like]))[0]!.n);

  it('RFC 6030 figure 6 with X-PSKC-Key: 200, imported as an unassigned HOTP token', async () => {
    const res = await upload(FIGURE_6, { 'x-pskc-key': RFC_KEY });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 1, rejected: [] });
    const rows = await db.query<Record<string, unknown>>('SELECT kind, type, digits, status, last_step FROM tokens WHERE serial = $1', ['987654321']);
    expect(rows[0]).toMatchObject({ kind: 'hardware', type: 'hotp', digits: 8, status: 'unassigned' });
    expect(Number(rows[0]!.last_step)).toBe(-1);
    // The same file again: every key a duplicate.
    expect(await (await upload(FIGURE_6, { 'x-pskc-key': RFC_KEY })).json()).toEqual({ imported: 0, rejected: [{ key: 1, serial: '987654321', reason: 'duplicate' }] });
  });

  it('RFC 6030 figure 7 with X-PSKC-Password: the password is neither stored nor logged', async () => {
    await db.query("DELETE FROM tokens WHERE serial = '987654321'");
    const res = await upload(FIGURE_7, { 'x-pskc-password': 'qwerty' });
    expect(await res.json()).toEqual({ imported: 1, rejected: [] });
    const secret = new Uint8Array(randomBytes(20));
    const { xml } = writePskc({ cipher: 'aes128-cbc', password: { password: PASSWORD }, keys: [{ serial: 'PWFILE0001', secret }] });
    // Not Latin-1, so sent percent-encoded, as the screen does.
    expect((await upload(xml, { 'x-pskc-password': encodeURIComponent(PASSWORD) })).status).toBe(200);
    expect((await upload(xml.replace('PWFILE0001', 'PWFILE0002'), { 'x-pskc-password': encodeURIComponent('Nezumi-9931') })).status).toBe(422);
    const dump = JSON.stringify(await Promise.all(['tokens', 'audit', 'accounts', 'users', 'companies'].map((t) => db.query(`SELECT * FROM ${t}`))));
    for (const secretText of [PASSWORD, encodeURIComponent(PASSWORD), 'qwerty', 'Nezumi-9931']) {
      expect(dump).not.toContain(secretText);
      expect(logged.join('\n')).not.toContain(secretText);
    }
  });

  it('a changed ValueMAC: 422 pskc-bad-mac and nothing imported', async () => {
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: Array.from({ length: 20 }, (_, i) => ({ serial: `MACFILE${String(i).padStart(3, '0')}`, secret: new Uint8Array(randomBytes(20)) })) });
    const mac = [...xml.matchAll(/<ValueMAC>([^<]+)</g)].at(-1)![1]!;
    const res = await upload(xml.replace(mac, (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)), { 'x-pskc-key': Buffer.from(key!).toString('hex') });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'pskc-bad-mac' });
    expect(await count('MACFILE%')).toBe(0);
  });

  it('an XML bomb is refused with 400 in under a second', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 8 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i ? 'b'.repeat(i) : 'a'};`.repeat(10)}">`).join('')}]><KeyContainer Version="1.0"><KeyPackage><Key><Issuer>&bbbbbbbb;</Issuer></Key></KeyPackage></KeyContainer>`;
    const started = performance.now();
    const res = await upload(bomb, {});
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(400);
    expect((await res.json()) as object).toMatchObject({ error: 'pskc-doctype' });
  });

  it('a large file goes in one transaction: a failure after the insert leaves nothing', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => ({ serial: `BULK${String(i).padStart(6, '0')}`, secret: new Uint8Array(randomBytes(20)) }));
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys });
    const hexKey = Buffer.from(key!).toString('hex');
    failAfterInsert = true;
    expect((await upload(xml, { 'x-pskc-key': hexKey })).status).toBe(500);
    failAfterInsert = false;
    expect(await count('BULK%')).toBe(0);
    expect(await (await upload(xml, { 'x-pskc-key': hexKey })).json()).toEqual({ imported: 2500, rejected: [] });
    expect(await count('BULK%')).toBe(2500);
  });

  it('refuses what is not a PSKC upload by an operator', async () => {
    expect((await upload(FIGURE_6, { 'x-pskc-key': 'zz' })).status).toBe(400);
    expect(await (await upload(FIGURE_6, { 'x-pskc-key': '1234' })).json()).toMatchObject({ error: 'bad-transport-key' });
    expect(await (await upload(FIGURE_6, {})).json()).toMatchObject({ error: 'pskc-key-required' });
    expect((await upload(FIGURE_6, { 'content-type': 'application/octet-stream' })).status).toBe(415);
    expect((await upload(FIGURE_6, { 'x-pskc-key': RFC_KEY }, admin)).status).toBe(403);
    expect((await app.request('/api/bank/hardware-tokens', { method: 'POST', body: FIGURE_6, headers: { 'content-type': 'application/pskc+xml', host: 'bank.test' } })).status).toBe(401);
  });

  it('resync by the operator: 200 with the two codes, 422 otherwise, 400 for a bad body', async () => {
    const secret = new Uint8Array(randomBytes(20));
    await upload(writePskc({ keys: [{ serial: 'RESYNC0001', secret, counter: 0 }] }).xml, {});
    const resync = (serial: string, body: unknown) =>
      app.request(`/api/bank/tokens/${serial}/resync`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...operator } });
    const res = await resync('resync0001', { codes: [referenceHotp(secret, 60), referenceHotp(secret, 61)] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ serial: 'RESYNC0001', type: 'hotp', status: 'unassigned', drift: 0 });
    expect(await (await resync('RESYNC0001', { codes: [referenceHotp(secret, 70), referenceHotp(secret, 72)] })).json()).toMatchObject({ error: 'resync-failed' });
    expect((await resync('RESYNC0001', { codes: ['123456'] })).status).toBe(400);
    expect((await resync('NOSUCHTOKEN1', { codes: ['123456', '654321'] })).status).toBe(404);
    const audit = await db.query<{ action: string; outcome: string }>("SELECT action, outcome FROM audit WHERE action = 'resync' ORDER BY id");
    expect(audit.map((a) => a.outcome)).toEqual(['ok', 'resync-failed', 'unknown-serial']);
  });

  it('bulk users: a CSV of users with names and initial passwords, a reason per line, passwords only hashed', async () => {
    const csv = ['userId,displayName,password', 'bulk-taro,山田 太郎,Initial-Pass-1', 'bulk-hanako,"佐藤, 花子",Initial-Pass-2', 'bulk-taro,重複,Initial-Pass-3', 'bad id,名前,Initial-Pass-4', 'bulk-jiro,次郎,short'].join('\r\n');
    const post = (body: string, type = 'text/csv', who = admin) =>
      app.request('/api/admin/users/import', { method: 'POST', body, headers: { 'content-type': type, ...who } });
    const res = await post(csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      total: 2, imported: 2, pending: 0, done: true,
      rejected: [
        { line: 4, userId: 'bulk-taro', reason: 'duplicate' },
        { line: 5, userId: 'bad id', reason: 'bad-id' },
        { line: 6, userId: 'bulk-jiro', reason: 'bad-password' },
      ],
    });
    const rows = await db.query<{ user_id: string; display_name: string; password_hash: string }>(
      "SELECT user_id, display_name, password_hash FROM users WHERE user_id LIKE 'bulk-%' ORDER BY user_id");
    expect(rows.map((r) => [r.user_id, r.display_name])).toEqual([['bulk-hanako', '佐藤, 花子'], ['bulk-taro', '山田 太郎']]);
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$/);
    const dump = JSON.stringify(await Promise.all(['users', 'audit', 'user_imports', 'user_import_lines'].map((t) => db.query(`SELECT * FROM ${t}`))));
    expect(dump).not.toContain('Initial-Pass');
    expect(logged.join('\n')).not.toContain('Initial-Pass');
    // Again: the users exist, nothing changes.
    expect(await (await post('bulk-taro,別名,Another-Pass-1')).json()).toMatchObject({ imported: 0, done: true, rejected: [{ line: 1, userId: 'bulk-taro', reason: 'user-exists' }] });
    expect((await db.query<{ display_name: string }>("SELECT display_name FROM users WHERE user_id = 'bulk-taro'"))[0]!.display_name).toBe('山田 太郎');
    expect((await post(csv, 'application/json')).status).toBe(415);
    expect((await post(csv, 'text/csv', operator)).status).toBe(403);
  });
});
