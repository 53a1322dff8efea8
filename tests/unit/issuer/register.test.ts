// Step ⑧ registration, exchange (atomic), usage mode, stop use, expiry, QR issuance, hardware import.
import { describe, expect, it, vi } from 'vitest';

// scrypt (PIN, passwords) on a shared 2-core machine: allow slow runs.
vi.setConfig({ testTimeout: 60_000 });
import { Issuer, IssuerError, MemoryStore, importMasterKey } from '../../../src/issuer/index.ts';
import { scryptPinHasher } from '../../../server/passwords.ts';
import { ADMIN, PIN, codeAt, makeIssuer, userWithToken } from './fixture.ts';
import { failingPutUser } from './failing-store.ts';
import { PERIOD_MS, T0 } from './time-steps.ts';

const later = T0 + 10 * PERIOD_MS;
type I = Awaited<ReturnType<typeof makeIssuer>>;
const register = (issuer: I, userId: string, serial: string, code: string, now: number, pin = PIN) =>
  issuer.register({ companyId: 'acme', userId, serial, code, pin }, now, ADMIN);
const status = async (issuer: I, userId: string, now = later) =>
  (await issuer.companyView('acme', now)).users.find((u) => u.userId === userId);
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => (e instanceof IssuerError ? e.code : `other: ${e}`));

describe('registration (step ⑧)', () => {
  it('binds a provisioned token; refusals change nothing', async () => {
    const issuer = await makeIssuer();
    await issuer.createUser('acme', 'taro', T0, ADMIN);
    await issuer.createUser('acme', 'jiro', T0, ADMIN);
    const t = await issuer.provision(T0);
    expect(await status(issuer, 'taro')).toEqual({ userId: 'taro', serial: null, status: 'none' });
    expect(await refusal(register(issuer, 'taro', t.serial, codeAt(t.secret, T0), T0, 'wrong99'))).toBe('bad-pin');
    expect(await refusal(register(issuer, 'taro', t.serial, codeAt(t.secret, T0), T0, 'short'))).toBe('bad-pin');
    expect(await refusal(register(issuer, 'taro', t.serial, codeAt(t.secret, T0, 5), T0))).toBe('bad-code');
    expect(await refusal(register(issuer, 'taro', 'SKTS00000000', codeAt(t.secret, T0), T0))).toBe('unknown-serial');
    expect(await refusal(register(issuer, 'nobody', t.serial, codeAt(t.secret, T0), T0))).toBe('unknown-user');
    expect(await status(issuer, 'taro')).toEqual({ userId: 'taro', serial: null, status: 'none' });

    // Lower-case serial as typed is accepted.
    expect(await register(issuer, 'taro', t.serial.toLowerCase(), codeAt(t.secret, T0), T0)).toEqual({ serial: t.serial, replaced: null });
    expect(await status(issuer, 'taro')).toEqual({ userId: 'taro', serial: t.serial, status: 'active' });
    expect(await refusal(register(issuer, 'taro', t.serial, codeAt(t.secret, T0, 1), T0 + PERIOD_MS))).toBe('already-registered');
    expect(await refusal(register(issuer, 'jiro', t.serial, codeAt(t.secret, T0, 1), T0 + PERIOD_MS))).toBe('serial-in-use');
    const outcomes = (await issuer.listAudit('acme')).filter((e) => e.action === 'register').map((e) => e.outcome);
    expect(outcomes).toEqual(['serial-in-use', 'already-registered', 'ok', 'unknown-user', 'unknown-serial', 'bad-code', 'bad-pin', 'bad-pin']);
  });

  it('exchange: a new serial for the user replaces the old one, which never verifies again', async () => {
    const issuer = await makeIssuer();
    const first = await userWithToken(issuer, 'taro', T0);
    const second = await issuer.provision(later);
    expect(await register(issuer, 'taro', second.serial, codeAt(second.secret, later), later)).toEqual({ serial: second.serial, replaced: first.serial });
    const next = later + PERIOD_MS;
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(first.secret, next) }, next)).toBe('refused');
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(second.secret, next) }, next)).toBe('ok');
    // The old token is retired for good: it cannot be registered to anyone.
    await issuer.createUser('acme', 'jiro', next, ADMIN);
    expect(await refusal(register(issuer, 'jiro', first.serial, codeAt(first.secret, next, 1), next))).toBe('token-retired');
  });

  it('exchange is atomic: a failure half-way leaves the old token working and the new one unassigned', async () => {
    const masterKey = await importMasterKey(crypto.getRandomValues(new Uint8Array(32)));
    const inner = new MemoryStore();
    let failOnPutUser = false;
    // The same store, with a write that fails after the new token was bound and the old retired.
    const store = failingPutUser(inner, () => failOnPutUser);
    const issuer = new Issuer({ store, masterKey, pinHasher: scryptPinHasher, auditDelayMs: 1 });
    await issuer.ensureCompany({ companyId: 'acme', name: 'ACME', pin: PIN });
    const first = await userWithToken(issuer, 'taro', T0);
    const second = await issuer.provision(later);
    failOnPutUser = true;
    await expect(register(issuer, 'taro', second.serial, codeAt(second.secret, later), later)).rejects.toThrow('disk full');
    failOnPutUser = false;
    const next = later + PERIOD_MS;
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(first.secret, next) }, next)).toBe('ok');
    expect(await status(issuer, 'taro', next)).toEqual({ userId: 'taro', serial: first.serial, status: 'active' });
    // The new token is still unassigned and can be registered now.
    expect(await register(issuer, 'taro', second.serial, codeAt(second.secret, next), next)).toEqual({ serial: second.serial, replaced: first.serial });
  });

  it('unassigned tokens expire after the configured time', async () => {
    const issuer = await makeIssuer({ unassignedTtlMs: 60 * 60 * 1000 });
    await issuer.createUser('acme', 'taro', T0, ADMIN);
    const t = await issuer.provision(T0);
    expect(t.expiresAt).toBe(T0 + 3_600_000);
    const atExpiry = T0 + 3_600_000;
    expect(await refusal(register(issuer, 'taro', t.serial, codeAt(t.secret, atExpiry), atExpiry))).toBe('token-expired');
    expect(await issuer.expireUnassigned(atExpiry - 1)).toEqual([]);
    expect(await issuer.expireUnassigned(atExpiry)).toEqual([t.serial]);
    expect(await refusal(register(issuer, 'taro', t.serial, codeAt(t.secret, atExpiry), atExpiry))).toBe('token-retired');
    // Registered before expiry: never expires.
    const u = await issuer.provision(T0);
    await register(issuer, 'taro', u.serial, codeAt(u.secret, T0 + 1000), T0 + 1000);
    expect(await issuer.expireUnassigned(T0 + 10 * 3_600_000)).toEqual([]);
  });

  it('stop use (利用中止) retires the token until a new one is registered', async () => {
    const issuer = await makeIssuer();
    await userWithToken(issuer, 'taro', T0);
    await issuer.stop('acme', 'taro', later, ADMIN);
    expect(await status(issuer, 'taro')).toEqual({ userId: 'taro', serial: null, status: 'stopped' });
    const t = await userWithToken(issuer, 'taro', later);
    expect(await status(issuer, 'taro')).toEqual({ userId: 'taro', serial: t.serial, status: 'active' });
  });
});

