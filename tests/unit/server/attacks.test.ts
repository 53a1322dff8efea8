// Each attack on the bank service that was found to work, made again and seen refused, on the
// embedded database and (with DATABASE_URL) on PostgreSQL.
import { expect, it, vi } from 'vitest';
import { base64UrlEncode, exportRawPublicKey, generateEcdhKeyPair } from '../../../src/provision/protocol.ts';
import { importMasterKey } from '../../../src/issuer/seal.ts';
import { createApp } from '../../../server/app.ts';
import { makeLogger } from '../../../server/log.ts';
import { assertMasterKey, MasterKeyMismatch, masterKeyMatches } from '../../../server/master-key-check.ts';
import { checkAuditChain } from '../../../server/sql-audit.ts';
import { API_KEY, USER_PW, describeService } from './service-fixture.ts';
import { postSession } from './test-cards.ts';

vi.setConfig({ testTimeout: 120_000 });

describeService('attacks', 'attacks', ({ clock, s, db }) => {
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const signin = async (userId: string, password: string, code: string, address = '198.51.100.1') => {
    const res = await s.request('POST', '/api/signin', { userId, password, code }, from(address));
    return res.status === 200 ? ((await res.json()) as { outcome: string }).outcome : res.status;
  };

  it('anonymous wrong codes lock nobody: without the password no code is checked or counted', async () => {
    const victim = await s.userWithToken('victim');
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await signin('victim', `guess${i}`, '000000', `203.0.113.${i % 5}`));
    expect(answers.every((a) => a === 'refused' || a === 429)).toBe(true);
    expect(await s.failures(victim.serial)).toEqual({ status: 'active', failures: 0 });
    expect(await signin('victim', USER_PW, victim.code())).toBe('ok');
    // The old public code check without a password is gone.
    expect((await s.request('POST', '/api/signin', { userId: 'victim', code: '000000' })).status).toBe(400);
  });

  it('an anonymous caller cannot tell a locked user from an unknown one', async () => {
    const locked = await s.userWithToken('locked-one');
    for (let i = 0; i < 5; i++) await signin('locked-one', USER_PW, '000000', '198.51.100.9');
    expect(await s.failures(locked.serial)).toMatchObject({ status: 'locked' });
    expect(await signin('locked-one', 'wrong-password', '000000', '198.51.100.10')).toBe('refused');
    expect(await signin('no-such-user', 'wrong-password', '000000', '198.51.100.10')).toBe('refused');
  });

  it('the integration API: no key or a wrong key is 401 and counts nothing; it ignores cookies and sends no CORS headers', async () => {
    const u = await s.userWithToken('api-user');
    const body = { companyId: 'demo', userId: 'api-user', code: '000000' };
    const signedIn = await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'operator-pw' }, from('198.51.100.44'));
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer not-a-key-0123456789abc' }, { authorization: `Basic ${API_KEY}` }, { cookie }];
    for (const headers of attempts) {
      for (let i = 0; i < 3; i++) {
        const res = await s.request('POST', '/api/v1/verify', body, headers);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    }
    expect(await s.failures(u.serial)).toEqual({ status: 'active', failures: 0 });
    const ok = await s.request('POST', '/api/v1/verify', { ...body, code: u.code() }, { authorization: `Bearer ${API_KEY}` });
    expect(await ok.json()).toEqual({ outcome: 'ok' });
    expect(ok.headers.get('set-cookie')).toBeNull();
  });

  it('30 parallel wrong passwords for one account: the throttle is checked and counted before scrypt, so most get 429', async () => {
    clock.now += 120_000;
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      Promise.resolve(s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: `wrong${i}` }, from('198.51.100.30'))).then((r) => r.status)));
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(25);
  });

  it('parallel right sign-ins from one address never trip the wait (attempts in flight are pending, not failures)', async () => {
    clock.now += 120_000;
    const operator = await Promise.all(Array.from({ length: 8 }, () =>
      Promise.resolve(s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'operator-pw' }, from('198.51.100.31'))).then((r) => r.status)));
    expect(operator).toEqual(Array(8).fill(200));
    // The same for one customer's internet-banking password (the codes: one is accepted, the others are replays).
    const u = await s.userWithToken('parallel-user');
    const customer = await Promise.all(Array.from({ length: 8 }, () => signin('parallel-user', USER_PW, u.code(), '198.51.100.32')));
    expect(customer.filter((x) => x === 429)).toEqual([]);
    expect(customer.filter((x) => x === 'ok')).toHaveLength(1);
    // And the wait after wrong ones is still there: 5 wrong in a row, then even the right one waits.
    for (let i = 0; i < 5; i++) await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: `bad${i}` }, from('198.51.100.31'));
    expect((await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'operator-pw' }, from('198.51.100.31'))).status).toBe(429);
  });

  it("each sign-in checks and counts its account's throttle in one statement before the hash, then settles it", async () => {
    clock.now += 120_000;
    const statements: string[] = [];
    // Every statement on the account-and-address throttle (keys `delay:…`), by its verb.
    const watched = new Proxy(db, {
      get: (target, name, receiver) => name !== 'query' ? Reflect.get(target, name, receiver)
        : (sql: string, params?: unknown[]) => {
          if (typeof params?.[0] === 'string' && params[0].startsWith('delay:')) statements.push(sql.trim().split(/\s/)[0]!);
          return target.query(sql, params);
        },
    });
    const watchedApp = createApp({ issuer: s.issuer, accounts: s.accounts, cards: s.cards, db: watched, now: () => clock.now, trustProxy: 1 });
    const sign = async (body: { role: string; user: string; password: string }) => {
      statements.length = 0;
      const status = (await postSession(watchedApp.app, body, { 'x-forwarded-for': '198.51.100.34' })).status;
      return [status, [...statements]];
    };
    expect(await sign({ role: 'operator', user: 'operator', password: 'operator-pw' })).toEqual([200, ['INSERT', 'DELETE']]);
    expect(await sign({ role: 'operator', user: 'operator', password: 'wrong' })).toEqual([401, ['INSERT', 'UPDATE']]);
    // The administrator: the card challenge only reads the wait (nothing hashed); the answer is the one attempt.
    expect(await sign({ role: 'admin', user: 'admin', password: 'admin-pw' })).toEqual([200, ['SELECT', 'INSERT', 'DELETE']]);
    statements.length = 0;
    const customer = await watchedApp.app.request('/api/signin', {
      method: 'POST', headers: { 'content-type': 'application/json', host: 'bank.test', 'x-forwarded-for': '198.51.100.34' },
      body: JSON.stringify({ userId: 'nobody-here', password: 'x', code: '123456' }),
    });
    expect(customer.status).toBe(200);
    expect(statements).toEqual(['INSERT', 'UPDATE']);
  });

  it("the administrator's two-request sign-in (card challenge) counts once toward the address's limit", async () => {
    clock.now += 120_000;
    const limited = createApp({ issuer: s.issuer, accounts: s.accounts, cards: s.cards, db, now: () => clock.now, trustProxy: 1, loginLimitPerMinute: 6 });
    const headers = { 'x-forwarded-for': '198.51.100.33' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postSession(limited.app, { role: 'admin', user: 'admin', password: 'admin-pw' }, headers)).status);
    expect(statuses).toEqual(Array(6).fill(200));
    // The seventh sign-in is over the limit at its first request.
    expect((await postSession(limited.app, { role: 'admin', user: 'admin', password: 'admin-pw' }, headers)).status).toBe(429);
    // A made-up challenge is no free pass: counted (and over the limit) like any sign-in.
    const made = await limited.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', host: 'bank.test', ...headers }, body: JSON.stringify({ role: 'admin', user: 'admin', password: 'x', challengeId: 'made-up-challenge', card: '12' }) });
    expect(made.status).toBe(429);
  });

  it('bad input to the integration API: malformed keys and bodies get a clear error and change nothing', async () => {
    const u = await s.userWithToken('bad-input-user');
    await s.issuer.flushAudit();
    const audited = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0]!.n;
    const before = await audited();
    const good = { companyId: 'demo', userId: 'bad-input-user', code: u.code() };
    const auth = { authorization: `Bearer ${API_KEY}` };
    const raw = async (body: string, headers: Record<string, string>) =>
      s.app.request('/api/v1/verify', { method: 'POST', body, headers: { 'content-type': 'application/json', host: 'bank.test', 'x-forwarded-for': '198.51.100.50', ...headers } });
    const cases: Array<[Promise<Response>, number, string]> = [
      // Keys: empty, lower-case scheme, too short, with a space, two schemes.
      [raw(JSON.stringify(good), { authorization: 'Bearer ' }), 401, 'unauthenticated'],
      [raw(JSON.stringify(good), { authorization: `bearer ${API_KEY}` }), 401, 'unauthenticated'],
      [raw(JSON.stringify(good), { authorization: 'Bearer short' }), 401, 'unauthenticated'],
      [raw(JSON.stringify(good), { authorization: `Bearer ${API_KEY} x` }), 401, 'unauthenticated'],
      [raw(JSON.stringify(good), { authorization: `Basic x, Bearer ${API_KEY}` }), 401, 'unauthenticated'],
      // Bodies: not JSON, wrong types (a code as a number), missing fields, too large, not JSON at all.
      [raw('{"companyId": ', auth), 400, 'malformed-json'],
      [raw(JSON.stringify({ ...good, code: 123456 }), auth), 400, 'invalid-body'],
      [raw(JSON.stringify({ companyId: 'demo' }), auth), 400, 'invalid-body'],
      [raw(JSON.stringify({ ...good, userId: 'x'.repeat(200) }), auth), 400, 'invalid-body'],
      [raw(JSON.stringify({ ...good, pad: 'x'.repeat(17 * 1024) }), auth), 413, 'too-large'],
      [raw(JSON.stringify(good), { ...auth, 'content-type': 'text/plain' }), 415, 'unsupported-media-type'],
    ];
    for (const [response, status, error] of cases) {
      const res = await response;
      expect([res.status, await res.json()]).toEqual([status, { error }]);
    }
    // Nothing counted, nothing written, and the right code still works.
    expect(await s.failures(u.serial)).toEqual({ status: 'active', failures: 0 });
    await s.issuer.flushAudit();
    expect(await audited()).toBe(before);
    expect(await (await raw(JSON.stringify(good), auth)).json()).toEqual({ outcome: 'ok' });
  });

  it('codes that are not digits on the integration API: 400 invalid-code, more than the lockout of them locks nothing, nothing audited', async () => {
    const u = await s.userWithToken('code-format-user');
    await s.issuer.flushAudit();
    const audited = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0]!.n;
    const before = await audited();
    const auth = { authorization: `Bearer ${API_KEY}` };
    const right = u.code();
    // Letters, too short, too long, full-width digits, a space inside, signs, empty: 10 in all, twice the lockout.
    const bad = ['12ab56', '12345', '123456789', '１２３４５６', `${right.slice(0, 3)} ${right.slice(3)}`, `-${right.slice(1)}`, '', '1e5000', '0x1234', 'abcdef'];
    for (const code of bad) {
      const res = await s.request('POST', '/api/v1/verify', { companyId: 'demo', userId: 'code-format-user', code }, auth);
      expect([res.status, await res.json()], code).toEqual([400, { error: 'invalid-code' }]);
    }
    // For a user that does not exist as well: the format is checked before anything is looked up.
    const ghost = await s.request('POST', '/api/v1/verify', { companyId: 'demo', userId: 'no-such-user', code: '12ab56' }, auth);
    expect(await ghost.json()).toEqual({ error: 'invalid-code' });
    expect(await s.failures(u.serial)).toEqual({ status: 'active', failures: 0 });
    await s.issuer.flushAudit();
    expect(await audited()).toBe(before);
    const ok = await s.request('POST', '/api/v1/verify', { companyId: 'demo', userId: 'code-format-user', code: right }, auth);
    expect(await ok.json()).toEqual({ outcome: 'ok' });
  });

  it('codes that are not digits at the internet banking’s sign-in: 400 invalid-code before the password, nothing counted or audited', async () => {
    const u = await s.userWithToken('signin-format-user');
    await s.issuer.flushAudit();
    const audited = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit'))[0]!.n;
    const before = await audited();
    const right = u.code();
    // The same refusals as the integration API's, with the right password: more than the OTP lockout of them.
    const bad = ['12ab56', '12345', '123456789', '１２３４５６', `${right.slice(0, 3)} ${right.slice(3)}`, `-${right.slice(1)}`, '', '0x1234', 'abcdef'];
    for (const code of bad) {
      const res = await s.request('POST', '/api/signin', { userId: 'signin-format-user', password: USER_PW, code }, from('198.51.100.61'));
      expect([res.status, await res.json()], code).toEqual([400, { error: 'invalid-code' }]);
    }
    // With a wrong password too, more than the password throttle's free attempts: none is counted.
    for (let i = 0; i < 6; i++) {
      const res = await s.request('POST', '/api/signin', { userId: 'signin-format-user', password: `wrong-${i}`, code: 'abc' }, from('198.51.100.61'));
      expect([res.status, await res.json()]).toEqual([400, { error: 'invalid-code' }]);
    }
    expect(await s.failures(u.serial)).toEqual({ status: 'active', failures: 0 });
    await s.issuer.flushAudit();
    expect(await audited()).toBe(before);
    // Neither throttle waits and the token is not locked: the right password and code sign in from the same address.
    expect(await signin('signin-format-user', USER_PW, right, '198.51.100.61')).toBe('ok');
  });

  it('wrong passwords from elsewhere do not lock the real operator out', async () => {
    clock.now += 120_000;
    for (let i = 0; i < 10; i++) await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: `x${i}` }, from('203.0.113.66'));
    expect((await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'x' }, from('203.0.113.66'))).status).toBe(429);
    expect((await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'operator-pw' }, from('198.51.100.77'))).status).toBe(200);
    // The attacker's wait grows: one more try after the first delay, then twice as long.
    clock.now += 31_000;
    expect((await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'y' }, from('203.0.113.66'))).status).toBe(401);
    const again = await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'z' }, from('203.0.113.66'));
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
  });

  it('a forged left part of X-Forwarded-For does not escape the provisioning limit; IPv6 counts per /64', async () => {
    clock.now += 120_000;
    const key = base64UrlEncode(await exportRawPublicKey((await generateEcdhKeyPair()).publicKey));
    const provision = async (xff: string) => (await s.request('POST', '/api/provision', { publicKey: key }, { 'x-forwarded-for': xff })).status;
    const forged = [];
    for (let i = 0; i < 22; i++) forged.push(await provision(`10.9.${i}.1, 198.51.100.200`));
    expect(forged.filter((x) => x === 201)).toHaveLength(20);
    expect(forged.slice(20)).toEqual([429, 429]);
    const v6 = [];
    for (let i = 0; i < 21; i++) v6.push(await provision(`2001:db8:aa:bb::${(i + 1).toString(16)}`));
    expect(v6.filter((x) => x === 201)).toHaveLength(20);
    expect(v6[20]).toBe(429);
    expect(await provision('2001:db8:aa:cc::1')).toBe(201); // another /64
  });

  it('a session made on one instance works on another over the same database; it ends when idle', async () => {
    const other = createApp({ issuer: s.issuer, accounts: s.accounts, cards: s.cards, db, now: () => clock.now });
    const res = await s.request('POST', '/api/session', { role: 'operator', user: 'operator', password: 'operator-pw' }, from('198.51.100.88'));
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const there = await other.app.request('/api/bank/users', { headers: { cookie, host: 'bank.test' } });
    expect(there.status).toBe(200);
    clock.now += 31 * 60_000; // past the idle lifetime
    expect((await other.app.request('/api/bank/users', { headers: { cookie, host: 'bank.test' } })).status).toBe(401);
  });

  it('over HTTPS the session cookie is __Host- and Secure, with HSTS; a foreign Host is refused', async () => {
    clock.now += 120_000;
    const https = createApp({ issuer: s.issuer, accounts: s.accounts, cards: s.cards, db, now: () => clock.now, publicOrigins: ['https://bank.test'] });
    const res = await https.app.request('https://bank.test/api/session', {
      method: 'POST', headers: { 'content-type': 'application/json', host: 'bank.test' },
      body: JSON.stringify({ role: 'operator', user: 'operator', password: 'operator-pw' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-st_session=[^;]+;.*Path=\/;.*Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const rebound = await https.app.request('https://evil.test/api/session', { headers: { host: 'evil.test' } });
    expect(rebound.status).toBe(421);
  });

  it('another master key is refused before it could answer 500 to every code', async () => {
    expect(await masterKeyMatches(db, s.masterKey)).toBe(true);
    const other = await importMasterKey(new Uint8Array(32).fill(1));
    await expect(assertMasterKey(db, other)).rejects.toBeInstanceOf(MasterKeyMismatch);
    await expect(assertMasterKey(db, other)).rejects.toThrow(/MASTER_KEY is not the key this database was made with/);
    const wrong = createApp({ issuer: s.issuer, accounts: s.accounts, cards: s.cards, db, ops: { ready: () => masterKeyMatches(db, other) } });
    expect((await wrong.app.request('/readyz')).status).toBe(503);
    expect((await s.app.request('/readyz')).status).toBe(200);
  });

  it('the audit log: anonymous requests for unknown users are not logged per company; a deleted or edited row breaks the chain', async () => {
    await signin('ghost-user', 'whatever-pw', '123456', '198.51.100.99');
    await s.request('POST', '/api/v1/verify', { companyId: 'demo', userId: 'ghost-user', code: '123456' }, { authorization: `Bearer ${API_KEY}` });
    await s.issuer.flushAudit();
    const demo = await s.issuer.listAudit('demo', { userId: 'ghost-user' });
    expect(demo).toEqual([]);
    await s.store.sealAudit();
    const clean = await checkAuditChain(db);
    expect(clean).toMatchObject({ ok: true, unsealed: 0 });
    expect(clean.sealed).toBeGreaterThan(20);
    const [mid] = await db.query<{ id: number }>('SELECT id FROM audit WHERE seq = $1', [Math.floor(clean.sealed / 2)]);
    await db.query(`UPDATE audit SET outcome = outcome || '-edited' WHERE id = $1`, [mid!.id]); // whatever it said
    expect((await checkAuditChain(db)).problems.join('\n')).toMatch(/was changed/);
    await db.query('DELETE FROM audit WHERE id = $1', [mid!.id]);
    const report = await checkAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/missing \(deleted\)/);
  });

  it('logs carry a request id and never a code, password or PIN', async () => {
    const lines: string[] = [];
    const log = makeLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    const logged = createApp({ issuer: s.issuer, accounts: s.accounts, cards: s.cards, db, log, trustProxy: 1, now: () => clock.now });
    const u = await s.userWithToken('logged-user');
    const code = u.code();
    await logged.app.request('/api/signin', {
      method: 'POST', headers: { 'content-type': 'application/json', host: 'bank.test', 'x-request-id': 'req-42', 'x-forwarded-for': '198.51.100.5' },
      body: JSON.stringify({ userId: 'logged-user', password: USER_PW, code }),
    });
    const text = lines.join('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ reqId: 'req-42', path: '/api/signin', status: 200 });
    for (const secret of [code, USER_PW]) expect(text).not.toContain(secret);
  });
});
