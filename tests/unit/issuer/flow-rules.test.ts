// Rules of the flow that an administrator could otherwise get around: a stopped user stays stopped
// through a shared exchange; a token the bank holds (locked, suspended) cannot be exchanged, stopped
// or unregistered away; expired unassigned tokens go after their retention; step ⑧'s PIN locks.
import { describe, expect, it, vi } from 'vitest';
import { IssuerError } from '../../../src/issuer/index.ts';
import { ADMIN, codeAt, makeIssuer, PIN, userWithToken } from './fixture.ts';
import { PERIOD_MS, T0 } from './time-steps.ts';

vi.setConfig({ testTimeout: 60_000 });
const later = T0 + 10 * PERIOD_MS;
const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof IssuerError ? e.code : String(e)));

describe('shared usage mode', () => {
  it('exchanging the shared token does not re-activate a user whose use was stopped', async () => {
    const issuer = await makeIssuer();
    await issuer.setUsageMode('acme', 'shared', T0, ADMIN);
    await issuer.createUser('acme', 'taro', T0, ADMIN);
    await issuer.createUser('acme', 'jiro', T0, ADMIN);
    const first = await issuer.provision(T0);
    await issuer.register({ companyId: 'acme', userId: 'taro', serial: first.serial, code: codeAt(first.secret, T0), pin: PIN }, T0, ADMIN);
    await issuer.stop('acme', 'jiro', T0, ADMIN);
    const second = await issuer.provision(later);
    await issuer.register({ companyId: 'acme', userId: 'taro', serial: second.serial, code: codeAt(second.secret, later), pin: PIN }, later, ADMIN);
    const next = later + PERIOD_MS;
    expect(await issuer.verify({ companyId: 'acme', userId: 'jiro', code: codeAt(second.secret, next) }, next)).toBe('stopped');
    expect(await issuer.verify({ companyId: 'acme', userId: 'taro', code: codeAt(second.secret, next) }, next)).toBe('ok');
    expect((await issuer.companyView('acme', next)).users.map((u) => [u.userId, u.status])).toEqual([['jiro', 'stopped'], ['taro', 'active']]);
  });
});

describe('a token the bank holds', () => {
  it.each(['locked', 'suspended'] as const)('%s: the administrator cannot exchange, stop or unregister it until the bank acts', async (held) => {
    const issuer = await makeIssuer();
    const old = await userWithToken(issuer, 'taro', T0);
    if (held === 'suspended') await issuer.suspend('acme', 'taro', T0, 'operator:bob');
    else for (let i = 0; i < 5; i++) await issuer.verify({ companyId: 'acme', userId: 'taro', code: '000000' }, later);
    const replacement = await issuer.provision(later);
    const exchange = () => issuer.register({ companyId: 'acme', userId: 'taro', serial: replacement.serial, code: codeAt(replacement.secret, later), pin: PIN }, later, ADMIN);
    expect(await refusal(exchange())).toBe('held-by-bank');
    expect(await refusal(issuer.stop('acme', 'taro', later, ADMIN))).toBe('held-by-bank');
    expect(await refusal(issuer.setUsageMode('acme', 'shared', later, ADMIN))).toBe('held-by-bank');
    expect((await issuer.companyView('acme', later)).users[0]).toMatchObject({ userId: 'taro', serial: old.serial, status: held });
    // Once the bank acts, the exchange goes through.
    await (held === 'suspended' ? issuer.resume('acme', 'taro', later, 'operator:bob') : issuer.unlock('acme', 'taro', later, 'operator:bob'));
    expect(await exchange()).toEqual({ serial: replacement.serial, replaced: old.serial });
  });
});

describe('expired unassigned tokens', () => {
  it('are retired at expiry and removed after the retention period', async () => {
    const hour = 3_600_000;
    const issuer = await makeIssuer({ unassignedTtlMs: hour, expiredRetentionMs: 24 * hour });
    const t = await issuer.provision(T0);
    expect(await issuer.sweepExpired(T0 + hour)).toEqual({ expired: [t.serial], removed: [] });
    expect(await issuer.sweepExpired(T0 + 25 * hour)).toEqual({ expired: [], removed: [] });
    expect(await issuer.sweepExpired(T0 + 25 * hour + 1)).toEqual({ expired: [], removed: [t.serial] });
    expect(await issuer.store.transaction((tx) => tx.getToken(t.serial))).toBeNull();
    // A registered token is never removed.
    const kept = await userWithToken(issuer, 'taro', T0);
    await issuer.sweepExpired(T0 + 1000 * hour);
    expect(await issuer.store.transaction((tx) => tx.getToken(kept.serial))).not.toBeNull();
  });
});

describe('the confirmation PIN of step ⑧', () => {
  it('locks after 5 wrong in a row, for the company, until the bank unlocks it; audited', async () => {
    const issuer = await makeIssuer();
    await issuer.createUser('acme', 'taro', T0, ADMIN);
    const t = await issuer.provision(T0);
    const reg = (pin: string) => issuer.register({ companyId: 'acme', userId: 'taro', serial: t.serial, code: codeAt(t.secret, T0), pin }, T0, ADMIN);
    // Parallel guesses are all counted before any is hashed: 12 at once, at most 5 are tried.
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => refusal(reg(`wrong${i}00`))));
    expect(outcomes.filter((o) => o === 'bad-pin')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'pin-locked')).toHaveLength(7);
    expect(await refusal(reg(PIN))).toBe('pin-locked');
    expect((await issuer.companyView('acme', T0)).pinLocked).toBe(true);
    await issuer.unlockPin('acme', T0, 'operator:bob');
    expect(await reg(PIN)).toEqual({ serial: t.serial, replaced: null });
    const actions = (await issuer.listAudit('acme')).map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toContain('pin-lock:locked');
    expect(actions).toContain('pin-unlock:ok');
  });

  it('a right PIN resets the count (4 wrong, right, 4 wrong: not locked)', async () => {
    const issuer = await makeIssuer();
    await issuer.createUser('acme', 'taro', T0, ADMIN);
    const t = await issuer.provision(T0);
    const reg = (pin: string, code = '000000') => refusal(issuer.register({ companyId: 'acme', userId: 'taro', serial: t.serial, code, pin }, T0, ADMIN));
    for (let i = 0; i < 4; i++) expect(await reg('wrong1234')).toBe('bad-pin');
    expect(await reg(PIN)).toBe('bad-code');
    for (let i = 0; i < 4; i++) expect(await reg('wrong1234')).toBe('bad-pin');
    expect(await reg(PIN, codeAt(t.secret, T0))).toBe('accepted');
  });
});
