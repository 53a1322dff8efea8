// Schema migration from the stored fixtures (tests/fixtures/vault/vault-v1.json and vault-v2.json,
// sealed with node:crypto): v1 → v2 → v3 and v2 → v3 keep every token and its codes, the lock works
// on migrated data, and a migrated vault takes an OCRA signing key.
import { beforeEach, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { get, set, setMany } from 'idb-keyval';
import fixture from '../fixtures/vault/vault-v1.json';
import fixtureV2 from '../fixtures/vault/vault-v2.json';
import { Vault } from '../../src/vault/vault.ts';
import { vaultStore } from '../../src/vault/db.ts';
import { VaultStorageError } from '../../src/vault/errors.ts';
import { SCHEMA_KEY, SCHEMA_VERSION, VAULT_KEY, WRAP_GEN_KEY, tokenKey, type StoredToken } from '../../src/vault/records.ts';
import { hotp } from '../../src/core/hotp.ts';
import { totp } from '../../src/core/totp.ts';
import { ocraResponse } from '../../src/core/token-ocra.ts';
import { T, freshDb } from './vault-helpers.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16));

type Fixture = typeof fixture & { wrapGen?: string };

/** Writes a fixture as its app left it: a non-extractable vault key and its records. */
async function storeFixture(f: Fixture = fixture): Promise<void> {
  const key = await crypto.subtle.importKey('raw', hex(f.vaultKeyHex), 'AES-GCM', false, ['encrypt', 'wrapKey', 'unwrapKey']);
  await setMany([
    [SCHEMA_KEY, f.schema],
    [VAULT_KEY, key],
    ...(f.wrapGen ? [[WRAP_GEN_KEY, f.wrapGen] as [string, unknown]] : []),
    ...f.records.map((r) => [r.key, { ...r.value, wrapped: { ...r.value.wrapped, iv: hex(r.value.wrapped.iv), data: hex(r.value.wrapped.data).buffer } }] as [string, unknown]),
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

  it('v1 → v2 → v3 → v4 keeps every token, its metadata and its codes, and marks it exposed', async () => {
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
      const stored = (await get<StoredToken>(tokenKey(r.value.id), vaultStore()))!;
      expect(stored.v).toBe(SCHEMA_VERSION);
      expect(stored.exposed).toBe(true);
    }
    vault.close();
  });

  it('v2 → v3 → v4 keeps every token, its type and counter, its codes and the wrapping generation', async () => {
    await storeFixture(fixtureV2 as unknown as Fixture);
    const vault = await Vault.open();
    expect(SCHEMA_VERSION).toBe(4);
    expect(await get(SCHEMA_KEY, vaultStore())).toBe(4);
    expect(await get(WRAP_GEN_KEY, vaultStore())).toBe(fixtureV2.wrapGen);
    expect(vault.list().map((t) => [t.type, t.issuer, t.label, t.serial, t.algorithm, t.digits, t.counter])).toEqual(
      fixtureV2.records.map((r) => [r.value.type, r.value.issuer, r.value.label, (r.value as { serial?: string }).serial, r.value.algorithm, r.value.digits, r.value.counter]),
    );
    for (const r of fixtureV2.records) {
      const stored = (await get<StoredToken>(tokenKey(r.value.id), vaultStore()))!;
      expect(stored.v).toBe(SCHEMA_VERSION);
      expect(await codeOf(vault, r.value.id)).toBe(reference(r.value as never, fixtureV2.seeds[r.value.id as keyof typeof fixtureV2.seeds]));
    }
    vault.close();
  });

  it('a migrated vault stores an OCRA signing key beside the old tokens, and it answers RFC 6287 C.3', async () => {
    await storeFixture(fixtureV2 as unknown as Fixture);
    const vault = await Vault.open();
    const key = await vault.add({
      type: 'ocra', suite: 'OCRA-1:HOTP-SHA256-8:QA08', algorithm: 'SHA256', digits: 8, period: 30, counter: 0,
      issuer: 'しんきん銀行', label: 'SKTS00509641', serial: 'SKTS00509641', signingFor: 'SKTS00509641',
      secret: new TextEncoder().encode('12345678901234567890123456789012'),
    });
    const stored = (await get<StoredToken>(tokenKey(key.id), vaultStore()))!;
    expect(stored).toMatchObject({ v: SCHEMA_VERSION, type: 'ocra', suite: 'OCRA-1:HOTP-SHA256-8:QA08', signingFor: 'SKTS00509641' });
    expect(await ocraResponse({ sign: vault.signer(key.id)!, params: { suite: stored.type === 'ocra' ? stored.suite : '', counter: 0 }, question: 'SIG10000' })).toBe('53095496');
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
