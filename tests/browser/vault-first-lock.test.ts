// A lock set before the first seed is stored (the first enrollment offers it): nothing stored can
// open a seed, locked or unlocked; the right PIN gives the reference codes, wrong PINs others.
// Tokens stored before a lock are marked exposed, so the app can say so and offer the exchange.
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCK_KEY, SCHEMA_KEY, THROTTLE_KEY, TOKEN_PREFIX, VAULT_KEY, WRAP_GEN_KEY, type LockConfig, type StoredToken } from '../../src/vault/records.ts';
import { SEEDS, bytesIn, codes, contains, cryptoKeysIn, dump, freshDb, reference, spec, vaultTabs, expectWrongGuessesGiveOtherCodes } from './vault-helpers.ts';

const PIN = '31415926';
const REFERENCE = { 'Bank SHA1': reference('SHA1'), 'Bank SHA256': reference('SHA256'), 'Bank SHA512': reference('SHA512') };
const ALLOWED = new Set([SCHEMA_KEY, WRAP_GEN_KEY, LOCK_KEY, THROTTLE_KEY]);

/** Everything the store holds, checked for any key: CryptoKeys, a vault key record, seed bytes, key-sized extras. */
async function expectNoKeyStored(): Promise<void> {
  const rows = await dump();
  expect(rows.flatMap(([, v]) => cryptoKeysIn(v))).toEqual([]);
  expect(rows.map(([k]) => k)).not.toContain(VAULT_KEY);
  for (const [k] of rows) expect(ALLOWED.has(String(k)) || String(k).startsWith(TOKEN_PREFIX)).toBe(true);
  const lock = rows.find(([k]) => k === LOCK_KEY)![1] as Extract<LockConfig, { kind: 'pin' }>;
  expect(Object.keys(lock).sort()).toEqual(['check', 'kdf', 'kind', 'salt']);
  const tokens = rows.filter(([k]) => String(k).startsWith(TOKEN_PREFIX)).map(([, v]) => v as StoredToken);
  expect(tokens).toHaveLength(3);
  for (const t of tokens) {
    expect(t.wrapped.scheme).toBe('pin-aes-ctr');
    // AES-CTR: exactly the seed's length, so no wrapped key or tag rides along.
    expect(t.wrapped.data.byteLength).toBe(SEEDS[t.algorithm].length);
    expect(t.exposed).toBeUndefined();
  }
  const stored = rows.flatMap(([, v]) => bytesIn(v));
  for (const seed of Object.values(SEEDS)) {
    for (const b of stored) expect(contains(b, new TextEncoder().encode(seed).subarray(0, 8))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(seed.slice(0, 8));
  }
}

const tab = vaultTabs();

describe('lock before the first seed', { timeout: 180_000 }, () => {
  beforeEach(freshDb);

  it('stores no key of any kind, unlocked, locked and after unlocking again; the right PIN gives the reference codes', async () => {
    const vault = await tab();
    await vault.setPin(PIN);
    expect((await dump()).flatMap(([, v]) => cryptoKeysIn(v))).toEqual([]);
    await vault.addMany([spec('SHA1'), spec('SHA256'), spec('SHA512')]);
    expect(await codes(vault)).toEqual(REFERENCE);
    await expectNoKeyStored();
    vault.lock();
    await expectNoKeyStored();
    vault.close();
    const again = await tab();
    expect(again.lockState()).toBe('locked');
    await expectNoKeyStored();
    await again.unlockWithPin(PIN);
    expect(await codes(again)).toEqual(REFERENCE);
    await expectNoKeyStored();
    expect(again.exposed()).toEqual([]);
  });

  it('wrong PINs, tried as an attacker with the stored records would, give codes that differ', async () => {
    const vault = await tab();
    await vault.setPin(PIN);
    await vault.addMany([spec('SHA1'), spec('SHA256'), spec('SHA512')]);
    await expectWrongGuessesGiveOtherCodes(['31415927', '00000000', '123456'], REFERENCE);
  });

  it('tokens stored before the lock are marked exposed; tokens stored under it are not; lock off exposes all', async () => {
    const vault = await tab();
    const old = await vault.add(spec('SHA1'));
    await vault.setPin(PIN);
    const fresh = await vault.add(spec('SHA256'));
    expect(vault.exposed().map((t) => t.id)).toEqual([old.id]);
    vault.close();
    const again = await tab();
    expect(again.exposed().map((t) => t.id)).toEqual([old.id]);
    await again.unlockWithPin(PIN);
    await again.turnOff({ pin: PIN });
    expect(again.exposed().map((t) => t.id).sort()).toEqual([old.id, fresh.id].sort());
  });
});