describe('QR issuance', () => {
  it('reserves the token for its user (pending) until step ⑧ registers it', async () => {
    const issuer = await makeIssuer();
    const old = await userWithToken(issuer, 'taro', T0);
    await issuer.createUser('acme', 'jiro', T0, ADMIN);
    const qr = await issuer.issueForUser('acme', 'jiro', T0, ADMIN);
    expect(await status(issuer, 'jiro', T0)).toEqual({ userId: 'jiro', serial: qr.serial, status: 'unassigned' });
    expect(await refusal(register(issuer, 'taro', qr.serial, codeAt(qr.secret, later), later))).toBe('serial-in-use');
    await register(issuer, 'jiro', qr.serial, codeAt(qr.secret, later), later);
    expect(await status(issuer, 'jiro')).toEqual({ userId: 'jiro', serial: qr.serial, status: 'active' });
    expect(await status(issuer, 'taro')).toEqual({ userId: 'taro', serial: old.serial, status: 'active' });
  });
});

describe('usage mode (step ⑦)', () => {
  it('changing it unregisters every token; shared mode lets all users sign in with one token', async () => {
    const issuer = await makeIssuer();
    const a = await userWithToken(issuer, 'taro', T0);
    const b = await userWithToken(issuer, 'jiro', T0);
    await issuer.setUsageMode('acme', 'per-user', later, ADMIN); // same mode: nothing changes
    expect((await status(issuer, 'taro'))!.status).toBe('active');
    await issuer.setUsageMode('acme', 'shared', later, ADMIN);
    const view = await issuer.companyView('acme', later);
    expect(view.usageMode).toBe('shared');
    expect(view.users.map((u) => u.status)).toEqual(['none', 'none']);
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(a.secret, later) }, later)).toBe('refused');
    expect(await issuer.verify({ companyId: 'acme', userId: 'jiro', code: codeAt(b.secret, later) }, later)).toBe('refused');

    const shared = await issuer.provision(later);
    await register(issuer, 'taro', shared.serial, codeAt(shared.secret, later), later);
    const v2 = await issuer.companyView('acme', later);
    expect(v2.sharedSerial).toBe(shared.serial);
    expect(v2.users.map((u) => [u.serial, u.status])).toEqual([[shared.serial, 'active'], [shared.serial, 'active']]);
    // A user added later gets the shared token too.
    await issuer.createUser('acme', 'saburo', later, ADMIN);
    const t1 = later + PERIOD_MS;
    const t2 = later + 2 * PERIOD_MS;
    expect(await issuer.verify({ companyId: 'acme', userId: 'jiro', code: codeAt(shared.secret, t1) }, t1)).toBe('ok');
    // Each step once per token, also across users.
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(shared.secret, t1) }, t1)).toBe('refused');
    expect(await issuer.verify({ companyId: 'acme', userId: 'saburo', code: codeAt(shared.secret, t2) }, t2)).toBe('ok');

    await issuer.setUsageMode('acme', 'per-user', t2, ADMIN);
    expect((await issuer.companyView('acme', t2)).users.map((u) => u.status)).toEqual(['none', 'none', 'none']);
    expect(await refusal(register(issuer, 'taro', shared.serial, codeAt(shared.secret, t2, 1), t2 + PERIOD_MS))).toBe('token-retired');
  });
});

