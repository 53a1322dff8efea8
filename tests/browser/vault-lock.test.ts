// The app lock on real Chromium WebCrypto and IndexedDB: what is stored with the lock on, right
// and wrong PINs, the growing delay, and lock on → off → on / PIN change keeping every code.
import { beforeEach, describe, expect, it } from 'vitest';
import { Vault } from '../../src/vault/vault.ts';
import { LockThrottledError, ProofRequiredError, VaultLockedError, WrongPinError } from '../../src/vault/errors.ts';
import { LOCK_KEY, TOKEN_PREFIX, type LockConfig, type StoredToken } from '../../src/vault/records.ts';
import { PIN_KDF, pinKeys } from '../../src/vault/lock/pin-key.ts';
import { SEEDS, bytesIn, codes, contains, cryptoKeysIn, dump, freshDb, reference, spec, expectWrongGuessesGiveOtherCodes } from './vault-helpers.ts';

const PIN = '246810';
const REFERENCE = { 'Bank SHA1': reference('SHA1'), 'Bank SHA256': reference('SHA256'), 'Bank SHA512': reference('SHA512') };

async function enrolled(): Promise<Vault> {
  const vault = await Vault.open();
  await vault.addMany([spec('SHA1'), spec('SHA256'), spec('SHA512')]);
  expect(await codes(vault)).toEqual(REFERENCE);
  return vault;
}

/** A PIN other than `pin` that fails the stored 8-bit check (most do: 255 in 256). */
async function failingPin(config: Extract<LockConfig, { kind: 'pin' }>): Promise<string> {
  for (let n = 111111; ; n++) {
    const { check } = await pinKeys(String(n), config.salt, config.kdf);
    if (check !== config.check) return String(n);
  }
}

