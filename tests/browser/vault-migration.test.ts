// Schema migration from a stored v1 fixture (tests/fixtures/vault/vault-v1.json, sealed with
// node:crypto): v1 → v2 keeps every token and its codes, and the lock works on migrated data.
import { beforeEach, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { get, set, setMany } from 'idb-keyval';
import fixture from '../fixtures/vault/vault-v1.json';
import { Vault } from '../../src/vault/vault.ts';
import { vaultStore } from '../../src/vault/db.ts';
import { VaultStorageError } from '../../src/vault/errors.ts';
import { SCHEMA_KEY, SCHEMA_VERSION, VAULT_KEY, WRAP_GEN_KEY, tokenKey, type StoredToken } from '../../src/vault/records.ts';
import { hotp } from '../../src/core/hotp.ts';
import { totp } from '../../src/core/totp.ts';
import { T, freshDb } from './vault-helpers.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16));

/** Writes the fixture as the v1 app left it: a non-extractable vault key and v1 records. */
async function storeFixture(): Promise<void> {
  const key = await crypto.subtle.importKey('raw', hex(fixture.vaultKeyHex), 'AES-GCM', false, ['encrypt', 'wrapKey', 'unwrapKey']);
  await setMany([
    [SCHEMA_KEY, fixture.schema],
    [VAULT_KEY, key],
    ...fixture.records.map((r) => [r.key, { ...r.value, wrapped: { ...r.value.wrapped, iv: hex(r.value.wrapped.iv), data: hex(r.value.wrapped.data).buffer } }] as [string, unknown]),
  ], vaultStore());
}

function reference(t: (typeof fixture.records)[number]['value'], seed: string): string {
  const secret = OTPAuth.Secret.fromLatin1(seed);
  return t.type === 'hotp'
    ? new OTPAuth.HOTP({ secret, algorithm: t.algorithm, digits: t.digits, counter: t.counter }).generate()
    : new OTPAuth.TOTP({ secret, algorithm: t.algorithm, digits: t.digits, period: t.period }).generate({ timestamp: T });
}

async function codeOf(vault: Vault, id: string): Promise<string> {
  const meta = vault.list().find((t) => t.id === id)!;
  const sign = vault.signer(id)!;
  return meta.type === 'hotp' ? hotp({ sign, counter: meta.counter, digits: meta.digits }) : totp({ sign, timestamp: T, period: meta.period, digits: meta.digits });
}

describe('vault migration from the stored v1 fixture', { timeout: 60_000 }, () => {
  beforeEach(freshDb);

  it('v1 → v2 keeps every token, its metadata and its codes', async () => {
    await storeFixture();
    const vault = await Vault.open();
    expect(await get(SCHEMA_KEY, vaultStore())).toBe(SCHEMA_VERSION);
    expect(typeof (await get(WRAP_GEN_KEY, vaultStore()))).toBe('string');
    expect(vault.list().map((t) => [t.issuer, t.label, t.serial, t.counter])).toEqual(
      fixture.records.map((r) => [r.value.issuer, r.value.label, (r.value as { serial?: string }).serial, r.value.counter]),
    );
    expect(vault.broken().size).toBe(0);
    for (const r of fixture.records) {
      expect(await codeOf(vault, r.value.id)).toBe(reference(r.value, fixture.seeds[r.value.id as keyof typeof fixture.seeds]));
      expect((await get<StoredToken>(tokenKey(r.value.id), vaultStore()))!.v).toBe(2);
    }
    vault.close();
  });

  it('migrated tokens lock and unlock with a PIN and keep their codes', async () => {
    await storeFixture();
    const vault = await Vault.open();
    await vault.setPin('135792');
    vault.close();
    const again = await Vault.open();
    await again.unlockWithPin('135792');
    for (const r of fixture.records)
      expect(await codeOf(again, r.value.id)).toBe(reference(r.value, fixture.seeds[r.value.id as keyof typeof fixture.seeds]));
    again.close();
  });

  it('a schema newer than the app is refused with a typed error, and nothing is changed', async () => {
    await storeFixture();
    await set(SCHEMA_KEY, SCHEMA_VERSION + 1, vaultStore());
    await expect(Vault.open()).rejects.toBeInstanceOf(VaultStorageError);
    expect(await get(SCHEMA_KEY, vaultStore())).toBe(SCHEMA_VERSION + 1);
    expect((await get<StoredToken>(fixture.records[0]!.key, vaultStore()))!.v).toBe(1);
  });
});