describe('hardware tokens', () => {
  // RFC 6238 Appendix B's SHA1 seed "12345678901234567890" in base32.
  const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const seed = new TextEncoder().encode('12345678901234567890');

  it('imports CSV records, reports bad lines, and exchanges software ↔ hardware', async () => {
    const issuer = await makeIssuer();
    const csv = [
      'serial,secret,algorithm,digits,period',
      `HWTK00000001,${RFC_SEED}`,
      `HWTK00000002,${RFC_SEED},SHA256,8,60`,
      'HWTK00000003,NOT-BASE32!',
      `HWTK00000004,${RFC_SEED},MD5`,
      `HWTK00000005,${RFC_SEED},SHA1,9`,
      'HWTK00000006,GEZDGNBV',
      `HWTK00000001,${RFC_SEED}`,
      `bad serial,${RFC_SEED}`,
    ].join('\r\n');
    const result = await issuer.importHardware(csv, T0, 'operator:bob');
    expect(result.imported).toBe(2);
    expect(result.rejected).toEqual([
      { line: 4, serial: 'HWTK00000003', reason: 'bad-secret' },
      { line: 5, serial: 'HWTK00000004', reason: 'bad-algorithm' },
      { line: 6, serial: 'HWTK00000005', reason: 'bad-digits' },
      { line: 7, serial: 'HWTK00000006', reason: 'bad-secret' },
      { line: 8, serial: 'HWTK00000001', reason: 'duplicate' },
      { line: 9, serial: 'BAD SERIAL', reason: 'bad-serial' },
    ]);
    expect((await issuer.importHardware(`HWTK00000002,${RFC_SEED}`, T0, 'operator:bob')).rejected).toEqual([{ line: 1, serial: 'HWTK00000002', reason: 'duplicate' }]);

    const soft = await userWithToken(issuer, 'taro', T0);
    // RFC 6238 Appendix B: at T = 59 s the 8-digit SHA1 code is 94287082; 6 digits: 287082.
    expect(codeAt(seed, 59_000)).toBe('287082');
    await register(issuer, 'taro', 'HWTK00000001', codeAt(seed, later), later);
    const next = later + PERIOD_MS;
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(soft.secret, next) }, next)).toBe('refused');
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(seed, next) }, next)).toBe('ok');
    // And back to software.
    const phone = await issuer.provision(next);
    expect(await register(issuer, 'taro', phone.serial, codeAt(phone.secret, next), next)).toEqual({ serial: phone.serial, replaced: 'HWTK00000001' });
  });
});
