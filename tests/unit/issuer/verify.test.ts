// The verifier: window edges, drift, replay, lockout, concurrency (RFC 6238 §5.2, RFC 4226 §7.3).
import { describe, expect, it, vi } from 'vitest';

// scrypt (PIN, passwords) on a shared 2-core machine: allow slow runs.
vi.setConfig({ testTimeout: 60_000 });
import { candidateSteps, codesEqual } from '../../../src/issuer/index.ts';
import { codeAt, makeIssuer, userWithToken } from './fixture.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS, S0, T0, stepStart } from './time-steps.ts';

const later = T0 + 10 * PERIOD_MS; // well after the registration's step
const verify = (issuer: Awaited<ReturnType<typeof makeIssuer>>, code: string, now: number, userId = 'taro') =>
  issuer.verify({ companyId: 'acme', userId, code }, now);

describe('window edges (±1 step by default)', () => {
  // Instants at the very start, middle and last millisecond of step S0+10.
  const instants = [stepStart(S0 + 10), stepStart(S0 + 10) + 15_000, stepStart(S0 + 11) - 1];
  it.each(instants.flatMap((now) => [
    [now, -2, 'refused'], [now, -1, 'ok'], [now, 0, 'ok'], [now, 1, 'ok'], [now, 2, 'refused'],
  ] as const))('at %i a code %i steps off is %s', async (now, offset, outcome) => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    expect(await verify(issuer, codeAt(secret, now, offset), now)).toBe(outcome);
  });

  it.each([[2, 2, 'ok'], [2, -2, 'ok'], [2, 3, 'refused'], [0, 1, 'refused'], [0, 0, 'ok']] as const)(
    'window %i: a code %i steps off is %s', async (window, offset, outcome) => {
      const issuer = await makeIssuer({ window });
      const { secret } = await userWithToken(issuer, 'taro', T0);
      expect(await verify(issuer, codeAt(secret, later, offset), later)).toBe(outcome);
    });

  it('compares fixed-length digit strings; other shapes never match', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    const good = codeAt(secret, later);
    for (const bad of [good.slice(1), good + '0', ` ${good}`, 'abcdef']) expect(await verify(issuer, bad, later)).toBe('refused');
    expect(await verify(issuer, good, later)).toBe('ok');
    expect(codesEqual('123456', '123456')).toBe(true);
    expect(codesEqual('123456', '123457')).toBe(false);
    expect(codesEqual('123456', '12345')).toBe(false);
  });

  it('searches outward from the centre and never past maxDrift', () => {
    expect(candidateSteps(100, 0, 1, 10)).toEqual([100, 99, 101]);
    expect(candidateSteps(100, -3, 2, 10)).toEqual([97, 96, 98, 95, 99]);
    expect(candidateSteps(100, 10, 1, 10)).toEqual([110, 109]);
  });
});

describe('drift', () => {
  it('remembers a slow phone clock: a code 2 steps behind is accepted once drift is learnt, not before', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    // The phone runs one step behind: accepted within the window, drift -1 remembered.
    expect(await verify(issuer, codeAt(secret, later, -1), later)).toBe('ok');
    // Later the phone is 2 steps behind: centre is now-1, so now-2 is inside the window.
    const evenLater = later + 20 * PERIOD_MS;
    expect(await verify(issuer, codeAt(secret, evenLater, -2), evenLater)).toBe('ok');

    const fresh = await makeIssuer();
    const other = await userWithToken(fresh, 'taro', T0);
    expect(await verify(fresh, codeAt(other.secret, evenLater, -2), evenLater)).toBe('refused');
  });

  it('a drifted centre moves the window with it (now+1 is outside after drift -1)', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    expect(await verify(issuer, codeAt(secret, later, -1), later)).toBe('ok');
    const next = later + 5 * PERIOD_MS;
    expect(await verify(issuer, codeAt(secret, next, 1), next)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, next, 0), next)).toBe('ok');
  });
});

