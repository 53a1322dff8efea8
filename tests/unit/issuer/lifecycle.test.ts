// The token lifecycle table: what each action may start from, and that the issuer goes through it.
import { describe, expect, it, vi } from 'vitest';
import { LIFECYCLE, nextStatus, IssuerError, STATUS_MEANING, TOKEN_STATUSES } from '../../../src/issuer/index.ts';
import { ADMIN, makeIssuer, userWithToken } from './fixture.ts';
import { T0 } from './time-steps.ts';

vi.setConfig({ testTimeout: 60_000 });

describe('what each status means', () => {
  it('only an active token has its code checked; a bound token in any other status answers without it', () => {
    expect(TOKEN_STATUSES.filter((s) => STATUS_MEANING[s].signIn === null)).toEqual(['active']);
    expect(TOKEN_STATUSES.filter((s) => STATUS_MEANING[s].shows === null)).toEqual(['unassigned', 'retired']);
    expect(STATUS_MEANING.accident.shows).toEqual({ status: 'suspended', suspendedBy: 'administrator' });
    expect(STATUS_MEANING.accident.signIn).toEqual({ answer: 'suspended', audit: 'accident' });
  });
});

describe('lifecycle table', () => {
  it('has a decided cell for every status in every action; retired is final', () => {
    for (const [action, row] of Object.entries(LIFECYCLE)) {
      expect(Object.keys(row).sort(), action).toEqual([...TOKEN_STATUSES].sort());
      expect(row.retired, action).toBeNull();
    }
  });

  it.each([
    ['register', 'unassigned', 'active'],
    ['lock', 'active', 'locked'],
    ['unlock', 'locked', 'active'],
    ['suspend', 'active', 'suspended'],
    ['suspend', 'locked', 'suspended'],
    ['resume', 'suspended', 'active'],
    ['expire', 'unassigned', 'retired'],
    ['accident', 'active', 'accident'],
    ['accident-clear', 'accident', 'active'],
    ['suspend', 'accident', 'suspended'],
    ['resume', 'accident', 'active'],
    ['replace', 'accident', 'retired'],
    ['cancel', 'locked', 'retired'],
    ['cancel', 'unassigned', 'retired'],
    ['cancel', 'accident', 'retired'],
  ] as const)('%s: %s → %s', (action, from, to) => {
    expect(nextStatus(action, from)).toBe(to);
  });

  it.each([
    ['unlock', 'active'], ['resume', 'active'], ['suspend', 'suspended'], ['register', 'active'], ['expire', 'active'],
    // 事故設定 only from active (its lifting goes back to active, so a lock must not pass through it).
    ['accident', 'locked'], ['accident', 'suspended'], ['accident', 'accident'], ['accident-clear', 'suspended'],
    ['accident-clear', 'active'], ['lock', 'accident'], ['unlock', 'accident'], ['cancel', 'retired'],
  ] as const)(
    '%s from %s is refused with invalid-state', (action, from) => {
      expect(() => nextStatus(action, from)).toThrow(IssuerError);
      expect(() => nextStatus(action, from)).toThrow(/invalid-state/);
    });

  it("the operator's refusals follow the table", async () => {
    const issuer = await makeIssuer();
    await userWithToken(issuer, 'taro', T0);
    await expect(issuer.unlock('acme', 'taro', T0, 'operator:bob')).rejects.toThrow(/invalid-state/);
    await expect(issuer.resume('acme', 'taro', T0, 'operator:bob')).rejects.toThrow(/invalid-state/);
    expect((await issuer.suspend('acme', 'taro', T0, 'operator:bob')).status).toBe('suspended');
    await expect(issuer.suspend('acme', 'taro', T0, 'operator:bob')).rejects.toThrow(/invalid-state/);
    expect((await issuer.resume('acme', 'taro', T0, 'operator:bob')).status).toBe('active');
    expect(ADMIN).toMatch(/^admin:/);
  });

  it('事故設定 goes through the table too; the bank’s stop is lifted only by the bank', async () => {
    const issuer = await makeIssuer();
    await userWithToken(issuer, 'taro', T0);
    expect(await issuer.setAccident({ companyId: 'acme', userId: 'taro', reason: 'lost' }, T0, ADMIN)).toMatchObject({ status: 'suspended', suspendedBy: 'administrator' });
    await expect(issuer.setAccident({ companyId: 'acme', userId: 'taro', reason: 'lost' }, T0, ADMIN)).rejects.toThrow(/invalid-state/);
    expect((await issuer.clearAccident({ companyId: 'acme', userId: 'taro' }, T0, ADMIN)).status).toBe('active');
    await issuer.suspend('acme', 'taro', T0, 'operator:bob');
    await expect(issuer.clearAccident({ companyId: 'acme', userId: 'taro' }, T0, ADMIN)).rejects.toThrow(/suspended-by-bank/);
    expect((await issuer.resume('acme', 'taro', T0, 'operator:bob')).status).toBe('active');
  });
});
