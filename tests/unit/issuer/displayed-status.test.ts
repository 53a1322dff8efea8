// One rule for a user's displayed status: the administrator's company view and the operator's
// search show the same status and serial for every user, in every state.
import { expect, it, vi } from 'vitest';
import { displayedStatus, type TokenRecord } from '../../../src/issuer/index.ts';
import { ADMIN, codeAt, makeIssuer, PIN, userWithToken } from './fixture.ts';
import { PERIOD_MS, T0 } from './time-steps.ts';

vi.setConfig({ testTimeout: 60_000 });

async function bothViews(issuer: Awaited<ReturnType<typeof makeIssuer>>, now: number) {
  const admin = (await issuer.companyView('acme', now)).users;
  const bank = (await issuer.searchUsers('', now)).filter((u) => u.companyId === 'acme').map(({ companyId: _c, companyName: _n, ...u }) => u);
  return { admin, bank };
}

it('admin and operator views agree for none, unassigned (issued QR), active, locked, suspended (by the bank or 事故設定), stopped', async () => {
  const issuer = await makeIssuer();
  await issuer.createUser('acme', 'none', T0, ADMIN);
  await issuer.createUser('acme', 'pending', T0, ADMIN);
  const qr = await issuer.issueForUser('acme', 'pending', T0, ADMIN);
  await userWithToken(issuer, 'active', T0);
  await userWithToken(issuer, 'locked', T0);
  for (let i = 0; i < 5; i++) await issuer.verify({ companyId: 'acme', userId: 'locked', code: '000000' }, T0 + PERIOD_MS * 3);
  await userWithToken(issuer, 'suspended', T0);
  await issuer.suspend('acme', 'suspended', T0, 'operator:bob');
  await userWithToken(issuer, 'accident', T0);
  await issuer.setAccident({ companyId: 'acme', userId: 'accident', reason: 'lost' }, T0, ADMIN);
  await userWithToken(issuer, 'stopped', T0);
  await issuer.stop('acme', 'stopped', T0, ADMIN);

  const { admin, bank } = await bothViews(issuer, T0);
  expect(bank).toEqual(admin);
  expect(Object.fromEntries(admin.map((u) => [u.userId, u.status]))).toEqual({
    none: 'none', pending: 'unassigned', active: 'active', locked: 'locked', suspended: 'suspended', accident: 'suspended', stopped: 'stopped',
  });
  // Both stops show as suspended; whose it is, too (only that side lifts it).
  expect(admin.find((u) => u.userId === 'suspended')!.suspendedBy).toBe('bank');
  expect(admin.find((u) => u.userId === 'accident')!.suspendedBy).toBe('administrator');
  expect(admin.find((u) => u.userId === 'pending')!.serial).toBe(qr.serial);

  // Once the QR token has expired, both say none again.
  const later = T0 + 2 * 24 * 60 * 60 * 1000;
  const after = await bothViews(issuer, later);
  expect(after.bank).toEqual(after.admin);
  expect(after.admin.find((u) => u.userId === 'pending')).toEqual({ userId: 'pending', serial: null, status: 'none' });
  // And registering it (before expiry) makes it active in both.
  const registered = await makeIssuer();
  await registered.createUser('acme', 'p', T0, ADMIN);
  const t = await registered.issueForUser('acme', 'p', T0, ADMIN);
  await registered.register({ companyId: 'acme', userId: 'p', serial: t.serial, code: codeAt(t.secret, T0), pin: PIN }, T0, ADMIN);
  const r = await bothViews(registered, T0);
  expect(r.bank).toEqual(r.admin);
});

it('a bound token wins over a pending one; a retired bound token does not show', () => {
  const token = (serial: string, status: TokenRecord['status']) => ({ serial, status }) as TokenRecord;
  expect(displayedStatus({ stopped: false }, token('A', 'active'), { serial: 'B' })).toEqual({ serial: 'A', status: 'active' });
  expect(displayedStatus({ stopped: false }, token('A', 'retired'), { serial: 'B' })).toEqual({ serial: 'B', status: 'unassigned' });
  expect(displayedStatus({ stopped: true }, token('A', 'retired'), null)).toEqual({ serial: null, status: 'stopped' });
});