describe('replay', () => {
  it('accepts each step once; the same code and any earlier step are refused afterwards', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    const code = codeAt(secret, later);
    expect(await verify(issuer, code, later)).toBe('ok');
    expect(await verify(issuer, code, later)).toBe('refused');
    expect(await verify(issuer, code, later + 1000)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, later, -1), later)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, later, 1), later)).toBe('ok');
  });

  it('the code used at registration (step ⑧) does not sign in afterwards', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    expect(await verify(issuer, codeAt(secret, T0), T0 + 1000)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, T0, 1), T0 + PERIOD_MS)).toBe('ok');
  });

  it('replays do not count towards the lockout', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    const code = codeAt(secret, later);
    expect(await verify(issuer, code, later)).toBe('ok');
    for (let i = 0; i < 6; i++) expect(await verify(issuer, code, later)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, later, 1), later)).toBe('ok');
  });

  it('two concurrent verifications of the same code: exactly one succeeds', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    const code = codeAt(secret, later);
    const outcomes = await Promise.all([verify(issuer, code, later), verify(issuer, code, later), verify(issuer, code, later)]);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(2);
  });
});

describe('lockout', () => {
  const wrong = (secret: Uint8Array, now: number) => referenceHotp(secret, Math.floor(now / PERIOD_MS) + 1000);

  it('locks at the 5th consecutive wrong code; then even the right code answers locked; unlock restores', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    for (let i = 1; i <= 4; i++) expect(await verify(issuer, wrong(secret, later), later)).toBe('refused');
    expect(await verify(issuer, wrong(secret, later), later)).toBe('locked');
    expect(await verify(issuer, codeAt(secret, later), later)).toBe('locked');
    expect((await issuer.companyView('acme', later)).users[0]).toMatchObject({ userId: 'taro', status: 'locked' });
    await issuer.unlock('acme', 'taro', later, 'operator:bob');
    expect(await verify(issuer, codeAt(secret, later), later)).toBe('ok');
  });

  it('a success resets the count (4 wrong, 1 right, 4 wrong stays active)', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    for (let i = 0; i < 4; i++) expect(await verify(issuer, wrong(secret, later), later)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, later), later)).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await verify(issuer, wrong(secret, later), later)).toBe('refused');
    expect(await verify(issuer, codeAt(secret, later, 1), later)).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await verify(issuer, wrong(secret, later), later)).toBe('refused');
    expect(await verify(issuer, wrong(secret, later), later)).toBe('locked');
  });

  it('the limit is configurable', async () => {
    const issuer = await makeIssuer({ maxFailures: 3 });
    const { secret } = await userWithToken(issuer, 'taro', T0);
    expect(await verify(issuer, wrong(secret, later), later)).toBe('refused');
    expect(await verify(issuer, wrong(secret, later), later)).toBe('refused');
    expect(await verify(issuer, wrong(secret, later), later)).toBe('locked');
  });

  it('wrong-length codes count as wrong codes', async () => {
    const issuer = await makeIssuer({ maxFailures: 2 });
    await userWithToken(issuer, 'taro', T0);
    expect(await verify(issuer, '1', later)).toBe('refused');
    expect(await verify(issuer, '12345678', later)).toBe('locked');
  });
});

describe('who may sign in', () => {
  it('unknown users and users without a token are refused; suspended and stopped say so', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    await issuer.createUser('acme', 'jiro', T0, 'admin:alice');
    expect(await verify(issuer, codeAt(secret, later), later, 'nobody')).toBe('refused');
    expect(await verify(issuer, codeAt(secret, later), later, 'jiro')).toBe('refused');
    await issuer.suspend('acme', 'taro', later, 'operator:bob');
    expect(await verify(issuer, codeAt(secret, later), later)).toBe('suspended');
    await issuer.resume('acme', 'taro', later, 'operator:bob');
    expect(await verify(issuer, codeAt(secret, later), later)).toBe('ok');
    await issuer.stop('acme', 'taro', later, 'admin:alice');
    expect(await verify(issuer, codeAt(secret, later, 1), later)).toBe('stopped');
  });

  it('every verification is audited without the code', async () => {
    const issuer = await makeIssuer();
    const { secret } = await userWithToken(issuer, 'taro', T0);
    const code = codeAt(secret, later);
    await verify(issuer, code, later);
    await verify(issuer, code, later);
    const log = await issuer.listAudit('acme');
    expect(log.filter((e) => e.action === 'verify').map((e) => e.outcome)).toEqual(['replay', 'ok']);
    expect(JSON.stringify(log)).not.toContain(code);
  });
});
