// A PBKDF2 PIN lock (the stored v2 fixture, sealed with node:crypto by make-pin-locked.mjs) is
// re-wrapped under Argon2id at its first unlock and keeps every code; PBKDF2 no longer opens it.
import { beforeEach, describe, expect, it } from 'vitest';
import { get } from 'idb-keyval';
import fixture from '../fixtures/vault/vault-v2-pbkdf2.json';
import { vaultStore } from '../../src/vault/db.ts';
import { LOCK_KEY, SCHEMA_KEY, SCHEMA_VERSION, tokenKey, type LockConfig, type StoredToken } from '../../src/vault/records.ts';
import { PIN_KDF, pinKeys, pinWrapping } from '../../src/vault/lock/pin-key.ts';
import { openWith } from '../../src/vault/lock/wrapping.ts';
import { signerFor } from '../../src/vault/seal.ts';
import { hotp } from '../../src/core/hotp.ts';
import { codesById, cryptoKeysIn, dump, fixtureCode, freshDb, storeExport, vaultTabs } from './vault-helpers.ts';

type Meta = { id: string; type: string; algorithm: string; digits: number; period: number; counter: number; wrapped: { iv: string } };
const TOKENS = fixture.records.filter((r) => r.key.startsWith('token:')).map((r) => r.value as Meta);
const REFERENCE = Object.fromEntries(TOKENS.map((t) => [t.id, fixtureCode(t, fixture.seeds[t.id as keyof typeof fixture.seeds])]));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const pinLock = async () => (await get<LockConfig>(LOCK_KEY, vaultStore())) as Extract<LockConfig, { kind: 'pin' }>;

const tab = vaultTabs();

describe('PBKDF2 → Argon2id', { timeout: 180_000 }, () => {
  beforeEach(async () => {
    await freshDb();
    await storeExport(fixture);
  });

  it('the schema step keeps the PBKDF2 lock as it was, naming its derivation', async () => {
    const vault = await tab();
    expect(await get(SCHEMA_KEY, vaultStore())).toBe(SCHEMA_VERSION);
    expect(vault.lockState()).toBe('locked');
    const lock = await pinLock();
    expect(lock.kdf).toEqual({ name: 'pbkdf2-sha256', iterations: 600_000 });
    expect(hex(lock.salt)).toBe((fixture.records.find((r) => r.key === 'lock')!.value as { salt: string }).salt);
  });

  it('the first unlock re-wraps every seed under Argon2id and keeps the codes; the next opens with Argon2id alone', async () => {
    const vault = await tab();
    await vault.unlockWithPin(fixture.pin);
    expect(await codesById(vault)).toEqual(REFERENCE);
    const lock = await pinLock();
    expect(lock.kdf).toEqual(PIN_KDF);
    expect(hex(lock.salt)).not.toBe((fixture.records.find((r) => r.key === 'lock')!.value as { salt: string }).salt);
    expect((await dump()).flatMap(([, v]) => cryptoKeysIn(v))).toEqual([]);
    for (const t of TOKENS) {
      const stored = (await get<StoredToken>(tokenKey(t.id), vaultStore()))!;
      expect(stored.wrapped.scheme).toBe('pin-aes-ctr');
      expect(hex(stored.wrapped.iv)).not.toBe(t.wrapped.iv);
    }
    vault.close();

    const again = await tab();
    await again.unlockWithPin(fixture.pin);
    expect(await codesById(again)).toEqual(REFERENCE);

    // The old PBKDF2 key no longer opens what is stored.
    const old = await pinKeys(fixture.pin, lock.salt, { name: 'pbkdf2-sha256', iterations: 600_000 });
    const hotpToken = TOKENS.find((t) => t.type === 'hotp')!;
    const stored = (await get<StoredToken>(tokenKey(hotpToken.id), vaultStore()))!;
    const sign = signerFor(await openWith(pinWrapping(old.key, ''), stored.wrapped, stored.id, stored.algorithm));
    expect(await hotp({ sign, counter: stored.counter, digits: stored.digits })).not.toBe(REFERENCE[hotpToken.id]);
  });
});
