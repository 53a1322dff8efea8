// The wrong-PIN delay against someone at the phone, on the stored Argon2id fixture (made by
// tests/fixtures/vault/make-pin-locked.mjs with a wrong PIN that passes the 8-bit check): that PIN
// opens wrong codes and does not reset the count; moving the clock or reloading ends no wait.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'idb-keyval';
import fixture from '../fixtures/vault/vault-v4-argon2id.json';
import { vaultStore } from '../../src/vault/db.ts';
import { LockThrottledError, PinMismatchError, WrongPinError } from '../../src/vault/errors.ts';
import { THROTTLE_KEY, type LockThrottle } from '../../src/vault/records.ts';
import { codesById, fixtureCode, freshDb, storeExport, vaultTabs } from './vault-helpers.ts';

const REFERENCE = Object.fromEntries(
  fixture.records.filter((r) => r.key.startsWith('token:')).map((r) => {
    const t = r.value as { id: string; type: string; algorithm: string; digits: number; period: number; counter: number };
    return [t.id, fixtureCode(t, fixture.seeds[t.id as keyof typeof fixture.seeds])];
  }),
);
const [F1, F2, F3, F4, F5] = fixture.wrongPinsFailingCheck;

// performance.now() moved on by the test: the delay's only clock. Date.now() is moved separately.
const realNow = performance.now.bind(performance);
let served = 0;
const serve = async (ms: number) => {
  await new Promise((r) => setTimeout(r, 50)); // the serving tab has taken its Web Lock
  served += ms;
};
const throttle = () => get<LockThrottle>(THROTTLE_KEY, vaultStore());
const retryIn = async (attempt: Promise<unknown>) => {
  const e = await attempt.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WrongPinError);
  return (e as WrongPinError).retryAt - Date.now();
};

const tab = vaultTabs();

describe('the unlock delay', { timeout: 180_000 }, () => {
  beforeEach(async () => {
    await freshDb();
    await storeExport(fixture);
    served = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => realNow() + served);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the right PIN gives the reference codes of the stored fixture', async () => {
    const vault = await tab();
    await vault.unlockWithPin(fixture.pin);
    expect(await codesById(vault)).toEqual(REFERENCE);
  });

  it('a wrong PIN that passes the check opens codes that differ and does not reset the delay', async () => {
    const vault = await tab();
    expect(await retryIn(vault.unlockWithPin(F1!))).toBeLessThan(1000);
    expect(await retryIn(vault.unlockWithPin(F2!))).toBeLessThan(1000);
    expect(await retryIn(vault.unlockWithPin(F3!))).toBeGreaterThan(14_000);
    await expect(vault.unlockWithPin(fixture.pin)).rejects.toBeInstanceOf(LockThrottledError);
    await serve(15_000);

    await vault.unlockWithPin(fixture.wrongPinPassingCheck);
    expect(vault.lockState()).toBe('unlocked');
    const wrong = await codesById(vault);
    for (const id of Object.keys(REFERENCE)) {
      expect(wrong[id]).toMatch(/^\d{6,8}$/);
      expect(wrong[id]).not.toBe(REFERENCE[id]);
    }
    // Forgiven one failure, not all: the next wrong PIN waits again (a reset would let it through at once).
    expect((await throttle())!.failures).toBe(2);
    vault.lock();
    expect(await retryIn(vault.unlockWithPin(F4!))).toBeGreaterThan(14_000);

    // Nor can the session it opened change the lock: the proof is the key, not the check.
    await serve(15_000);
    await vault.unlockWithPin(fixture.wrongPinPassingCheck);
    await expect(vault.turnOff({ pin: F5! })).rejects.toBeInstanceOf(WrongPinError);
    await serve(30_000);
    await expect(vault.turnOff({ pin: fixture.pin })).rejects.toBeInstanceOf(PinMismatchError);
  });

  it('moving the clock forward, reloading or opening more tabs ends no wait', async () => {
    const vault = await tab();
    for (const pin of [F1!, F2!, F3!]) await vault.unlockWithPin(pin).catch(() => {});
    await serve(15_000);
    expect(await retryIn(vault.unlockWithPin(F4!))).toBeGreaterThan(29_000); // 4th failure: 30 s
    const realDate = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realDate() + 2 * 3_600_000);
    await expect(vault.unlockWithPin(fixture.pin)).rejects.toBeInstanceOf(LockThrottledError);
    vault.close();
    const others = [await tab(), await tab(), await tab()];
    for (const v of others) await expect(v.unlockWithPin(fixture.pin)).rejects.toBeInstanceOf(LockThrottledError);
    await serve(10_000);
    // Three tabs open for 10 s served 10 s, not 30.
    for (const v of others) await expect(v.unlockWithPin(fixture.pin)).rejects.toBeInstanceOf(LockThrottledError);
    expect((await throttle())!.waitMs).toBeGreaterThan(15_000);
    await serve(20_000);
    // The first of them to ask serves the wait (Web Locks queue in order): it opens now.
    await others[0]!.unlockWithPin(fixture.pin);
    expect(await codesById(others[0]!)).toEqual(REFERENCE);
  });
});