// Argon2id at 64 MiB takes ~0.5–1 s a try on a busy runner; a test makes up to ~10.
describe('app lock (PIN)', { timeout: 180_000 }, () => {
  beforeEach(freshDb);

  it('with the lock on, storage holds only ciphertext and no CryptoKey at all', async () => {
    const vault = await enrolled();
    await vault.setPin(PIN);
    vault.close();
    const rows = await dump();
    expect(rows.flatMap(([, v]) => cryptoKeysIn(v))).toEqual([]);
    const tokens = rows.filter(([k]) => String(k).startsWith(TOKEN_PREFIX)).map(([, v]) => v as StoredToken);
    expect(tokens.map((t) => t.wrapped.scheme)).toEqual(['pin-aes-ctr', 'pin-aes-ctr', 'pin-aes-ctr']);
    const stored = rows.flatMap(([, v]) => bytesIn(v));
    for (const seed of Object.values(SEEDS)) {
      const bytes = new TextEncoder().encode(seed);
      // Not the seed, nor any 8-byte run of it, nor its text anywhere (base32/hex would be text).
      for (const b of stored) expect(contains(b, bytes.subarray(0, 8))).toBe(false);
      expect(JSON.stringify(rows.map(([k, v]) => [k, v]))).not.toContain(seed.slice(0, 8));
    }
    const lock = rows.find(([k]) => k === LOCK_KEY)![1] as LockConfig;
    expect(lock.kind).toBe('pin');
    if (lock.kind !== 'pin') return;
    // Argon2id, memory-hard: 64 MiB and the passes stored beside the seeds.
    expect(lock.kdf).toEqual({ name: 'argon2id', memoryKiB: 65536, iterations: PIN_KDF.iterations, parallelism: 1 });
    expect(lock.salt.length).toBe(16);
    expect(lock.check).toBeGreaterThanOrEqual(0);
    expect(lock.check).toBeLessThan(256);
    expect(Object.keys(lock).sort()).toEqual(['check', 'kdf', 'kind', 'salt']);
  });

  it('a reopened vault is locked; the right PIN gives the reference codes', async () => {
    (await enrolled()).close();
    const before = await Vault.open();
    await before.setPin(PIN);
    before.close();
    const vault = await Vault.open();
    expect(vault.lockState()).toBe('locked');
    expect(vault.list()).toHaveLength(3);
    expect(Object.values(await codes(vault))).toEqual([undefined, undefined, undefined]);
    await expect(vault.addMany([spec('SHA1', 'Other')])).rejects.toBeInstanceOf(VaultLockedError);
    await vault.unlockWithPin(PIN);
    expect(vault.lockState()).toBe('unlocked');
    expect(await codes(vault)).toEqual(REFERENCE);
    vault.lock();
    expect(Object.values(await codes(vault))).toEqual([undefined, undefined, undefined]);
    vault.close();
  });

  it('wrong PINs open the stored ciphertext without error into different codes (no offline test)', async () => {
    const vault = await enrolled();
    await vault.setPin(PIN);
    vault.close();
    // What an attacker holding a copy of the profile can do: derive a key per guess and decrypt.
    await expectWrongGuessesGiveOtherCodes(['246811', '000000', '135790'], REFERENCE);
  });

  it('wrong unlocks are refused by the check and delayed more and more, across reloads', async () => {
    const vault = await enrolled();
    await vault.setPin(PIN);
    vault.close();
    const lock = (await dump()).find(([k]) => k === LOCK_KEY)![1] as Extract<LockConfig, { kind: 'pin' }>;
    const wrong = await failingPin(lock);
    let last = 0;
    for (let i = 1; i <= 3; i++) {
      const v = await Vault.open(); // a reload between tries does not reset the count
      const e = await v.unlockWithPin(wrong).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WrongPinError);
      last = (e as WrongPinError).retryAt;
      expect(v.lockState()).toBe('locked');
      v.close();
    }
    expect(last).toBeGreaterThanOrEqual(Date.now() + 10_000);
    const again = await Vault.open();
    // Even the right PIN waits until the delay is over.
    await expect(again.unlockWithPin(PIN)).rejects.toBeInstanceOf(LockThrottledError);
    again.close();
  });

  it('lock on → off → on, and a PIN change, keep every token’s codes', async () => {
    const vault = await enrolled();
    await vault.setPin(PIN);
    expect(await codes(vault)).toEqual(REFERENCE);
    await vault.turnOff({ pin: PIN });
    vault.close();
    let v = await Vault.open();
    expect(v.lockState()).toBe('off');
    expect(await codes(v)).toEqual(REFERENCE);
    expect((await dump()).flatMap(([, x]) => cryptoKeysIn(x))).toHaveLength(1); // the new vault key
    await v.setPin('97531024');
    v.close();
    v = await Vault.open();
    await v.unlockWithPin('97531024');
    await v.setPin('11223344', { pin: '97531024' });
    v.close();
    v = await Vault.open();
    await expect(v.unlockWithPin('97531024')).rejects.toBeInstanceOf(WrongPinError).catch(async () => {
      // 1 in 256: the old PIN passes the new check; it must then give wrong codes.
      expect(await codes(v)).not.toEqual(REFERENCE);
      v.lock();
    });
    await v.unlockWithPin('11223344');
    expect(await codes(v)).toEqual(REFERENCE);
    v.close();
  });

  it('turning the lock off with a wrong PIN is refused before anything is re-wrapped', async () => {
    const vault = await enrolled();
    await vault.setPin(PIN);
    const lock = (await dump()).find(([k]) => k === LOCK_KEY)![1] as Extract<LockConfig, { kind: 'pin' }>;
    const other = await failingPin(lock);
    await expect(vault.turnOff({ pin: other })).rejects.toBeInstanceOf(WrongPinError);
    expect(vault.lockState()).toBe('unlocked');
    expect((await dump()).find(([k]) => k === LOCK_KEY)![1]).toEqual(lock);
    vault.close();
  });

  it('the vault itself refuses to turn the lock off or change the PIN without the PIN', async () => {
    const vault = await enrolled();
    await vault.setPin(PIN);
    const before = await dump();
    const noProof = vault as unknown as { turnOff(p?: unknown): Promise<void>; setPin(pin: string, p?: unknown): Promise<void> };
    await expect(noProof.turnOff()).rejects.toBeInstanceOf(ProofRequiredError);
    await expect(noProof.setPin('13579246')).rejects.toBeInstanceOf(ProofRequiredError);
    await expect(vault.turnOff({ passkey: true })).rejects.toBeInstanceOf(ProofRequiredError);
    expect(await dump()).toEqual(before);
    vault.lock();
    await expect(vault.turnOff({ pin: PIN })).rejects.toBeInstanceOf(VaultLockedError);
    expect(await dump()).toEqual(before);
    vault.close();
  });

  it('a token enrolled while unlocked is wrapped under the PIN and survives a reload', async () => {
    const vault = await Vault.open();
    await vault.addMany([spec('SHA1')]);
    await vault.setPin(PIN);
    await vault.addMany([spec('SHA256')]);
    vault.close();
    const v = await Vault.open();
    await v.unlockWithPin(PIN);
    expect(await codes(v)).toEqual({ 'Bank SHA1': REFERENCE['Bank SHA1'], 'Bank SHA256': REFERENCE['Bank SHA256'] });
    v.close();
  });
});
