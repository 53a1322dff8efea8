// The token lifecycle table: what each action may start from, and that the issuer goes through it.
import { describe, expect, it, vi } from 'vitest';
import { LIFECYCLE, nextStatus, IssuerError, type TokenStatus } from '../../../src/issuer/index.ts';
import { ADMIN, makeIssuer, userWithToken } from './fixture.ts';
import { T0 } from './time-steps.ts';

vi.setConfig({ testTimeout: 60_000 });

const STATUSES: TokenStatus[] = ['unassigned', 'active', 'locked', 'suspended', 'retired'];

describe('lifecycle table', () => {
  it('has a decided cell for every status in every action; retired is final', () => {
    for (const [action, row] of Object.entries(LIFECYCLE)) {
      expect(Object.keys(row).sort(), action).toEqual([...STATUSES].sort());
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
  ] as const)('%s: %s → %s', (action, from, to) => {
    expect(nextStatus(action, from)).toBe(to);
  });

  it.each([['unlock', 'active'], ['resume', 'active'], ['suspend', 'suspended'], ['register', 'active'], ['expire', 'active']] as const)(
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
});
